import Foundation

/// A dated marker on a timeline chart: a thin vertical line and a short caption.
public struct ChartMarker: Hashable, Sendable {
    public let date: Day
    public let caption: String

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
            return ChartMarker(date: e.date, caption: label)
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

    /// The smallest axis of at most 8 steps of 1, 2, 2.5 or 5 × 10ⁿ that reaches `largest`
    /// (1 when there is no positive value). `units`: (divisor, name) from the largest divisor
    /// down; the first one the maximum reaches is used for the labels.
    public init(largest: Double, units: [(Double, String)]) {
        let top = largest > 0 && largest.isFinite ? largest : 1
        let magnitude = pow(10, floor(log10(top / 8)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { (top / $0).rounded(.up) <= 8 } ?? 10 * magnitude
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

/// Draws a timeline as SVG: held ground per faction over time on top (contested ground as a
/// dashed series), all ground per faction (held, contested and influence) in the middle,
/// population under each faction's control below, with a title, a legend in the factions'
/// colours, dated markers, gridlines and labelled axes.
public enum ChartRenderer {
    static let font = "DejaVu Sans, Verdana, Arial, sans-serif"
    static let contestedColor = "#7f8c8d"

    /// The SVG of `reports` (in date order, at least one), `width` pixels wide. Markers
    /// outside the reports' dates are left out. O(reports × factions + markers).
    public static func render(_ reports: [ShareReport], title: String, markers: [ChartMarker] = [],
                              width: Double = 1200) -> String {
        guard let first = reports.first, let last = reports.last else {
            var empty = SVGDocument(width: width, height: 60)
            empty.element("text", [("x", "16"), ("y", "36"), ("font-family", font)], text: "\(title): no data")
            return empty.rendered()
        }
        let factions = first.factions.map(\.faction)
        let left = 96.0, right = width - 28
        let plotW = right - left
        let startDay = first.date.ordinal, endDay = max(last.date.ordinal, startDay + 1)
        func x(_ day: Day) -> Double { left + Double(day.ordinal - startDay) / Double(endDay - startDay) * plotW }

        // Legend (under the title, wrapping), then the marker band, then the two panels.
        var entries = factions.map { (name: $0.name, color: $0.color, dashed: false) }
        entries.append((name: "contested", color: contestedColor, dashed: true))
        var legendRows = [[(name: String, color: String, dashed: Bool, x: Double)]]()
        var cursor = left
        for e in entries {
            let w = 34 + Double(e.name.count) * 13 * 0.6 + 22
            if cursor + w > right, !(legendRows.last?.isEmpty ?? true) { cursor = left }
            if cursor == left { legendRows.append([]) }
            legendRows[legendRows.count - 1].append((e.name, e.color, e.dashed, cursor))
            cursor += w
        }
        let legendTop = 76.0
        let legendBottom = legendTop + 20 * Double(legendRows.count)

        let shown = markers.filter { $0.date >= first.date && $0.date <= last.date }.sorted { $0.date < $1.date }
        let captions = shown.map { truncated($0.caption, to: 30) }
        let captionSize = 11.0
        let band = shown.isEmpty ? 8 : (captions.map { Double($0.count) }.max()! * captionSize * 0.6 + 22)
        let areaTop = legendBottom + 12 + band
        let panelH = 280.0, gap = 34.0
        let groundTop = areaTop + panelH + gap
        let populationTop = groundTop + panelH + gap
        let axisBottom = populationTop + panelH
        let height = axisBottom + 56

        var svg = SVGDocument(width: width, height: height)
        svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        svg.element("text", [("x", n(left)), ("y", "32"), ("font-family", font), ("font-size", "21"), ("font-weight", "bold"),
                             ("fill", "#111111")], text: title)
        svg.element("text", [("x", n(left)), ("y", "55"), ("font-family", font), ("font-size", "13"), ("fill", "#555555")],
                    text: "Held ground, all ground (held + influence) and population per faction, \(first.date) to \(last.date)")

        // Legend.
        svg.group("g", [("class", "legend"), ("font-family", font), ("font-size", "13"), ("fill", "#111111")]) { svg in
            for (r, row) in legendRows.enumerated() {
                let y = legendTop + 20 * Double(r)
                for e in row {
                    svg.element("line", [("x1", n(e.x)), ("y1", n(y)), ("x2", n(e.x + 26)), ("y2", n(y)), ("stroke", e.color),
                                         ("stroke-width", "3"), ("stroke-dasharray", e.dashed ? "6 4" : nil)])
                    svg.element("text", [("x", n(e.x + 34)), ("y", n(y + 4.5))], text: e.name)
                }
            }
        }

        // Panels.
        let largestArea = reports.flatMap { r in r.factions.map(\.areaKm2) + [r.contestedKm2] }.max() ?? 0
        let largestGround = reports.flatMap { r in r.factions.map(\.groundKm2) }.max() ?? 0
        let largestPopulation = reports.flatMap { r in r.factions.map { Double($0.population) } + [Double(r.contestedPopulation)] }
            .max() ?? 0
        let areaAxis = ChartAxis(largest: largestArea, units: [(1000, "thousand km²"), (1, "km²")])
        let groundAxis = ChartAxis(largest: largestGround, units: [(1000, "thousand km²"), (1, "km²")])
        let populationAxis = ChartAxis(largest: largestPopulation, units: [(1e6, "million people"), (1000, "thousand people"), (1, "people")])
        let panels = [
            (name: "area", top: areaTop, axis: areaAxis, title: "Held ground (\(areaAxis.unitName))",
             values: { (r: ShareReport) in r.factions.map(\.areaKm2) + [r.contestedKm2] }),
            (name: "ground", top: groundTop, axis: groundAxis, title: "Held + influence (\(groundAxis.unitName))",
             values: { (r: ShareReport) in r.factions.map(\.groundKm2) + [Double.nan] }),
            (name: "population", top: populationTop, axis: populationAxis,
             title: "Population (\(populationAxis.unitName))",
             values: { (r: ShareReport) in r.factions.map { Double($0.population) } + [Double(r.contestedPopulation)] }),
        ]
        let xTicks = timeTicks(from: first.date, to: Day(ordinal: endDay), pixelsPerDay: plotW / Double(endDay - startDay))
        for panel in panels {
            let top = panel.top, bottom = top + panelH
            func y(_ v: Double) -> Double { bottom - v / panel.axis.maximum * panelH }
            svg.group("g", [("class", "panel \(panel.name)")]) { svg in
                // Gridlines: value ticks, months, years.
                for t in xTicks {
                    svg.element("line", [("x1", n(x(t.day))), ("y1", n(top)), ("x2", n(x(t.day))), ("y2", n(bottom)),
                                         ("stroke", t.isYear ? "#bbbbbb" : "#ececec"), ("stroke-width", "1")])
                }
                svg.group("g", [("class", "axis y \(panel.name)"), ("data-max", Number.format(panel.axis.maximum, decimals: 3)),
                                ("font-family", font), ("font-size", "12"), ("fill", "#333333")]) { svg in
                    for v in panel.axis.ticks {
                        svg.element("line", [("x1", n(left)), ("y1", n(y(v))), ("x2", n(right)), ("y2", n(y(v))),
                                             ("stroke", v == 0 ? "#666666" : "#dddddd"), ("stroke-width", "1")])
                        svg.element("text", [("x", n(left - 8)), ("y", n(y(v) + 4)), ("text-anchor", "end")],
                                    text: panel.axis.label(v))
                    }
                    svg.element("text", [("transform", "translate(\(n(left - 62)) \(n(top + panelH / 2))) rotate(-90)"),
                                         ("text-anchor", "middle"), ("font-size", "13"), ("fill", "#111111")],
                                text: panel.title)
                }
                // Markers behind the series.
                for m in shown {
                    svg.element("line", [("class", "marker"), ("x1", n(x(m.date))), ("y1", n(top)), ("x2", n(x(m.date))),
                                         ("y2", n(bottom)), ("stroke", "#8e44ad"), ("stroke-opacity", "0.55"),
                                         ("stroke-width", "1")])
                }
                // Series: factions in scenario order, contested last (dashed).
                let values = reports.map(panel.values)
                for s in 0...factions.count where !values[0][s].isNaN {
                    var d = SVGPathData()
                    d.line(reports.indices.map { i in (x(reports[i].date), y(values[i][s])) })
                    let isContested = s == factions.count
                    svg.element("path", [("class", "series"), ("data-series", isContested ? "contested" : factions[s].id),
                                         ("d", d.d), ("fill", "none"),
                                         ("stroke", isContested ? contestedColor : factions[s].color),
                                         ("stroke-width", "2"), ("stroke-linejoin", "round"),
                                         ("stroke-dasharray", isContested ? "6 4" : nil)])
                }
                svg.element("rect", [("x", n(left)), ("y", n(top)), ("width", n(plotW)), ("height", n(panelH)),
                                     ("fill", "none"), ("stroke", "#999999")])
            }
        }

        // Time axis under the lower panel: month initials or names, years below.
        svg.group("g", [("class", "axis x"), ("font-family", font), ("font-size", "11"), ("fill", "#333333"),
                        ("text-anchor", "middle")]) { svg in
            for t in xTicks {
                svg.element("line", [("x1", n(x(t.day))), ("y1", n(axisBottom)), ("x2", n(x(t.day))),
                                     ("y2", n(axisBottom + (t.isYear ? 8 : 4))), ("stroke", "#666666")])
                if let label = t.label {
                    svg.element("text", [("x", n(x(t.day))), ("y", n(axisBottom + 18))], text: label)
                }
            }
            // Year names centred on the part of each year shown.
            var year = first.date.components.year
            while let jan = Day(year: year, month: 1, day: 1), jan.ordinal <= endDay {
                let a = max(jan.ordinal, startDay), b = min(Day(year: year + 1, month: 1, day: 1)!.ordinal, endDay)
                if Double(b - a) * plotW / Double(endDay - startDay) >= 40 {
                    svg.element("text", [("x", n(x(Day(ordinal: (a + b) / 2)))), ("y", n(axisBottom + 38)), ("font-size", "14"),
                                         ("font-weight", "bold"), ("fill", "#111111")], text: "\(year)")
                }
                year += 1
            }
        }

        // Marker captions in the band above the area panel, rotated, nudged apart so they
        // do not overlap; a short leader joins a nudged caption to its line.
        if !shown.isEmpty {
            let spacing = captionSize + 2
            var at = shown.map { x($0.date) }
            for i in at.indices.dropFirst() { at[i] = max(at[i], at[i - 1] + spacing) }
            if let lastX = at.last, lastX > right { at[at.count - 1] = right }
            for i in at.indices.reversed().dropFirst() { at[i] = min(at[i], at[i + 1] - spacing) }
            svg.group("g", [("class", "markers"), ("font-family", font), ("font-size", n(captionSize)), ("fill", "#4a235a")]) { svg in
                for (i, m) in shown.enumerated() {
                    let mx = x(m.date), cx = at[i]
                    svg.group("g", [("class", "marker-caption")]) { svg in
                        svg.element("title", text: "\(m.date): \(m.caption)")
                        svg.element("path", [("d", "M\(n(mx)) \(n(areaTop))L\(n(mx)) \(n(areaTop - 4)) \(n(cx)) \(n(areaTop - 12))"),
                                             ("fill", "none"), ("stroke", "#8e44ad"), ("stroke-opacity", "0.7"),
                                             ("stroke-width", "1")])
                        svg.element("text", [("transform", "translate(\(n(cx + captionSize * 0.36)) \(n(areaTop - 15))) rotate(-90)")],
                                    text: captions[i])
                    }
                }
            }
        }
        return svg.rendered()
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
