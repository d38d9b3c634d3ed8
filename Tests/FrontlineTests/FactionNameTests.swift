import Foundation
import Testing
@testable import Frontline

/// Faction ids in any case and faction aliases, in the scenario format and for `--faction`.
@Suite("Faction names")
struct FactionNameTests {
    static func scenario(factions: String, events: String) -> String {
        """
        name: t
        region: [SY]
        start: 2015-01-01
        factions:
        \(factions)
        initial:
          - {country: SY, faction: gov}
        events:
        \(events)
        """
    }

    static let factions = """
          - {id: gov, name: Government, color: "#cc0000"}
          - {id: isis, name: Islamic State, color: "#000000", aliases: [ISIS, ISIL, Daesh, IS], acled: ["Islamic State*"]}
        """

    static func event(_ faction: String, from: String? = nil, id: String? = nil) -> String {
        "  - {date: 2015-05-21, place: Palmyra, faction: \(faction)\(from.map { ", from: \($0)" } ?? "")"
            + "\(id.map { ", id: \($0)" } ?? ""), source: {publication: BBC, date: 2015-05-21, claim: x}}"
    }

    func problems(_ text: String) -> [String] {
        do { _ = try ScenarioParser.parse(text, file: "s.yaml"); return [] } catch let e as ScenarioError {
            return e.diagnostics.map(\.message)
        } catch { return ["\(error)"] }
    }

    @Test("ISIS, ISIL, Daesh and IS, in any case, are the faction isis in events (faction: and from:)",
          arguments: ["isis", "ISIS", "Isis", "ISIL", "daesh", "Daesh", "IS", "is"])
    func aliases(name: String) throws {
        let s = try ScenarioParser.parse(Self.scenario(factions: Self.factions, events: Self.event(name) + "\n" + Self.event("GOV", from: name)),
                                         file: "s.yaml")
        #expect(s.events[0].faction == "isis")
        #expect(s.events[1].faction == "gov" && s.events[1].from == "isis")
        #expect(s.faction(named: name)?.id == "isis")
    }

    @Test("The aliases and ACLED names are kept on the faction")
    func kept() throws {
        let s = try ScenarioParser.parse(Self.scenario(factions: Self.factions, events: Self.event("isis")), file: "s.yaml")
        #expect(s.factions[1].aliases == ["ISIL", "Daesh", "IS"])   // "ISIS" is the id in capitals: not stored
        #expect(s.factions[1].acled == ["Islamic State*"])
        #expect(s.faction(named: "Government") == nil)   // a faction's display name is not one of its names
        #expect(s.faction(named: "nobody") == nil)
    }

    @Test("An alias that names another faction is an error naming both")
    func conflict() {
        let factions = """
              - {id: gov, name: Government, color: "#cc0000", aliases: [regime]}
              - {id: isis, name: Islamic State, color: "#000000", aliases: [GOV, Regime]}
            """
        #expect(problems(Self.scenario(factions: factions, events: Self.event("isis"))) == [
            "alias 'GOV' of faction 'isis' already names faction 'gov'",
            "alias 'Regime' of faction 'isis' already names faction 'gov'",
        ])
    }

    @Test("aliases: must be a list of single values")
    func notAList() {
        let factions = "  - {id: gov, name: Government, color: \"#cc0000\", aliases: regime}"
        #expect(problems(Self.scenario(factions: factions, events: Self.event("gov"))) == ["'aliases' must be a list"])
    }

    @Test("An unknown faction is still an error, whatever the case")
    func unknown() {
        #expect(problems(Self.scenario(factions: Self.factions, events: Self.event("Kurds")))
            == ["unknown faction 'Kurds' (declared: gov, isis)"])
    }

    @Test("Event ids are kept, and an id given twice is an error naming the first event")
    func eventIDs() throws {
        let s = try ScenarioParser.parse(Self.scenario(factions: Self.factions, events: Self.event("isis", id: "SYR1")), file: "s.yaml")
        #expect(s.events[0].id == "SYR1")
        let twice = Self.scenario(factions: Self.factions, events: Self.event("isis", id: "SYR1") + "\n" + Self.event("gov", id: "SYR1"))
        #expect(problems(twice) == ["event 2: id 'SYR1' is also the id of event 1 (line 10)"])
    }

    @Test("The shipped scenario names its eight sides by their usual names")
    func shipped() throws {
        let s = try ScenarioParser.load(path: Fixtures.full)
        let expected = ["ISIS": "isis", "ISIL": "isis", "Daesh": "isis", "IS": "isis", "SDF": "sdf", "YPG": "sdf",
                        "HTS": "hts", "Nusra": "hts", "FSA": "opposition", "SNA": "tfsa", "Peshmerga": "kurdistan",
                        "PMF": "iraq_gov", "SAA": "syria_gov"]
        for (name, id) in expected { #expect(s.faction(named: name)?.id == id, "\(name)") }
        // Every side lists ACLED actor names, for `import acled`.
        #expect(s.factions.allSatisfy { !$0.acled.isEmpty })
    }
}
