import Foundation
import Testing
@testable import Frontline

/// The reach rule (docs/MODEL.md, "Held ground and reach") on the toy country, where every
/// expected area has a closed form, and on the real data.
@Suite("Held ground and reach")
struct ReachTests {
    /// The toy country (four 1°×1° cells A B C D in a row between 0 and 1°N) split by `reach`, with
    /// the given lines.
    func toy(populations: [Int] = [0, 0, 0, 0], lines: [LineFeature] = [], reach: ReachModel = ReachModel(reachKm: 5))
        throws -> (Gazetteer, Partition) {
        let gazetteer = try Gazetteer(places: Fixtures.toyPlaces(populations: populations))
        let partition = try Partition(gazetteer: gazetteer, outlines: Fixtures.toyOutline, countries: ["XX"],
                                      context: GEOSContext(), lines: lines, reach: reach)
        return (gazetteer, partition)
    }

    /// A road along the toy country's middle parallel, 0.5°N, from end to end.
    static let road = LineFeature(kind: .road, name: "Toy Highway", lineClass: "test",
                                  parts: [[Coordinate(lon: -0.5, lat: 0.5), Coordinate(lon: 4.5, lat: 0.5)]])

    @Test("A road's corridor is the band within reach of it: each cell's piece within reach is a quadrangle")
    func corridor() throws {
        // Reach 5 km either side of the road at 0.5°N. The partition's plane measures 111.195 km a
        // unit, so the corridor's edges are the parallels 0.5 ± 5/111.195°; settlements' discs (radius
        // 5 km, population 0) lie on the road and inside the band. Each cell's piece within reach is the
        // quadrangle between those parallels and its meridians, by the closed formula (Fixtures), within 1e-4:
        // Frontline's areas follow geodesic edges, which bow away from the parallels by a few parts in 10⁵.
        let (_, partition) = try toy(lines: [Self.road])
        let half = 5 / Partition.kmPerUnit
        let band = Fixtures.quadrangleKm2(lon1: 0, lon2: 1, lat1: 0.5 - half, lat2: 0.5 + half)
        for cell in partition.cells {
            #expect(abs(cell.reachAreaKm2 - band) / band < 1e-4, "\(cell.site)")
            let whole = Fixtures.quadrangleKm2(lon1: 0, lon2: 1, lat1: 0, lat2: 1)
            #expect(abs(cell.beyondAreaKm2 - (whole - band)) / whole < 1e-4)
        }
        // About 1,106 km² a cell: 111.3 km of road × 10 km × the ratio of a degree of latitude (110.57 km) to the plane's unit.
        #expect(band > 1100 && band < 1110)
    }

    @Test("Without roads, a settlement holds the disc of its built-up radius plus the reach")
    func settlementDisc() throws {
        // TownB has 785,398 people: built-up radius √(785,398 / (π · 10,000)) = 5.0 km, so its disc
        // has radius 10 km. The 32-gon inscribed in it covers (32/2)·sin(2π/32)·R² in the plane; near
        // 0.5°N the ellipsoid turns a plane unit² (x scaled by cos 0.5°) into M·N·cos φ·(π/180)²/cos 0.5° km².
        let (_, partition) = try toy(populations: [0, 785_398, 0, 0])
        let model = ReachModel(reachKm: 5)
        #expect(abs(model.settlementRadiusKm(population: 785_398) - 10) < 1e-4)
        let r = 10 / Partition.kmPerUnit
        let planeArea = 16 * sin(2 * Double.pi / 32) * r * r
        let a = 6_378_137.0, f = 1 / 298.257223563, e2 = f * (2 - f)
        let phi = 0.5 * Double.pi / 180, w = 1 - e2 * sin(phi) * sin(phi)
        let m = a * (1 - e2) / pow(w, 1.5), n = a / w.squareRoot()
        let expected = planeArea * m * n * cos(phi) * pow(Double.pi / 180, 2) / cos(phi) / 1e6
        let b = partition.cells[1]
        #expect(abs(b.reachAreaKm2 - expected) / expected < 1e-3, "\(b.reachAreaKm2) vs \(expected)")
        #expect(b.settlementRadiusKm.map { abs($0 - 10) < 1e-4 } == true)
        // A village (population 0): radius 5 km, a quarter of the area.
        #expect(abs(partition.cells[0].reachAreaKm2 - expected / 4) / expected < 1e-3)
    }

    @Test("The pieces of all cells form one exact coverage of the region")
    func piecesFormACoverage() throws {
        let (_, partition) = try toy(populations: [1000, 785_398, 0, 20_000], lines: [Self.road])
        let units = (0..<(2 * partition.cells.count)).compactMap { partition.unitGeometry($0) }
        let union = try Geometry.collection(copying: units, in: partition.context).coverageUnion()
        try union.requireValid("union of all pieces")
        let area = Geodesic.wgs84.area(try union.polygonCoordinates()) / 1e6
        #expect(abs(area - partition.regionAreaKm2) / partition.regionAreaKm2 < 1e-9)
        // The same area as without the reach rule (geodesic edges: within 1e-4 of the quadrangle).
        let quadrangle = Fixtures.quadrangleKm2(lon1: 0, lon2: 4, lat1: 0, lat2: 1)
        #expect(abs(partition.regionAreaKm2 - quadrangle) / quadrangle < 1e-4)
        let plain = try Partition(gazetteer: try Gazetteer(places: Fixtures.toyPlaces()), outlines: Fixtures.toyOutline,
                                  countries: ["XX"], context: GEOSContext())
        #expect(abs(partition.regionAreaKm2 - plain.regionAreaKm2) < 1e-6)
    }

    @Test("A capture moves the cell's piece within reach to the captor's held ground and the rest to its influence")
    func heldAndInfluence() throws {
        let (gazetteer, partition) = try toy(lines: [Self.road])
        let scenario = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, place: TownA, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-03-01, place: TownD, faction: kurds, action: contest, source: {publication: Test, date: 2015-03-01, claim: test}}
            """)
        let (plan, diagnostics) = ControlModel(gazetteer: gazetteer, partition: partition).compile(scenario)
        let simulation = Simulation(scenario: scenario, partition: partition, plan: try #require(plan, "\(diagnostics)"))
        let band = partition.cells[0].reachAreaKm2, beyond = partition.cells[0].beyondAreaKm2
        try simulation.advance(to: Day("2015-03-01")!)
        let r = simulation.report()
        // TownA's catchment is A and B (TownD is named too): isis holds two bands, the rest is its influence.
        #expect(abs(r.factions[1].areaKm2 - 2 * band) < 1e-6)
        #expect(abs(r.factions[1].influenceKm2 - 2 * beyond) < 1e-6)
        // gov still holds C and D, but the Kurds contest D's catchment (C and D): the bands are contested ground, the
        // rest stays gov's influence.
        #expect(abs(r.factions[0].contestedKm2 - 2 * band) < 1e-6)
        #expect(r.factions[0].areaKm2 < 1e-6)
        #expect(abs(r.factions[0].influenceKm2 - 2 * beyond) < 1e-6)
        // Peaks are on held ground: isis's peak is its two bands.
        #expect(abs((r.factions[1].peakKm2 ?? 0) - 2 * band) < 1e-6)
        let total = r.factions.reduce(0) { $0 + $1.areaKm2 + $1.contestedKm2 + $1.influenceKm2 } + r.unassignedKm2
        #expect(abs(total - r.regionKm2) < 1e-6)
    }

    @Test("On the real data, one event without a radius gives ISIS most of Syria as influence, little of it held, and check warns")
    func palmyraAlone() throws {
        // The example of the issue: Syria to the government, then "ISIS took Palmyra" with no radius.
        let text = """
            name: Palmyra alone
            region: [SY]
            start: 2015-01-01
            factions:
              - {id: syria_gov, name: Government, color: "#c0392b"}
              - {id: isis, name: Islamic State, color: "#1a1a1a"}
            initial:
              - {country: SY, faction: syria_gov}
            events:
              - date: 2015-05-20
                place: Palmyra
                faction: isis
                source: {publication: BBC News, date: 2015-05-21, claim: "Islamic State militants have taken full control of the ancient Syrian city of Palmyra"}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("palmyra-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try LoadedScenario(path: url.path, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        try simulation.advance(to: Day("2015-05-21")!)
        let isis = simulation.report().factions[1], region = simulation.report().regionKm2
        // Its catchment is most of Syria (the government holds the towns more populous than Palmyra, which
        // stay out of it): over half of Syria is its ground, but held ground is the corridors and towns only.
        #expect(isis.groundKm2 / region > 0.5)
        #expect(isis.heldKm2 < 0.6 * isis.groundKm2)
        let warnings = try ScenarioAudit().warnings(loaded)
        #expect(warnings.contains { $0.line == 10 && $0.message.contains("% of the region") && $0.severity == .warning })
    }

    @Test("explain says why a point is held, and which event made it so")
    func explainHeld() throws {
        let loaded = try LoadedScenario(path: Fixtures.full, geo: Fixtures.geo)
        let palmyra = try loaded.gazetteer.resolve("Palmyra").coordinate
        let e = try Explanation(point: palmyra, day: Day("2015-05-21")!, loaded: loaded)
        #expect(e.status == .held)
        #expect(e.faction == loaded.scenario.factionIndex("isis"))
        #expect(e.siteDistanceKm < 0.01)
        let text = e.text(loaded)
        #expect(text.contains("HELD by Islamic State"))
        #expect(text.contains("capture of Tadmur by isis"))
        // A point far out in the Badia, 60 km from any settlement, is influence.
        let desert = try Explanation(point: Coordinate(lon: 39.5, lat: 34.9), day: Day("2015-05-21")!, loaded: loaded)
        #expect(desert.status == .influence)
        let road = try #require(desert.nearestRoad)
        #expect(road.distanceKm > ReachModel.standard.corridorHalfWidthKm(road.kind))
    }

    @Test("An enclave is a side's component surrounded by one other side, off the region's edge")
    func enclaves() throws {
        // A hand-made ring of cells: 0 is surrounded by 1, 2, 3 (side 1); 4 touches the edge.
        let neighbours = [[1, 2, 3], [0, 2, 3, 4], [0, 1, 3], [0, 1, 2], [1]]
        let onBoundary = [false, true, true, true, true]
        let found = ScenarioAudit.enclaves(holder: [0, 1, 1, 1, 2], neighbours: neighbours, onBoundary: onBoundary)
        #expect(found.map(\.1) == [[0]])
        #expect(found.first?.2 == 1)
        // Touching the region's edge: not an enclave.
        #expect(ScenarioAudit.enclaves(holder: [0, 1, 1, 1, 2], neighbours: neighbours,
                                       onBoundary: [true, true, true, true, true]).isEmpty)
    }
}
