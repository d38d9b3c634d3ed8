#!/usr/bin/env python3
"""Build Frontline's line data: Geo/rivers.geojson and Geo/roads.geojson.

Called by Geo/build.sh after build.py (it reads build.py's countries.geojson and
places.tsv); see Geo/README.md for sources, licences and measured figures.

Inputs (paths given on the command line):
  --wdbii        text written by `gmt coast -Df -Ia -M` (GMT 6.4 with GSHHG 2.3.7
                 full resolution): WDBII river lines, one "> River Bin # n, Level L"
                 header per segment
  --ne-rivers    Natural Earth 10m rivers_lake_centerlines .shp (v3.0.0, from
                 Debian's libmagics++-data)
  --countries    Geo/countries.geojson
  --places       Geo/places.tsv
  --river-refs   Geo/river_refs.tsv (hand-kept: named reference points per river)
  --road-routes  Geo/road_routes.tsv (hand-kept: main roads as ordered towns)
Outputs (in --out-dir): rivers.geojson, roads.geojson.

Rivers are real line data (GSHHG/WDBII geometry, a Natural Earth centreline where
WDBII only has a double-lined river). Roads are a PROXY: straight links between
gazetteer places (no road data is packaged in Debian or PyPI; see the README).

Everything written is deterministic: fixed ordering, coordinates rounded to 6
decimals, "\n" line ends, UTF-8 without BOM.
"""
import argparse
import csv
import json
import sys

import numpy as np
import shapefile  # pyshp
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.ops import linemerge, substring, unary_union

COORD_DECIMALS = 6
GEOD = Geod(ellps="WGS84")
# Metric working projection for buffers, distances and simplification:
# Lambert azimuthal equal-area centred on the region (scale error < 2 % inside it).
LAEA = "+proj=laea +lat_0=34 +lon_0=41 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
TO_M = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True)
TO_DEG = Transformer.from_crs(LAEA, "EPSG:4326", always_xy=True)

CLIP_BUFFER_M = 10_000      # region = union of the IQ and SY outlines buffered by 10 km
SIMPLIFY_M = 75             # Douglas-Peucker tolerance in metres
RIVER_LEVELS = (1, 2, 3)    # WDBII levels kept everywhere
NAMED_ONLY_LEVELS = (4,)    # WDBII levels kept only for lines that are mostly a listed river (Great Zab)
NAME_CHUNK_M = 5_000        # rivers are named in pieces of at most 5 km ...
NAME_MAX_MEAN_M = 7_000     # ... after the nearest reference river, if its mean distance <= 7 km
NAME_GAP_FILL_M = 60_000    # unnamed runs <= 60 km between two pieces of one river take its name
NAMED_ONLY_MIN_SHARE = 0.25 # a level-4 line is kept (and named) if >= 25 % of it is one river ...
NAMED_ONLY_RIVERS = ("Great Zab", "Khabur")  # ... of these (WDBII has them, in part, as level 4)
REF_END_PENALTY_M = 3_000   # a piece nearest to a reference line's end point is 3 km farther
NE_FILL_NEAR_L0_M = 3_000   # NE centreline kept within 3 km of a WDBII double-lined river
NE_FILL_AWAY_M = 1_500      # ... and farther than 1.5 km from WDBII levels 1-3
NE_FILL_JOIN_M = 3_000      # NE piece ends joined to WDBII lines within 3 km
ROAD_MAX_LINK_M = 75_000    # proxy links: Gabriel graph edges of at most 75 km

WDBII_SOURCE = "GSHHG 2.3.7 WDBII rivers (Debian gmt-gshhg-full 2.3.7-6, via GMT 6.4 coast)"
NE_SOURCE = "Natural Earth 10m rivers_lake_centerlines v3.0.0 (Debian libmagics++-data 4.13.0-1)"
ROAD_LINK_CLASS = "proxy: link between neighbouring settlements"
ROAD_ROUTE_CLASS = "proxy: main road through listed towns"
ROAD_LINK_SOURCE = ("Gabriel graph of Geo/places.tsv (GeoNames cities500), links <= %d km; "
                    "straight lines, not surveyed roads" % (ROAD_MAX_LINK_M // 1000))


def die(msg):
    sys.exit("build_lines.py: error: " + msg)


def to_m(geom):
    return shapely.transform(geom, lambda a: np.column_stack(TO_M.transform(a[:, 0], a[:, 1])))


def to_deg(geom):
    return shapely.transform(geom, lambda a: np.column_stack(TO_DEG.transform(a[:, 0], a[:, 1])))


def parts(geom):
    """LineStrings of a (Multi)LineString / GeometryCollection, empty ones dropped."""
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [geom]
    if geom.geom_type in ("MultiLineString", "GeometryCollection"):
        return [g for p in geom.geoms for g in parts(p)]
    return []


# ---------------------------------------------------------------- inputs
def read_wdbii(path):
    """{level: [LineString (lon/lat)]} from `gmt coast -M` text."""
    out, cur, level = {}, [], None

    def flush():
        if level is not None and len(cur) >= 2:
            out.setdefault(level, []).append(LineString(cur))

    with open(path, encoding="ascii") as fh:
        for line in fh:
            if line.startswith(">"):
                flush()
                cur = []
                if "Level" not in line:
                    die("unexpected header in %s: %r" % (path, line))
                level = int(line.rsplit("Level", 1)[1].strip())
            elif line.strip():
                x, y = line.split()[:2]
                cur.append((float(x), float(y)))
    flush()
    if not out:
        die("no river segments in %s" % path)
    return out


def read_ne_rivers(path, bbox):
    # geometry only: the attribute table (latin-1, names) is not used
    r = shapefile.Reader(path)
    lines = []
    for shp in r.iterShapes():
        x0, y0, x1, y1 = shp.bbox
        if x1 < bbox[0] or x0 > bbox[2] or y1 < bbox[1] or y0 > bbox[3]:
            continue
        g = shape(shp.__geo_interface__)
        lines.extend(parts(g))
    return lines


def read_countries(path):
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    return {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in fc["features"]}


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def read_river_refs(path):
    """{river: LineString (metres) through its reference points in seq order}."""
    pts = {}
    for row in read_tsv(path):
        for k in ("river", "seq", "lat", "lon", "point", "source"):
            if not row.get(k):
                die("%s: row %r lacks %s" % (path, row, k))
        pts.setdefault(row["river"], []).append((int(row["seq"]), float(row["lon"]), float(row["lat"])))
    refs = {}
    for river, p in pts.items():
        p.sort()
        if len(p) < 2:
            die("%s: river %s needs at least two reference points" % (path, river))
        refs[river] = to_m(LineString([(x, y) for _, x, y in p]))
    return refs


# ---------------------------------------------------------------- rivers
def merged(lines):
    """Node and merge line pieces (GMT splits lines at bin edges)."""
    if not lines:
        return []
    u = unary_union(lines)
    if u.geom_type == "MultiLineString":
        u = linemerge(u)
    return parts(u)


def name_pieces(line, refs):
    """Cut a line (metres) into <= NAME_CHUNK_M pieces; name each by the nearest
    reference river (mean distance of its vertices and midpoints), or ''."""
    n = max(1, int(np.ceil(line.length / NAME_CHUNK_M)))
    step = line.length / n
    names = sorted(refs)
    out = []
    for i in range(n):
        piece = substring(line, i * step, (i + 1) * step)
        if piece.is_empty or piece.length == 0:
            continue
        samples = [piece.interpolate(f, normalized=True) for f in (0.0, 0.25, 0.5, 0.75, 1.0)]
        best, best_d = "", None
        for river in names:
            ref = refs[river]
            ds = []
            for s in samples:
                t = ref.project(s)
                # beyond a tributary's mouth its reference ends: prefer the river
                # whose reference line passes by over one that merely ends here
                pen = REF_END_PENALTY_M if t <= 0 or t >= ref.length else 0
                ds.append(ref.distance(s) + pen)
            d = float(np.mean(ds))
            if d <= NAME_MAX_MEAN_M and (best_d is None or d < best_d):
                best, best_d = river, d
        out.append((best, piece))
    # an unnamed run of at most NAME_GAP_FILL_M between two pieces of the same
    # river is that river (chords between reference points cut its bends)
    i = 0
    while i < len(out):
        if out[i][0]:
            i += 1
            continue
        j = i
        while j < len(out) and not out[j][0]:
            j += 1
        run = sum(p.length for _, p in out[i:j])
        if 0 < i and j < len(out) and out[i - 1][0] == out[j][0] and run <= NAME_GAP_FILL_M:
            for k in range(i, j):
                out[k] = (out[i - 1][0], out[k][1])
        i = j
    return out


def majority_name(named, total):
    """The river of NAMED_ONLY_RIVERS that names >= NAMED_ONLY_MIN_SHARE of a line, or ''."""
    km = {}
    for name, piece in named:
        if name in NAMED_ONLY_RIVERS:
            km[name] = km.get(name, 0.0) + piece.length
    if not km:
        return ""
    best = sorted(km.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return best[0] if best[1] >= NAMED_ONLY_MIN_SHARE * total else ""


def build_rivers(wdbii, ne_lines, region_m, refs):
    """[(name, class, source, MultiLineString in metres)]."""
    groups = {}  # (name, class, source) -> [LineString]
    keep = {}
    for level in RIVER_LEVELS + NAMED_ONLY_LEVELS:
        lines = [to_m(l) for l in wdbii.get(level, [])]
        lines = [p for l in merged(lines) for p in parts(l.intersection(region_m))]
        keep[level] = lines
        for line in lines:
            named = name_pieces(line, refs)
            if level in NAMED_ONLY_LEVELS:
                # minor rivers: the whole line if it is mostly one listed river
                name = majority_name(named, line.length)
                named = [(name, line)] if name else []
            for name, piece in named:
                groups.setdefault((name, "WDBII level %d" % level, WDBII_SOURCE), []).append(piece)

    # Natural Earth centreline where WDBII has only a double-lined river (level 0).
    l0 = unary_union([to_m(l) for l in wdbii.get(0, [])])
    l123 = unary_union([l for lv in RIVER_LEVELS for l in keep[lv]])
    ne = unary_union([to_m(l) for l in ne_lines]).intersection(region_m)
    fill = ne.intersection(l0.buffer(NE_FILL_NEAR_L0_M)).difference(l123.buffer(NE_FILL_AWAY_M))
    for piece in merged(parts(fill)):
        if piece.length < 1000:
            continue
        coords = list(piece.coords)
        for end in (0, -1):
            p = Point(coords[end])
            if l123.distance(p) <= NE_FILL_JOIN_M:
                q = shapely.ops.nearest_points(p, l123)[1]
                if end == 0:
                    coords.insert(0, (q.x, q.y))
                else:
                    coords.append((q.x, q.y))
        for name, sub in name_pieces(LineString(coords), refs):
            groups.setdefault((name, "Natural Earth River (WDBII double-lined)", NE_SOURCE), []).append(sub)

    out = []
    for key, lines in groups.items():
        out.append(key + (merged(lines),))
    return out


# ---------------------------------------------------------------- roads
def gabriel_edges(xy, max_len):
    """Gabriel graph edges (i, j), i < j, of points xy (metres), length <= max_len."""
    n = len(xy)
    edges = []
    for i in range(n):
        d = np.hypot(xy[:, 0] - xy[i, 0], xy[:, 1] - xy[i, 1])
        for j in np.nonzero((d <= max_len) & (d > 0))[0]:
            j = int(j)
            if j <= i:
                continue
            m = (xy[i] + xy[j]) / 2.0
            r2 = (d[j] / 2.0) ** 2
            dm = (xy[:, 0] - m[0]) ** 2 + (xy[:, 1] - m[1]) ** 2
            dm[[i, j]] = np.inf
            if not np.any(dm < r2 * (1 - 1e-12)):
                edges.append((i, j))
    return edges


def build_roads(places, routes, region_m):
    """[(name, class, source, MultiLineString in metres)]."""
    ids = [p["id"] for p in places]
    index = {pid: k for k, pid in enumerate(ids)}
    lonlat = np.array([(float(p["lon"]), float(p["lat"])) for p in places])
    xy = np.column_stack(TO_M.transform(lonlat[:, 0], lonlat[:, 1]))
    # places sharing a coordinate are one node
    out, route_pairs = [], set()
    for r in routes:
        seq = []
        for token in r["places"].split("|"):
            pid, name = token.split(":", 1)
            if pid not in index:
                die("road_routes.tsv: %s: unknown place id %s" % (r["route"], pid))
            if places[index[pid]]["ascii_name"] != name:
                die("road_routes.tsv: %s: id %s is %s, not %s"
                    % (r["route"], pid, places[index[pid]]["ascii_name"], name))
            seq.append(index[pid])
        for a, b in zip(seq, seq[1:]):
            route_pairs.add((min(a, b), max(a, b)))
        line = LineString([tuple(xy[k]) for k in seq])
        out.append((r["route"], ROAD_ROUTE_CLASS, r["source"], parts(line.intersection(region_m))))
    for i, j in gabriel_edges(xy, ROAD_MAX_LINK_M):
        if (i, j) in route_pairs:
            continue
        line = LineString([tuple(xy[i]), tuple(xy[j])])
        out.append(("", ROAD_LINK_CLASS, ROAD_LINK_SOURCE, parts(line.intersection(region_m))))
    return out


# ---------------------------------------------------------------- output
def finish(lines_m):
    """Simplify (metres), back to lon/lat, round; list of coordinate lists."""
    res = []
    for l in lines_m:
        s = l.simplify(SIMPLIFY_M, preserve_topology=False)
        if s.is_empty or s.length == 0:
            continue
        d = to_deg(s)
        coords = []
        for x, y in d.coords:
            c = [round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)]
            if not coords or coords[-1] != c:
                coords.append(c)
        if len(coords) >= 2:
            res.append(coords)
    res.sort()
    return res


def feature(kind, name, cls, source, coords_list):
    # A link between neighbouring settlements is a local road ("link"), not a main road.
    if cls == ROAD_LINK_CLASS:
        kind = "link"
    if len(coords_list) == 1:
        geom = {"type": "LineString", "coordinates": coords_list[0]}
    else:
        geom = {"type": "MultiLineString", "coordinates": coords_list}
    return {"type": "Feature",
            "properties": {"kind": kind, "name": name, "class": cls, "source": source},
            "geometry": geom}


RIVERS_DESCRIPTION = ("Major rivers of Syria and Iraq, clipped to the two countries buffered by "
                      "10 km: GSHHG 2.3.7 WDBII lines (LGPL-3+) with a Natural Earth 10m centreline "
                      "(public domain) where WDBII has only a double-lined river; names from "
                      "Geo/river_refs.tsv. Generated by Geo/build_lines.py; see Geo/README.md.")
ROADS_DESCRIPTION = ("PROXY, NOT SURVEYED ROADS: straight links between Geo/places.tsv settlements "
                     "(Gabriel graph, <= %d km) and main roads as straight lines through the towns "
                     "listed in Geo/road_routes.tsv (cited). Generated by Geo/build_lines.py; see "
                     "Geo/README.md." % (ROAD_MAX_LINK_M // 1000))


def write_fc(path, features, description):
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
             for f in features]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        # "description" is an RFC 7946 foreign member: the file's header
        fh.write('{"type":"FeatureCollection","description":%s,"features":[\n'
                 % json.dumps(description, ensure_ascii=False))
        fh.write(",\n".join(lines))
        fh.write("\n]}\n")


def make_features(kind, items):
    feats = []
    for name, cls, source, lines in items:
        coords = finish(lines)
        if coords:
            feats.append(feature(kind, name, cls, source, coords))
    feats.sort(key=lambda f: (f["properties"]["class"], f["properties"]["name"],
                              json.dumps(f["geometry"]["coordinates"])))
    return feats


def geod_km(coords_list, clip=None):
    total = 0.0
    for c in coords_list:
        g = LineString(c)
        if clip is not None:
            g = g.intersection(clip)
        for p in parts(g):
            total += GEOD.geometry_length(p)
    return total / 1000.0


def report(label, feats, countries):
    by_class = {}
    nverts = 0
    for f in feats:
        g = f["geometry"]
        cl = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        nverts += sum(len(c) for c in cl)
        key = f["properties"]["class"]
        acc = by_class.setdefault(key, {"features": 0, "IQ": 0.0, "SY": 0.0, "all": 0.0})
        acc["features"] += 1
        acc["all"] += geod_km(cl)
        for iso in ("IQ", "SY"):
            acc[iso] += geod_km(cl, countries[iso])
    print("%s: %d features, %d vertices" % (label, len(feats), nverts))
    tot = {"IQ": 0.0, "SY": 0.0, "all": 0.0}
    for key in sorted(by_class):
        a = by_class[key]
        print("  %-55s %4d features  IQ %8.0f km  SY %8.0f km  total (incl. 10 km margin) %8.0f km"
              % (key, a["features"], a["IQ"], a["SY"], a["all"]))
        for k in tot:
            tot[k] += a[k]
    print("  %-55s %4s           IQ %8.0f km  SY %8.0f km  total (incl. 10 km margin) %8.0f km"
          % ("all", "", tot["IQ"], tot["SY"], tot["all"]))


def named_report(feats):
    km = {}
    for f in feats:
        n = f["properties"]["name"]
        if not n:
            continue
        g = f["geometry"]
        cl = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        km[n] = km.get(n, 0.0) + geod_km(cl)
    for n in sorted(km):
        print("  %-45s %7.0f km" % (n, km[n]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wdbii", required=True)
    ap.add_argument("--ne-rivers", required=True)
    ap.add_argument("--countries", required=True)
    ap.add_argument("--places", required=True)
    ap.add_argument("--river-refs", required=True)
    ap.add_argument("--road-routes", required=True)
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()

    countries = read_countries(a.countries)
    if sorted(countries) != ["IQ", "SY"]:
        die("countries.geojson must hold IQ and SY")
    region_m = to_m(unary_union([countries["IQ"], countries["SY"]])).buffer(CLIP_BUFFER_M)
    bbox = to_deg(region_m).bounds

    wdbii = read_wdbii(a.wdbii)
    ne_lines = read_ne_rivers(a.ne_rivers, bbox)
    refs = read_river_refs(a.river_refs)
    rivers = make_features("river", build_rivers(wdbii, ne_lines, region_m, refs))
    write_fc("%s/rivers.geojson" % a.out_dir, rivers, RIVERS_DESCRIPTION)

    places = read_tsv(a.places)
    routes = read_tsv(a.road_routes)
    for r in routes:
        if not (r.get("route") and r.get("places") and r.get("source")):
            die("road_routes.tsv: row %r lacks route, places or source" % r)
    roads = make_features("road", build_roads(places, routes, region_m))
    write_fc("%s/roads.geojson" % a.out_dir, roads, ROADS_DESCRIPTION)

    report("rivers.geojson", rivers, countries)
    print(" named rivers (length inside the clip region):")
    named_report(rivers)
    report("roads.geojson", roads, countries)


if __name__ == "__main__":
    main()
