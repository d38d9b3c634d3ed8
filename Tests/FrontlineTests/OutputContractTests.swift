import Foundation
import Testing
@testable import Frontline

/// The JSON outputs as a contract: each comes from a `Codable` record whose keys are exactly the
/// properties its JSON Schema in docs/schema/ declares (`required`, plus the optional ones), with
/// today's number formatting; and `events --format csv|json` carries each event's provenance.
/// (Full validation with a JSON Schema validator: Tests/verify/validate_json.py, run by CI.)
@Suite("JSON outputs and their schemas")
struct OutputContractTests {
    static let schemas = Fixtures.repository.appendingPathComponent("docs/schema")

    func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.schemas.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The keys a schema object allows, and those it requires.
    func keys(_ s: [String: Any]) -> (all: Set<String>, required: Set<String>) {
        (Set((s["properties"] as? [String: Any] ?? [:]).keys), Set(s["required"] as? [String] ?? []))
    }

    func toySimulation() throws -> Simulation {
        let toy = try Fixtures.toy()
        let scenario = try Fixtures.toyScenario(events: LayerTests.events)
        let plan = try #require(ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(scenario).0)
        return Simulation(scenario: scenario, partition: toy.partition, plan: plan)
    }

    @Test("share JSON: the schema's keys, sorted, numbers as Number.format writes them")
    func share() throws {
        let simulation = try toySimulation()
        try simulation.advance(to: Day("2015-01-15")!)
        let report = simulation.report()
        let text = ShareRenderer.json(report)
        let json = try object(text)
        let s = try schema("share.schema.json")
        let (all, required) = keys(s)
        #expect(Set(json.keys) == required)          // no country: the whole region
        #expect(required.isSubset(of: all) && all.subtracting(required) == ["country"])
        let factionSchema = try #require(((s["properties"] as? [String: Any])?["factions"] as? [String: Any])?["items"] as? [String: Any])
        for f in try #require(json["factions"] as? [[String: Any]]) { #expect(Set(f.keys) == keys(factionSchema).required) }
        // Keys in sorted order; km² with 2 decimals at most, as before the records: the text holds
        // the same digits Number.format gives.
        #expect(text.hasPrefix("{\"contested\":{\"area_km2\":0,\"population\":0,\"share\":0},\"date\":\"2015-01-15\""))
        let isis = report.factions[1]
        #expect(text.contains("\"area_km2\":\(Number.format(isis.areaKm2, decimals: 2)),\"change_from_peak\":0,"))
        // The kurds have held nothing yet: peak fields are null, not left out.
        #expect(text.contains("\"name\":\"Kurds\",\"peak_date\":null,\"peak_km2\":null,"))
        let decoded = try JSONContract.decode(ShareRecord.self, from: text)
        #expect(decoded.factions[1].areaKm2.value == Double(Number.format(isis.areaKm2, decimals: 2)))
        #expect(decoded.factions[1].peakDate == "2015-01-10")
    }

    @Test("events JSON and CSV: source, claim, uncertainty and the ground each event moved")
    func events() throws {
        let simulation = try toySimulation()
        try simulation.advance(to: Day("2015-01-31")!)
        let records = EventRecord.all(simulation)
        let twoCells = LayerTests.twoCellsKm2
        // ISIS's capture of TownA moved A and B: two cells, all within reach (the toy has no reach rule).
        #expect(abs(try #require(records[0].groundKm2).value - twoCells) / twoCells < 1e-4)
        #expect(records[0].heldKm2 == records[0].groundKm2)
        #expect(records[0].uncertain == "the day: reports differ by two days")
        #expect(records[0].source.url == "https://example.org/a" && records[0].source.claim == "ISIS took TownA")
        let json = try JSONContract.encodeLines(records)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let s = try schema("events.schema.json")
        let defs = try #require(s["$defs"] as? [String: Any])
        let eventKeys = keys(try #require(defs["event"] as? [String: Any]))
        let sourceKeys = keys(try #require(defs["source"] as? [String: Any]))
        for e in array {
            #expect(Set(e.keys) == eventKeys.required && eventKeys.required == eventKeys.all)
            #expect(Set(try #require(e["source"] as? [String: Any]).keys) == sourceKeys.all)
        }
        #expect(array[1]["uncertain"] is NSNull && array[1]["label"] is NSNull)
        let csv = EventRecord.csv(records).split(separator: "\n").map(String.init)
        #expect(csv.count == 3)
        #expect(csv[0] == EventRecord.csvHeader.joined(separator: ","))
        #expect(csv[1].hasPrefix("1,2015-01-10,,"))
        #expect(csv[1].contains(",the day: reports differ by two days,Wire,2015-01-11,,TownA falls,https://example.org/a,ISIS took TownA,"))
        // Decoding and encoding again gives the same text (numbers keep their written digits).
        #expect(try JSONContract.encodeLines(try JSONContract.decode([EventRecord].self, from: json)) == json)
    }

    @Test("places JSON: the schema's keys, and the place Shingal names")
    func places() throws {
        let place = try Fixtures.geo.gazetteer.resolve("Shingal")
        let text = "[" + (try JSONContract.encode(PlaceRecord(place))) + "]"
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let item = try #require((try schema("places.schema.json"))["items"] as? [String: Any])
        #expect(Set(array[0].keys) == keys(item).required)
        #expect(array[0]["ascii_name"] as? String == "Sinjar" && array[0]["admin1"] as? String == "IQ15")
    }

    @Test("FixedNumber keeps the fixed decimals through JSONEncoder", arguments: [
        (22305.329999, 2, "22305.33"), (0.0000123456, 6, "0.000012"), (3063.0, 2, "3063"), (-0.0790654, 6, "-0.079065"),
        (-0.000000001, 2, "0"),
    ])
    func fixedNumber(value: Double, decimals: Int, expected: String) throws {
        #expect(try JSONContract.encode([FixedNumber(value, decimals: decimals)]) == "[\(expected)]")
        #expect(try JSONContract.encode([FixedNumber(.nan, decimals: 2)]) == "[null]")
    }
}
