#!/usr/bin/env python3
"""Compares the replay with published figures: prints the markdown table of docs/VALIDATION.md.

usage: validation_table.py FRONTLINE_BINARY [SCENARIO] [docs/published-figures.tsv]

Runs `frontline timeline --every 1d --format csv` on the whole region and per country, then for
each row of the TSV computes Frontline's figure in the row's measure (see the TSV's header) on
the row's date. Ground = held + contested held (what a side controls, besieged or not).
"""
import csv, io, subprocess, sys
from collections import defaultdict

binary = sys.argv[1]
scenario = sys.argv[2] if len(sys.argv) > 2 else None
table = sys.argv[3] if len(sys.argv) > 3 else "docs/published-figures.tsv"


def timeline(country=None):
    cmd = [binary, "timeline"] + ([scenario] if scenario else []) + ["--to", "2019-12-31", "--every", "1d", "--format", "csv"]
    if country:
        cmd += ["--country", country]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = defaultdict(dict)   # date -> faction -> row
    for r in csv.DictReader(io.StringIO(out)):
        rows[r["date"]][r["faction"]] = r
    return rows


series = {None: timeline(), "SY": timeline("SY"), "IQ": timeline("IQ")}


def ground(row):
    return float(row["area_km2"]) + float(row["contested_km2"])


def figure(date, measure):
    parts = measure.split(":")
    kind, faction = parts[0], parts[1]
    country = parts[2] if len(parts) > 2 else None
    days = series[country]
    row = days[date][faction]
    if kind == "km2":
        return ground(row)
    if kind == "lost":
        return (1 - ground(row) / float(row["peak_km2"])) * 100 if row["peak_km2"] else None
    if kind == "pct":
        share = float(row["share"])           # held, of the country
        held = float(row["area_km2"])
        return (ground(row) / (held / share) * 100) if share > 0 else 0.0
    if kind == "freed":
        peak = max(int(days[d][faction]["population"]) + int(days[d][faction]["contested_population"])
                   for d in days if d <= date)
        return peak - int(row["population"]) - int(row["contested_population"])
    raise SystemExit(f"unknown measure {measure}")


def fmt(v, unit):
    if v is None:
        return "–"
    if unit == "%":
        return f"{v:.1f} %"
    if unit == "people":
        return f"{v / 1e6:.2f} million"
    return f"{v:,.0f} km²" if abs(v) >= 100 else f"{v:,.1f} km²"


print("| # | date | measure | published | publisher, reported in | Frontline | difference |")
print("|---|---|---|---|---|---|---|")
with open(table, encoding="utf-8") as f:
    lines = [l for l in f if not l.startswith("#")]
for r in csv.DictReader(lines, delimiter="\t"):
    published = float(r["published"])
    ours = figure(r["date"], r["measure"])
    if ours is None:
        diff = "–"
    elif r["unit"] == "%":
        diff = f"{ours - published:+.1f} points"
    elif published == 0:
        diff = f"{ours - published:+,.1f} km²"
    else:
        diff = f"{(ours / published - 1) * 100:+.0f} %"
    print(f"| {r['id']} | {r['date']} | `{r['measure']}` | {fmt(published, r['unit'])} | {r['publisher']}; {r['reported_in']} "
          f"| {fmt(ours, r['unit'])} | {diff} |")
