#!/usr/bin/env python3
"""Independent check of Frontline's GeoJSON with Shapely (GEOS via its own wheel) and pyproj.

Usage: verify_geojson.py FILE.geojson COUNTRIES.geojson [ISO ...]

Checks, for the FeatureCollection written by `frontline replay`:
  - every geometry is a valid (Multi)Polygon, longitude first, exterior rings counter-clockwise
    and holes clockwise (RFC 7946 3.1.6), coordinates with at most 6 decimals (RFC 7946 11.2);
  - no two features overlap (overlap area < 1e-9 of the region);
  - together they cover the region (the union of the country outlines) within 0.01%;
  - pyproj's ellipsoidal (WGS84) area of each feature agrees with its `area_km2` within 0.1%.
Prints one line per check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import json
import re
import sys

from pyproj import Geod
from shapely.geometry import shape
from shapely.ops import unary_union

GEOD = Geod(ellps="WGS84")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")


def area_km2(geom):
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def polygons(geom):
    return list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]


def main(path, countries_path, isos):
    text = open(path, encoding="utf-8").read()
    fc = json.loads(text)
    check("FeatureCollection", fc.get("type") == "FeatureCollection")
    coordinates = json.dumps([f["geometry"]["coordinates"] for f in fc.get("features", [])])
    long_decimals = re.findall(r"-?\d+\.\d{7,}", coordinates)
    check("coordinates: at most 6 decimals", not long_decimals, f"{len(long_decimals)} numbers with more" if long_decimals else "")

    feats = fc["features"]
    geoms = []
    for f in feats:
        p = f["properties"]
        label = f"{p['faction']} ({p['status']}{'/' + p['contested_by'] if 'contested_by' in p else ''})"
        g = shape(f["geometry"])
        geoms.append(g)
        check(f"{label} valid {g.geom_type}", g.is_valid and g.geom_type in ("Polygon", "MultiPolygon"))
        rings_ok = all(poly.exterior.is_ccw and all(not r.is_ccw for r in poly.interiors) for poly in polygons(g))
        check(f"{label} winding (exterior CCW, holes CW)", rings_ok)
        minx, miny, maxx, maxy = g.bounds
        check(f"{label} longitude first", 34 <= minx <= maxx <= 50 and 28 <= miny <= maxy <= 38, f"bounds {g.bounds}")
        a = area_km2(g)
        diff = abs(a - p["area_km2"]) / p["area_km2"]
        check(f"{label} area pyproj {a:.2f} km2 vs Frontline {p['area_km2']} km2", diff < 1e-3, f"{diff:.2e}")

    outlines = json.load(open(countries_path, encoding="utf-8"))
    region = unary_union([shape(f["geometry"]) for f in outlines["features"] if f["properties"]["iso_a2"] in isos])
    region_km2 = area_km2(region)
    overlap = 0.0
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if geoms[i].intersects(geoms[j]):
                inter = geoms[i].intersection(geoms[j])
                if inter.area > 0:
                    overlap += area_km2(inter) if inter.geom_type in ("Polygon", "MultiPolygon") else 0.0
    check("no overlaps", overlap < 1e-9 * region_km2, f"{overlap:.6f} km2 overlap")
    union = unary_union(geoms)
    gap = area_km2(region.difference(union)) if not region.difference(union).is_empty else 0.0
    extra = area_km2(union.difference(region)) if not union.difference(region).is_empty else 0.0
    check(f"covers the region ({region_km2:.0f} km2)", (gap + extra) / region_km2 < 1e-4,
          f"uncovered {gap:.3f} km2, outside {extra:.3f} km2")

    passed, failed = results.count(True), results.count(False)
    print(f"verify_geojson: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:] or ["SY", "IQ"]))
