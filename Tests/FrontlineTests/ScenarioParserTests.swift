import Foundation
import Testing
@testable import Frontline

@Suite("Scenario parser")
struct ScenarioParserTests {
    static let header = """
        name: t
        region: [SY]
        start: 2015-01-01
        end: 2015-12-31
        factions:
          - {id: gov, name: Government, color: "#cc0000"}
        initial:
          - {country: SY, faction: gov}
        events:

        """

    func problems(_ text: String) -> [Diagnostic] {
        do {
            _ = try ScenarioParser.parse(text, file: "s.yaml")
            return []
        } catch let e as ScenarioError {
            return e.diagnostics
        } catch {
            return [Diagnostic(file: "?", line: nil, "unexpected \(error)")]
        }
    }

    @Test("A well-formed scenario parses with its events in file order")
    func parses() throws {
        let s = try ScenarioParser.parse(Self.header + """
              - {date: 2015-05-21, place: Palmyra, faction: gov, action: contest, radius_km: 30, source: {publication: Rudaw, date: 2016-12-12, claim: "x"}}
              - {date: 2015-03-01, governorate: Raqqa, faction: gov, source: {publication: BBC, date: 2015-03-01, claim: test}}
            """, file: "s.yaml")
        #expect(s.events.count == 2)
        #expect(s.events[0].action == .contest && s.events[0].radiusKm == 30 && s.events[0].line == 10)
        #expect(s.events[1].target == .governorate("Raqqa"))
        #expect(s.events[0].source.publication == "Rudaw" && s.events[0].source.date == Day("2016-12-12"))
    }

    @Test("Malformed YAML is an error with its line, not a crash")
    func malformed() {
        let d = problems("name: t\nregion: [SY\nstart: 2015-01-01\n")
        #expect(d.count == 1)
        #expect(d[0].message.hasPrefix("malformed YAML"))
        #expect(d[0].line != nil)
    }

    @Test("An empty file is an error")
    func empty() {
        #expect(problems("").map(\.message) == ["the scenario is empty"])
        #expect(problems("# only a comment\n").map(\.message) == ["the scenario is empty"])
    }

    @Test("A scenario without events is an error")
    func noEvents() {
        #expect(problems(Self.header + "  []\n").contains { $0.message == "the scenario has no events" })
    }

    /// Each malformed event line and the message it must produce (line 10 is the event).
    static let badEvents: [(String, String)] = [
        ("  - {date: 2015-02-30, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}",
         "event 1 date '2015-02-30' is not a date (YYYY-MM-DD)"),
        ("  - {date: 2014-12-31, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}",
         "event 1: date 2014-12-31 is before the scenario's start 2015-01-01"),
        ("  - {date: 2016-01-01, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}",
         "event 1: date 2016-01-01 is after the scenario's end 2015-12-31"),
        ("  - {date: 2015-02-01, place: Raqqa, faction: rebels, source: {publication: B, date: 2015-01-01, claim: test}}",
         "unknown faction 'rebels' (declared: gov)"),
        ("  - {date: 2015-02-01, place: Raqqa, faction: gov}", "event 1 has no source (publication, date and claim)"),
        ("  - {date: 2015-02-01, place: Raqqa, faction: gov, action: liberate, source: {publication: B, date: 2015-01-01, claim: test}}",
         "event 1: unknown action 'liberate' (expected capture or contest)"),
        ("  - {date: 2015-02-01, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}",
         "event 1 names exactly one of place or governorate"),
        ("  - {date: 2015-02-01, place: Raqqa, fraction: gov, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}",
         "event 1: unknown key 'fraction' (expected one of action, advance_from, date, faction, from, governorate, id, label, note, place, progress, radius_km, source, uncertain, until)"),
        ("  - {date: 2015-02-01, place: Raqqa, faction: gov, radius_km: -3, source: {publication: B, date: 2015-01-01, claim: test}}",
         "radius_km '-3' is not a positive number"),
    ]

    @Test("A malformed event is reported with its line and what is wrong", arguments: badEvents)
    func badEvent(_ entry: (String, String)) {
        let d = problems(Self.header + entry.0 + "\n")
        #expect(d.map(\.message) == [entry.1])
        #expect(d.first?.line == 10)
    }

    @Test("Every problem is reported, not only the first")
    func collectsAll() {
        let d = problems(Self.header + """
              - {date: 2015-13-01, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}
              - {date: 2015-02-01, place: Raqqa, faction: nobody, source: {publication: B, date: 2015-01-01, claim: test}}
            """)
        #expect(d.map(\.line) == [10, 11])
    }

    @Test("Unknown places in a real scenario get suggestions from the gazetteer, with their line")
    func unknownPlaceWithSuggestions() throws {
        let s = try ScenarioParser.parse(Self.header + """
              - {date: 2015-05-21, place: Palmyrra, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}
            """, file: "s.yaml")
        let partition = try Partition(gazetteer: Fixtures.geo.gazetteer, outlines: Fixtures.geo.outlines, countries: ["SY"],
                                      context: GEOSContext())
        let (plan, d) = ControlModel(gazetteer: Fixtures.geo.gazetteer, partition: partition).compile(s)
        #expect(plan == nil)
        #expect(d.count == 1 && d[0].line == 10)
        #expect(d[0].description.contains("s.yaml:10: error: event 1 (2015-05-21): unknown place 'Palmyrra'; did you mean Palmyra = Tadmur (SY, Homs (Hims))"))
    }

    @Test("The shipped seeds scenario passes the check and every event has a source")
    func seedsScenario() throws {
        let loaded = try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo)
        #expect(loaded.scenario.events.count >= 25)
        #expect(loaded.scenario.events.allSatisfy { !$0.source.publication.isEmpty })
        #expect(loaded.warnings.filter { $0.severity == .error }.isEmpty)
    }
}
