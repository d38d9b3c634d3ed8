#!/usr/bin/env python3
"""Territory polygons side by side: Frontline's builders against shapely.coverage_union_all.

Runs Benchmarks' CoverageCompare tool (built in release mode if missing), which exports the
cells and the territories of several dates (or of a synthetic partition) as JSON and times
Frontline's CoverageEdgeBuilder and CoverageUnionBuilder on them; then times
shapely.coverage_union_all on the same cells, one call per territory, and prints the medians
and the ratios.

    pip install shapely
    python3 Benchmarks/scripts/compare_shapely.py real [--rounds 3]
    python3 Benchmarks/scripts/compare_shapely.py synthetic 20000 [--rounds 3]
    python3 Benchmarks/scripts/compare_shapely.py synthetic 100000

Each round runs the tool and then times Shapely, so that both sides see the same machine load;
each figure is the median over the rounds of each round's median (default: 3 rounds, 1 at
100,000 cells and more).

Frontline's edge-graph times include a GEOS validity check of every polygon it builds and
exclude the edge graph, built once per partition (its time is printed apart); Shapely's
times are coverage_union_all alone, and with is_valid on each result in the last column.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import shapely

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)


def tool():
    path = os.path.join(BENCHMARKS, ".build", "release", "CoverageCompare")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "-c", "release", "--product", "CoverageCompare"], cwd=BENCHMARKS, check=True)
    return path


def median_ms(repeats, body):
    body()  # warm-up
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        body()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(samples)


def run_tool(argv, export):
    run = subprocess.run([tool()] + argv + [export], check=True, capture_output=True, text=True)
    sys.stderr.write(run.stderr)
    return {(r["set"], r["builder"]): r["ms"] for r in map(json.loads, filter(str.strip, run.stdout.splitlines()))}


def main(argv):
    rounds = None
    if "--rounds" in argv:
        k = argv.index("--rounds")
        rounds = int(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    if not argv or argv[0] not in ("real", "synthetic") or (argv[0] == "synthetic" and len(argv) != 2):
        sys.exit(__doc__)
    if rounds is None:
        rounds = 1 if argv[0] == "synthetic" and int(argv[1]) >= 100_000 else 3
    with tempfile.TemporaryDirectory() as tmp:
        export = os.path.join(tmp, "cells.json")
        frontline = [run_tool(argv, export)]
        with open(export) as f:
            data = json.load(f)

        def polygon(rings):
            return shapely.Polygon(rings[0], rings[1:])

        units = np.array([
            (polygon(u[0]) if len(u) == 1 else shapely.MultiPolygon([polygon(p) for p in u])) if u else None
            for u in data["units"]
        ], dtype=object)
        cells = len(units)
        repeats = 5 if cells > 50_000 else 9 if cells > 5_000 else 31
        groups = {s["name"]: [units[t][[g is not None for g in units[t]]] for t in s["territories"]] for s in data["sets"]}

        def shapely_times():
            result = {}
            for name, territories in groups.items():
                def union_all():
                    return [shapely.coverage_union_all(g) for g in territories]

                def union_all_valid():
                    return [shapely.is_valid(u) for u in union_all()]

                result[name] = (median_ms(repeats, union_all), median_ms(repeats, union_all_valid))
            return result

        timings = [shapely_times()]
        for _ in range(rounds - 1):
            frontline.append(run_tool(argv, export))
            timings.append(shapely_times())

    def middle(values):
        return statistics.median(values)

    graph = middle([f[("graph", "edge graph build (once per partition)")] for f in frontline])
    print(f"{sum(u is not None for u in units)} units ({cells} unit slots), GEOS {shapely.geos_version_string} (Shapely {shapely.__version__}); "
          f"Frontline's edge graph: {graph:.2f} ms once per partition; medians of {repeats} runs, "
          f"median of {rounds} rounds\n")
    header = ("set", "territories", "edge graph ms", "coverage union ms", "shapely ms", "shapely/edge",
              "shapely+is_valid ms")
    rows = []
    for s in data["sets"]:
        name = s["name"]
        edge = middle([f[(name, "frontline edge graph")] for f in frontline])
        union = middle([f[(name, "frontline coverage union (GEOS 3.11)")] for f in frontline])
        shapely_ms = middle([t[name][0] for t in timings])
        valid_ms = middle([t[name][1] for t in timings])
        rows.append((name, str(len(groups[name])), f"{edge:.2f}", f"{union:.2f}", f"{shapely_ms:.2f}",
                     f"{shapely_ms / edge:.2f}×", f"{valid_ms:.2f}"))
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))


if __name__ == "__main__":
    main(sys.argv[1:])
