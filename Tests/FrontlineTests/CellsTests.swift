import Foundation
import Testing
@testable import Frontline

/// `frontline cells`: one feature per cell with its holder, pieces, and the event (and source)
/// that last changed it; keys as docs/schema/cells.schema.json declares them.
@Suite("Cells GeoJSON")
struct CellsTests {
    func features(_ simulation: Simulation, _ gazetteer: Gazetteer) throws -> [[String: Any]] {
        let text = try CellWriter.featureCollection(simulation, gazetteer: gazetteer)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        return try #require(json["features"] as? [[String: Any]])
    }

    @Test("Every cell with ground, the schema's keys, and areas that add up to the engine's figures")
    func figures() throws {
        let loaded = try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        try simulation.advance(to: Day("2017-10-17")!)
        let features = try features(simulation, loaded.gazetteer)
        #expect(features.count == loaded.partition.cells.filter { !$0.polygons.isEmpty }.count)

        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.repository
            .appendingPathComponent("docs/schema/cells.schema.json"))) as? [String: Any])
        let cell = try #require((schema["$defs"] as? [String: Any])?["cell"] as? [String: Any])
        let required = Set(try #require(cell["required"] as? [String]))
        #expect(required == Set(try #require(cell["properties"] as? [String: Any]).keys))

        var held = [String: Double](), influence = [String: Double](), total = 0.0
        for feature in features {
            let p = try #require(feature["properties"] as? [String: Any])
            #expect(Set(p.keys) == required)
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "MultiPolygon")
            let area = try #require(p["area_km2"] as? Double)
            total += area
            guard let holder = p["holder"] as? String else { #expect(p["status"] as? String == "unassigned"); continue }
            #expect(p["front"] is NSNull)   // no offensive under way in the seeds on that day
            if p["status"] as? String == "held" { held[holder, default: 0] += try #require(p["reach_km2"] as? Double) }
            influence[holder, default: 0] += try #require(p["influence_km2"] as? Double)
        }
        // The cells' figures are written to 4 decimals (6 significant digits): sums agree with
        // the engine's totals to within that rounding.
        #expect(abs(total - loaded.partition.regionAreaKm2) < 1)
        for (f, faction) in loaded.scenario.factions.enumerated() {
            #expect(abs((held[faction.id] ?? 0) - simulation.state.totals.areaKm2[f]) < 1, "\(faction.id) held")
            #expect(abs((influence[faction.id] ?? 0) - simulation.state.totals.influenceAreaKm2[f]) < 1, "\(faction.id) influence")
        }
    }

    @Test("Provenance: the event that last changed a cell, with its source, or the initial row that set it")
    func provenance() throws {
        let loaded = try LoadedScenario(path: Fixtures.full, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        let day = Day("2017-10-17")!
        try simulation.advance(to: day)
        let raqqa = try #require(loaded.partition.cellOfPlace[try loaded.gazetteer.resolveIndex("Raqqa")])
        let record = CellRecord(cell: raqqa, of: simulation, gazetteer: loaded.gazetteer)
        #expect(record.holder == "sdf")
        let number = try #require(record.lastEvent)
        let event = try #require(loaded.scenario.events.first { $0.number == number })
        #expect(event.date <= day && record.lastEventDate == "\(event.date)")
        #expect(record.source?.publication == event.source.publication && record.source?.claim == event.source.claim)
        #expect(record.initial == nil)
        #expect(record.catchment != nil)

        // A cell no event has touched names the row of initial: that set it.
        let fresh = loaded.simulation()
        let untouched = try #require(fresh.state.lastEvent.indices.first { fresh.state.lastEvent[$0] < 0 && fresh.state.holder[$0] >= 0 })
        let initial = CellRecord(cell: untouched, of: fresh, gazetteer: loaded.gazetteer)
        #expect(initial.lastEvent == nil && initial.source == nil)
        #expect(initial.initial.map { $0 >= 1 && $0 <= loaded.scenario.initial.count } == true)
    }

    @Test("A cell under a front names the offensive and the shares taken")
    func front() throws {
        let loaded = try LoadedScenario(path: Fixtures.full, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        try simulation.advance(to: Day("2017-09-15")!)
        let c = try #require(simulation.state.frontOf.indices.first { simulation.state.frontOf[$0] >= 0 })
        let record = CellRecord(cell: c, of: simulation, gazetteer: loaded.gazetteer)
        let front = try #require(record.front)
        let offensive = loaded.plan.offensives[Int(simulation.state.frontOf[c])]
        #expect(front.event == loaded.scenario.events[offensive.event].number)
        #expect(front.attacker == loaded.scenario.factions[offensive.faction].id)
        #expect((0...1).contains(front.takenReach.value) && (0...1).contains(front.takenBeyond.value))
    }
}
