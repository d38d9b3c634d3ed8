import Foundation
import Testing
@testable import Frontline

/// `frontline import acled`: the CSV reader, ACLED's export layout, actor matching, and the
/// import of the made-up fixture `Tests/Fixtures/ACLED/made-up-export.csv` (its README says
/// what each row tests) against the shipped scenario's factions.
@Suite("ACLED import")
struct ACLEDImportTests {
    static let fixture = Fixtures.repository.appendingPathComponent("Tests/Fixtures/ACLED/made-up-export.csv")

    static func fixtureFile() throws -> ACLEDFile {
        try ACLEDFile(text: String(contentsOf: fixture, encoding: .utf8), file: "made-up-export.csv")
    }

    /// The fixture imported as a new scenario on the shipped one's factions, region and dates.
    static func imported(appendingTo existing: Set<String> = []) throws -> (ACLEDImport, Scenario) {
        let base = try ScenarioParser.load(path: Fixtures.full)
        let result = ACLEDImport(file: try fixtureFile(), factions: base.factions, region: base.region, start: base.start,
                                 end: base.end, gazetteer: Fixtures.geo.gazetteer, outlines: Fixtures.geo.outlines,
                                 existingIDs: existing)
        return (result, base)
    }

    // MARK: CSV

    @Test("CSV: quoted fields with delimiters, doubled quotes, line breaks; CRLF; a byte order mark")
    func csv() throws {
        let t = try CSVTable(text: "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,z,w\r\n", file: "t.csv")
        #expect(t.header == ["a", "b", "c"] && t.delimiter == ",")
        #expect(t.records.map(\.fields) == [["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""], ["3", "z", "w"]])
        // Lines where each record starts: the second record's quoted line break moves the third to line 5.
        #expect(t.records.map(\.line) == [2, 3, 6])
    }

    @Test("CSV: semicolons and tabs are recognised from the header; short rows are padded")
    func delimiters() throws {
        #expect(try CSVTable(text: "a;b;c\n1;2\n", file: "t").records[0].fields == ["1", "2", ""])
        #expect(try CSVTable(text: "a\tb\n1\t2\n", file: "t").delimiter == "\t")
    }

    @Test("CSV: an open quote, a row longer than the header and an empty file are errors with their line")
    func csvErrors() {
        #expect(throws: DataError.self) { try CSVTable(text: "a,b\n1,\"open\n", file: "t") }
        do { _ = try CSVTable(text: "a,b\n1,2\n1,2,3\n", file: "t"); Issue.record("no error") } catch let e as DataError {
            #expect(e.line == 3 && e.message == "the record has 3 fields; the header has 2 columns")
        } catch { Issue.record("\(error)") }
        #expect(throws: DataError.self) { try CSVTable(text: "", file: "t") }
    }

    // MARK: The export layout

    @Test("The fixture has ACLED's 31 export columns in the published order")
    func layout() throws {
        let table = try CSVTable(text: String(contentsOf: Self.fixture, encoding: .utf8), file: "f")
        #expect(table.header == ACLEDFile.exportColumns)
        #expect(ACLEDFile.exportColumns.count == 31)
        #expect(table.records.count == 12)
        // Every row is labelled as made up, so no one takes it for ACLED data.
        let notes = table.column("notes")!, source = table.column("source")!
        #expect(table.records.allSatisfy { $0.fields[notes].hasPrefix("MADE UP FOR FRONTLINE'S TESTS, NOT ACLED DATA") })
        #expect(table.records.allSatisfy { $0.fields[source] == "Made-up source (Frontline test fixture)" })
    }

    @Test("event_date in both forms ACLED writes (and abbreviated months)",
          arguments: [("2017-10-17", "2017-10-17"), ("17 October 2017", "2017-10-17"), ("02 March 2017", "2017-03-02"),
                      ("7 Jan 2019", "2019-01-07"), ("17-October-2017", "2017-10-17"), ("31 September 2017", nil),
                      ("17 Octobre 2017", nil), ("17/10/2017", nil), ("", nil)])
    func dates(text: String, expected: String?) {
        #expect(ACLEDFile.date(text) == expected.flatMap(Day.init))
    }

    @Test("A file without ACLED's columns is refused, naming the missing ones")
    func notACLED() {
        do { _ = try ACLEDFile(text: "date,place\n2017-01-01,Raqqa\n", file: "x.csv"); Issue.record("no error") } catch let e as DataError {
            #expect(e.message.hasPrefix("not an ACLED export: no column 'event_id_cnty', 'event_date', 'event_type', 'actor1'"))
        } catch { Issue.record("\(error)") }
    }

    @Test("A row whose date is not one is reported with its line and left out")
    func badDate() throws {
        let header = ACLEDFile.exportColumns.joined(separator: ",")
        var fields = Array(repeating: "", count: 31)
        fields[0] = "SYR1"; fields[1] = "32 March 2017"
        let file = try ACLEDFile(text: header + "\n" + fields.joined(separator: ",") + "\n", file: "x.csv")
        #expect(file.records.isEmpty)
        #expect(file.problems.map(\.description) == ["x.csv:2: error: SYR1: event_date '32 March 2017' is not a date (2017-10-17 or 17 October 2017)"])
    }

    // MARK: Actors

    @Test("Actor names: exact, a force's unit after its name, patterns with *, the closest match wins")
    func actors() {
        let factions = [
            Faction(id: "gov", name: "G", color: "#000000", acled: ["Military Forces of Syria (2000-)"]),
            Faction(id: "iraq", name: "I", color: "#000000", acled: ["Military Forces of Iraq (2014-2018)"]),
            Faction(id: "krg", name: "K", color: "#000000", acled: ["*Peshmerga*"]),
            Faction(id: "isis", name: "IS", color: "#000000", acled: ["Islamic State*"]),
            Faction(id: "a", name: "A", color: "#000000", acled: ["Tribal Militia*"]),
            Faction(id: "b", name: "B", color: "#000000", acled: ["Tribal*Militia*"]),
            Faction(id: "c", name: "C", color: "#000000", acled: ["Tribal Militia (Syria)"]),
            Faction(id: "d", name: "D", color: "#000000", acled: ["*Militia (Iraq)"]),
        ]
        let m = ACLEDActorMatcher(factions: factions)
        #expect(m.match("Military Forces of Syria (2000-)") == .faction("gov"))
        #expect(m.match("military forces of syria  (2000-)") == .faction("gov"))           // case and spaces
        #expect(m.match("Military Forces of Syria (2000-) 4th Armored Division") == .faction("gov"))
        #expect(m.match("Military Forces of Syria (2000-2024)") == .none)                   // another period, not a unit
        #expect(m.match("Islamic State (Syria)") == .faction("isis"))
        #expect(m.match("Islamic") == .none)
        // A pattern beats a unit after a name: the Peshmerga unit of Iraq's forces is the KRG's.
        #expect(m.match("Military Forces of Iraq (2014-2018) Peshmerga") == .faction("krg"))
        // The name itself beats a pattern; two patterns as close as each other are ambiguous.
        #expect(m.match("Tribal Militia (Syria)") == .faction("c"))
        // Among patterns, more characters besides * win ("Tribal Militia*" 14 over "Tribal*Militia*" 13) …
        #expect(m.match("Tribal Militia (Lebanon)") == .faction("a"))
        // … and two factions' patterns of 14 each ("Tribal Militia*", "*Militia (Iraq)") are ambiguous.
        #expect(m.match("Tribal Militia (Iraq)") == .ambiguous(["a", "d"]))
        #expect(m.match("") == .none)
    }

    @Test("Patterns: * anywhere, and only whole names match")
    func globs() {
        func g(_ p: String, _ n: String) -> Bool {
            ACLEDActorMatcher.glob(p.lowercased().split(separator: "*", omittingEmptySubsequences: false).map(String.init), n.lowercased())
        }
        #expect(g("*Peshmerga*", "Peshmerga (Kurdistan Regional Government)"))
        #expect(g("*Peshmerga", "KRG Peshmerga") && !g("*Peshmerga", "Peshmerga units"))
        #expect(g("Islamic State*", "Islamic State") && !g("Islamic State*", "The Islamic State"))
        #expect(g("a*b*c", "aXbYc") && !g("a*b*c", "aXcYb"))
        #expect(g("*", "anything"))
    }

    // MARK: The fixture

    @Test("The fixture: 12 rows, 10 territorial, 2 others skipped by type, 8 imported")
    func counts() throws {
        let (result, _) = try Self.imported()
        let r = result.report
        #expect(r.rows == 12 && r.territorial == 10 && r.imported == 8)
        #expect(r.skippedTypes.map(\.type).sorted() == ["Battles / Armed clash", "Explosions/Remote violence / Air/drone strike"])
        #expect(r.skippedTypes.allSatisfy { $0.count == 1 })
        // Events in date order, each traceable to its row by event_id_cnty.
        #expect(result.events.map(\.record.eventID)
            == ["SYRTEST01", "SYRTEST02", "SYRTEST05", "SYRTEST03", "IRQTEST01", "SYRTEST04", "IRQTEST02", "SYRTEST09"])
    }

    @Test("Who took the ground from whom, per row (actor1 and actor2 through the shipped factions' acled: lists)")
    func sides() throws {
        let (result, _) = try Self.imported()
        let sides = Dictionary(uniqueKeysWithValues: result.events.map { ($0.record.eventID, "\($0.faction)<\($0.from ?? "-")") })
        #expect(sides == ["SYRTEST01": "syria_gov<isis",
                          "SYRTEST02": "syria_gov<isis",       // swapped: actor1 is a rebel group in a Government regains row
                          "SYRTEST03": "sdf<isis",
                          "SYRTEST04": "syria_gov<isis",       // "… 104th Airborne Brigade": a unit of the army
                          "SYRTEST05": "opposition<-",         // non-violent transfer, no actor2
                          "IRQTEST01": "iraq_gov<isis",        // "Battle-Government regains territory"
                          "IRQTEST02": "iraq_gov<kurdistan",   // "*Peshmerga*"
                          "SYRTEST09": "hts<opposition"])
        #expect(result.report.swapped.map(\.eventID) == ["SYRTEST02"])
    }

    @Test("Rows left out are reported with their rows: an unmapped actor, a row outside the region")
    func leftOut() throws {
        let (result, _) = try Self.imported()
        let r = result.report
        #expect(r.unmapped.map(\.actor) == ["Unidentified Armed Group (Syria)"])
        #expect(r.unmapped[0].records.map(\.eventID) == ["SYRTEST08"] && r.unmapped[0].records[0].line == 9)
        #expect(r.outsideRegion.map(\.eventID) == ["LBNTEST01"])
        #expect(r.ambiguous.isEmpty && r.sameSide.isEmpty && r.outsideDates.isEmpty && r.alreadyPresent.isEmpty)
    }

    @Test("Where: gazetteer places by name near ACLED's point, a place 42 m away by position, two declared places")
    func places() throws {
        let (result, _) = try Self.imported()
        let place = Dictionary(uniqueKeysWithValues: result.events.map { ($0.record.eventID, $0.place) })
        #expect(place["SYRTEST01"] == "Tadmur" && place["SYRTEST05"] == "Al Tanf" && place["IRQTEST01"] == "Tall Afar")
        // "Al Qaryatain" is not a gazetteer spelling, but the gazetteer's Al Qaryatayn is within 1 km of the row's point.
        #expect(place["SYRTEST02"] == "Al Qaryatayn")
        // A district and an airport: declared at ACLED's coordinates, named as ACLED names them.
        #expect(result.places.map(\.name) == ["Ar-Raqqa - Al Mashlab", "Deir-ez-Zor - Airport"])
        #expect(result.places[0].coordinate == Coordinate(lon: 39.045, lat: 35.955))
        #expect(place["SYRTEST03"] == "Ar-Raqqa - Al Mashlab" && place["SYRTEST04"] == "Deir-ez-Zor - Airport")
        #expect(result.report.atGazetteerPlaces == 6 && result.report.atDeclaredPlaces == 2)
        // Every gazetteer place used lies within the name tolerance of ACLED's point.
        for e in result.events where e.declared == nil {
            let p = try Fixtures.geo.gazetteer.resolve(e.place)
            #expect(Geodesic.wgs84.distance(p.coordinate, e.record.coordinate!) <= ACLEDImport.nameToleranceKm * 1000)
        }
    }

    @Test("ACLED's precision codes: geo_precision 3 is warned about; precision 2 and 3 become 'uncertain'")
    func precision() throws {
        let (result, _) = try Self.imported()
        #expect(result.report.imprecise.map(\.eventID) == ["SYRTEST09"] && result.report.imprecise[0].line == 12)
        #expect(result.report.warnings.isEmpty)
        let uncertain = Dictionary(uniqueKeysWithValues: result.events.map { ($0.record.eventID, $0.uncertain) })
        #expect(uncertain["IRQTEST02"]! == "ACLED time_precision 2: the source gives the week or a few days, not the day")
        #expect(uncertain["SYRTEST09"]! == "ACLED geo_precision 3: the coordinates are a larger area's centre")
        #expect(uncertain["SYRTEST01"]! == nil)
    }

    @Test("The new scenario checks: factions, places and initial control of the base, the 8 events cited and with their ids")
    func standalone() throws {
        let (result, _) = try Self.imported()
        let text = try ScenarioText.merged(base: String(contentsOfFile: Fixtures.full, encoding: .utf8), events: result.events,
                                           places: result.places, replacing: ("# header\n", [("name", "\"ACLED import\"")]))
        let loaded = try Self.load(text)
        let s = loaded.scenario
        #expect(s.name == "ACLED import" && s.events.count == 8)
        #expect(s.events.map { $0.id ?? "" } == result.events.map(\.record.eventID))
        let base = try ScenarioParser.load(path: Fixtures.full)
        // The base's declared places, then the two the import declared.
        #expect(s.places.map(\.name) == base.places.map(\.name) + ["Ar-Raqqa - Al Mashlab", "Deir-ez-Zor - Airport"])
        // ACLED's source is the publication, its notes the claim.
        let first = s.events[0]
        #expect(first.source.publication == "Made-up source (Frontline test fixture) (via ACLED)")
        #expect(first.source.claim?.hasPrefix("MADE UP FOR FRONTLINE'S TESTS") == true)
        #expect(first.source.claim?.contains("\"fully\"") == true)   // quotes survive the CSV and the YAML
        #expect(first.date == Day("2017-03-02") && first.source.date == Day("2017-03-02"))
        #expect(s.factions.map(\.id) == base.factions.map(\.id) && s.initial.count == base.initial.count)
    }

    @Test("--append-to keeps the base's text line for line and adds the events; importing again adds nothing")
    func append() throws {
        let baseText = try String(contentsOfFile: Fixtures.full, encoding: .utf8)
        let base = try ScenarioParser.load(path: Fixtures.full)
        let (result, _) = try Self.imported()
        let merged = try ScenarioText.merged(base: baseText, events: result.events, places: result.places)
        // The base is a subsequence of the merged text's lines: nothing of it changed or moved.
        var rest = merged.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in baseText.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let k = rest.firstIndex(of: line) else { Issue.record("line lost: \(line)"); return }
            rest = rest[(k + 1)...]
        }
        let loaded = try Self.load(merged)
        #expect(loaded.scenario.events.count == base.events.count + 8)
        #expect(loaded.scenario.places.count == base.places.count + 2)
        // A second import into the merged scenario finds every territorial row already there.
        let (again, _) = try Self.imported(appendingTo: Set(loaded.scenario.events.compactMap(\.id)))
        #expect(again.events.isEmpty && again.report.alreadyPresent.count == 8)
    }

    @Test("YAML quoting: quotes, backslashes, line breaks and control characters round-trip through the parser")
    func quoting() throws {
        let tricky = "a \"quote\", a \\ backslash,\na line break, a tab\t, a bell \u{7}, Ḩamāh: 'x' # not a comment"
        let s = try ScenarioParser.parse("""
            name: \(ScenarioText.quoted(tricky))
            region: [SY]
            start: 2015-01-01
            factions: [{id: gov, name: G, color: "#cc0000"}]
            events: [{date: 2015-01-02, place: Raqqa, faction: gov, source: {publication: p, date: 2015-01-02, claim: c}}]
            """, file: "q.yaml")
        #expect(s.name == tricky)
    }

    static func load(_ text: String) throws -> LoadedScenario {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("acled-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try LoadedScenario(path: url.path, geo: Fixtures.geo)
    }
}
