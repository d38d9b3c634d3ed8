import Foundation

/// A dated marker on a timeline chart: a thin vertical line and a short caption.
public struct ChartMarker: Hashable, Sendable {
    public let date: Day
    public let caption: String
    /// The factions the event involves (its faction and `from:`), empty for a `--mark`. On a
    /// chart with one panel per side the marker's line is drawn in those sides' panels only.
    public var factions: [String] = []

    public init(date: Day, caption: String) {
        self.date = date
        self.caption = caption
    }

    /// Parses `YYYY-MM-DD=Caption`; nil when the date is not a day or the caption is empty.
    public init?(_ text: String) {
        guard let eq = text.firstIndex(of: "="), let date = Day(String(text[..<eq])) else { return nil }
        let caption = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !caption.isEmpty else { return nil }
        self.init(date: date, caption: caption)
    }

    /// A marker for every event of `scenario` that has a `label`, dated from `from` through `to`.
    public static func labelledEvents(of scenario: Scenario, from: Day, through to: Day) -> [ChartMarker] {
        scenario.events.compactMap { e in
            guard let label = e.label, !label.isEmpty, e.date >= from, e.date <= to else { return nil }
            var m = ChartMarker(date: e.date, caption: label)
            m.factions = [e.faction] + (e.from.map { [$0] } ?? [])
            return m
        }
    }

    /// The labelled events of a simulation's scenario from `from` through `to`, keeping only those
    /// in `country` (the country of the event's place, or of its governorate's cells) and, when
    /// `factions` is given, those by or from one of them. O(changes).
    public static func labelledEvents(of simulation: Simulation, from: Day, through to: Day, country: String? = nil,
                                      factions: Set<String>? = nil) -> [ChartMarker] {
        let scenario = simulation.scenario, cells = simulation.partition.cells
        var countryOf = [Int: String]()
        for change in simulation.plan.changes where countryOf[change.event] == nil {
            let cell = change.anchorCell >= 0 ? Int(change.anchorCell) : change.cells.first.map(Int.init)
            if let cell { countryOf[change.event] = cells[cell].country }
        }
        return scenario.events.indices.compactMap { k in
            let e = scenario.events[k]
            guard let label = e.label, !label.isEmpty, e.date >= from, e.date <= to else { return nil }
            if let country, countryOf[k] != country { return nil }
            if let factions, !factions.contains(e.faction), !(e.from.map(factions.contains) ?? false) { return nil }
            var m = ChartMarker(date: e.date, caption: label)
            m.factions = [e.faction] + (e.from.map { [$0] } ?? [])
            return m
        }
    }
}

/// A value axis from 0 to a round maximum in round steps, and the unit its labels use.
public struct ChartAxis: Equatable, Sendable {
    /// The top of the axis, ≥ the largest value, in the data's unit (km², people).
    public let maximum: Double
    public let step: Double
    /// Labels show value / divisor (e.g. 1000 for "thousand km²").
    public let divisor: Double
    public let unitName: String

    /// The smallest axis of at most `maxSteps` steps of 1, 2, 2.5 or 5 × 10ⁿ that reaches
    /// `largest` (1 when there is no positive value). `units`: (divisor, name) from the largest
    /// divisor down; the first one the maximum reaches is used for the labels.
    public init(largest: Double, units: [(Double, String)], maxSteps: Int = 8) {
        let top = largest > 0 && largest.isFinite ? largest : 1
        let steps = Double(maxSteps)
        let magnitude = pow(10, floor(log10(top / steps)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { (top / $0).rounded(.up) <= steps } ?? 10 * magnitude
        self.step = step
        let maximum = (top / step).rounded(.up) * step
        self.maximum = maximum
        let unit = units.first { maximum >= $0.0 } ?? units.last ?? (1, "")
        divisor = unit.0
        unitName = unit.1
    }

    /// The tick values 0, step, 2·step … maximum.
    public var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// A tick's label in the axis's unit (`250`, `2.5`).
    public func label(_ value: Double) -> String { Number.format(value / divisor, decimals: 3) }
}

/// How a timeline chart is drawn.
public struct ChartOptions: Sendable {
    /// `combined`: three panels (held ground, held + influence, population) with every side's
    /// series; `perSide`: one row of panels per side, each on its own scale, so a side whose
    /// ground is a hundredth of another's is as readable as the largest.
    public enum Layout: String, CaseIterable, Sendable { case combined, perSide = "per-side" }

    public var title: String
    public var markers: [ChartMarker] = []
    public var width: Double = 1200
    public var layout: Layout = .combined
    /// Only these factions' series (ids), on axes scaled to them; nil: every side.
    public var focus: Set<String>? = nil
    /// The country the reports are limited to (its English name), for the subtitle; sides with
    /// no ground there are left out.
    public var countryName: String? = nil

    public init(title: String) { self.title = title }
}

/// Draws a timeline as SVG: held ground per faction over time (contested ground as a dashed
/// series), all ground per faction (held, contested and influence), and population under each
/// faction's control, with a title, a legend in the factions' colours, dated markers, gridlines
/// and labelled axes; or (`ChartOptions.Layout.perSide`) one row of panels per side on its own
/// scale. Text is laid out with `TextMetrics` so it stays inside the drawing from 400 px wide.
public enum ChartRenderer {
    static let font = "DejaVu Sans, Verdana, Arial, sans-serif"
    static let contestedColor = "#7f8c8d"

    /// The combined chart of `reports` (in date order, at least one), `width` pixels wide.
    /// Markers outside the reports' dates are left out. O(reports × factions + markers).
    public static func render(_ reports: [ShareReport], title: String, markers: [ChartMarker] = [],
                              width: Double = 1200) -> String {
        var options = ChartOptions(title: title)
        options.markers = markers
        options.width = width
        return render(reports, options: options)
    }

    /// The chart of `reports` as `options` say. O(reports × factions + markers²).
    public static func render(_ reports: [ShareReport], options: ChartOptions) -> String {
        let width = options.width
        guard let first = reports.first, let last = reports.last else {
            var empty = SVGDocument(width: width, height: 60)
            empty.element("text", [("x", "16"), ("y", "36"), ("font-family", font), ("font-size", "14")],
                          text: TextMetrics.truncate("\(options.title): no data", size: 14, maxWidth: width - 32))
            return empty.rendered()
        }
        let factions = first.factions.map(\.faction)
        // The sides shown: the focus, else those with ground (or people) on some date.
        let shown = factions.indices.filter { i in
            if let focus = options.focus { return focus.contains(factions[i].id) }
            guard options.countryName != nil else { return true }
            return reports.contains { $0.factions[i].groundKm2 > 0 || $0.factions[i].population > 0 }
        }
        var c = Canvas(options: options, first: first.date, last: last.date)
        if options.layout == .perSide { c.captionRange = perSideColumns(c)[0] }

        // Title, subtitle, legend.
        let what = options.layout == .perSide ? "Held ground, all ground (held + influence) and population of each side"
            : "Held ground, all ground (held + influence) and population per faction"
        c.header(title: options.title,
                 subtitle: "\(what)\(options.countryName.map { " in \($0)" } ?? ""), \(first.date) to \(last.date)")
        let showContested = options.focus == nil && options.layout == .combined
        var entries = shown.map { (name: factions[$0].name, color: factions[$0].color, dashed: false) }
        if showContested { entries.append((name: "contested (held ground another side contests)", color: contestedColor, dashed: true)) }
        if options.layout == .perSide {
            entries = [(name: "held ground (solid)", color: "#555555", dashed: false),
                       (name: "all ground, held + influence (dashed)", color: "#555555", dashed: true)]
        }
        c.legend(entries)
        c.markerBand(options.markers)

        switch options.layout {
        case .combined: combined(reports, shown: shown, showContested: showContested, canvas: &c)
        case .perSide: perSide(reports, shown: shown, canvas: &c)
        }
        return c.finish()
    }

    // MARK: Layouts

    /// Three panels over the full width: held ground, held + influence, population.
    static func combined(_ reports: [ShareReport], shown: [Int], showContested: Bool, canvas c: inout Canvas) {
        let factions = reports[0].factions.map(\.faction)
        let area = reports.flatMap { r in shown.map { r.factions[$0].areaKm2 } + (showContested ? [r.contestedKm2] : []) }.max() ?? 0
        let ground = reports.flatMap { r in shown.map { r.factions[$0].groundKm2 } }.max() ?? 0
        let people = reports.flatMap { r in shown.map { Double(r.factions[$0].population) } + (showContested ? [Double(r.contestedPopulation)] : []) }
            .max() ?? 0
        let km = [(1000.0, "thousand km²"), (1, "km²")], ppl = [(1e6, "million people"), (1000, "thousand people"), (1, "people")]
        let axes = [ChartAxis(largest: area, units: km), ChartAxis(largest: ground, units: km), ChartAxis(largest: people, units: ppl)]
        let panels: [(name: String, title: String, axis: ChartAxis, values: (ShareReport) -> [Double])] = [
            ("area", "Held ground (\(axes[0].unitName))", axes[0],
             { r in shown.map { r.factions[$0].areaKm2 } + (showContested ? [r.contestedKm2] : []) }),
            ("ground", "Held + influence (\(axes[1].unitName))", axes[1], { r in shown.map { r.factions[$0].groundKm2 } }),
            ("population", "Population (\(axes[2].unitName))", axes[2],
             { r in shown.map { Double(r.factions[$0].population) } + (showContested ? [Double(r.contestedPopulation)] : []) }),
        ]
        let series = shown.map { (id: factions[$0].id, color: factions[$0].color, dashed: false) }
            + (showContested ? [(id: "contested", color: contestedColor, dashed: true)] : [])
        let panelH = c.width < 600 ? 200.0 : 280
        for (k, p) in panels.enumerated() {
            let top = c.y + (k == 0 ? 0 : 34)
            c.panel(name: p.name, title: p.title, axis: p.axis, left: c.plotLeft, right: c.plotRight, top: top, height: panelH,
                    reports: reports, values: p.values, series: series, markerFilter: nil)
            c.y = top + panelH
        }
        c.timeAxis(left: c.plotLeft, right: c.plotRight, y: c.y)
        c.y += 56
    }

    /// One row per side: its held and all ground on its own scale, its population beside it (or
    /// under it when the drawing is narrow), titled with its name and peak.
    static func perSide(_ reports: [ShareReport], shown: [Int], canvas c: inout Canvas) {
        let factions = reports[0].factions.map(\.faction)
        let columns = perSideColumns(c), twoColumns = columns.count == 2
        let panelH = 110.0
        let km = [(1000.0, "thousand km²"), (1, "km²")], ppl = [(1e6, "million people"), (1000, "thousand people"), (1, "people")]
        for f in shown {
            let faction = factions[f]
            // The side's heading: its name and the peak of its held ground.
            let peak = reports.last!.factions[f]
            var heading = faction.name
            if let p = peak.peakKm2, let d = peak.peakDate {
                heading += " · peak \(Number.grouped(Int(p.rounded()))) km² held on \(SVGDocument.longDate(d))"
            }
            c.y += 10
            c.text(heading, x: c.margin, size: c.width < 600 ? 12 : 13.5, bold: true, color: faction.color == "#f1c40f" ? "#9a7d0a" : "#111111",
                   cls: "side-heading")
            c.y += 18   // room for the panels' titles above them
            let held = ChartAxis(largest: reports.map { $0.factions[f].groundKm2 }.max() ?? 0, units: km, maxSteps: 4)
            let people = ChartAxis(largest: reports.map { Double($0.factions[f].population) }.max() ?? 0, units: ppl, maxSteps: 4)
            let series = [(id: faction.id, color: faction.color, dashed: false), (id: faction.id + "-all", color: faction.color, dashed: true)]
            let areaValues: (ShareReport) -> [Double] = { r in [r.factions[f].heldKm2, r.factions[f].groundKm2] }
            let peopleValues: (ShareReport) -> [Double] = { r in [Double(r.factions[f].population)] }
            let top = c.y
            c.panel(name: "area side \(faction.id)", title: "Ground (\(held.unitName))", axis: held, left: columns[0].left,
                    right: columns[0].right, top: top, height: panelH, reports: reports, values: areaValues, series: series,
                    markerFilter: faction.id, compact: true)
            if twoColumns {
                c.panel(name: "population side \(faction.id)", title: "People (\(people.unitName))", axis: people,
                        left: columns[1].left, right: columns[1].right, top: top, height: panelH, reports: reports,
                        values: peopleValues, series: [series[0]], markerFilter: faction.id, compact: true)
                c.y = top + panelH + 22
            } else {
                c.y = top + panelH + 22
                c.panel(name: "population side \(faction.id)", title: "People (\(people.unitName))", axis: people,
                        left: columns[0].left, right: columns[0].right, top: c.y, height: panelH * 0.7, reports: reports,
                        values: peopleValues, series: [series[0]], markerFilter: faction.id, compact: true)
                c.y += panelH * 0.7 + 22
            }
        }
        for col in columns { c.timeAxis(left: col.left, right: col.right, y: c.y - 22) }
        c.y += 40
    }

    /// The columns of the per-side layout: ground and people side by side from 900 px, else one.
    static func perSideColumns(_ c: Canvas) -> [(left: Double, right: Double)] {
        guard c.width >= 900 else { return [(c.plotLeft, c.plotRight)] }
        let gap = 24.0, columnWidth = (c.plotRight - c.plotLeft - gap - 70) / 2
        return [(c.plotLeft, c.plotLeft + columnWidth), (c.plotRight - columnWidth, c.plotRight)]
    }

    static func n(_ x: Double) -> String { SVGDocument.number(x) }

    static func truncated(_ s: String, to count: Int) -> String {
        s.count <= count ? s : String(s.prefix(count - 1)) + "…"
    }

    /// Ticks of the time axis at month starts: every month when a month is at least 12 px
    /// wide (labelled with its name from 34 px, else only April, July and October), every
    /// quarter from 4 px (labelled when a quarter is 30 px), else only years. January ticks
    /// are year ticks: the year is written under the middle of its span instead.
    static func timeTicks(from: Day, to: Day, pixelsPerDay: Double) -> [(day: Day, isYear: Bool, label: String?)] {
        let perMonth = pixelsPerDay * 30.44
        let every = perMonth >= 12 ? 1 : (perMonth >= 4 ? 3 : 12)
        let (y, m, _) = from.components
        var day = Day(year: y, month: m, day: 1)!
        if day < from { day = day.adding(months: 1) }
        var ticks = [(day: Day, isYear: Bool, label: String?)]()
        while day <= to {
            let month = day.components.month
            if (month - 1) % every == 0 {
                let name = String(SVGDocument.monthNames[month - 1].prefix(3))
                let labelled = month != 1 && (perMonth >= 34 || ((month - 1) % 3 == 0 && perMonth * 3 >= 30))
                ticks.append((day, month == 1, labelled ? name : nil))
            }
            day = day.adding(months: 1)
        }
        return ticks
    }
}

// MARK: - Canvas

/// The chart being laid out: the SVG body is built top to bottom as the height grows, and the
/// document is made at the end, when the height is known.
struct Canvas {
    let options: ChartOptions
    let width: Double
    let margin: Double
    let plotLeft: Double, plotRight: Double
    let startDay: Int, endDay: Int
    var y = 0.0
    var body = SVGDocument(width: 0, height: 0)
    /// Markers shown, with their caption and x.
    var markers = [(marker: ChartMarker, caption: String)]()
    let captionSize: Double
    /// The horizontal range the marker captions are placed over (the panels their lines are in).
    var captionRange: (left: Double, right: Double)

    init(options: ChartOptions, first: Day, last: Day) {
        self.options = options
        width = options.width
        margin = width < 600 ? 10 : 16
        plotLeft = width < 600 ? 74 : 96
        plotRight = width - (width < 600 ? 14 : 28)
        startDay = first.ordinal
        endDay = max(last.ordinal, first.ordinal + 1)
        captionSize = width < 600 ? 10 : 11
        captionRange = (plotLeft, plotRight)
    }

    func x(_ day: Day) -> Double {
        plotLeft + Double(day.ordinal - startDay) / Double(endDay - startDay) * (plotRight - plotLeft)
    }

    func xIn(_ day: Day, left: Double, right: Double) -> Double {
        left + Double(day.ordinal - startDay) / Double(endDay - startDay) * (right - left)
    }

    static func n(_ v: Double) -> String { SVGDocument.number(v) }

    mutating func text(_ s: String, x: Double, size: Double, bold: Bool = false, color: String = "#111111", cls: String? = nil) {
        for line in TextMetrics.wrap(s, size: size, bold: bold, maxWidth: width - x - margin) {
            y += size * 1.25
            body.element("text", [("class", cls), ("x", Self.n(x)), ("y", Self.n(y)), ("font-family", ChartRenderer.font),
                                  ("font-size", Self.n(size)), ("font-weight", bold ? "bold" : nil), ("fill", color)], text: line)
        }
    }

    mutating func header(title: String, subtitle: String) {
        body.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        y = margin
        text(title, x: margin, size: width < 600 ? 16 : 21, bold: true, cls: "title")
        y += 4
        text(subtitle, x: margin, size: width < 600 ? 11.5 : 13, color: "#555555", cls: "subtitle")
        y += 10
    }

    /// The legend: a line sample and the name, wrapping onto as many rows as needed.
    mutating func legend(_ entries: [(name: String, color: String, dashed: Bool)]) {
        let size = width < 600 ? 11.5 : 13
        var rows = [[(name: String, color: String, dashed: Bool, x: Double)]]()
        var cursor = margin
        let available = width - 2 * margin
        for e in entries {
            let name = TextMetrics.truncate(e.name, size: size, maxWidth: available - 34)
            let w = 34 + TextMetrics.width(name, size: size) + 20
            if cursor + w > width - margin, !(rows.last?.isEmpty ?? true) { cursor = margin }
            if cursor == margin { rows.append([]) }
            rows[rows.count - 1].append((name, e.color, e.dashed, cursor))
            cursor += w
        }
        let top = y
        body.group("g", [("class", "legend"), ("font-family", ChartRenderer.font), ("font-size", Self.n(size)), ("fill", "#111111")]) { svg in
            for (r, row) in rows.enumerated() {
                let ly = top + 12 + 20 * Double(r)
                for e in row {
                    svg.element("line", [("x1", Self.n(e.x)), ("y1", Self.n(ly)), ("x2", Self.n(e.x + 26)), ("y2", Self.n(ly)),
                                         ("stroke", e.color), ("stroke-width", "3"), ("stroke-dasharray", e.dashed ? "6 4" : nil)])
                    svg.element("text", [("x", Self.n(e.x + 34)), ("y", Self.n(ly + 4.5))], text: e.name)
                }
            }
        }
        y = top + 20 * Double(rows.count) + 6
    }

    /// Keeps the markers within the dates (as many as the width can caption: the user's marks
    /// first, then evenly thinned) and reserves the band their rotated captions need.
    mutating func markerBand(_ all: [ChartMarker]) {
        let first = Day(ordinal: startDay), last = Day(ordinal: endDay)
        var shown = all.filter { $0.date >= first && $0.date <= last }.sorted { $0.date < $1.date }
        let spacing = captionSize + 2
        let capacity = max(1, Int((captionRange.right - captionRange.left) / spacing))
        if shown.count > capacity {
            let marks = shown.filter(\.factions.isEmpty), events = shown.filter { !$0.factions.isEmpty }
            let room = max(0, capacity - marks.count)
            let kept = room == 0 ? [] : stride(from: 0, to: events.count, by: max(1, Int((Double(events.count) / Double(room)).rounded(.up))))
                .map { events[$0] }
            shown = (Array(marks.prefix(capacity)) + kept).sorted { $0.date < $1.date }
        }
        let maxCaption = min(220, max(110, width / 4))
        markers = shown.map { ($0, TextMetrics.truncate($0.caption, size: captionSize, maxWidth: maxCaption)) }
        let band = markers.isEmpty ? 8 : (markers.map { TextMetrics.width($0.caption, size: captionSize) }.max()! + 22)
        y += band
        bandBottom = y
    }

    var bandBottom = 0.0

    /// One panel: gridlines, a y axis, marker lines, the series (each report's values in order,
    /// NaN leaves a series out), a frame.
    mutating func panel(name: String, title: String, axis: ChartAxis, left: Double, right: Double, top: Double, height: Double,
                        reports: [ShareReport], values: (ShareReport) -> [Double],
                        series: [(id: String, color: String, dashed: Bool)], markerFilter: String?, compact: Bool = false) {
        let bottom = top + height
        let ticks = ChartRenderer.timeTicks(from: Day(ordinal: startDay), to: Day(ordinal: endDay),
                                            pixelsPerDay: (right - left) / Double(endDay - startDay))
        let s0 = startDay, s1 = endDay, canvasWidth = width
        func yv(_ v: Double) -> Double { bottom - v / axis.maximum * height }
        func xd(_ d: Day) -> Double { left + Double(d.ordinal - s0) / Double(s1 - s0) * (right - left) }
        let markers = self.markers
        let axisSize = compact ? 10.5 : 12.0
        body.group("g", [("class", "panel \(name)")]) { svg in
            for t in ticks {
                svg.element("line", [("x1", Self.n(xd(t.day))), ("y1", Self.n(top)), ("x2", Self.n(xd(t.day))), ("y2", Self.n(bottom)),
                                     ("stroke", t.isYear ? "#bbbbbb" : "#ececec"), ("stroke-width", "1")])
            }
            svg.group("g", [("class", "axis y \(name)"), ("data-max", Number.format(axis.maximum, decimals: 3)),
                            ("font-family", ChartRenderer.font), ("font-size", Self.n(axisSize)), ("fill", "#333333")]) { svg in
                for v in axis.ticks {
                    svg.element("line", [("x1", Self.n(left)), ("y1", Self.n(yv(v))), ("x2", Self.n(right)), ("y2", Self.n(yv(v))),
                                         ("stroke", v == 0 ? "#666666" : "#dddddd"), ("stroke-width", "1")])
                    svg.element("text", [("x", Self.n(left - 6)), ("y", Self.n(yv(v) + axisSize * 0.35)), ("text-anchor", "end")],
                                text: axis.label(v))
                }
                // The axis title: rotated beside the axis, or above the panel when compact.
                if compact {
                    svg.element("text", [("x", Self.n(right)), ("y", Self.n(top - 4)), ("text-anchor", "end"), ("fill", "#555555")],
                                text: TextMetrics.truncate(title, size: axisSize, maxWidth: right - left))
                } else {
                    let size = canvasWidth < 600 ? 11.5 : 13.0
                    svg.element("text", [("transform", "translate(\(Self.n(left - (canvasWidth < 600 ? 50 : 62))) \(Self.n(top + height / 2))) rotate(-90)"),
                                         ("text-anchor", "middle"), ("font-size", Self.n(size)), ("fill", "#111111")],
                                text: TextMetrics.truncate(title, size: size, maxWidth: height))
                }
            }
            for m in markers where markerFilter == nil || m.marker.factions.isEmpty || m.marker.factions.contains(markerFilter!) {
                svg.element("line", [("class", "marker"), ("x1", Self.n(xd(m.marker.date))), ("y1", Self.n(top)),
                                     ("x2", Self.n(xd(m.marker.date))), ("y2", Self.n(bottom)), ("stroke", "#8e44ad"),
                                     ("stroke-opacity", "0.55"), ("stroke-width", "1")])
            }
            let v = reports.map(values)
            for (s, info) in series.enumerated() where s < v[0].count && !v[0][s].isNaN {
                var d = SVGPathData()
                d.line(reports.indices.map { i in (xd(reports[i].date), yv(v[i][s])) })
                svg.element("path", [("class", "series"), ("data-series", info.id), ("d", d.d), ("fill", "none"),
                                     ("stroke", info.color), ("stroke-width", info.dashed ? "1.5" : "2"), ("stroke-linejoin", "round"),
                                     ("stroke-dasharray", info.dashed ? "6 4" : nil)])
            }
            svg.element("rect", [("x", Self.n(left)), ("y", Self.n(top)), ("width", Self.n(right - left)), ("height", Self.n(height)),
                                 ("fill", "none"), ("stroke", "#999999")])
        }
    }

    /// The time axis under a panel: month ticks and initials or names, years below.
    mutating func timeAxis(left: Double, right: Double, y axisBottom: Double) {
        let ticks = ChartRenderer.timeTicks(from: Day(ordinal: startDay), to: Day(ordinal: endDay),
                                            pixelsPerDay: (right - left) / Double(endDay - startDay))
        let startDay = self.startDay, endDay = self.endDay
        func xd(_ d: Day) -> Double { left + Double(d.ordinal - startDay) / Double(endDay - startDay) * (right - left) }
        body.group("g", [("class", "axis x"), ("font-family", ChartRenderer.font), ("font-size", "11"), ("fill", "#333333"),
                         ("text-anchor", "middle")]) { svg in
            for t in ticks {
                svg.element("line", [("x1", Self.n(xd(t.day))), ("y1", Self.n(axisBottom)), ("x2", Self.n(xd(t.day))),
                                     ("y2", Self.n(axisBottom + (t.isYear ? 8 : 4))), ("stroke", "#666666")])
                if let label = t.label {
                    svg.element("text", [("x", Self.n(xd(t.day))), ("y", Self.n(axisBottom + 18))], text: label)
                }
            }
            // Year names centred on the part of each year shown, where the part is wide enough.
            var year = Day(ordinal: startDay).components.year
            while let jan = Day(year: year, month: 1, day: 1), jan.ordinal <= endDay {
                let a = max(jan.ordinal, startDay), b = min(Day(year: year + 1, month: 1, day: 1)!.ordinal, endDay)
                let span = Double(b - a) * (right - left) / Double(endDay - startDay)
                if span >= TextMetrics.width("\(year)", size: 14, bold: true) + 6 {
                    svg.element("text", [("x", Self.n(xd(Day(ordinal: (a + b) / 2)))), ("y", Self.n(axisBottom + 38)),
                                         ("font-size", "14"), ("font-weight", "bold"), ("fill", "#111111")], text: "\(year)")
                }
                year += 1
            }
        }
    }

    /// The document: the body, then the marker captions in their band (rotated, nudged apart so
    /// they do not overlap, a short leader joining a nudged caption to its line).
    func finish() -> String {
        var svg = SVGDocument(width: width, height: (y + margin).rounded(.up))
        var copy = body
        if !markers.isEmpty {
            let spacing = captionSize + 2
            let range = captionRange
            func cx(_ d: Day) -> Double {
                range.left + Double(d.ordinal - startDay) / Double(endDay - startDay) * (range.right - range.left)
            }
            var at = markers.map { cx($0.marker.date) }
            let lo = range.left + captionSize, hi = range.right
            if let f = at.first { at[0] = max(f, lo) }
            for i in at.indices.dropFirst() { at[i] = max(at[i], at[i - 1] + spacing) }
            if let lastX = at.last, lastX > hi { at[at.count - 1] = hi }
            for i in at.indices.reversed().dropFirst() { at[i] = min(at[i], at[i + 1] - spacing) }
            let band = bandBottom, size = captionSize
            copy.group("g", [("class", "markers"), ("font-family", ChartRenderer.font), ("font-size", Self.n(size)), ("fill", "#4a235a")]) { svg in
                for (i, m) in markers.enumerated() {
                    let mx = cx(m.marker.date), cx = at[i]
                    svg.group("g", [("class", "marker-caption")]) { svg in
                        svg.element("title", text: "\(m.marker.date): \(m.marker.caption)")
                        svg.element("path", [("d", "M\(Self.n(mx)) \(Self.n(band))L\(Self.n(mx)) \(Self.n(band - 4)) \(Self.n(cx)) \(Self.n(band - 12))"),
                                             ("fill", "none"), ("stroke", "#8e44ad"), ("stroke-opacity", "0.7"), ("stroke-width", "1")])
                        svg.element("text", [("transform", "translate(\(Self.n(cx + size * 0.36)) \(Self.n(band - 15))) rotate(-90)")],
                                    text: m.caption)
                    }
                }
            }
        }
        svg.appendBody(of: copy)
        return svg.rendered()
    }
}
