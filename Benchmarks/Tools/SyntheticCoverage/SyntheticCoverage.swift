import Foundation
import Frontline

/// Synthetic partitions and territories for the benchmarks at scale (shared by
/// FrontlineBenchmarks and CoverageCompare).
public enum SyntheticCoverage {
    /// A deterministic pseudo-random sequence (64-bit LCG).
    public struct Random {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        public mutating func unit() -> Double { Double(next()) / Double(1 << 53) }
    }

    /// The partition of `countries` into the Voronoi cells of `count` random points (uniform in
    /// longitude and latitude over the outlines' bounding box, kept when inside an outline),
    /// built as the CLI builds it, without filler cells: the points become the places of a
    /// gazetteer. Deterministic for a given count.
    public static func partition(points count: Int, geo: GeoData, countries: [String] = ["SY", "IQ"],
                                 context: GEOSContext = GEOSContext()) throws -> Partition {
        var random = Random(seed: UInt64(count))
        let outlines = countries.flatMap { geo.outlines[$0] ?? [] }
        let lats = outlines.flatMap { $0.exterior.map(\.lat) }, lons = outlines.flatMap { $0.exterior.map(\.lon) }
        let inside = try countries.map { try PreparedGeometry(Geometry.multiPolygon(geo.outlines[$0] ?? [], in: context)) }
        var places = [Place]()
        places.reserveCapacity(count)
        while places.count < count {
            let c = Coordinate(lon: lons.min()! + random.unit() * (lons.max()! - lons.min()!),
                               lat: lats.min()! + random.unit() * (lats.max()! - lats.min()!))
            guard let k = try inside.firstIndex(where: { try $0.intersects(c) }) else { continue }
            places.append(Place(id: "R\(places.count)", name: "P\(places.count)", asciiName: "P\(places.count)",
                                alternateNames: [], coordinate: c, country: countries[k], admin1: countries[k] + "00",
                                admin1Name: countries[k], population: 0, source: "random"))
        }
        return try Partition(gazetteer: Gazetteer(places: places), outlines: geo.outlines, countries: countries,
                             context: context)
    }

    /// Territories shaped like a scenario's: `anchors` random cells' sites, each cell to the side
    /// of its nearest anchor (6 sides; every tenth anchor's ground contested by the next side),
    /// and one cell in 50 flipped to a random side (enclaves, islands, holes). Each territory
    /// is its ascending list of units (the cells' pieces within reach: the whole cell in a
    /// partition without a reach rule), in (side, contesting side) order. O(cells × anchors).
    public static func territories(of partition: Partition, anchors count: Int, seed: UInt64) -> [(key: TerritoryKey, units: [Int])] {
        var random = Random(seed: seed)
        let anchors = (0..<count).map { _ in partition.cells[Int(random.next() % UInt64(partition.cells.count))].site }
        let k = cos(34.5 * .pi / 180)
        var groups = [TerritoryKey: [Int]]()
        for (c, cell) in partition.cells.enumerated() where partition.unitGeometry(Partition.unit(cell: c, beyond: false)) != nil {
            var best = 0, bestDistance = Double.infinity
            for (a, anchor) in anchors.enumerated() {
                let dx = (anchor.lon - cell.site.lon) * k, dy = anchor.lat - cell.site.lat
                if dx * dx + dy * dy < bestDistance { best = a; bestDistance = dx * dx + dy * dy }
            }
            var side = best % 6, status = best % 10 == 0 ? TerritoryKey.Status.contested(by: (best + 1) % 6) : .held
            if random.next() % 50 == 0 { side = Int(random.next() % 6); status = .held }
            groups[TerritoryKey(holder: side, status: status), default: []].append(Partition.unit(cell: c, beyond: false))
        }
        return groups.sorted { $0.key.order < $1.key.order }.map { (key: $0.key, units: $0.value) }
    }

    /// The whole-cell territories of a replay on its current day, grouped as `Simulation` groups
    /// them: a cell's piece within reach to its holder's held (or contested) ground, the piece
    /// beyond to its influence.
    public static func territories(of simulation: Simulation) -> [(key: TerritoryKey, units: [Int])] {
        var groups = [TerritoryKey: [Int]]()
        let state = simulation.state
        for c in state.holder.indices where state.holder[c] >= 0 {
            let h = Int(state.holder[c]), by = Int(state.contestedBy[c])
            for (beyond, status) in [(false, by >= 0 ? TerritoryKey.Status.contested(by: by) : .held), (true, .influence)] {
                let u = Partition.unit(cell: c, beyond: beyond)
                if simulation.partition.unitGeometry(u) != nil { groups[TerritoryKey(holder: h, status: status), default: []].append(u) }
            }
        }
        return groups.sorted { $0.key.order < $1.key.order }.map { (key: $0.key, units: $0.value) }
    }
}

private extension TerritoryKey {
    /// Held ground by side, then contested ground, then influence (the outputs' order).
    var order: (Int, Int, Int) {
        switch status {
        case .held: return (0, holder, -1)
        case .contested(let by): return (1, holder, by)
        case .influence: return (2, holder, -1)
        }
    }
}
