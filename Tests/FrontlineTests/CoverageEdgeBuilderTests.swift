import Foundation
import Testing
@testable import Frontline

/// The edge-graph territory builder against the GEOS coverage union (`CoverageUnionBuilder`),
/// the reference: the same ground (equal areas, no area in either difference), valid.
@Suite("Territories from the coverage's edges")
struct CoverageEdgeBuilderTests {
    // MARK: Helpers

    /// The units of each territory on the replay's current day, grouped as `Simulation`
    /// groups them (a cell's piece within reach to its holder's held or contested ground, the
    /// piece beyond to its influence), whole cells only.
    static func territoryUnits(_ s: Simulation) -> [(TerritoryKey, [Int])] {
        var groups = [TerritoryKey: [Int]]()
        for c in s.state.holder.indices where s.state.holder[c] >= 0 {
            let h = Int(s.state.holder[c]), by = Int(s.state.contestedBy[c])
            for (beyond, status) in [(false, by >= 0 ? TerritoryKey.Status.contested(by: by) : .held), (true, .influence)] {
                let u = Partition.unit(cell: c, beyond: beyond)
                if s.partition.unitGeometry(u) != nil { groups[TerritoryKey(holder: h, status: status), default: []].append(u) }
            }
        }
        return groups.sorted { $0.key.order < $1.key.order }.map { ($0.key, $0.value) }
    }

    /// Expects `a` and `b` to cover the same ground: both valid, equal areas within 1e-9
    /// (relative), and each one's difference from the other of (relatively) no area.
    static func expectSameGround(_ a: Geometry?, _ b: Geometry?, _ what: String) throws {
        guard let a, let b else {
            #expect(a == nil && b == nil, "\(what): one side is empty")
            return
        }
        let reason = try a.validityReason
        #expect(try a.isValid, "\(what): \(reason)")
        #expect(try b.isValid)
        let areaA = try a.planarArea, areaB = try b.planarArea
        #expect(abs(areaA - areaB) <= 1e-9 * max(areaA, areaB), "\(what): areas \(areaA) and \(areaB)")
        let difference = try a.difference(b).planarArea + b.difference(a).planarArea
        #expect(difference <= 1e-9 * max(areaA, areaB), "\(what): symmetric difference \(difference)")
    }

    static func square(_ x: Double, _ y: Double, size: Double = 1) -> PolygonCoordinates {
        PolygonCoordinates(exterior: [
            Coordinate(lon: x, lat: y), Coordinate(lon: x + size, lat: y), Coordinate(lon: x + size, lat: y + size),
            Coordinate(lon: x, lat: y + size), Coordinate(lon: x, lat: y),
        ])
    }

    /// An n × n grid of unit squares; unit `y * n + x` is the square at (x, y).
    static func grid(_ n: Int) -> [[PolygonCoordinates]] {
        (0..<(n * n)).map { [square(Double($0 % n), Double($0 / n))] }
    }

    /// The union of `cells` of `units` by GEOS's robust overlay (the reference for hand-made
    /// cases: GEOS 3.11's coverage union rejects polygons that touch only at a vertex).
    static func union(_ units: [[PolygonCoordinates]], _ cells: [Int], _ context: GEOSContext) throws -> Geometry? {
        let parts = try cells.map { try Geometry.multiPolygon(units[$0], in: context) }
        return parts.isEmpty ? nil : try Geometry.collection(copying: parts, in: context).unaryUnion()
    }

    /// Cells of an n × n grid drawn as text, bottom row last: `#` in the territory.
    static func cells(_ rows: [String]) -> [Int] {
        let n = rows.count
        var result = [Int]()
        for (r, row) in rows.enumerated() {
            for (x, ch) in row.enumerated() where ch == "#" { result.append((n - 1 - r) * n + x) }
        }
        return result.sorted()
    }

    // MARK: Hand-made cases

    /// Tricky territories on a grid of unit squares, with the polygons and holes expected.
    static let cases: [(name: String, rows: [String], polygons: Int, holes: Int)] = [
        ("one square", ["....", ".#..", "....", "...."], 1, 0),
        ("a hole", ["###.", "#.#.", "###.", "...."], 1, 1),
        ("touching itself at a vertex", ["#...", ".#..", "....", "...."], 2, 0),
        ("checkerboard", ["#.#.", ".#.#", "#.#.", ".#.#"], 8, 0),
        ("a hole touching the shell at a vertex", [".###", "#.##", "####", "####"], 1, 1),
        ("two holes touching at a vertex", ["####", "#.##", "##.#", "####"], 1, 2),
        ("an enclave: an island in a hole", ["#####", "#...#", "#.#.#", "#...#", "#####"], 2, 1),
        ("a ring whose ends touch at a vertex", ["##.", "#.#", "###"], 1, 1),
        ("a square touching an arm at a vertex", ["###.", "#...", "#.#.", "##.."], 2, 0),
        ("a diamond of holes around an island", ["#####", "##.##", "#.#.#", "##.##", "#####"], 2, 1),
        ("the whole grid", ["###", "###", "###"], 1, 0),
        ("two parts and a hole", ["###..", "#.#..", "###.#", "....#", "...##"], 2, 1),
    ]

    @Test("Hand-made territories equal GEOS's union", arguments: cases.indices)
    func handMade(_ index: Int) throws {
        let c = Self.cases[index]
        let units = Self.grid(c.rows.count), cells = Self.cells(c.rows), context = GEOSContext()
        let builder = try CoverageEdgeBuilder(units: units, context: context)
        let polygons = try builder.polygons(ofUnits: cells)
        #expect(polygons.count == c.polygons, "\(c.name)")
        #expect(polygons.reduce(0) { $0 + $1.holes.count } == c.holes, "\(c.name)")
        let geometry = try builder.territory(TerritoryKey(holder: 0, status: .held), units: cells, revision: 1)
        try Self.expectSameGround(geometry, try Self.union(units, cells, context), c.name)
        #expect(builder.fallbacks == 0)
        for p in polygons {
            #expect(PolygonCoordinates.signedArea2(p.exterior) > 0, "\(c.name): shell counter-clockwise")
            #expect(p.holes.allSatisfy { PolygonCoordinates.signedArea2($0) < 0 }, "\(c.name): holes clockwise")
        }
    }

    @Test("A unit of several polygons (islands), and units with holes")
    func multiPartUnits() throws {
        // Unit 0: two separate squares; unit 1: a 3 × 3 square with a hole, which unit 2 fills;
        // unit 3: four squares on the right (as four polygons that share edges).
        let ring = PolygonCoordinates(exterior: [
            Coordinate(lon: 0, lat: 0), Coordinate(lon: 3, lat: 0), Coordinate(lon: 3, lat: 1), Coordinate(lon: 3, lat: 2),
            Coordinate(lon: 3, lat: 3), Coordinate(lon: 0, lat: 3), Coordinate(lon: 0, lat: 0),
        ], holes: [Self.square(1, 1).exterior])
        let coverage: [[PolygonCoordinates]] = [
            [Self.square(3, 0), Self.square(3, 2)], [ring], [Self.square(1, 1)],
            [Self.square(4, 0), Self.square(4, 1), Self.square(4, 2), Self.square(3, 1)],
        ]
        let context = GEOSContext()
        let builder = try CoverageEdgeBuilder(units: coverage, context: context)
        for cells in [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2], [0, 3], [1, 3], [0, 1, 2, 3], [2, 3]] {
            let geometry = try builder.territory(TerritoryKey(holder: cells.count, status: .contested(by: cells[0])), units: cells, revision: 0)
            try Self.expectSameGround(geometry, try Self.union(coverage, cells, context), "units \(cells)")
        }
        #expect(try builder.polygons(ofUnits: [0]).count == 2)
        #expect(try builder.polygons(ofUnits: [1])[0].holes.count == 1)
        #expect(try builder.polygons(ofUnits: [1, 2]).count == 1 && builder.polygons(ofUnits: [1, 2])[0].holes.isEmpty)
        #expect(builder.fallbacks == 0)
    }

    @Test("Overlapping units are not a coverage")
    func overlap() {
        #expect(throws: (any Error).self) {
            try CoverageEdgeBuilder(units: [[Self.square(0, 0)], [Self.square(0, 0)]], context: GEOSContext())
        }
    }

    @Test("A T-junction (a neighbour's vertex inside an edge) is not an exact coverage")
    func tJunction() throws {
        // A 2 × 1 rectangle beside two unit squares: its right edge has no vertex at (2, 1).
        let tall = PolygonCoordinates(exterior: [
            Coordinate(lon: 0, lat: 0), Coordinate(lon: 2, lat: 0), Coordinate(lon: 2, lat: 2), Coordinate(lon: 0, lat: 2),
            Coordinate(lon: 0, lat: 0),
        ])
        #expect(throws: (any Error).self) {
            try CoverageEdgeBuilder(units: [[tall], [Self.square(2, 0)], [Self.square(2, 1)]], context: GEOSContext())
        }
        try CoverageEdgeBuilder(units: Self.grid(4), context: GEOSContext()).checkCoverage()
        try CoverageEdgeBuilder(partition: try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo).partition).checkCoverage()
    }

    /// 400 random changes on a 12 × 12 grid: each incremental result equals a build from
    /// scratch ring for ring, and the coverage union's ground.
    @Test("Incremental updates equal builds from scratch on random changes")
    func incrementalRandom() throws {
        let n = 12, units = Self.grid(n), context = GEOSContext()
        let builder = try CoverageEdgeBuilder(units: units, context: context)
        var state: UInt64 = 42
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var member = (0..<(n * n)).map { _ in random(3) == 0 }
        let key = TerritoryKey(holder: 0, status: .held)
        for step in 0..<400 {
            for _ in 0..<(1 + random(4)) { member[random(n * n)].toggle() }
            let cells = member.indices.filter { member[$0] }
            let geometry = try builder.territory(key, units: cells, revision: UInt64(step))
            let fresh = try builder.polygons(ofUnits: cells)
            #expect(try (geometry?.polygonCoordinates() ?? []) == fresh, "step \(step)")
            if step % 20 == 0 { try Self.expectSameGround(geometry, try Self.union(units, cells, context), "step \(step)") }
        }
        #expect(builder.incrementalUpdates > 300)
        #expect(builder.fallbacks == 0)
    }

    // MARK: The real partition

    @Test("Every territory of the full scenario on six dates equals the coverage union",
          arguments: ["2014-01-01", "2014-06-15", "2015-05-21", "2016-08-01", "2017-10-17", "2019-03-22"])
    func realPartition(date: String) throws {
        let loaded = try LoadedScenario(path: Fixtures.full, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        try simulation.advance(to: Day(date)!)
        let builder = try CoverageEdgeBuilder(partition: loaded.partition)
        let reference = CoverageUnionBuilder(partition: loaded.partition)
        for (key, units) in Self.territoryUnits(simulation) {
            try Self.expectSameGround(try builder.territory(key, units: units, revision: 0),
                                      try reference.territory(key, units: units, revision: 0), "\(date) \(key)")
        }
        #expect(builder.fallbacks == 0)
    }

    @Test("Day-by-day updates on the full scenario equal builds from scratch")
    func realIncremental() throws {
        let loaded = try LoadedScenario(path: Fixtures.full, geo: Fixtures.geo)
        let simulation = loaded.simulation()
        let builder = try CoverageEdgeBuilder(partition: loaded.partition)
        let reference = CoverageUnionBuilder(partition: loaded.partition)
        var checked = 0
        try simulation.run(from: Day("2014-06-01")!, to: Day("2014-12-31")!, every: .days(1)) { s in
            for (key, units) in Self.territoryUnits(s) {
                let geometry = try builder.territory(key, units: units, revision: s.state.revision[key.holder])
                if s.day.ordinal % 30 == 0 {
                    #expect(try (geometry?.polygonCoordinates() ?? []) == builder.polygons(ofUnits: units), "\(s.day) \(key)")
                    try Self.expectSameGround(geometry, try reference.territory(key, units: units, revision: 0), "\(s.day) \(key)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10)
        #expect(builder.incrementalUpdates > 0)
        #expect(builder.fallbacks == 0)
    }
}
