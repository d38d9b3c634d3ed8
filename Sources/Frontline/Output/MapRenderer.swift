import Foundation

// MARK: - What a map shows

/// Everything a control map shows, in geographic coordinates: the territories, the borders,
/// the places to label and the figures for the legend. `MapRenderer` turns it into SVG
/// without touching the engine, so tests can build one by hand.
public struct MapContent {
    /// One territory: a faction's uncontested held ground, held ground that `contestedBy`
    /// contests, or (`influence`) its area of influence (indices into `factions`).
    public struct Area {
        public let holder: Int
        public let contestedBy: Int?
        public let influence: Bool
        public let polygons: [PolygonCoordinates]
        public let areaKm2: Double
        public let population: Int

        public init(holder: Int, contestedBy: Int?, influence: Bool = false, polygons: [PolygonCoordinates],
                    areaKm2: Double, population: Int) {
            self.holder = holder
            self.contestedBy = contestedBy
            self.influence = influence
            self.polygons = polygons
            self.areaKm2 = areaKm2
            self.population = population
        }
    }

    /// A place to label with a dot. `recent`: named in an event shortly before the date
    /// (drawn bold).
    public struct Label {
        public let name: String
        public let coordinate: Coordinate
        public let recent: Bool

        public init(name: String, coordinate: Coordinate, recent: Bool) {
            self.name = name
            self.coordinate = coordinate
            self.recent = recent
        }
    }

    /// One line of the legend's table: held ground (uncontested) and area of influence for a
    /// faction (`influenceOf` is the faction whose stipple to show beside its colour), contested
    /// ground for a holder/attacker pair, or unassigned ground.
    public struct LegendRow {
        public enum Swatch { case color(String), hatch(holder: Int, attacker: Int), unassigned }
        public let swatch: Swatch
        public let name: String
        public let areaKm2: Double
        public let share: Double
        public let population: Int
        public var influenceOf: Int? = nil
        public var influenceKm2: Double? = nil
        /// Held ground (held + contested) against the faction's peak: −0.87 = "lost 87%".
        public var changeFromPeak: Double? = nil
    }

    /// Scenario name (subtitle) and the date (title).
    public var scenarioName: String
    public var date: Day
    public var regionKm2: Double
    public var factions: [Faction]
    public var areas: [Area]
    /// Country outlines (drawn thick) and governorate outlines (thin, dashed).
    public var countries: [PolygonCoordinates]
    public var governorates: [PolygonCoordinates]
    /// Places to label, most important first: when labels collide the later one is left out.
    public var labels: [Label]
    public var legend: [LegendRow]

    public init(scenarioName: String, date: Day, regionKm2: Double, factions: [Faction], areas: [Area],
                countries: [PolygonCoordinates], governorates: [PolygonCoordinates], labels: [Label], legend: [LegendRow]) {
        self.scenarioName = scenarioName
        self.date = date
        self.regionKm2 = regionKm2
        self.factions = factions
        self.areas = areas
        self.countries = countries
        self.governorates = governorates
        self.labels = labels
        self.legend = legend
    }

    /// The legend of a day: every faction with its held area (uncontested), share, area of
    /// influence, population and change against its peak (from `report`), then each contested
    /// holder/attacker pair, then unassigned ground.
    public static func legend(report: ShareReport, areas: [Area]) -> [LegendRow] {
        var rows = report.factions.enumerated().map { i, f in
            LegendRow(swatch: .color(f.faction.color), name: f.faction.name, areaKm2: f.areaKm2, share: f.share,
                      population: f.population, influenceOf: i, influenceKm2: f.influenceKm2,
                      changeFromPeak: f.changeFromPeak)
        }
        for a in areas where !a.influence {
            guard let by = a.contestedBy else { continue }
            rows.append(LegendRow(swatch: .hatch(holder: a.holder, attacker: by),
                                  name: "Contested: \(report.factions[a.holder].faction.name) ground, attacked by \(report.factions[by].faction.name)",
                                  areaKm2: a.areaKm2, share: a.areaKm2 / report.regionKm2, population: a.population))
        }
        if report.unassignedKm2 > 0 {
            rows.append(LegendRow(swatch: .unassigned, name: "Unassigned", areaKm2: report.unassignedKm2,
                                  share: report.unassignedKm2 / report.regionKm2, population: report.unassignedPopulation))
        }
        return rows
    }
}

extension MapContent {
    /// The map of `simulation`'s current day.
    ///
    /// Labels: the scenario's named places (its anchors) with at least `minimumPopulation`
    /// people, or named in an event dated within `recentDays` days before the day (those
    /// first, the latest first; then by population). A place is labelled as the scenario
    /// spells it (`Palmyra`, not GeoNames' `Tadmur`). O(cells + changes) plus the polygons.
    /// `outlines`: country outlines by ISO code (`GeoData.outlines`); `governorates`: the
    /// features of `Geo/governorates.geojson` (those of other countries are left out).
    public init(simulation: Simulation, gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]],
                governorates: [Boundary], minimumPopulation: Int = 50_000, recentDays: Int = 90) throws {
        let scenario = simulation.scenario, partition = simulation.partition, day = simulation.day
        let report = simulation.report()
        let areas = try simulation.territories().map { t in
            Area(holder: t.key.holder, contestedBy: t.key.contestedBy, influence: t.key.isInfluence,
                 polygons: try t.geometry.polygonCoordinates(), areaKm2: t.areaKm2, population: t.population)
        }

        // The spelling the scenario uses for each place it names.
        let places = gazetteer.places
        var spelling = [Int: String]()
        for target in scenario.initial.map(\.target) + scenario.events.map(\.target) {
            guard case .place(let text) = target, let index = try? gazetteer.resolveIndex(text), spelling[index] == nil
            else { continue }
            let name = text.hasPrefix("id:") ? places[index].asciiName
                : String(text.split(separator: ",", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            spelling[index] = name.isEmpty ? places[index].asciiName : name
        }
        // The latest event within the window naming each anchor cell.
        let windowStart = day.adding(days: -recentDays)
        var lastNamed = [Int: Day]()
        for change in simulation.plan.changes where change.anchorCell >= 0 && change.day > windowStart && change.day <= day {
            let cell = Int(change.anchorCell)
            lastNamed[cell] = max(lastNamed[cell] ?? change.day, change.day)
        }
        var chosen = [(label: Label, recent: Day?, population: Int)]()
        for cell in Set(simulation.plan.anchors) {
            guard let placeIndex = partition.cells[cell].placeIndex else { continue }
            let place = places[placeIndex]
            let recent = lastNamed[cell]
            guard recent != nil || place.population >= minimumPopulation else { continue }
            chosen.append((Label(name: spelling[placeIndex] ?? place.asciiName, coordinate: place.coordinate,
                                 recent: recent != nil), recent, place.population))
        }
        chosen.sort { a, b in
            switch (a.recent, b.recent) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (a.population, b.label.name) > (b.population, a.label.name)
            }
        }

        self.init(scenarioName: scenario.name, date: day, regionKm2: report.regionKm2, factions: scenario.factions,
                  areas: areas, countries: scenario.region.flatMap { outlines[$0] ?? [] },
                  governorates: governorates.filter { scenario.region.contains($0.properties["country"] ?? "") }
                      .flatMap(\.polygons),
                  labels: chosen.map(\.label), legend: Self.legend(report: report, areas: areas))
    }
}

// MARK: - Projection

/// The map's projection: x = lon·cos(34.5°), y = −lat (an equirectangular projection true to
/// scale along the region's middle parallel, north up), scaled and shifted to fit a frame.
public struct MapProjection {
    /// The region's middle latitude, as the partition uses (docs/MODEL.md).
    public static let referenceLatitude = 34.5
    static let cosine = cos(referenceLatitude * .pi / 180)
    /// Kilometres per projected unit: one degree of latitude (110.95 km at 34.5°N) and one
    /// degree of longitude divided by cos 34.5° (111.4 km) average to 111.2 km; either axis
    /// is within 0.3% of it.
    public static let kmPerUnit = 111.2

    public let scale: Double
    let minX: Double, maxY: Double
    let originX: Double, originY: Double
    /// Size of the projected bounding box in pixels.
    public let width: Double, height: Double

    /// Fits the bounding box of `coordinates` into `width` pixels (height follows).
    public init(fitting coordinates: [Coordinate], width: Double, originX: Double, originY: Double) {
        var lo = (x: Double.infinity, y: Double.infinity), hi = (x: -Double.infinity, y: -Double.infinity)
        for c in coordinates {
            let x = c.lon * Self.cosine, y = -c.lat
            lo = (min(lo.x, x), min(lo.y, y))
            hi = (max(hi.x, x), max(hi.y, y))
        }
        if coordinates.isEmpty { lo = (0, 0); hi = (1, 1) }
        let spanX = max(hi.x - lo.x, 1e-9), spanY = max(hi.y - lo.y, 1e-9)
        scale = width / spanX
        self.width = width
        height = spanY * scale
        minX = lo.x
        maxY = lo.y
        self.originX = originX
        self.originY = originY
    }

    /// Pixel position of a coordinate.
    public func point(_ c: Coordinate) -> (x: Double, y: Double) {
        (originX + (c.lon * Self.cosine - minX) * scale, originY + (-c.lat - maxY) * scale)
    }

    /// Pixels per kilometre.
    public var pixelsPerKm: Double { scale / Self.kmPerUnit }
}

// MARK: - Rendering

/// Draws a `MapContent` as SVG: territories filled in their faction's colour, contested
/// ground hatched (holder's colour with stripes of the attacker's), governorate borders thin
/// and dashed, country borders thick, labelled places, a title, a legend and a scale bar.
public enum MapRenderer {
    static let font = "DejaVu Sans, Verdana, Arial, sans-serif"
    static let labelSize = 12.0

    /// The SVG of `content`, `width` pixels wide. O(points of the polygons + labels²).
    public static func render(_ content: MapContent, width: Double = 1200) -> String {
        let margin = 16.0, pad = 14.0, titleBand = 66.0
        let frame = (x: margin, y: titleBand, w: width - 2 * margin)
        var outline = content.countries.flatMap(\.exterior)
        if outline.isEmpty { outline = content.areas.flatMap { $0.polygons.flatMap(\.exterior) } }
        let projection = MapProjection(fitting: outline, width: frame.w - 2 * pad, originX: frame.x + pad,
                                       originY: frame.y + pad)
        let frameH = projection.height + 2 * pad
        let legendTop = frame.y + frameH + 22
        let rowH = 21.0
        let legendH = 24 + rowH * Double(content.legend.count) + 28
        var svg = SVGDocument(width: width, height: (legendTop + legendH).rounded(.up))

        svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        hatchPatterns(content, into: &svg)

        // Map: the region (grey where no one holds it), territories, borders.
        func path(_ polygons: [PolygonCoordinates]) -> String {
            var d = SVGPathData()
            for p in polygons {
                d.ring(p.exterior.map(projection.point))
                for hole in p.holes { d.ring(hole.map(projection.point)) }
            }
            return d.d
        }
        svg.element("rect", [("x", n(frame.x)), ("y", n(frame.y)), ("width", n(frame.w)), ("height", n(frameH)),
                             ("fill", "#f3f1ea")])
        svg.element("path", [("class", "region"), ("d", path(content.countries)), ("fill", unassignedColor),
                             ("fill-rule", "evenodd")])
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
        let governorateRings = content.governorates.flatMap { [$0.exterior] + $0.holes }.map { $0.map(projection.point) }
        svg.element("path", [("class", "governorate-borders"), ("d", SVGPathData.sharedEdgesOnce(governorateRings).d),
                             ("fill", "none"), ("stroke", "#ffffff"), ("stroke-opacity", "0.85"), ("stroke-width", "0.9"),
                             ("stroke-dasharray", "5 3"), ("stroke-linejoin", "round")])
        // Country borders: a light casing under a dark line, so they show on dark fills too.
        let borders = path(content.countries)
        svg.element("path", [("class", "country-borders-casing"), ("d", borders), ("fill", "none"), ("stroke", "#ffffff"),
                             ("stroke-opacity", "0.7"), ("stroke-width", "4"), ("stroke-linejoin", "round")])
        svg.element("path", [("class", "country-borders"), ("d", borders), ("fill", "none"),
                             ("stroke", "#222222"), ("stroke-width", "2"), ("stroke-linejoin", "round")])

        let scaleBar = scaleBarLayout(projection, left: frame.x + 12, bottom: frame.y + frameH - 12)
        placeLabels(content.labels, projection: projection,
                    bounds: Box(x0: frame.x + 2, y0: frame.y + 2, x1: frame.x + frame.w - 2, y1: frame.y + frameH - 2),
                    reserved: [scaleBar.box], into: &svg)
        drawScaleBar(scaleBar, into: &svg)
        svg.element("rect", [("x", n(frame.x)), ("y", n(frame.y)), ("width", n(frame.w)), ("height", n(frameH)),
                             ("fill", "none"), ("stroke", "#999999")])

        // Title.
        svg.element("text", [("x", n(margin)), ("y", "32"), ("font-family", font), ("font-size", "22"),
                             ("font-weight", "bold"), ("fill", "#111111")],
                    text: "Territorial control on \(SVGDocument.longDate(content.date))")
        svg.element("text", [("x", n(margin)), ("y", "54"), ("font-family", font), ("font-size", "13"), ("fill", "#555555")],
                    text: "\(content.scenarioName) · region \(Number.grouped(Int(content.regionKm2.rounded()))) km²")

        drawLegend(content, top: legendTop, left: margin, rowHeight: rowH, into: &svg)
        svg.element("text", [("x", n(width - margin)), ("y", "54"), ("text-anchor", "end"),
                             ("font-family", font), ("font-size", "11"), ("fill", "#777777")],
                    text: "Borders: Natural Earth · places: GeoNames")
        return svg.rendered()
    }

    static let unassignedColor = "#d9d9d9"

    static func n(_ x: Double) -> String { SVGDocument.number(x) }

    /// The id of the hatch pattern of ground `holder` holds and `attacker` contests.
    public static func hatchID(holder: Int, attacker: Int) -> String { "contested-\(holder)-\(attacker)" }

    /// The id of the stipple pattern of `faction`'s area of influence.
    public static func stippleID(_ faction: Int) -> String { "influence-\(faction)" }

    /// One `<pattern>` per contested pair on the map: the holder's colour with diagonal
    /// stripes in the attacker's; and one per faction with an area of influence: a pale tint
    /// of its colour with dots of it (ISW draws support zones so).
    static func hatchPatterns(_ content: MapContent, into svg: inout SVGDocument) {
        var pairs = [(Int, Int)]()
        for a in content.areas where !a.influence {
            if let by = a.contestedBy, !pairs.contains(where: { $0 == (a.holder, by) }) { pairs.append((a.holder, by)) }
        }
        let stippled = Array(Set(content.areas.filter(\.influence).map(\.holder)
                                 + content.legend.compactMap(\.influenceOf))).sorted()
        guard !pairs.isEmpty || !stippled.isEmpty else { return }
        svg.group("defs") { svg in
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

    /// Estimated width of `text` in DejaVu Sans at `size` px (about 0.6 em a character).
    static func textWidth(_ text: String, size: Double, bold: Bool) -> Double {
        Double(text.count) * size * (bold ? 0.66 : 0.6)
    }

    /// Places labels greedily in the given order: right of the dot, else left, above, below;
    /// a label whose dot or every position overlaps a label, dot or reserved box already
    /// placed is left out with its dot. O(labels²).
    static func placeLabels(_ labels: [MapContent.Label], projection: MapProjection, bounds: Box, reserved: [Box],
                            into svg: inout SVGDocument) {
        var taken = reserved
        var placed = [(dot: (x: Double, y: Double), text: String, at: (x: Double, y: Double), anchor: String, bold: Bool)]()
        for label in labels {
            let p = projection.point(label.coordinate)
            let dot = Box(x0: p.x - 3.5, y0: p.y - 3.5, x1: p.x + 3.5, y1: p.y + 3.5)
            guard dot.inside(bounds), !taken.contains(where: { $0.overlaps(dot) }) else { continue }
            let size = labelSize, w = textWidth(label.name, size: size, bold: label.recent)
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
            placed.append((p, label.name, (spot.x, spot.y), spot.anchor, label.recent))
        }
        svg.group("g", [("class", "places")]) { svg in
            for l in placed {
                svg.element("circle", [("cx", n(l.dot.x)), ("cy", n(l.dot.y)), ("r", "2.6"), ("fill", "#ffffff"),
                                       ("stroke", "#111111"), ("stroke-width", "1.2")])
            }
            for l in placed {
                svg.element("text", [("class", "place"), ("x", n(l.at.x)), ("y", n(l.at.y)), ("text-anchor", l.anchor),
                                     ("font-family", font), ("font-size", n(labelSize)),
                                     ("font-weight", l.bold ? "bold" : nil), ("fill", "#111111"), ("stroke", "#ffffff"),
                                     ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke")],
                             text: l.text)
            }
        }
    }

    // MARK: Scale bar

    struct ScaleBar {
        let km: Double, pixels: Double, left: Double, bottom: Double
        var box: Box { Box(x0: left - 6, y0: bottom - 30, x1: left + pixels + 40, y1: bottom + 6) }
    }

    /// A bar of a round length (50, 100, 200, 250, 500 … km) at most 220 px long.
    static func scaleBarLayout(_ projection: MapProjection, left: Double, bottom: Double) -> ScaleBar {
        let perKm = projection.pixelsPerKm
        let lengths: [Double] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]
        let km = lengths.last(where: { $0 * perKm <= 220 }) ?? 1
        return ScaleBar(km: km, pixels: km * perKm, left: left, bottom: bottom)
    }

    static func drawScaleBar(_ bar: ScaleBar, into svg: inout SVGDocument) {
        let b = bar.box, y = bar.bottom - 8, half = bar.pixels / 2
        svg.group("g", [("class", "scale-bar"), ("font-family", font), ("font-size", "11"), ("fill", "#111111")]) { svg in
            svg.element("rect", [("x", n(b.x0)), ("y", n(b.y0)), ("width", n(b.x1 - b.x0)), ("height", n(b.y1 - b.y0)),
                                 ("fill", "#ffffff"), ("fill-opacity", "0.85"), ("stroke", "none")])
            svg.element("rect", [("x", n(bar.left)), ("y", n(y)), ("width", n(half)), ("height", "6"), ("fill", "#111111")])
            svg.element("rect", [("x", n(bar.left + half)), ("y", n(y)), ("width", n(half)), ("height", "6"),
                                 ("fill", "#ffffff"), ("stroke", "#111111")])
            svg.element("rect", [("x", n(bar.left)), ("y", n(y)), ("width", n(bar.pixels)), ("height", "6"), ("fill", "none"),
                                 ("stroke", "#111111")])
            for (x, text) in [(bar.left, "0"), (bar.left + half, Number.format(bar.km / 2, decimals: 1)),
                              (bar.left + bar.pixels, Number.format(bar.km, decimals: 0) + " km")] {
                svg.element("text", [("x", n(x)), ("y", n(y - 4)), ("text-anchor", text.hasSuffix("km") ? "start" : "middle")],
                            text: text)
            }
        }
    }

    // MARK: Legend

    static func drawLegend(_ content: MapContent, top: Double, left: Double, rowHeight: Double,
                           into svg: inout SVGDocument) {
        let size = 13.0
        let nameLeft = left + 62
        let nameWidth = max(220, content.legend.map { textWidth($0.name, size: size, bold: false) }.max() ?? 0)
        let columns = [nameLeft + nameWidth + 100, nameLeft + nameWidth + 170, nameLeft + nameWidth + 290,
                       nameLeft + nameWidth + 400, nameLeft + nameWidth + 480]
        svg.group("g", [("class", "legend"), ("font-family", font), ("font-size", n(size)), ("fill", "#111111")]) { svg in
            let header = [("Held · influence", left, "start"), ("Held km²", columns[0], "end"), ("Share", columns[1], "end"),
                          ("Influence km²", columns[2], "end"), ("Population", columns[3], "end"), ("vs peak", columns[4], "end")]
            for (text, x, anchor) in header {
                svg.element("text", [("x", n(x)), ("y", n(top + 12)), ("text-anchor", anchor), ("font-weight", "bold"),
                                     ("fill", "#555555")], text: text)
            }
            for (i, row) in content.legend.enumerated() {
                let y = top + 24 + rowHeight * Double(i)
                let fill: String
                switch row.swatch {
                case .color(let c): fill = c
                case let .hatch(holder, attacker): fill = "url(#\(hatchID(holder: holder, attacker: attacker)))"
                case .unassigned: fill = unassignedColor
                }
                svg.element("rect", [("class", "swatch"), ("x", n(left)), ("y", n(y + 2)), ("width", "24"), ("height", "14"),
                                     ("fill", fill), ("stroke", "#444444"), ("stroke-width", "0.6")])
                if let f = row.influenceOf {
                    svg.element("rect", [("class", "swatch influence"), ("x", n(left + 28)), ("y", n(y + 2)), ("width", "24"),
                                         ("height", "14"), ("fill", "url(#\(stippleID(f)))"), ("stroke", "#444444"),
                                         ("stroke-width", "0.6")])
                }
                let baseline = n(y + 14)
                let faded = row.areaKm2 <= 0 && row.population == 0 && (row.influenceKm2 ?? 0) <= 0 ? "#888888" : nil
                svg.element("text", [("x", n(nameLeft)), ("y", baseline), ("fill", faded)], text: row.name)
                let peak = row.changeFromPeak.map { ($0 >= 0 ? "+" : "−") + Number.fixed(abs($0) * 100, decimals: 0) + "%" }
                let values = [Number.grouped(Int(row.areaKm2.rounded())), Number.fixed(row.share * 100, decimals: 1) + "%",
                              row.influenceKm2.map { Number.grouped(Int($0.rounded())) } ?? "", Number.grouped(row.population),
                              peak ?? ""]
                for (x, value) in zip(columns, values) {
                    svg.element("text", [("x", n(x)), ("y", baseline), ("text-anchor", "end"), ("fill", faded)], text: value)
                }
            }
            let note = "Held: within reach of a side's settlements, roads and river valleys (solid). Influence: the rest of "
                + "its ground (stippled). vs peak: held ground against its most since the start. Population: GeoNames settlements."
            svg.element("text", [("x", n(left)), ("y", n(top + 24 + rowHeight * Double(content.legend.count) + 12)),
                                 ("font-size", "11"), ("fill", "#555555")], text: note)
        }
    }
}
