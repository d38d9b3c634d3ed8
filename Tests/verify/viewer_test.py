#!/usr/bin/env python3
"""The viewer in a real browser: Debian's chromium, headless, on the page `frontline viewer` wrote.

Usage: viewer_test.py FRONTLINE_BINARY SITE_DIR SCREENSHOT.png DATE [DATE ...]

1. Loads SITE_DIR/index.html#selftest=DATE,… from file:// with `chromium --headless --dump-dom`.
   The page's test hook moves the slider to each DATE (as a user's drag does: the range input's
   value and an `input` event), reads the share table it shows, then clicks (a DOM click event at
   the screen point of a point inside it) the largest held territory that events made, and writes
   what it saw into <pre id="selftest">.
2. Checks, for each DATE, that the table equals `frontline share --date DATE --format json`:
   per faction held, contested and influence km² (within 1e-4 relative, 0.05 km² at least, and the
   shown integers within 1 of the rounded figures), share, population, contested population, peak
   km², peak date and change from peak; the contested and unassigned rows.
3. Checks the click: the info panel lists the territory's events (at least one), each with its
   date, claim and source, at least one with a link; and that the page loaded only file:// resources.
4. Takes a screenshot (`--screenshot`) of SITE_DIR/index.html#date=LAST DATE and checks it is not
   blank: 1500x1000 pixels, at least 64 colours, at least 30% of pixels unlike the commonest one.
Prints one line per check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import html
import json
import re
import struct
import subprocess
import sys
import zlib
from collections import Counter

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--virtual-time-budget=60000", "--window-size=1500,1000"]
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")


def close(a, b, rel=1e-4, floor=0.05):
    return a is not None and b is not None and abs(a - b) <= max(rel * abs(b), floor)


def shown_integer(text):
    return float(text.replace(",", "").replace("\u2212", "-")) if text not in ("", "\u2013") else None


def png_pixels(path):
    """Width, height and RGB(A) rows of an 8-bit non-interlaced PNG (what chromium writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main(binary, site, screenshot, dates):
    url = f"file://{site}/index.html"
    dom = subprocess.run(CHROMIUM + ["--dump-dom", f"{url}#selftest={','.join(dates)}"],
                         capture_output=True, text=True, timeout=300).stdout
    m = re.search(r'<pre id="selftest">(.*?)</pre>', dom, re.S)
    check("the page ran its self-test", m is not None)
    if m is None:
        return finish()
    result = json.loads(html.unescape(m.group(1)))
    check("no script error", not result["errors"], "; ".join(result["errors"]))

    for date in dates:
        share = json.loads(subprocess.run([binary, "share", "--date", date, "--format", "json"],
                                          check=True, capture_output=True, text=True).stdout)
        page = result["dates"].get(date, {})
        check(f"{date}: the slider shows {date}", page.get("shown") == date, str(page.get("shown")))
        table = page.get("table", {})
        for f in share["factions"]:
            row = table.get(f["id"], {})
            value = lambda key: (row.get(key) or {}).get("value")
            text = lambda key: (row.get(key) or {}).get("text", "")
            for key in ("area_km2", "contested_km2", "influence_km2", "peak_km2"):
                want, got = f[key], value(key)
                ok = (want is None and got is None) or (close(got, want) and abs(shown_integer(text(key)) - round(want)) <= 1)
                check(f"{date} {f['id']} {key}: page {text(key)} ({got}), share {want}", ok)
            check(f"{date} {f['id']} share: page {text('share')}, share {f['share']}",
                  close(value("share"), f["share"], rel=1e-4, floor=1e-6))
            for key in ("population", "contested_population"):
                check(f"{date} {f['id']} {key}: page {value(key)}, share {f[key]}", value(key) == f[key])
            check(f"{date} {f['id']} peak_date: page {value('peak_date')}, share {f['peak_date']}",
                  value("peak_date") == f["peak_date"])
            want, got = f["change_from_peak"], value("change_from_peak")
            check(f"{date} {f['id']} change_from_peak: page {text('change_from_peak')}, share {want}",
                  (want is None and got is None) or close(got, want, rel=0, floor=1e-4))
        contested = table.get("contested", {})
        check(f"{date} contested (all): page {contested.get('area_km2', {}).get('text')}, share {share['contested']['area_km2']}",
              close(contested.get("area_km2", {}).get("value"), share["contested"]["area_km2"])
              and contested.get("population", {}).get("value") == share["contested"]["population"])
        unassigned = table.get("unassigned", {})
        check(f"{date} unassigned: page {unassigned.get('area_km2', {}).get('text')}, share {share['unassigned']['area_km2']}",
              close(unassigned.get("area_km2", {}).get("value"), share["unassigned"]["area_km2"], rel=1e-4, floor=0.5))

    click = result.get("click") or {}
    events = click.get("events", [])
    territory = click.get("territory", {})
    check(f"a click on a territory ({territory.get('faction')} {territory.get('status')}) opens it: {click.get('heading')}",
          click.get("target") == "path" and click.get("heading"))
    check(f"the click lists the events that made it ({len(events)})",
          len(events) >= 1 and sorted(e["number"] for e in events) == sorted(territory.get("events", [])))
    check("each listed event cites its source and claim",
          events and all(e["source"] and e["claim"] for e in events),
          json.dumps(events[0], ensure_ascii=False)[:300] if events else "")
    check("at least one listed source links to the report", any((e["url"] or "").startswith("http") for e in events))
    remote = [r for r in result.get("resources", []) if not r.startswith("file:")]
    check("only file:// resources loaded (no network request)", not remote, ", ".join(remote[:5]))

    subprocess.run(CHROMIUM + [f"--screenshot={screenshot}", f"{url}#date={dates[-1]}"], capture_output=True, timeout=300)
    width, height, bpp, rows = png_pixels(screenshot)
    pixels = Counter(row[i:i + 3] for row in rows for i in range(0, len(row), bpp))
    common = pixels.most_common(1)[0][1] / (width * height)
    check(f"screenshot {screenshot} {width}x{height}", (width, height) == (1500, 1000))
    check(f"screenshot not blank: {len(pixels)} colours, commonest colour {common:.0%} of pixels",
          len(pixels) >= 64 and common <= 0.7)
    return finish()


def finish():
    passed, failed = results.count(True), results.count(False)
    print(f"viewer_test: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3], sys.argv[4:]))
