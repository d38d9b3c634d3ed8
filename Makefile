# Frontline: build, install and uninstall.
#
#   make                          # swift build -c release (static Swift runtime)
#   make install PREFIX=/usr/local
#   make install PREFIX=$HOME/.local
#   make uninstall PREFIX=...
#   make man                      # regenerate docs/frontline.1 (swift-argument-parser's generate-manual)
#
# install puts the binary in $(PREFIX)/bin, its data (Geo/, Scenarios/, the viewer's Viewer/) in
# $(PREFIX)/share/frontline (where the binary looks for it), the man page in
# $(PREFIX)/share/man/man1 and completion scripts for bash, zsh and fish in the
# places those shells read them from. DESTDIR is honoured for packaging.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/frontline
MANDIR   ?= $(PREFIX)/share/man/man1
SWIFT    ?= swift
# The Swift runtime linked in, so the binary runs without the toolchain (GEOS, PROJ and GDAL stay
# shared libraries: libgeos-c1v5, libproj25, libgdal32 on Debian).
SWIFTFLAGS ?= -c release --static-swift-stdlib

BIN = $(shell $(SWIFT) build $(SWIFTFLAGS) --show-bin-path)/frontline

.PHONY: all build install uninstall man
all: build

build:
	$(SWIFT) build $(SWIFTFLAGS) --product frontline

install: build
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(DATADIR)/Geo" "$(DESTDIR)$(DATADIR)/Scenarios" "$(DESTDIR)$(DATADIR)/Viewer" "$(DESTDIR)$(MANDIR)" \
	    "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	    "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 "$(BIN)" "$(DESTDIR)$(BINDIR)/frontline"
	install -m 644 Geo/*.tsv Geo/*.geojson Geo/README.md "$(DESTDIR)$(DATADIR)/Geo/"
	install -m 644 Scenarios/*.yaml "$(DESTDIR)$(DATADIR)/Scenarios/"
	cp -R Viewer/. "$(DESTDIR)$(DATADIR)/Viewer/"
	install -m 644 LICENSE "$(DESTDIR)$(DATADIR)/LICENSE"
	install -m 644 docs/frontline.1 "$(DESTDIR)$(MANDIR)/frontline.1"
	"$(BIN)" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/frontline"
	"$(BIN)" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_frontline"
	"$(BIN)" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/frontline.fish"
	@echo "installed $(DESTDIR)$(BINDIR)/frontline and its data in $(DESTDIR)$(DATADIR)"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/frontline" "$(DESTDIR)$(MANDIR)/frontline.1" \
	    "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/frontline" \
	    "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_frontline" \
	    "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/frontline.fish"
	rm -rf "$(DESTDIR)$(DATADIR)"

# The man page from the command's own help, by swift-argument-parser's plugin; committed, so
# installing needs no plugin run.
# The page's date: the last commit's, so the same commit gives the same page.
MANDATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)
man:
	$(SWIFT) package plugin --allow-writing-to-package-directory generate-manual --configuration debug \
	    --date $(MANDATE) --authors "The Frontline authors"
	cp .build/plugins/GenerateManual/outputs/frontline/frontline.1 docs/frontline.1
	@ls -l docs/frontline.1
