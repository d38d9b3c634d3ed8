#!/usr/bin/env python3
"""Independent check of Frontline's time-enabled layer with GDAL's own tools and pyproj.

Usage: verify_layer.py FRONTLINE_BINARY LAYER_FILE DATE [DATE ...]

Reads LAYER_FILE (.gpkg, .fgb or .geojson, written by `frontline replay --to … --every … -o FILE`)
with `ogrinfo` and `ogr2ogr` (Debian's gdal-bin, not Frontline's code) and checks:
  - ogrinfo: layer `territories`, geometry type "Multi Polygon", CRS EPSG:4326, `valid_from` and
    `valid_to` fields of type Date, the other fields with their types;
  - every feature is a valid MultiPolygon, valid_from < valid_to, and the features of one
    territory part (faction, status, contested_by, admin1, place) never overlap in time;
  - on each DATE, for every faction: the features valid that day (valid_from <= DATE < valid_to)
    add up to `frontline share --date DATE --format json` within 1e-3 (relative, 0.01 km² at
    least): held area_km2, contested_km2, influence_km2, population and contested_population
    from the fields, and held, contested and influence km² measured on the geometries with
    pyproj (WGS84 ellipsoid); all features plus unassigned ground add up to region_km2.
Prints one line per check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import json
import subprocess
import sys
from collections import defaultdict

from pyproj import Geod
from shapely.geometry import shape

GEOD = Geod(ellps="WGS84")
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")


def close(a, b, rel=1e-3, floor=0.01):
    return abs(a - b) <= max(rel * abs(b), floor)


def main(binary, path, dates):
    info = subprocess.run(["ogrinfo", "-so", "-ro", path, "territories"], check=True, capture_output=True, text=True).stdout
    check("ogrinfo: geometry Multi Polygon", "Geometry: Multi Polygon" in info)
    check("ogrinfo: CRS EPSG:4326", 'ID["EPSG",4326]' in info or "EPSG:4326" in info)
    check("ogrinfo: longitude first", "Data axis to CRS axis mapping: 2,1" in info)
    # FlatGeobuf has no date type (its only temporal column type is DateTime, written at 00:00);
    # GeoJSON's reader types small integers as Integer.
    date = "DateTime" if path.endswith(".fgb") else "Date"
    for field, kinds in [("valid_from", [date]), ("valid_to", [date]), ("faction", ["String"]), ("status", ["String"]),
                         ("place", ["String"]), ("area_km2", ["Real"]), ("population", ["Integer64", "Integer"]),
                         ("events", ["String"]), ("last_event", ["Integer64", "Integer"])]:
        check(f"ogrinfo: {field} is a {' or '.join(kinds)} field", any(f"\n{field}: {k} " in info for k in kinds))

    text = subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", path, "territories"],
                          check=True, capture_output=True, text=True).stdout
    features = json.loads(text)["features"]
    for f in features:   # DateTime values (FlatGeobuf) as their day
        for key in ("valid_from", "valid_to"):
            f["properties"][key] = f["properties"][key][:10]
    check(f"{len(features)} features read by ogr2ogr", len(features) > 0)
    bad_type = [f for f in features if f["geometry"]["type"] != "MultiPolygon"]
    check("every geometry a MultiPolygon", not bad_type, f"{len(bad_type)} are not")
    shapes = [shape(f["geometry"]) for f in features]
    invalid = sum(1 for g in shapes if not g.is_valid)
    check("every geometry valid (Shapely)", invalid == 0, f"{invalid} invalid")
    backwards = sum(1 for f in features if not f["properties"]["valid_from"] < f["properties"]["valid_to"])
    check("valid_from < valid_to", backwards == 0, f"{backwards} features")
    spans = defaultdict(list)
    for f in features:
        p = f["properties"]
        spans[(p["faction"], p["status"], p.get("contested_by"), p.get("admin1"), p.get("place"))].append((p["valid_from"], p["valid_to"]))
    overlapping = 0
    for intervals in spans.values():
        intervals.sort()
        overlapping += sum(1 for a, b in zip(intervals, intervals[1:]) if b[0] < a[1])
    check("one territory part's features never overlap in time", overlapping == 0, f"{overlapping} overlaps")

    for date in dates:
        share = json.loads(subprocess.run([binary, "share", "--date", date, "--format", "json"],
                                          check=True, capture_output=True, text=True).stdout)
        fields = defaultdict(float)
        measured = defaultdict(float)
        total = 0.0
        for f, g in zip(features, shapes):
            p = f["properties"]
            if not (p["valid_from"] <= date < p["valid_to"]):
                continue
            status = p["status"]
            fields[(p["faction"], status)] += p["area_km2"]
            fields[(p["faction"], status + "_population")] += p["population"]
            measured[(p["faction"], status)] += abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6
            total += p["area_km2"]
        for fs in share["factions"]:
            fid = fs["id"]
            for status, key in [("held", "area_km2"), ("contested", "contested_km2"), ("influence", "influence_km2")]:
                a, m, b = fields[(fid, status)], measured[(fid, status)], fs[key]
                check(f"{date} {fid} {status}: layer {a:.2f} km2, geometry {m:.2f} km2, share {b} km2",
                      close(a, b) and close(m, b))
            for status, key in [("held", "population"), ("contested", "contested_population")]:
                a, b = fields[(fid, status + "_population")], fs[key]
                check(f"{date} {fid} {key}: layer {a:.0f}, share {b}", a == b)
        region = total + share["unassigned"]["area_km2"]
        check(f"{date} features + unassigned = region {share['region_km2']} km2", close(region, share["region_km2"]),
              f"{region:.2f}")

    passed, failed = results.count(True), results.count(False)
    print(f"verify_layer {path}: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
