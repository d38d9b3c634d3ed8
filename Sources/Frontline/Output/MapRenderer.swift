import Foundation

// MARK: - Projection

/// The map's projection: a Lambert conformal conic through PROJ fitted to what the map shows
/// (`Projection.conformalConic`: standard parallels a sixth of the latitude range inside its
/// edges, central meridian in the middle), north up, scaled and shifted to fit a frame. Shapes
/// keep their angles, and the scale is true on the two standard parallels and within 0.15%
/// of true across Syria and Iraq, so the scale bar holds across the map.
public struct MapProjection {
    /// Metres per projected unit.
    public static let metresPerUnit = 1000.0

    /// The conic used, nil when PROJ could not make one (then longitude is scaled by the cosine
    /// of the middle latitude, an equirectangular projection).
    public let projection: Projection?
    let fallbackCosine: Double
    public let scale: Double
    let minX: Double, maxY: Double
    let originX: Double, originY: Double
    /// Size of the projected bounding box in pixels.
    public let width: Double, height: Double

    /// Fits the bounding box of `coordinates`, projected, into `width` pixels (height follows).
    public init(fitting coordinates: [Coordinate], width: Double, originX: Double, originY: Double) {
        let lats = coordinates.map(\.lat), lons = coordinates.map(\.lon)
        let latRange = (lats.min() ?? 0)...(lats.max() ?? 1), lonRange = (lons.min() ?? 0)...(lons.max() ?? 1)
        projection = try? Projection.conformalConic(latitudes: latRange, longitudes: lonRange)
        fallbackCosine = cos((latRange.lowerBound + latRange.upperBound) / 2 * .pi / 180)
        var lo = (x: Double.infinity, y: Double.infinity), hi = (x: -Double.infinity, y: -Double.infinity)
        let projected = Self.project(coordinates, projection, fallbackCosine)
        for p in projected where p.x.isFinite && p.y.isFinite {
            lo = (min(lo.x, p.x), min(lo.y, p.y))
            hi = (max(hi.x, p.x), max(hi.y, p.y))
        }
        if !lo.x.isFinite { lo = (0, 0); hi = (1, 1) }
        let spanX = max(hi.x - lo.x, 1e-9), spanY = max(hi.y - lo.y, 1e-9)
        scale = width / spanX
        self.width = width
        height = spanY * scale
        minX = lo.x
        maxY = hi.y
        self.originX = originX
        self.originY = originY
    }

    /// Projected units (km, x east and y north) of coordinates.
    static func project(_ cs: [Coordinate], _ projection: Projection?, _ cosine: Double) -> [(x: Double, y: Double)] {
        if let projection { return projection.project(cs).map { ($0.x / metresPerUnit, $0.y / metresPerUnit) } }
        return cs.map { ($0.lon * cosine * 111.2, $0.lat * 111.2) }
    }

    /// Pixel position of a coordinate.
    public func point(_ c: Coordinate) -> (x: Double, y: Double) { points([c])[0] }

    /// Pixel positions of many coordinates (one call to PROJ). O(n).
    public func points(_ cs: [Coordinate]) -> [(x: Double, y: Double)] {
        Self.project(cs, projection, fallbackCosine).map { (originX + ($0.x - minX) * scale, originY + (maxY - $0.y) * scale) }
    }

    /// Pixels per kilometre (true on the standard parallels).
    public var pixelsPerKm: Double { scale }
}

// MARK: - Rendering

/// Draws a `MapContent` as SVG: the sea and the neighbouring countries in grey, territories
/// filled in their faction's colour (influence stippled, contested ground hatched holder/
/// attacker), major rivers, governorate borders thin and dashed, country borders thick,
/// reference cities and the scenario's places labelled, a title, a scale bar, a legend with
/// the figures, and a line saying how many cited reports the map is modelled from.
///
/// Every text is laid out with `TextMetrics` so that it stays inside the drawing at any width
/// from 400 px: titles and notes wrap, the legend becomes one block per row when its table
/// does not fit, labels that would leave the map frame are left out.
public enum MapRenderer {
    static let font = "DejaVu Sans, Verdana, Arial, sans-serif"
    static let unassignedColor = "#d9d9d9"
    static let seaColor = "#dbe6ef"
    static let landColor = "#f3f1ea"
    static let neighbourColor = "#e3e1dc"
    static let riverColor = "#3f85bf"

    /// Sizes that follow the width: narrow drawings get smaller type and margins.
    struct Style {
        let margin, title, subtitle, label, legend, note: Double
        init(width: Double) {
            margin = width < 600 ? 10 : 16
            title = min(22, max(15, width / 45))
            subtitle = width < 600 ? 11.5 : 13
            label = width < 600 ? 10 : (width < 900 ? 11 : 12)
            legend = width < 600 ? 11.5 : 13
            note = width < 600 ? 10 : 11
        }
    }

    /// The SVG of `content`, `width` pixels wide. O(points of the polygons + labels²).
    public static func render(_ content: MapContent, width: Double = 1200) -> String {
        let style = Style(width: width), m = style.margin, pad = 14.0
        let textWidth = width - 2 * m

        // Title block.
        let where_ = content.countryName.map { " in \($0)" } ?? ""
        let title = TextMetrics.wrap("Territorial control\(where_) on \(SVGDocument.longDate(content.date))",
                                     size: style.title, bold: true, maxWidth: textWidth)
        let area = (content.countryName.map { "\($0) " } ?? "region ") + "\(Number.grouped(Int(content.regionKm2.rounded()))) km²"
        let subtitle = TextMetrics.wrap("\(content.scenarioName) · \(area)", size: style.subtitle, maxWidth: textWidth)
        var y = m + style.title
        let titleYs = title.indices.map { y + Double($0) * style.title * 1.2 }
        y = titleYs.last! + style.subtitle * 1.5
        let subtitleYs = subtitle.indices.map { y + Double($0) * style.subtitle * 1.3 }
        let frameTop = subtitleYs.last! + 12

        // The map frame and its projection.
        var extent = content.countries.flatMap(\.exterior)
        if extent.isEmpty { extent = content.areas.flatMap { $0.polygons.flatMap(\.exterior) } }
        let frame = (x: m, y: frameTop, w: textWidth)
        let projection = MapProjection(fitting: extent, width: frame.w - 2 * pad, originX: frame.x + pad, originY: frame.y + pad)
        let frameH = projection.height + 2 * pad
        let frameBox = Box(x0: frame.x, y0: frame.y, x1: frame.x + frame.w, y1: frame.y + frameH)

        // Legend and notes under the frame.
        let legend = LegendLayout(content, left: m, top: frameBox.y1 + 16, width: textWidth, size: style.legend)
        var notes = [String]()
        notes.append("Held: within reach of a side's settlements, roads and river valleys (solid). Influence: the rest of "
                     + "its ground (stippled). vs peak: held ground against its most since the start. Population: GeoNames settlements.")
        if let n = content.citedReports {
            notes.append("Modelled from \(Number.grouped(n)) cited report\(n == 1 ? "" : "s") (the events up to this date and the initial control"
                         + (content.countryName.map { ", in \($0)" } ?? "") + "), not observed control.")
        }
        notes.append("Borders: Natural Earth · places: GeoNames" + (content.rivers.isEmpty ? "" : " · rivers: GSHHG")
                     + " · Lambert conformal conic projection (PROJ)")
        var noteLines = [(text: String, y: Double)]()
        var ny = legend.bottom + 6
        for note in notes {
            for line in TextMetrics.wrap(note, size: style.note, maxWidth: textWidth) {
                ny += style.note * 1.35
                noteLines.append((line, ny))
            }
        }
        let height = (ny + m).rounded(.up)

        var svg = SVGDocument(width: width, height: height)
        svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        func path(_ polygons: [PolygonCoordinates]) -> String {
            var d = SVGPathData()
            for p in polygons {
                d.ring(projection.points(p.exterior))
                for hole in p.holes { d.ring(projection.points(hole)) }
            }
            return d.d
        }
        let regionPath = path(content.countries)
        patterns(content, regionPath: regionPath, frame: frameBox, into: &svg)

        // Map: sea (or plain ground), neighbours, the region, territories, rivers, borders.
        svg.element("rect", [("x", n(frame.x)), ("y", n(frame.y)), ("width", n(frame.w)), ("height", n(frameH)),
                             ("fill", content.neighbours.isEmpty ? landColor : seaColor)])
        var neighbourRings = [(name: String, rings: [[(x: Double, y: Double)]])]()
        if !content.neighbours.isEmpty {
            svg.group("g", [("class", "neighbours"), ("clip-path", "url(#frame)"), ("fill", neighbourColor),
                            ("stroke", "#aaa69e"), ("stroke-width", "0.8"), ("stroke-linejoin", "round"), ("fill-rule", "evenodd")]) { svg in
                for nb in content.neighbours {
                    let rings = nb.polygons.flatMap { [$0.exterior] + $0.holes }.map { projection.points($0) }
                    neighbourRings.append((nb.name, rings))
                    var d = SVGPathData()
                    for r in rings { d.ring(r) }
                    svg.element("path", [("class", "neighbour"), ("data-name", nb.name), ("d", d.d)])
                }
            }
        }
        svg.element("use", [("class", "region"), ("href", "#region-outline"), ("fill", unassignedColor)])
        svg.group("g", [("class", "territories"), ("stroke-width", "0.6"), ("stroke-linejoin", "round"),
                        ("fill-rule", "evenodd")]) { svg in
            // Areas of influence first, stippled in the faction's colour; held ground over them.
            for area in content.areas.filter(\.influence) + content.areas.filter({ !$0.influence }) {
                let holder = content.factions[area.holder]
                let fill = area.influence ? "url(#\(stippleID(area.holder)))"
                    : area.contestedBy.map { "url(#\(hatchID(holder: area.holder, attacker: $0)))" } ?? holder.color
                let kind = area.influence ? "territory influence" : area.contestedBy == nil ? "territory held" : "territory contested"
                svg.element("path", [("class", kind), ("data-faction", holder.id),
                                     ("data-contested-by", area.contestedBy.map { content.factions[$0].id }),
                                     ("d", path(area.polygons)), ("fill", fill),
                                     ("stroke", area.influence ? "none" : holder.color)])
            }
        }
        var riverPaths = [(name: String, points: [(x: Double, y: Double)])]()
        if !content.rivers.isEmpty {
            svg.group("g", [("class", "rivers"), ("clip-path", "url(#region)"), ("fill", "none"), ("stroke", riverColor),
                            ("stroke-linejoin", "round"), ("stroke-linecap", "round"), ("stroke-opacity", "0.9")]) { svg in
                for river in content.rivers {
                    var d = SVGPathData()
                    for part in river.parts {
                        let pts = projection.points(part)
                        d.line(pts)
                        if !river.name.isEmpty { riverPaths.append((river.name, pts)) }
                    }
                    let major = river.lineClass.hasSuffix("level 1") || river.lineClass.hasPrefix("Natural Earth")
                    svg.element("path", [("class", "river"), ("data-name", river.name.isEmpty ? nil : river.name), ("d", d.d),
                                         ("stroke-width", major ? "1.6" : "1")])
                }
            }
        }
        let governorateRings = content.governorates.flatMap { [$0.exterior] + $0.holes }.map { projection.points($0) }
        svg.element("path", [("class", "governorate-borders"), ("d", SVGPathData.sharedEdgesOnce(governorateRings).d),
                             ("fill", "none"), ("stroke", "#ffffff"), ("stroke-opacity", "0.85"), ("stroke-width", "0.9"),
                             ("stroke-dasharray", "5 3"), ("stroke-linejoin", "round")])
        // Country borders: a light casing under a dark line, so they show on dark fills too.
        svg.element("use", [("class", "country-borders-casing"), ("href", "#region-outline"), ("fill", "none"), ("stroke", "#ffffff"),
                            ("stroke-opacity", "0.7"), ("stroke-width", "4"), ("stroke-linejoin", "round")])
        svg.element("use", [("class", "country-borders"), ("href", "#region-outline"), ("fill", "none"),
                            ("stroke", "#222222"), ("stroke-width", "2"), ("stroke-linejoin", "round")])

        // Labels: places, then rivers, then the neighbouring countries, in the space left.
        let inner = Box(x0: frame.x + 2, y0: frame.y + 2, x1: frame.x + frame.w - 2, y1: frame.y + frameH - 2)
        let scaleBar = scaleBarLayout(projection, left: frame.x + 12, bottom: frame.y + frameH - 12, size: style.note)
        var taken = [scaleBar.box]
        placeLabels(content.labels, projection: projection, bounds: inner, taken: &taken, size: style.label, into: &svg)
        placeRiverNames(riverPaths, bounds: inner, taken: &taken, size: style.label - 1, into: &svg)
        placeCountryNames(neighbourRings, bounds: inner, taken: &taken, size: style.label, into: &svg)
        drawScaleBar(scaleBar, size: style.note, into: &svg)
        svg.element("rect", [("x", n(frame.x)), ("y", n(frame.y)), ("width", n(frame.w)), ("height", n(frameH)),
                             ("fill", "none"), ("stroke", "#999999")])

        // Title and subtitle.
        for (line, ty) in zip(title, titleYs) {
            svg.element("text", [("class", "title"), ("x", n(m)), ("y", n(ty)), ("font-family", font), ("font-size", n(style.title)),
                                 ("font-weight", "bold"), ("fill", "#111111")], text: line)
        }
        for (line, sy) in zip(subtitle, subtitleYs) {
            svg.element("text", [("class", "subtitle"), ("x", n(m)), ("y", n(sy)), ("font-family", font),
                                 ("font-size", n(style.subtitle)), ("fill", "#555555")], text: line)
        }
        legend.draw(content, into: &svg)
        svg.group("g", [("class", "notes"), ("font-family", font), ("font-size", n(style.note)), ("fill", "#555555")]) { svg in
            for (line, ly) in noteLines { svg.element("text", [("x", n(m)), ("y", n(ly))], text: line) }
        }
        return svg.rendered()
    }

    static func n(_ x: Double) -> String { SVGDocument.number(x) }

    /// The id of the hatch pattern of ground `holder` holds and `attacker` contests.
    public static func hatchID(holder: Int, attacker: Int) -> String { "contested-\(holder)-\(attacker)" }

    /// The id of the stipple pattern of `faction`'s area of influence.
    public static func stippleID(_ faction: Int) -> String { "influence-\(faction)" }

    /// Clip paths (the frame, the region) and patterns: one per contested pair on the map (the
    /// holder's colour with diagonal stripes in the attacker's), one per faction with an area
    /// of influence (a pale tint of its colour with dots of it: ISW draws support zones so).
    static func patterns(_ content: MapContent, regionPath: String, frame: Box, into svg: inout SVGDocument) {
        var pairs = [(Int, Int)]()
        for a in content.areas where !a.influence {
            if let by = a.contestedBy, !pairs.contains(where: { $0 == (a.holder, by) }) { pairs.append((a.holder, by)) }
        }
        let stippled = Array(Set(content.areas.filter(\.influence).map(\.holder) + content.legend.compactMap(\.influenceOf))).sorted()
        svg.group("defs") { svg in
            svg.group("clipPath", [("id", "frame")]) { svg in
                svg.element("rect", [("x", n(frame.x0)), ("y", n(frame.y0)), ("width", n(frame.x1 - frame.x0)),
                                     ("height", n(frame.y1 - frame.y0))])
            }
            // The region's outline once, used for its fill, the rivers' clip and the borders.
            svg.element("path", [("id", "region-outline"), ("d", regionPath), ("fill-rule", "evenodd"), ("clip-rule", "evenodd")])
            svg.group("clipPath", [("id", "region")]) { svg in
                svg.element("use", [("href", "#region-outline")])
            }
            for f in stippled {
                svg.group("pattern", [("id", stippleID(f)), ("patternUnits", "userSpaceOnUse"), ("width", "6"),
                                      ("height", "6")]) { svg in
                    svg.element("rect", [("width", "6"), ("height", "6"), ("fill", "#ffffff")])
                    svg.element("rect", [("width", "6"), ("height", "6"), ("fill", content.factions[f].color),
                                         ("fill-opacity", "0.22")])
                    svg.element("circle", [("cx", "1.5"), ("cy", "1.5"), ("r", "1.1"), ("fill", content.factions[f].color)])
                    svg.element("circle", [("cx", "4.5"), ("cy", "4.5"), ("r", "1.1"), ("fill", content.factions[f].color)])
                }
            }
            for (holder, attacker) in pairs {
                svg.group("pattern", [("id", hatchID(holder: holder, attacker: attacker)), ("patternUnits", "userSpaceOnUse"),
                                      ("width", "8"), ("height", "8"), ("patternTransform", "rotate(45)")]) { svg in
                    svg.element("rect", [("width", "8"), ("height", "8"), ("fill", content.factions[holder].color)])
                    svg.element("rect", [("width", "3.5"), ("height", "8"), ("fill", content.factions[attacker].color)])
                }
            }
        }
    }

    // MARK: Labels

    struct Box {
        var x0, y0, x1, y1: Double
        func overlaps(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
        func inside(_ o: Box) -> Bool { x0 >= o.x0 && y0 >= o.y0 && x1 <= o.x1 && y1 <= o.y1 }
    }

    /// Places labels greedily in the given order: right of the dot, else left, above, below;
    /// a label whose dot or every position overlaps a label, dot or reserved box already placed,
    /// or leaves `bounds`, is left out with its dot. Capitals get a square. O(labels²).
    static func placeLabels(_ labels: [MapContent.Label], projection: MapProjection, bounds: Box, taken: inout [Box],
                            size: Double, into svg: inout SVGDocument) {
        var placed = [(label: MapContent.Label, dot: (x: Double, y: Double), at: (x: Double, y: Double), anchor: String)]()
        for label in labels {
            let p = projection.point(label.coordinate)
            let dot = Box(x0: p.x - 3.5, y0: p.y - 3.5, x1: p.x + 3.5, y1: p.y + 3.5)
            guard dot.inside(bounds), !taken.contains(where: { $0.overlaps(dot) }) else { continue }
            let w = TextMetrics.width(label.name, size: size, bold: label.recent)
            let ascent = size * 0.78, descent = size * 0.24
            let candidates: [(x: Double, y: Double, anchor: String, box: Box)] = [
                (p.x + 6, p.y + size * 0.35, "start", Box(x0: p.x + 5, y0: p.y - ascent + size * 0.35, x1: p.x + 7 + w, y1: p.y + size * 0.35 + descent)),
                (p.x - 6, p.y + size * 0.35, "end", Box(x0: p.x - 7 - w, y0: p.y - ascent + size * 0.35, x1: p.x - 5, y1: p.y + size * 0.35 + descent)),
                (p.x, p.y - 6, "middle", Box(x0: p.x - w / 2 - 1, y0: p.y - 6 - ascent, x1: p.x + w / 2 + 1, y1: p.y - 6 + descent)),
                (p.x, p.y + 6 + ascent, "middle", Box(x0: p.x - w / 2 - 1, y0: p.y + 6, x1: p.x + w / 2 + 1, y1: p.y + 6 + ascent + descent)),
            ]
            guard let spot = candidates.first(where: { c in
                c.box.inside(bounds) && !taken.contains(where: { $0.overlaps(c.box) })
            }) else { continue }
            taken.append(dot)
            taken.append(spot.box)
            placed.append((label, p, (spot.x, spot.y), spot.anchor))
        }
        svg.group("g", [("class", "places")]) { svg in
            for l in placed {
                if l.label.capital {
                    svg.element("rect", [("class", "capital"), ("x", n(l.dot.x - 3.2)), ("y", n(l.dot.y - 3.2)), ("width", "6.4"),
                                         ("height", "6.4"), ("fill", "#ffffff"), ("stroke", "#111111"), ("stroke-width", "1.4")])
                    svg.element("circle", [("cx", n(l.dot.x)), ("cy", n(l.dot.y)), ("r", "1.3"), ("fill", "#111111")])
                } else {
                    svg.element("circle", [("cx", n(l.dot.x)), ("cy", n(l.dot.y)), ("r", "2.6"), ("fill", "#ffffff"),
                                           ("stroke", l.label.muted ? "#777777" : "#111111"), ("stroke-width", "1.2")])
                }
            }
            for l in placed {
                let cls = "place" + (l.label.reference ? " reference" : "") + (l.label.recent ? " recent" : "")
                svg.element("text", [("class", cls), ("x", n(l.at.x)), ("y", n(l.at.y)), ("text-anchor", l.anchor),
                                     ("font-family", font), ("font-size", n(size)),
                                     ("font-weight", l.label.recent ? "bold" : nil), ("fill", l.label.muted ? "#666666" : "#111111"),
                                     ("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
                                     ("paint-order", "stroke")],
                             text: l.label.name)
            }
        }
    }

    /// Names the longest named rivers (the Euphrates, the Tigris …) in italics beside their line,
    /// at the first of a few points along it where the name fits. O(river points).
    static func placeRiverNames(_ rivers: [(name: String, points: [(x: Double, y: Double)])], bounds: Box,
                                taken: inout [Box], size: Double, into svg: inout SVGDocument) {
        // The longest part of each river on the map, longest rivers first.
        func length(_ pts: [(x: Double, y: Double)]) -> Double {
            zip(pts, pts.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
        }
        var longest = [String: [(x: Double, y: Double)]]()
        for r in rivers where length(r.points) > length(longest[r.name] ?? []) { longest[r.name] = r.points }
        let ordered = longest.sorted { (length($0.value), $1.key) > (length($1.value), $0.key) }.prefix(4)
        var placed = [(text: String, x: Double, y: Double)]()
        for (name, pts) in ordered {
            let total = length(pts)
            guard total > 80 else { continue }
            let w = TextMetrics.width(name, size: size)
            search: for fraction in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8] {
                // The point at this fraction of the length.
                var left = total * fraction, at = pts[0]
                for (a, b) in zip(pts, pts.dropFirst()) {
                    let d = hypot(b.x - a.x, b.y - a.y)
                    if left <= d, d > 0 { at = (a.x + (b.x - a.x) * left / d, a.y + (b.y - a.y) * left / d); break }
                    left -= d
                }
                for dy in [-7.0, size + 7] {
                    let box = Box(x0: at.x - w / 2 - 1, y0: at.y + dy - size * 0.8, x1: at.x + w / 2 + 1, y1: at.y + dy + size * 0.25)
                    if box.inside(bounds), !taken.contains(where: { $0.overlaps(box) }) {
                        taken.append(box)
                        placed.append((name, at.x, at.y + dy))
                        break search
                    }
                }
            }
        }
        guard !placed.isEmpty else { return }
        svg.group("g", [("class", "river-names"), ("font-family", font), ("font-size", n(size)), ("font-style", "italic"),
                        ("fill", "#1f5f93"), ("text-anchor", "middle"), ("stroke", "#ffffff"), ("stroke-width", "2.5"),
                        ("stroke-opacity", "0.8"), ("paint-order", "stroke")]) { svg in
            for p in placed { svg.element("text", [("class", "river-name"), ("x", n(p.x)), ("y", n(p.y))], text: p.text) }
        }
    }

    /// Even-odd point-in-polygon over pixel rings. O(points).
    static func contains(_ rings: [[(x: Double, y: Double)]], _ p: (x: Double, y: Double)) -> Bool {
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// Names each neighbouring country in spaced grey capitals where the whole name fits inside
    /// its visible part and overlaps nothing placed: of the points of a 12 px grid where it fits,
    /// the one nearest the middle of the country's visible part. O(grid rows × ring points + grid points).
    static func placeCountryNames(_ countries: [(name: String, rings: [[(x: Double, y: Double)]])], bounds: Box,
                                  taken: inout [Box], size: Double, into svg: inout SVGDocument) {
        let spacing = 2.0
        var placed = [(text: String, x: Double, y: Double)]()
        for country in countries {
            let text = country.name.uppercased()
            let w = TextMetrics.width(text, size: size) + spacing * Double(max(0, text.count - 1))
            let h = size
            let all = country.rings.flatMap { $0 }
            guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(), let minY = all.map(\.y).min(),
                  let maxY = all.map(\.y).max() else { continue }
            let x0 = max(minX, bounds.x0), x1 = min(maxX, bounds.x1), y0 = max(minY, bounds.y0), y1 = min(maxY, bounds.y1)
            guard x1 - x0 > w, y1 - y0 > h else { continue }
            var inside = [(x: Double, y: Double)]()
            var y = y0 + 6
            while y < y1 {
                // The grid points of this row inside the rings, by the crossings of the row with
                // the rings' edges (the even-odd rule of `contains`, computed once per row).
                var crossings = [Double]()
                for ring in country.rings where ring.count > 2 {
                    var j = ring.count - 1
                    for i in ring.indices {
                        let a = ring[i], b = ring[j]
                        if (a.y > y) != (b.y > y) { crossings.append((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) }
                        j = i
                    }
                }
                crossings.sort()
                var x = x0 + 6, next = 0
                while x < x1 {
                    // Inside when an odd number of crossings lie right of x (`x < crossing`).
                    while next < crossings.count && crossings[next] <= x { next += 1 }
                    if (crossings.count - next) % 2 == 1 { inside.append((x, y)) }
                    x += 12
                }
                y += 12
            }
            guard !inside.isEmpty else { continue }
            let cx = inside.reduce(0) { $0 + $1.x } / Double(inside.count), cy = inside.reduce(0) { $0 + $1.y } / Double(inside.count)
            let spots = inside.sorted { hypot($0.x - cx, $0.y - cy) < hypot($1.x - cx, $1.y - cy) }
            for s in spots {
                let box = Box(x0: s.x - w / 2 - 2, y0: s.y - h * 0.8, x1: s.x + w / 2 + 2, y1: s.y + h * 0.25)
                let corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1), (s.x, box.y0), (s.x, box.y1)]
                guard box.inside(bounds), corners.allSatisfy({ contains(country.rings, ($0.0, $0.1)) }),
                      !taken.contains(where: { $0.overlaps(box) }) else { continue }
                taken.append(box)
                placed.append((text, s.x, s.y))
                break
            }
        }
        guard !placed.isEmpty else { return }
        svg.group("g", [("class", "country-names"), ("font-family", font), ("font-size", n(size)), ("fill", "#8c877d"),
                        ("letter-spacing", n(spacing)), ("text-anchor", "middle")]) { svg in
            for p in placed { svg.element("text", [("class", "country-name"), ("x", n(p.x)), ("y", n(p.y))], text: p.text) }
        }
    }

    // MARK: Scale bar

    struct ScaleBar {
        let km: Double, pixels: Double, left: Double, bottom: Double, labelWidth: Double, size: Double
        var box: Box { Box(x0: left - 6, y0: bottom - 14 - size * 1.1, x1: left + pixels + labelWidth + 8, y1: bottom + 6) }
    }

    /// A bar of a round length (50, 100, 200, 250, 500 … km) at most 220 px and a fifth of the
    /// frame long.
    static func scaleBarLayout(_ projection: MapProjection, left: Double, bottom: Double, size: Double) -> ScaleBar {
        let perKm = projection.pixelsPerKm
        let lengths: [Double] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]
        let most = min(220, projection.width / 4)
        let km = lengths.last(where: { $0 * perKm <= most }) ?? 1
        let label = Number.format(km, decimals: 0) + " km"
        return ScaleBar(km: km, pixels: km * perKm, left: left, bottom: bottom,
                        labelWidth: TextMetrics.width(label, size: size) / 2 + 4, size: size)
    }

    static func drawScaleBar(_ bar: ScaleBar, size: Double, into svg: inout SVGDocument) {
        let b = bar.box, y = bar.bottom - 8, half = bar.pixels / 2
        svg.group("g", [("class", "scale-bar"), ("font-family", font), ("font-size", n(size)), ("fill", "#111111")]) { svg in
            svg.element("rect", [("x", n(b.x0)), ("y", n(b.y0)), ("width", n(b.x1 - b.x0)), ("height", n(b.y1 - b.y0)),
                                 ("fill", "#ffffff"), ("fill-opacity", "0.85"), ("stroke", "none")])
            svg.element("rect", [("x", n(bar.left)), ("y", n(y)), ("width", n(half)), ("height", "6"), ("fill", "#111111")])
            svg.element("rect", [("x", n(bar.left + half)), ("y", n(y)), ("width", n(half)), ("height", "6"),
                                 ("fill", "#ffffff"), ("stroke", "#111111")])
            svg.element("rect", [("x", n(bar.left)), ("y", n(y)), ("width", n(bar.pixels)), ("height", "6"), ("fill", "none"),
                                 ("stroke", "#111111")])
            for (x, text) in [(bar.left, "0"), (bar.left + half, Number.format(bar.km / 2, decimals: 1)),
                              (bar.left + bar.pixels, Number.format(bar.km, decimals: 0) + " km")] {
                svg.element("text", [("x", n(x)), ("y", n(y - 4)), ("text-anchor", "middle")], text: text)
            }
        }
    }
}

// MARK: - Legend

/// The legend under the map, laid out for the width: a table (swatches, name, held km²,
/// share, influence km², population, vs peak) when it fits with names of at least 160 px
/// (longer names wrap), else one block per row: the name, then its figures in a line that wraps.
struct LegendLayout {
    struct Row {
        let index: Int
        let nameLines: [String]
        let valueLines: [String]   // the stacked layout's figures
        let top: Double
        let height: Double
    }

    let left: Double, top: Double, width: Double, size: Double
    let table: Bool
    let columns: [(header: String, right: Double)]
    let values: [[String]]
    let rows: [Row]
    let bottom: Double
    static let swatchesWidth = 62.0

    init(_ content: MapContent, left: Double, top: Double, width: Double, size: Double) {
        self.left = left; self.top = top; self.width = width; self.size = size
        let headers = ["Held km²", "Share", "Influence km²", "Population", "vs peak"]
        let values: [[String]] = content.legend.map { row in
            [Number.grouped(Int(row.areaKm2.rounded())), Number.fixed(row.share * 100, decimals: 1) + "%",
             row.influenceKm2.map { Number.grouped(Int($0.rounded())) } ?? "", Number.grouped(row.population),
             row.changeFromPeak.map { ($0 >= 0 ? "+" : "−") + Number.fixed(abs($0) * 100, decimals: 0) + "%" } ?? ""]
        }
        self.values = values
        let columnWidths = headers.indices.map { c in
            ([TextMetrics.width(headers[c], size: size, bold: true)] + values.map { TextMetrics.width($0[c], size: size) }).max()! + 16
        }
        let nameRoom = width - Self.swatchesWidth - columnWidths.reduce(0, +)
        let longest = content.legend.map { TextMetrics.width($0.name, size: size) }.max() ?? 0
        let table = nameRoom >= 160
        self.table = table
        let nameWidth = table ? min(longest + 12, nameRoom) : width - Self.swatchesWidth
        var right = left + Self.swatchesWidth + nameWidth
        var columns = [(header: String, right: Double)]()
        for (h, w) in zip(headers, columnWidths) {
            right += w
            columns.append((h, right))
        }
        self.columns = columns
        let line = size * 1.3
        var y = top + (table ? size * 1.6 : 0)
        var rows = [Row]()
        for (i, row) in content.legend.enumerated() {
            let names = TextMetrics.wrap(row.name, size: size, maxWidth: nameWidth - 8)
            var figures = [String]()
            if !table {
                let v = values[i]
                var parts = ["held \(v[0]) km² (\(v[1]))"]
                if !v[2].isEmpty { parts.append("influence \(v[2]) km²") }
                parts.append("\(v[3]) people")
                if !v[4].isEmpty { parts.append("\(v[4]) vs peak") }
                figures = TextMetrics.wrap(parts.joined(separator: " · "), size: size - 1.5, maxWidth: nameWidth - 8)
            }
            let height = max(20, Double(names.count) * line + Double(figures.count) * (size - 1.5) * 1.3 + 6)
            rows.append(Row(index: i, nameLines: names, valueLines: figures, top: y, height: height))
            y += height
        }
        self.rows = rows
        bottom = y
    }

    func draw(_ content: MapContent, into svg: inout SVGDocument) {
        let n = MapRenderer.n, size = self.size
        svg.group("g", [("class", "legend"), ("font-family", MapRenderer.font), ("font-size", n(size)), ("fill", "#111111")]) { svg in
            if table {
                svg.element("text", [("x", n(left)), ("y", n(top + size)), ("font-weight", "bold"), ("fill", "#555555")],
                            text: "Held · influence")
                for c in columns {
                    svg.element("text", [("x", n(c.right)), ("y", n(top + size)), ("text-anchor", "end"), ("font-weight", "bold"),
                                         ("fill", "#555555")], text: c.header)
                }
            }
            for r in rows {
                let row = content.legend[r.index]
                let fill: String
                switch row.swatch {
                case .color(let c): fill = c
                case let .hatch(holder, attacker): fill = "url(#\(MapRenderer.hatchID(holder: holder, attacker: attacker)))"
                case .unassigned: fill = MapRenderer.unassignedColor
                }
                svg.element("rect", [("class", "swatch"), ("x", n(left)), ("y", n(r.top + 2)), ("width", "24"), ("height", "14"),
                                     ("fill", fill), ("stroke", "#444444"), ("stroke-width", "0.6")])
                if let f = row.influenceOf {
                    svg.element("rect", [("class", "swatch influence"), ("x", n(left + 28)), ("y", n(r.top + 2)), ("width", "24"),
                                         ("height", "14"), ("fill", "url(#\(MapRenderer.stippleID(f)))"), ("stroke", "#444444"),
                                         ("stroke-width", "0.6")])
                }
                let faded = row.areaKm2 <= 0 && row.population == 0 && (row.influenceKm2 ?? 0) <= 0 ? "#888888" : nil
                let nameLeft = left + Self.swatchesWidth
                for (k, line) in r.nameLines.enumerated() {
                    svg.element("text", [("x", n(nameLeft)), ("y", n(r.top + 14 + Double(k) * size * 1.3)), ("fill", faded)], text: line)
                }
                if table {
                    for (c, value) in zip(columns, values[r.index]) {
                        svg.element("text", [("x", n(c.right)), ("y", n(r.top + 14)), ("text-anchor", "end"), ("fill", faded)],
                                    text: value)
                    }
                } else {
                    let y0 = r.top + 14 + Double(r.nameLines.count) * size * 1.3
                    for (k, line) in r.valueLines.enumerated() {
                        svg.element("text", [("x", n(nameLeft)), ("y", n(y0 + Double(k) * (size - 1.5) * 1.3)),
                                             ("font-size", n(size - 1.5)), ("fill", faded ?? "#444444")], text: line)
                    }
                }
            }
        }
    }
}
