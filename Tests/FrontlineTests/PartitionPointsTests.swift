import Foundation
import Testing
@testable import Frontline

/// `Partition(points:…)`: arbitrary sites, the fast construction (Delaunay in Swift, GEOS only
/// along the outlines) against the gazetteer's construction (GEOS everywhere) on the same points.
@Suite("Partition of points")
struct PartitionPointsTests {
    /// `count` pseudo-random points inside Syria and Iraq (an LCG, so the test is repeatable).
    static func points(_ count: Int, seed: UInt64 = 7) throws -> [Coordinate] {
        var state = seed
        func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let context = GEOSContext()
        let regions = try ["SY", "IQ"].map { try PreparedGeometry(Geometry.multiPolygon(Fixtures.geo.outlines[$0]!, in: context)) }
        var result = [Coordinate]()
        while result.count < count {
            let c = Coordinate(lon: 35.6 + unit() * 13.2, lat: 29 + unit() * 8.5)
            if try regions.contains(where: { try $0.intersects(c) }) { result.append(c) }
        }
        return result
    }

    @Test("The same cells as the GEOS construction: planar areas within 1e-9, same sites; an exact coverage")
    func sameCells() throws {
        let points = try Self.points(2_000)
        let fast = try Partition(points: points, outlines: Fixtures.geo.outlines, countries: ["SY", "IQ"])
        let places = points.enumerated().map { i, p in
            Place(id: "\(i)", name: "p\(i)", asciiName: "p\(i)", alternateNames: [], coordinate: p,
                  country: fast.cells[fast.cellOfPlace[i]!].country, admin1: "", admin1Name: "", population: 0, source: "test")
        }
        let slow = try Partition(gazetteer: Gazetteer(places: places), outlines: Fixtures.geo.outlines, countries: ["SY", "IQ"],
                                 context: GEOSContext())
        #expect(fast.cells.count == 2_000 && slow.cells.count == 2_000)
        for i in points.indices {
            let a = fast.cells[fast.cellOfPlace[i]!], b = slow.cells[slow.cellOfPlace[i]!]
            #expect(a.site == b.site && a.country == b.country)
            // The same polygons: equal planar areas. Their ellipsoidal areas differ a little: the
            // GEOS construction also nodes the other country's Voronoi edges where they cross a cell
            // or the border, and a straight edge split at a point is two geodesics, not one (up to
            // 0.13% for a cell along a long straight stretch of border in this sample).
            let pa = try fast.geometry(ofCell: fast.cellOfPlace[i]!)!.planarArea, pb = try slow.geometry(ofCell: slow.cellOfPlace[i]!)!.planarArea
            #expect(abs(pa - pb) <= 1e-9 * pb, "cell \(i): \(pa) / \(pb)")
            #expect(abs(a.areaKm2 - b.areaKm2) <= 0.01 * b.areaKm2, "cell \(i): \(a.areaKm2) / \(b.areaKm2)")
            #expect(a.reachAreaKm2 == a.areaKm2 && fast.beyondPolygons[fast.cellOfPlace[i]!].isEmpty)
        }
        #expect(abs(fast.regionAreaKm2 - slow.regionAreaKm2) < 1e-3 * slow.regionAreaKm2)
        // Neighbours share their edges vertex for vertex, across the border too.
        try CoverageEdgeBuilder(partition: fast).checkCoverage()
        for u in 0..<(2 * fast.cells.count) where fast.hasUnit(u) { #expect(try fast.unitGeometry(u)!.isValid) }
    }

    @Test("Points outside every outline get no cell; duplicates: the first gets the cell")
    func outsideAndDuplicates() throws {
        var points = try Self.points(300, seed: 11)
        points.append(Coordinate(lon: 10, lat: 10))          // in no country
        points.append(points[5])                             // a duplicate of point 5
        let p = try Partition(points: points, outlines: Fixtures.geo.outlines, countries: ["SY", "IQ"])
        #expect(p.cellOfPlace[300] == nil)
        #expect(p.cells[p.cellOfPlace[301]!].polygons.isEmpty)
        #expect(!p.cells[p.cellOfPlace[5]!].polygons.isEmpty)
        #expect(abs(p.regionAreaKm2 - 623_306) < 2)
        try CoverageEdgeBuilder(partition: p).checkCoverage()
    }

    @Test("With a reach rule: discs around the points split the cells (the GEOS construction)")
    func reach() throws {
        let points = try Self.points(200, seed: 3)
        let p = try Partition(points: points, outlines: Fixtures.geo.outlines, countries: ["SY", "IQ"],
                              populations: points.map { _ in 10_000 }, reach: ReachModel(reachKm: 5))
        let radius = ReachModel(reachKm: 5).settlementRadiusKm(population: 10_000)
        let inside = p.cells.filter { $0.reachAreaKm2 > 0 && $0.beyondAreaKm2 > 0 }
        #expect(inside.count > 150)
        // A disc of 5.56 km as a 32-gon: about 97 km², less where the cell is smaller; drawn in the
        // partition's plane, so up to 5% more on the ground away from its middle latitude.
        #expect(inside.map(\.reachAreaKm2).max()! < Double.pi * radius * radius * 1.06)
    }

    @Test("The grid finds the nearest site as a scan of all sites does (ties: the first)")
    func siteGrid() throws {
        var sites = try Self.points(500, seed: 5).map { Coordinate(lon: $0.lon * 0.82, lat: $0.lat) }
        sites.append(sites[17])                              // a tie
        let grid = Partition.SiteGrid(sites)
        var state: UInt64 = 99
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let x = 28 + Double(state >> 40) / Double(1 << 24) * 14
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let p = Coordinate(lon: x, lat: 27 + Double(state >> 40) / Double(1 << 24) * 12)
            var best = 0, bestDistance = Double.infinity
            for (j, s) in sites.enumerated() {
                let d = (s.lon - p.lon) * (s.lon - p.lon) + (s.lat - p.lat) * (s.lat - p.lat)
                if d < bestDistance { best = j; bestDistance = d }
            }
            #expect(grid.nearest(to: p, among: sites) == best)
        }
        #expect(grid.nearest(to: sites[17], among: sites) == 17)
    }
}
