import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Frontline

/// SVG output on the toy country (four 1°×1° cells A B C D in a row, see `Fixtures`): the
/// documents parse as XML, text is escaped, the map has one path per territory in its
/// faction's colour, contested ground is hatched, the chart's axes cover the data and labelled
/// events get markers.
@Suite("SVG output")
struct SVGTests {
    // MARK: Fixtures

    /// Factions 0 `gov` (`A & <B>`, red), 1 `isis` (black), 2 `kurds` (yellow). On 2015-02-01
    /// isis takes TownA (catchment A+B: TownB is nearer A than D); on 2015-03-01 the kurds
    /// contest TownD within 50 km (D only: C is 111 km away), so gov keeps C uncontested.
    static let yaml = """
        name: Toy <map> & "chart"
        region: [XX]
        start: 2015-01-01
        factions:
          - {id: gov, name: "A & <B>", color: "#cc0000"}
          - {id: isis, name: Islamic State, color: "#000000"}
          - {id: kurds, name: Kurds, color: "#f1c40f"}
        initial:
          - {country: XX, faction: gov}
        events:
          - {date: 2015-02-01, place: TownA, faction: isis, label: "Fall of A's <town>", source: {publication: Test, date: 2015-02-01, claim: test}}
          - {date: 2015-03-01, place: TownD, faction: kurds, action: contest, radius_km: 50, source: {publication: Test, date: 2015-03-01, claim: test}}
        """

    struct Toy {
        let toy: Fixtures.Toy
        let scenario: Scenario
        let simulation: Simulation
    }

    func toy() throws -> Toy {
        let toy = try Fixtures.toy()
        let scenario = try ScenarioParser.parse(Self.yaml, file: "toy.yaml")
        let (plan, diagnostics) = ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(scenario)
        let p = try #require(plan, "\(diagnostics)")
        return Toy(toy: toy, scenario: scenario, simulation: Simulation(scenario: scenario, partition: toy.partition, plan: p))
    }

    func map(on date: String) throws -> String {
        let t = try toy()
        try t.simulation.advance(to: Day(date)!)
        let content = try MapContent(simulation: t.simulation, gazetteer: t.toy.gazetteer, outlines: Fixtures.toyOutline,
                                     governorates: [])
        return MapRenderer.render(content)
    }

    func chart(markers: [ChartMarker] = []) throws -> (svg: String, reports: [ShareReport]) {
        let t = try toy()
        var reports = [ShareReport]()
        let from = Day("2015-01-01")!, to = Day("2015-04-30")!
        try t.simulation.run(from: from, to: to, every: .days(7)) { reports.append($0.report()) }
        let all = ChartMarker.labelledEvents(of: t.scenario, from: from, through: to) + markers
        return (ChartRenderer.render(reports, title: t.scenario.name, markers: all), reports)
    }

    // MARK: XML

    /// Every element (name and attributes, in document order) and all text of a document;
    /// throws when XMLParser finds it malformed. On Linux `parse()` returns true after some
    /// errors it recovers from (an unclosed element), so any reported error, a `parserError`
    /// or unbalanced start and end tags count as malformed too.
    final class Parsed: NSObject, XMLParserDelegate {
        var elements = [(name: String, attributes: [String: String])]()
        var texts = [String]()
        private var current = ""
        private var depth = 0
        private var errors = [String]()

        init(_ svg: String) throws {
            super.init()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = self
            let ok = parser.parse()
            if let e = parser.parserError { errors.append("\(e)") }
            guard ok, errors.isEmpty, depth == 0 else {
                throw XMLError(message: errors.joined(separator: "; ") + (depth == 0 ? "" : " (\(depth) unclosed)"),
                               line: parser.lineNumber)
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { errors.append("\(parseError)") }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
            depth += 1
            current = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            let text = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { texts.append(text) }
            current = ""
        }

        func all(_ name: String, class cls: String? = nil) -> [[String: String]] {
            elements.filter { $0.name == name && (cls == nil || ($0.attributes["class"] ?? "").split(separator: " ").contains { $0 == cls! }) }
                .map(\.attributes)
        }
    }

    struct XMLError: Error { let message: String; let line: Int }

    @Test("The XML check itself rejects a raw '&' and an unclosed element")
    func parserRejectsMalformed() {
        // Without this the well-formedness tests below could pass on any input.
        #expect(throws: XMLError.self) { try Parsed("<svg><text>A & B</text></svg>") }
        #expect(throws: XMLError.self) { try Parsed("<svg><g></svg>") }
        #expect(throws: XMLError.self) { try Parsed("<svg/><svg/>") }   // two roots
    }

    // MARK: Escaping and numbers

    @Test("The five XML special characters become entities; control characters are dropped")
    func escaping() {
        // By hand: & → &amp;, < → &lt;, > → &gt;, " → &quot;, ' → &apos;; U+0001 is not allowed in XML 1.0.
        #expect(SVGDocument.escape("A & <B> \"q\" 'a'\u{1}") == "A &amp; &lt;B&gt; &quot;q&quot; &apos;a&apos;")
        #expect(SVGDocument.escape("Dayr az Zawr — ‘Ayn") == "Dayr az Zawr — ‘Ayn")
        // Values with nothing to escape (path data, numbers) come back as they are.
        #expect(SVGDocument.escape("M12.3 -4L5 6Z") == "M12.3 -4L5 6Z")
        // Tab, newline and carriage return are kept; U+FFFE is dropped (0xEF starts it in UTF-8).
        #expect(SVGDocument.escape("a\tb\nc\u{FFFE}d\u{FEFF}") == "a\tb\nc" + "d\u{FEFF}")
    }

    @Test("Path data writes tenths byte by byte exactly as SVGDocument.tenths does")
    func tenthsBytes() {
        // Every tenth from -20.0 to 20.0, and large and extreme values.
        for t in Array(-200...200) + [123_456_789, -987_654_321, Int.max / 2, Int.min / 2] {
            var bytes = [UInt8]()
            SVGPathData.tenths(t, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == SVGDocument.tenths(t), "\(t)")
        }
        var bytes = [UInt8]()
        SVGPathData.tenths(-5, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "-0.5")
    }

    @Test("Numbers are written with at most one decimal; path data drops points that coincide after rounding")
    func pathData() {
        #expect(SVGDocument.number(12.34) == "12.3")
        #expect(SVGDocument.number(-0.04) == "0")   // rounds to 0 tenths: no "-0"
        #expect(SVGDocument.number(-4.0) == "-4")
        var d = SVGPathData()
        // (0.04, 0) rounds onto (0, 0); the closing point repeats the first: 3 distinct corners remain.
        d.ring([(0, 0), (0.04, 0), (10, 0), (10, 10), (0, 0)])
        #expect(d.d == "M0 0L10 0 10 10Z")
        var tiny = SVGPathData()
        tiny.ring([(0, 0), (0.01, 0.01), (0.02, 0), (0, 0)])   // all within 0.05 px: nothing to draw
        #expect(tiny.d.isEmpty)
    }

    @Test("Borders two polygons share are drawn once")
    func sharedEdges() {
        // Two unit squares side by side share the edge x = 1: 4 + 4 − 1 = 7 segments, as two runs:
        // the first square (4 segments) and the second without the shared edge (3).
        let left: [(x: Double, y: Double)] = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
        let right: [(x: Double, y: Double)] = [(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]
        let d = SVGPathData.sharedEdgesOnce([left, right]).d
        #expect(d == "M0 0L1 0 1 1 0 1 0 0M1 0L2 0 2 1 1 1")
    }

    // MARK: Map

    @Test("The map is well-formed XML and the faction named 'A & <B>' reads back unchanged")
    func mapIsWellFormed() throws {
        let svg = try map(on: "2015-03-01")
        #expect(!svg.contains("A & <B>"))   // never raw in the file
        let parsed = try Parsed(svg)
        #expect(parsed.elements.first?.name == "svg")
        #expect(parsed.texts.contains("A & <B>"))   // the legend row, after the parser decodes the entities
        #expect(parsed.texts.contains { $0.hasPrefix("Toy <map> & \"chart\"") })   // the subtitle
    }

    @Test("One filled path per territory in its faction's colour, contested ground hatched holder/attacker")
    func mapTerritories() throws {
        let parsed = try Parsed(try map(on: "2015-03-01"))
        let territories = parsed.all("path", class: "territory")
        // Simulation.territories() on 2015-03-01: gov holds C, isis holds A+B, D is gov's contested by the kurds.
        #expect(territories.count == 3)
        let held = Dictionary(uniqueKeysWithValues: parsed.all("path", class: "held").map { ($0["data-faction"]!, $0["fill"]!) })
        #expect(held == ["gov": "#cc0000", "isis": "#000000"])
        let contested = try #require(parsed.all("path", class: "contested").first)
        #expect(contested["data-faction"] == "gov" && contested["data-contested-by"] == "kurds")
        // Hatch of holder 0 (gov) attacked by 2 (kurds): a red ground with yellow stripes.
        #expect(contested["fill"] == "url(#contested-0-2)")
        let pattern = try #require(parsed.elements.firstIndex { $0.name == "pattern" && $0.attributes["id"] == "contested-0-2" })
        let fills = parsed.elements[(pattern + 1)...].prefix(2).map { $0.attributes["fill"] }
        #expect(fills == ["#cc0000", "#f1c40f"])
        // Each path is non-empty and closed.
        for t in territories { #expect(t["d"]?.hasPrefix("M") == true && t["d"]?.hasSuffix("Z") == true) }
    }

    @Test("Places named in an event within 90 days before the date are labelled; afterwards small places are not")
    func mapLabels() throws {
        // Toy places have 500–1000 people (< 50,000): only recency labels them. TownA (event 2015-02-01) and
        // TownD (2015-03-01) on 2015-03-01; on 2015-07-01 both events are more than 90 days old.
        let recent = try Parsed(try map(on: "2015-03-01")).all("text", class: "place")
        #expect(recent.count == 2)
        let later = try Parsed(try map(on: "2015-07-01")).all("text", class: "place")
        #expect(later.isEmpty)
    }

    @Test("The legend gives each faction's area, share and population, and the contested pair")
    func mapLegend() throws {
        let parsed = try Parsed(try map(on: "2015-03-01"))
        // gov: 1 cell (C, 500 people) = 25% of 4 equal-width cells (the toy cells are 1°×1° between 0 and 1°N,
        // equal areas by symmetry); isis: A+B = 50%, 1,500 people; contested D = 25%, 1,000 people.
        #expect(parsed.texts.contains("Contested: A & <B> ground, attacked by Kurds"))
        #expect(parsed.texts.filter { $0 == "25.0%" }.count == 2)
        #expect(parsed.texts.contains("50.0%"))
        #expect(parsed.texts.contains("1,500"))
        // Three factions (a colour and an influence stipple each) + one contested pair.
        #expect(parsed.all("rect", class: "swatch").count == 3 * 2 + 1)
        #expect(parsed.all("rect", class: "influence").count == 3)
    }

    // MARK: Chart

    @Test("The chart is well-formed XML with the title escaped")
    func chartIsWellFormed() throws {
        let (svg, _) = try chart()
        let parsed = try Parsed(svg)
        #expect(parsed.texts.contains("Toy <map> & \"chart\""))
        #expect(parsed.texts.contains("A & <B>"))
        // Held ground and population panels: one series per faction plus the dashed contested
        // series; the held + influence panel: one series per faction.
        #expect(parsed.all("path", class: "series").count == 2 * 4 + 3)
        #expect(parsed.all("path", class: "series").filter { $0["data-series"] == "contested" }.allSatisfy { $0["stroke-dasharray"] != nil })
    }

    @Test("Each y axis reaches the largest value it shows, by less than one step")
    func chartAxes() throws {
        let (svg, reports) = try chart()
        let parsed = try Parsed(svg)
        let largestArea = reports.flatMap { $0.factions.map(\.areaKm2) + [$0.contestedKm2] }.max()!
        let largestPopulation = Double(reports.flatMap { $0.factions.map(\.population) }.max()!)
        // The whole toy country (4 cells, about 49,000 km²) is gov's on the start date; 3,000 people.
        #expect(largestArea > 49_000 && largestArea < 50_000)
        #expect(largestPopulation == 3000)
        for (name, largest) in [("area", largestArea), ("population", largestPopulation)] {
            let axis = try #require(parsed.all("g", class: "y").first { $0["class"]!.contains(name) })
            let top = try #require(Double(axis["data-max"] ?? ""))
            let step = ChartAxis(largest: largest, units: [(1, "")]).step
            #expect(top >= largest && top < largest + step, "\(name): \(top) vs \(largest)")
        }
    }

    @Test("Round axes", arguments: [
        // (largest, expected maximum, step): the smallest of ≤ 8 steps of 1, 2, 2.5, 5 × 10ⁿ.
        (369_466.0, 400_000.0, 50_000.0),   // 369,466/8 = 46,183 → 50,000 × 8 = 400,000
        (26_488_615, 30_000_000, 5_000_000), // 2.5M needs 11 steps; 5M needs 6
        (7, 7, 1),
        (0, 1, 0.2),                        // nothing to show: an axis to 1 in 5 steps
    ])
    func roundAxes(largest: Double, maximum: Double, step: Double) {
        let axis = ChartAxis(largest: largest, units: [(1, "")])
        #expect(axis.maximum == maximum)
        #expect(axis.step == step)
    }

    @Test("Labelled events and --mark give markers; events without a label or outside the range do not")
    func chartMarkers() throws {
        let marks = [ChartMarker("2015-04-01=Siege & <relief>")!, ChartMarker("2016-01-01=Out of range")!]
        let (svg, _) = try chart(markers: marks)
        let parsed = try Parsed(svg)
        // Markers: the labelled 2015-02-01 event and the 2015-04-01 mark; the 2015-03-01 event has no
        // label; 2016-01-01 is after the last report (2015-04-30). Each has a line in the three panels.
        #expect(parsed.all("g", class: "marker-caption").count == 2)
        #expect(parsed.all("line", class: "marker").count == 6)
        #expect(parsed.texts.contains("Fall of A's <town>"))
        #expect(parsed.texts.contains("Siege & <relief>"))
        #expect(!parsed.texts.contains("Out of range"))
    }

    @Test("--mark parses DATE=Caption", arguments: [
        ("2017-10-17=Raqqa taken", "2017-10-17", "Raqqa taken"),
        ("2015-05-21=Palmyra = Tadmur", "2015-05-21", "Palmyra = Tadmur"),   // first '=' splits
    ])
    func markParsing(text: String, date: String, caption: String) throws {
        let m = try #require(ChartMarker(text))
        #expect(m.date == Day(date)! && m.caption == caption)
    }

    @Test("--mark rejects a bad date or an empty caption", arguments: ["2015-02-30=x", "2015-05-21=", "Palmyra"])
    func markErrors(text: String) {
        #expect(ChartMarker(text) == nil)
    }
}
