#!/usr/bin/env python3
"""Validates Frontline's JSON outputs against the JSON Schemas in docs/schema/ (Draft 2020-12).

Usage: validate_json.py FRONTLINE_BINARY [VIEWER_DATA.js]

Runs `share` (region and --country SY), `timeline`, `events` and `places` with --format json on
the default scenario and validates each against its schema with the `jsonschema` package; with
VIEWER_DATA.js (a `frontline viewer` site's data.js), validates the JSON it assigns too.
Prints one line per output and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import json
import pathlib
import subprocess
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "schema"
registry = Registry().with_resources(
    (p.name, Resource.from_contents(json.loads(p.read_text()))) for p in SCHEMAS.glob("*.schema.json"))
results = []


def validate(label, schema, instance):
    validator = Draft202012Validator(json.loads((SCHEMAS / schema).read_text()), registry=registry)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    results.append(not errors)
    detail = "; ".join(f"{'/'.join(map(str, e.path))}: {e.message[:160]}" for e in errors[:3])
    print(f"{'ok  ' if not errors else 'FAIL'} {label} against {schema}{': ' + detail if detail else ''}")


def run(binary, *args):
    return json.loads(subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout)


def main(binary, viewer_data=None):
    validate("share --date 2015-05-21", "share.schema.json", run(binary, "share", "--date", "2015-05-21", "--format", "json"))
    validate("share --date 2017-10-17 --country SY", "share.schema.json",
             run(binary, "share", "--date", "2017-10-17", "--country", "SY", "--format", "json"))
    validate("share --date 2014-01-01 (peaks start)", "share.schema.json", run(binary, "share", "--date", "2014-01-01", "--format", "json"))
    validate("timeline --to 2019-12-31 --every 3m", "timeline.schema.json",
             run(binary, "timeline", "--to", "2019-12-31", "--every", "3m", "--format", "json"))
    validate("events", "events.schema.json", run(binary, "events", "--format", "json"))
    validate("places Shingal", "places.schema.json", run(binary, "places", "Shingal", "--format", "json"))
    # Cells on a day with two fronts cutting cells (Raqqa, Deir ez-Zor) and on the first day.
    validate("cells --date 2017-09-15", "cells.schema.json", run(binary, "cells", "--date", "2017-09-15"))
    validate("cells --date 2014-01-01", "cells.schema.json", run(binary, "cells", "--date", "2014-01-01"))
    if viewer_data:
        text = pathlib.Path(viewer_data).read_text()
        prefix = "window.FRONTLINE_DATA = "
        ok = text.startswith(prefix) and text.rstrip().endswith(";")
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {viewer_data} is one assignment of JSON to window.FRONTLINE_DATA")
        validate(viewer_data, "viewer-data.schema.json", json.loads(text[len(prefix):text.rstrip().rindex(";")]))
    passed, failed = results.count(True), results.count(False)
    print(f"validate_json: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:3]))
