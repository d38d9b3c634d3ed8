#!/usr/bin/env python3
"""Compares the replay with published figures: prints the markdown table of docs/VALIDATION.md.

usage: validation_table.py FRONTLINE_BINARY [SCENARIO] [docs/published-figures.tsv] [--summary]

Runs `frontline timeline --every 1d --format csv` on the whole region and per country, then for
each row of the TSV computes Frontline's figure in the row's measure (see the TSV's header) on
the row's date, and checks it against the row's target when it has one. Two measures:
  held   = held + contested: ground within reach of a side's settlements, roads and rivers;
  ground = held + contested + influence: all the ground nearer to a side's places.
With --summary, prints one line per target (met or missed) instead of the table, and exits 1
if a target marked `target` is missed.
"""
import csv, io, subprocess, sys
from collections import defaultdict

args = [a for a in sys.argv[1:] if not a.startswith("--")]
summary = "--summary" in sys.argv
binary = args[0]
scenario = args[1] if len(args) > 1 else None
table = args[2] if len(args) > 2 else "docs/published-figures.tsv"


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


def held(row):
    return float(row["area_km2"]) + float(row["contested_km2"])


def ground(row):
    return held(row) + float(row["influence_km2"])


def area_of(days, date):
    """The area the shares are of (the region or the country), from any faction's row."""
    row = next(iter(days[date].values()))
    if float(row["share"]) > 0:
        return float(row["area_km2"]) / float(row["share"])
    for r in days[date].values():
        if float(r["share"]) > 0:
            return float(r["area_km2"]) / float(r["share"])
    raise SystemExit(f"no share on {date}")


def people(row):
    return int(row["population"]) + int(row["contested_population"])


def figure(date, measure):
    parts = measure.split(":")
    kind, faction = parts[0], parts[1]
    country = parts[2] if len(parts) > 2 else None
    days = series[country]
    row = days[date][faction]
    if kind == "held":
        return held(row)
    if kind == "ground":
        return ground(row)
    if kind == "peakheld":      # the most held ground on any day of the replay
        return max(held(days[d][faction]) for d in days)
    if kind == "lost":          # against the peak of held ground so far
        return (1 - held(row) / float(row["peak_km2"])) * 100 if row["peak_km2"] else None
    if kind == "pctheld":
        return held(row) / area_of(days, date) * 100
    if kind == "pctground":
        return ground(row) / area_of(days, date) * 100
    if kind == "people":
        return people(row)
    if kind == "peakpeople":    # the most people the faction held on any day of the replay
        return max(people(days[d][faction]) for d in days)
    if kind == "freed":
        return max(people(days[d][faction]) for d in days if d <= date) - people(row)
    raise SystemExit(f"unknown measure {measure}")


def fmt(v, unit):
    if v is None:
        return "–"
    if unit == "%":
        return f"{v:.1f} %"
    if unit == "people":
        return f"{v / 1e6:.2f} million"
    return f"{v:,.0f} km²" if abs(v) >= 100 else f"{v:,.1f} km²"


def within(ours, published, unit, tolerance):
    """(difference text, met?) for a tolerance like '10%' (relative) or '3pt' (percentage points)."""
    if ours is None:
        return "–", False
    if unit == "%" and not tolerance.endswith("%"):
        diff = ours - published
        text = f"{diff:+.1f} points"
    elif published == 0:
        diff = ours - published
        text = f"{diff:+,.1f} km²"
    else:
        diff = (ours / published - 1) * 100
        text = f"{diff:+.0f} %"
    if not tolerance:
        return text, None
    limit = float(tolerance.rstrip("%pt"))
    return text, abs(diff) <= limit


rows = []
with open(table, encoding="utf-8") as f:
    lines = [l for l in f if not l.startswith("#")]
for r in csv.DictReader(lines, delimiter="\t"):
    published = float(r["published"])
    ours = figure(r["date"], r["measure"])
    diff, met = within(ours, published, r["unit"], r["tolerance"])
    rows.append((r, ours, diff, met))

if summary:
    missed = 0
    for r, ours, diff, met in rows:
        if met is None:
            continue
        status = "met   " if met else "MISSED"
        if not met and r["role"] == "target":
            missed += 1
        print(f"{status} {r['id']:5} {r['date']} {r['measure']:22} published {fmt(float(r['published']), r['unit']):>14} "
              f"Frontline {fmt(ours, r['unit']):>14} {diff:>12} (±{r['tolerance']}, {r['role']})")
    sys.exit(1 if missed else 0)

print("| # | date | measure | published | publisher, reported in | Frontline | difference | target |")
print("|---|---|---|---|---|---|---|---|")
for r, ours, diff, met in rows:
    target = "" if met is None else (("✓ " if met else "✗ ") + "±" + r["tolerance"].replace("pt", " points"))
    if r["role"] == "fit":
        target += " (fitted)"
    print(f"| {r['id']} | {r['date']} | `{r['measure']}` | {fmt(float(r['published']), r['unit'])} | {r['publisher']}; "
          f"{r['reported_in']} | {fmt(ours, r['unit'])} | {diff} | {target} |")
