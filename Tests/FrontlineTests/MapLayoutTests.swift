import Foundation
import Testing
@testable import Frontline

/// Maps and charts of the real region as a reader sees them: no text outside the drawing at any
/// width, the reference cities labelled with their English names, neighbours and rivers drawn,
/// the number of cited reports stated, `--country` maps and charts limited to the country, and
/// charts readable when one side dwarfs the others.
@Suite("Map and chart layout")
struct MapLayoutTests {
    /// A replay per test: it owns a GEOS context, never shared between threads.
    func load(_ path: String = Fixtures.full) throws -> LoadedScenario { try LoadedScenario(path: path, geo: Fixtures.geo) }

    func map(_ loaded: LoadedScenario, on date: String, country: String? = nil, width: Double) throws -> String {
        let s = loaded.simulation()
        if let country { s.trackPeaks(in: country) }
        try s.advance(to: Day(date)!)
        let content = try MapContent(simulation: s, gazetteer: loaded.gazetteer, outlines: Fixtures.geo.outlines,
                                     governorates: Fixtures.geo.governorates, country: country,
                                     neighbours: try Fixtures.geo.neighbours(), lines: Fixtures.geo.lines)
        return MapRenderer.render(content, width: width)
    }

    static let widths: [Double] = [400, 480, 640, 800, 1200]

    @Test("The text checker finds what leaves the drawing: too wide, above the top, a rotated caption too long")
    func checker() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><g font-size="10">
            <text x="10" y="20">fits</text>
            <text x="150" y="40">a label far too long for the drawing</text>
            <text x="100" y="5" text-anchor="middle" font-size="12">above</text>
            <text transform="translate(50 60) rotate(-90)">a rotated caption that is longer than the page is tall</text>
            <text x="190" y="90" text-anchor="end">ends inside</text>
            </g></svg>
            """
        let boxes = SVGTextBoxes(svg)
        #expect(boxes.texts.count == 5)
        #expect(boxes.outside.map { $0.split(separator: "'")[0] } == ["a label far too long for the drawing", "above",
                                                                      "a rotated caption that is longer than the page is tall"])
        // "fits" at 10 px: f 721 + i 569 + t 803 + s 1067 = 3160/2048 em = 15.4 px.
        #expect(abs(boxes.texts[0].x1 - boxes.texts[0].x0 - 3160.0 / 2048 * 10) < 1e-9)
    }

    @Test("No text of a map leaves the drawing, from 400 px wide to 1200, for the region and for each country")
    func mapText() throws {
        let loaded = try load()
        for country in [nil, "SY", "IQ"] as [String?] {
            for width in Self.widths {
                let boxes = SVGTextBoxes(try map(loaded, on: "2017-10-17", country: country, width: width))
                #expect(boxes.width == width)
                #expect(boxes.texts.count > 20)
                #expect(boxes.outside.isEmpty, "\(country ?? "region") at \(Int(width)) px: \(boxes.outside)")
            }
        }
    }

    @Test("The seven reference cities are labelled with their English names at every width, whatever the scenario calls them")
    func referenceCities() throws {
        // A scenario that names Palmyra, Kobani and Mosul by other spellings (Tadmur, Ayn al-Arab, Al Mawsil).
        let yaml = """
            name: spellings
            region: [SY, IQ]
            start: 2015-01-01
            factions:
              - {id: gov, name: Government, color: "#cc0000"}
              - {id: isis, name: Islamic State, color: "#1a1a1a"}
            initial:
              - {country: SY, faction: gov}
              - {country: IQ, faction: gov}
            events:
              - {date: 2015-05-20, place: Tadmur, faction: isis, source: {publication: t, date: 2015-05-21, claim: x}}
              - {date: 2015-05-20, place: "Ayn al-Arab", faction: isis, radius_km: 10, source: {publication: t, date: 2015-05-21, claim: x}}
              - {date: 2015-05-20, place: "Al Mawsil", faction: isis, source: {publication: t, date: 2015-05-21, claim: x}}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spellings-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try load(url.path)
        for width in Self.widths {
            let labels = Set(SVGTextBoxes(try map(loaded, on: "2015-06-01", width: width)).texts.filter { $0.cls.hasPrefix("place") }
                .map(\.text))
            for city in ["Baghdad", "Damascus", "Erbil", "Mosul", "Aleppo", "Palmyra", "Kobani"] {
                #expect(labels.contains(city), "\(city) missing at \(Int(width)) px: \(labels.sorted())")
            }
            #expect(labels.isDisjoint(with: ["Tadmur", "Ayn al-Arab", "Al Mawsil"]))
        }
    }

    @Test("Neighbours in grey and named, the Euphrates and the Tigris drawn and named, the cited reports counted")
    func context() throws {
        let loaded = try load()
        let svg = try map(loaded, on: "2017-10-17", width: 1200)
        let parsed = try SVGTests.Parsed(svg)
        let neighbours = Set(parsed.all("path", class: "neighbour").compactMap { $0["data-name"] })
        #expect(neighbours.isSuperset(of: ["Turkey", "Iran", "Jordan", "Saudi Arabia", "Kuwait", "Lebanon"]))
        let names = Set(SVGTextBoxes(svg).texts.filter { $0.cls == "country-name" }.map(\.text))
        #expect(names.isSuperset(of: ["TURKEY", "IRAN", "JORDAN", "SAUDI ARABIA"]))
        let rivers = Set(parsed.all("path", class: "river").compactMap { $0["data-name"] })
        #expect(rivers.isSuperset(of: ["Euphrates", "Tigris"]))
        // The count, independently: distinct sources of the events dated up to the day and of the initial control.
        let s = loaded.scenario, day = Day("2017-10-17")!
        func key(_ c: Citation) -> String { "\(c.publication)|\(c.date)|\(c.url ?? c.title ?? c.claim ?? "")" }
        let n = Set(s.events.filter { $0.date <= day }.map { key($0.source) } + s.initial.compactMap { $0.source.map(key) }).count
        #expect(n > 100)
        #expect(parsed.texts.contains { $0.hasPrefix("Modelled from \(Number.grouped(n)) cited reports") })
    }

    @Test("--country SY: the title names Syria, the legend keeps the sides with ground in Syria and gives Syria's figures")
    func countryMap() throws {
        let loaded = try load()
        let svg = try map(loaded, on: "2015-05-21", country: "SY", width: 1200)
        let parsed = try SVGTests.Parsed(svg)
        #expect(parsed.texts.contains("Territorial control in Syria on 21 May 2015"))
        // The sides with ground in Syria that day, from the engine.
        let s = loaded.simulation()
        s.trackPeaks(in: "SY")
        try s.advance(to: Day("2015-05-21")!)
        let report = s.report(country: "SY")
        let inSyria = report.factions.filter { $0.groundKm2 > 0 }
        let rows = parsed.all("rect", class: "influence").count
        #expect(rows == inSyria.count)
        #expect(!parsed.texts.contains("Iraqi government forces (ISF, PMF)") && !parsed.texts.contains("Kurdistan Region / Peshmerga"))
        // The Islamic State's row: its held area in Syria and its change against its peak in Syria.
        let isis = try #require(report.factions.first { $0.faction.id == "isis" })
        #expect(parsed.texts.contains(Number.grouped(Int(isis.areaKm2.rounded()))))
        let peak = try #require(isis.changeFromPeak)
        #expect(parsed.texts.contains((peak >= 0 ? "+" : "−") + Number.fixed(abs(peak) * 100, decimals: 0) + "%"))
        // Iraq is drawn as a neighbour; no territory lies outside Syria.
        #expect(parsed.all("path", class: "neighbour").contains { $0["data-name"] == "Iraq" })
        #expect(parsed.texts.contains { $0.hasPrefix("Iraq and Syria 2014-2019 · Syria ") })
    }

    // MARK: Charts

    func reports(_ loaded: LoadedScenario, country: String? = nil) throws -> [ShareReport] {
        let s = loaded.simulation()
        if let country { s.trackPeaks(in: country) }
        var out = [ShareReport]()
        try s.run(from: s.scenario.start, to: Day("2019-12-31")!, every: .months(1)) { out.append(country.map($0.report(country:)) ?? $0.report()) }
        return out
    }

    @Test("No text of a chart leaves the drawing, combined or one panel per side, from 400 px to 1200")
    func chartText() throws {
        let loaded = try load()
        let reports = try reports(loaded)
        let s = loaded.simulation()
        let markers = ChartMarker.labelledEvents(of: loaded.scenario, from: s.scenario.start, through: Day("2019-12-31")!)
        #expect(markers.count > 20)
        for layout in ChartOptions.Layout.allCases {
            for width in Self.widths {
                var options = ChartOptions(title: loaded.scenario.name)
                options.markers = markers
                options.width = width
                options.layout = layout
                let boxes = SVGTextBoxes(ChartRenderer.render(reports, options: options))
                #expect(boxes.outside.isEmpty, "\(layout) at \(Int(width)) px: \(boxes.outside)")
            }
        }
    }

    @Test("One panel per side: each side's ground on its own axis, reaching its own largest value")
    func perSide() throws {
        let loaded = try load()
        let reports = try reports(loaded)
        var options = ChartOptions(title: "t")
        options.layout = .perSide
        let parsed = try SVGTests.Parsed(ChartRenderer.render(reports, options: options))
        for (i, faction) in loaded.scenario.factions.enumerated() {
            let largest = reports.map { $0.factions[i].groundKm2 }.max()!
            let axis = try #require(parsed.all("g", class: "y").first { $0["class"] == "axis y area side \(faction.id)" })
            let top = try #require(Double(axis["data-max"] ?? ""))
            // The axis of at most 4 round steps that reaches the side's largest ground: less than 2× it.
            #expect(top >= largest && top < 2 * largest, "\(faction.id): axis \(top), largest \(largest)")
        }
        // The smallest side's axis is a small fraction of the largest's: that is what makes it readable.
        let tops = parsed.all("g", class: "y").filter { $0["class"]!.hasPrefix("axis y area side") }.compactMap { Double($0["data-max"] ?? "") }
        #expect(tops.max()! / tops.min()! > 20)
    }

    @Test("--faction focus: only that side's series, on axes scaled to it; --country drops sides without ground there")
    func focus() throws {
        let loaded = try load()
        var options = ChartOptions(title: "t")
        options.focus = ["isis"]
        let reports = try reports(loaded, country: "IQ")
        options.countryName = "Iraq"
        let parsed = try SVGTests.Parsed(ChartRenderer.render(reports, options: options))
        let series = Set(parsed.all("path", class: "series").compactMap { $0["data-series"] })
        #expect(series == ["isis"])
        let isis = loaded.scenario.factionIndex("isis")!
        let largest = reports.map { $0.factions[isis].areaKm2 }.max()!
        let axis = try #require(parsed.all("g", class: "y").first { $0["class"] == "axis y area" })
        #expect(Double(axis["data-max"]!)! < 2 * largest)
        #expect(parsed.texts.contains { $0.contains("in Iraq") })
        // Without focus, a chart of Iraq leaves out the sides that never had ground in Iraq.
        options.focus = nil
        let all = try SVGTests.Parsed(ChartRenderer.render(reports, options: options))
        let shown = Set(all.all("path", class: "series").compactMap { $0["data-series"] })
        let expected = Set(loaded.scenario.factions.indices.filter { i in reports.contains { $0.factions[i].groundKm2 > 0 || $0.factions[i].population > 0 } }
            .map { loaded.scenario.factions[$0].id })
        #expect(shown.subtracting(["contested"]) == expected)
        #expect(!expected.contains("hts") && expected.contains("kurdistan"))
    }

    @Test("Markers of a --country chart are the labelled events in that country")
    func countryMarkers() throws {
        let loaded = try load()
        let s = loaded.simulation()
        let end = Day("2019-12-31")!
        let iraq = ChartMarker.labelledEvents(of: s, from: s.scenario.start, through: end, country: "IQ")
        let syria = ChartMarker.labelledEvents(of: s, from: s.scenario.start, through: end, country: "SY")
        let all = ChartMarker.labelledEvents(of: s.scenario, from: s.scenario.start, through: end)
        #expect(iraq.count + syria.count == all.count)
        #expect(iraq.contains { $0.caption.contains("Mosul") } && !iraq.contains { $0.caption.contains("Raqqa") })
        #expect(syria.contains { $0.caption.contains("Raqqa") } && !syria.contains { $0.caption.contains("Mosul") })
        let isis = ChartMarker.labelledEvents(of: s, from: s.scenario.start, through: end, factions: ["isis"])
        #expect(!isis.isEmpty && isis.allSatisfy { $0.factions.contains("isis") })
    }
}
