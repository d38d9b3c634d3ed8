#!/usr/bin/env python3
"""Building a partition of N points: Frontline's Partition(points:) against Shapely + pyproj.

Runs Benchmarks' PartitionCompare tool (built in release mode if missing), which writes N
random points in Syria and Iraq (with their countries) as JSON, times
`Partition(points:outlines:countries:)` on them and compiles a 370-event scenario naming them;
then builds the same cells with Shapely: per country, the Voronoi diagram of its points
(`shapely.voronoi_polygons`, one cell per point, `ordered=True` where Shapely and its GEOS
have it), each cell clipped to the country's outline (`shapely.intersection`), and each
cell's ellipsoidal area (`pyproj.Geod.geometry_area_perimeter`, WGS84, Karney's algorithm like
Frontline's). Both sides work in the same plane (longitude scaled by the cosine of the
region's middle latitude), classify the points by country and end with WGS84 areas. Prints
the medians, the ratio and both sides' total area and peak memory.

    pip install shapely pyproj
    python3 Benchmarks/scripts/compare_partition.py 1000 [--rounds 3]
    python3 Benchmarks/scripts/compare_partition.py 20000
    python3 Benchmarks/scripts/compare_partition.py 100000

Each round runs the tool (its build median over 3 runs, 1 at 50,000 points and more) and then
times Shapely (median of 3 runs, 1 at 50,000 and more), so both sides see the same load; the
figures are medians over the rounds (default 3 rounds, 1 at 100,000 points).

What Frontline does and Shapely does not: all countries' Voronoi edges and borders are noded
together and polygonized, so the cells form one exact coverage (neighbours share their edges
vertex for vertex, across borders too), and each face is matched to its point; Shapely's
cells are clipped one by one and need not share vertices.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import shapely
from pyproj import Geod

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)
REPOSITORY = os.path.dirname(BENCHMARKS)
GEOD = Geod(ellps="WGS84")


def tool():
    path = os.path.join(BENCHMARKS, ".build", "release", "PartitionCompare")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "-c", "release", "--product", "PartitionCompare"], cwd=BENCHMARKS, check=True)
    return path


def run_tool(n, export, repeats):
    run = subprocess.run([tool(), str(n), export, str(repeats)], check=True, capture_output=True, text=True)
    sys.stderr.write(run.stderr)
    return json.loads(run.stdout)


def outlines():
    with open(os.path.join(REPOSITORY, "Geo", "countries.geojson")) as f:
        features = json.load(f)["features"]
    return {f["properties"]["iso_a2"]: shapely.geometry.shape(f["geometry"]) for f in features}


def shapely_partition(points, shapes, k):
    """Cells and areas of `points` ([lon, lat, country]) with Shapely and pyproj. Returns (area km², phases)."""
    phases = {}
    start = time.perf_counter()
    xy = np.array([[p[0], p[1]] for p in points])
    total_area = 0.0
    cells_done = 0
    for code in ("SY", "IQ"):
        outline = shapely.transform(shapes[code], lambda c: c * [k, 1.0])
        shapely.prepare(outline)
        t = time.perf_counter()
        inside = shapely.contains_xy(outline, xy[:, 0] * k, xy[:, 1])   # the points of this country
        mine = xy[inside]
        phases["classify"] = phases.get("classify", 0) + time.perf_counter() - t
        t = time.perf_counter()
        try:
            diagram = shapely.voronoi_polygons(shapely.multipoints(mine * [k, 1.0]), extend_to=outline, ordered=True)
        except TypeError:  # Shapely < 2.1: no `ordered`
            diagram = shapely.voronoi_polygons(shapely.multipoints(mine * [k, 1.0]), extend_to=outline)
        cells = shapely.get_parts(diagram)
        phases["voronoi"] = phases.get("voronoi", 0) + time.perf_counter() - t
        t = time.perf_counter()
        clipped = shapely.intersection(cells, outline)
        clipped = shapely.transform(clipped, lambda c: c / [k, 1.0])
        phases["clip"] = phases.get("clip", 0) + time.perf_counter() - t
        t = time.perf_counter()
        for cell in clipped:
            total_area += abs(GEOD.geometry_area_perimeter(cell)[0])
        phases["areas"] = phases.get("areas", 0) + time.perf_counter() - t
        cells_done += len(clipped)
    phases["total"] = time.perf_counter() - start
    return total_area / 1e6, cells_done, phases


def main(argv):
    rounds = None
    if "--rounds" in argv:
        i = argv.index("--rounds")
        rounds = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if len(argv) != 1 or not argv[0].isdigit():
        sys.exit(__doc__)
    n = int(argv[0])
    rounds = rounds or (1 if n >= 100_000 else 3)
    repeats = 1 if n >= 50_000 else 3
    shapes = outlines()
    lats = [y for code in ("SY", "IQ") for y in shapely.get_coordinates(shapes[code])[:, 1]]
    k = np.cos((min(lats) + max(lats)) / 2 * np.pi / 180)
    frontline, shapely_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        export = os.path.join(tmp, "points.json")
        for _ in range(rounds):
            frontline.append(run_tool(n, export, repeats))
            with open(export) as f:
                points = json.load(f)
            runs = [shapely_partition(points, shapes, k) for _ in range(repeats)]
            shapely_runs.append(sorted(runs, key=lambda r: r[2]["total"])[len(runs) // 2])
    f_ms = statistics.median(r["build_ms"] for r in frontline)
    s_ms = statistics.median(r[2]["total"] * 1000 for r in shapely_runs)
    phases = {p: statistics.median(r[2][p] * 1000 for r in shapely_runs) for p in shapely_runs[0][2]}
    f = frontline[len(frontline) // 2]
    peak_python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} points, GEOS {shapely.geos_version_string} (Shapely {shapely.__version__}), median of {rounds} round(s)")
    print(f"  Frontline Partition(points:)   {f_ms:10.1f} ms  {f['cells']} cells, {f['area_km2']:.0f} km², "
          f"peak RSS {f['build_peak_rss_mb']:.0f} MB (process, after the builds)")
    print(f"  Shapely + pyproj               {s_ms:10.1f} ms  {shapely_runs[0][1]} cells, {shapely_runs[0][0]:.0f} km², "
          f"peak RSS {peak_python:.0f} MB (this Python process) — "
          + ", ".join(f"{p} {phases[p]:.0f}" for p in ("classify", "voronoi", "clip", "areas")))
    print(f"  Shapely / Frontline            {s_ms / f_ms:10.2f}×  (above 1: Frontline faster)")
    print(f"  Frontline compile, 370 events  {statistics.median(r['compile_ms'] for r in frontline):10.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
