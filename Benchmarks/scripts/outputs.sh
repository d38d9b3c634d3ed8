#!/usr/bin/env bash
# Writes the outputs that must stay byte-identical across performance work into a directory,
# so two builds can be compared with `diff -r`:
#
#   Benchmarks/scripts/outputs.sh OLD_BINARY /tmp/out-old
#   Benchmarks/scripts/outputs.sh .build/release/frontline /tmp/out-new
#   diff -r /tmp/out-old /tmp/out-new && echo identical
#
# Run from the repository root (the binary finds Geo/ there).
set -euo pipefail
bin=$(realpath "$1"); out=$2
mkdir -p "$out"
full=Scenarios/iraq-syria-2014-2019.yaml
seeds=Scenarios/seeds.yaml
"$bin" timeline "$full" --to 2019-12-31 --every 1d --format csv -o "$out/timeline-daily.csv"
"$bin" timeline "$full" --to 2019-12-31 --every 1m --format json -o "$out/timeline-monthly.json"
"$bin" timeline "$full" --to 2019-12-31 --every 1y --format table -o "$out/timeline-yearly.txt"
"$bin" timeline "$full" --to 2019-12-31 --every 7d --format csv --country SY -o "$out/timeline-weekly-SY.csv"
"$bin" timeline "$full" --to 2019-12-31 --every 7d --format svg -o "$out/timeline.svg" --mark "2017-10-17=Raqqa falls"
"$bin" timeline "$seeds" --from 2014-06-01 --to 2019-03-23 --every 1d --format csv -o "$out/seeds-daily.csv"
for d in 2014-06-15 2015-05-21 2016-08-01 2017-09-15 2017-10-17 2019-03-22; do
  "$bin" share "$full" --date "$d" > "$out/share-$d.txt"
  "$bin" share "$full" --date "$d" --format json > "$out/share-$d.json"
  "$bin" replay "$full" --date "$d" -o "$out/replay-$d.geojson"
done
"$bin" share "$full" --date 2015-05-21 --country IQ > "$out/share-IQ.txt"
"$bin" replay "$seeds" --date 2017-10-17 -o "$out/replay-seeds-2017-10-17.geojson"
"$bin" replay "$full" --from 2014-06-01 --to 2019-06-01 --every 1y -o "$out/yearly"
for d in 2015-05-21 2017-09-15 2017-10-17; do
  "$bin" map "$full" --date "$d" -o "$out/map-$d.svg"
done
"$bin" events "$full" > "$out/events.txt"
"$bin" places Shingal --format json > "$out/places-shingal.json"
"$bin" check "$full" > "$out/check.txt" 2>&1 || true
