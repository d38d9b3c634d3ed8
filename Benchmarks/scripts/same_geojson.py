#!/usr/bin/env python3
"""Whether two Frontline GeoJSON files describe the same territories: the same features with
the same properties, and geometries that are equal point sets (shapely `equals`; vertex order,
ring start and polygon order may differ), also after normalizing (`normalize().equals_exact`).

    python3 Benchmarks/scripts/same_geojson.py A.geojson B.geojson [...pairs]
"""
import json
import sys

import shapely


def same(path_a, path_b):
    a, b = (json.load(open(p)) for p in (path_a, path_b))
    fa, fb = a["features"], b["features"]
    problems = []
    if len(fa) != len(fb):
        problems.append(f"{len(fa)} features against {len(fb)}")
    for x, y in zip(fa, fb):
        if x["properties"] != y["properties"]:
            problems.append(f"properties differ: {x['properties']} / {y['properties']}")
        gx, gy = shapely.geometry.shape(x["geometry"]), shapely.geometry.shape(y["geometry"])
        if not (gx.is_valid and gy.is_valid):
            problems.append(f"{x['properties']['faction']}: invalid geometry")
        if not gx.equals(gy):
            problems.append(f"{x['properties']['faction']}: not the same point set")
        if not shapely.normalize(gx).equals_exact(shapely.normalize(gy), 0):
            problems.append(f"{x['properties']['faction']}: normalized coordinates differ")
    return problems


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    failed = False
    for a, b in zip(args[::2], args[1::2]):
        problems = same(a, b)
        print(f"{a} / {b}: {'same territories' if not problems else '; '.join(problems[:5])}")
        failed |= bool(problems)
    sys.exit(1 if failed else 0)
