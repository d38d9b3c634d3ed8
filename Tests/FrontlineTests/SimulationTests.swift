import Foundation
import Testing
@testable import Frontline

@Suite("Engine on the seeds scenario")
struct SimulationTests {
    func load() throws -> LoadedScenario { try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo) }

    @Test("Incremental areas and populations equal a full recount on every day of the replay",
          arguments: [Fixtures.seeds, Fixtures.full])
    func incrementalMatchesRecount(path: String) throws {
        let loaded = try LoadedScenario(path: path, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        let last = loaded.scenario.events.map { $0.until ?? $0.date }.max()!
        let cells = loaded.partition.cells
        var frontDays = 0
        try simulation.run(from: loaded.scenario.start, to: last, every: .days(1)) { s in
            // The recount: each cell's piece within reach to its holder (or as contested ground),
            // its piece beyond to the holder's influence; a cell under a front split piece by piece
            // by the front's shares, its population on the side of its place.
            let n = loaded.scenario.factions.count
            var held = [Double](repeating: 0, count: n), influence = held, people = [Int](repeating: 0, count: n)
            var contested = 0.0, unassigned = 0.0
            for c in cells.indices {
                var reach = cells[c].reachAreaKm2, beyond = cells[c].beyondAreaKm2, cellPeople = cells[c].population
                let attacker = s.state.frontFaction(c)
                if attacker >= 0 {
                    frontDays += 1
                    let taken = s.state.frontShare[c]
                    held[Int(attacker)] += taken.reach * reach
                    influence[Int(attacker)] += taken.beyond * beyond
                    reach *= 1 - taken.reach
                    beyond *= 1 - taken.beyond
                    if taken.place { people[Int(attacker)] += cellPeople; cellPeople = 0 }
                }
                let h = Int(s.state.holder[c])
                guard h >= 0 else { unassigned += reach + beyond; continue }
                influence[h] += beyond
                if s.state.contestedBy[c] >= 0 { contested += reach; continue }
                held[h] += reach
                people[h] += cellPeople
            }
            for f in held.indices {
                #expect(abs(s.state.areaKm2[f] - held[f]) < 1e-6, "\(s.day) faction \(f)")
                #expect(abs(s.state.totals.influenceAreaKm2[f] - influence[f]) < 1e-6, "\(s.day) faction \(f)")
                #expect(s.state.population[f] == people[f])
            }
            let r = s.report()
            // Held + contested + influence + unassigned = the region, every day.
            let total = r.factions.reduce(0) { $0 + $1.areaKm2 + $1.influenceKm2 } + r.contestedKm2 + r.unassignedKm2
            #expect(abs(total - r.regionKm2) < 1e-6)
            #expect(abs(r.contestedKm2 - contested) < 1e-6)
            #expect(abs(r.unassignedKm2 - unassigned) < 1e-6)
        }
        if path == Fixtures.full { #expect(frontDays > 0, "the full scenario's offensives put cells under fronts") }
    }

    @Test("The engine refuses dates before the start and steps backwards")
    func dateErrors() throws {
        let simulation = try load().simulation()
        #expect(throws: SimulationError.self) { try simulation.advance(to: Day("2010-01-01")!) }
        try simulation.advance(to: Day("2016-01-01")!)
        #expect(throws: SimulationError.self) { try simulation.advance(to: Day("2015-01-01")!) }
    }

    @Test("Seeds checkpoints: ISIS holds Palmyra after 2015-05-21, the government after 2016-03-27, ISIS again after 2016-12-11")
    func palmyraChangesHands() throws {
        let loaded = try load()
        let palmyra = try #require(loaded.partition.cellOfPlace[try Fixtures.geo.gazetteer.resolveIndex("Palmyra")])
        let isis = try #require(loaded.scenario.factionIndex("isis"))
        let gov = try #require(loaded.scenario.factionIndex("syria_gov"))
        let simulation = loaded.simulation()
        for (date, holder) in [("2015-05-20", gov), ("2015-05-21", isis), ("2016-03-27", gov), ("2016-12-11", isis)] {
            try simulation.advance(to: Day(date)!)
            #expect(Int(simulation.state.holder[palmyra]) == holder, "\(date)")
        }
    }

    @Test("The same scenario gives byte-identical GeoJSON and JSON")
    func deterministic() throws {
        func render() throws -> String {
            let simulation = try load().simulation()
            try simulation.advance(to: Day("2017-10-17")!)
            return try GeoJSONWriter.featureCollection(simulation) + ShareRenderer.render([simulation.report()], as: .json)
        }
        #expect(try render() == render())
    }

    @Test("Written polygons are valid, wound per RFC 7946, disjoint, cover the region, and match the reported areas")
    func geoJSONReadBack() throws {
        let simulation = try load().simulation()
        try simulation.advance(to: Day("2017-10-17")!)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-test-\(UUID()).geojson")
        defer { try? FileManager.default.removeItem(at: url) }
        try AtomicFile.write(try GeoJSONWriter.featureCollection(simulation), to: url)

        let features = try BoundaryFile.read(url)
        // One held feature per faction holding ground within reach, one influence feature per faction
        // with ground beyond it, and the contested pairs.
        let report = simulation.report()
        let contested = features.filter { $0.properties["status"] == "contested" }.count
        #expect(features.count == report.factions.filter { $0.areaKm2 > 0 }.count
                + report.factions.filter { $0.influenceKm2 > 0 }.count + contested)
        #expect(features.filter { $0.properties["status"] == "influence" }.count == report.factions.filter { $0.influenceKm2 > 0 }.count)
        let context = GEOSContext()
        var geometries = [Geometry](), total = 0.0
        for feature in features {
            for p in feature.polygons {
                #expect(PolygonCoordinates.signedArea2(p.exterior) > 0, "exterior counter-clockwise")
                #expect(p.holes.allSatisfy { PolygonCoordinates.signedArea2($0) < 0 }, "holes clockwise")
            }
            let g = try Geometry.multiPolygon(feature.polygons, in: context)
            try g.requireValid("feature \(feature.properties["faction"] ?? "?")")
            let area = Geodesic.wgs84.area(feature.polygons) / 1e6
            let reported = try #require(Double(feature.properties["area_km2"] ?? ""))
            #expect(abs(area - reported) / reported < 1e-3)
            total += area
            geometries.append(g)
        }
        // Disjoint and covering: the union's area equals both the sum of parts and the region.
        let union = try Geometry.collection(copying: geometries, in: context).unaryUnion()
        let unionArea = Geodesic.wgs84.area(try union.polygonCoordinates()) / 1e6
        #expect(abs(unionArea - total) / total < 1e-6)
        #expect(abs(unionArea - simulation.partition.regionAreaKm2) / simulation.partition.regionAreaKm2 < 1e-4)
    }

    @Test("Polygons are reused while a faction's cells do not change")
    func polygonCache() throws {
        let loaded = try load()
        let builder = CoverageUnionBuilder(partition: loaded.partition)
        let simulation = Simulation(scenario: loaded.scenario, partition: loaded.partition, plan: loaded.plan, builder: builder)
        try simulation.advance(to: Day("2017-10-17")!)
        let first = try simulation.territories()
        let computed = builder.unionsComputed
        #expect(computed == first.count)
        try simulation.advance(to: Day("2017-10-18")!)   // no seeds event on 2017-10-18
        let second = try simulation.territories()
        #expect(builder.unionsComputed == computed)
        #expect(zip(first, second).allSatisfy { $0.geometry === $1.geometry })
    }
}
