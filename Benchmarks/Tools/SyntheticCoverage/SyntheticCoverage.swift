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

    /// `count` random points inside `countries`' outlines (uniform in longitude and latitude
    /// over the outlines' bounding box, kept when inside an outline), with the country of each.
    /// Deterministic for a given count.
    public static func points(_ count: Int, geo: GeoData, countries: [String] = ["SY", "IQ"],
                              context: GEOSContext = GEOSContext()) throws -> [(coordinate: Coordinate, country: String)] {
        var random = Random(seed: UInt64(count))
        let outlines = countries.flatMap { geo.outlines[$0] ?? [] }
        let lats = outlines.flatMap { $0.exterior.map(\.lat) }, lons = outlines.flatMap { $0.exterior.map(\.lon) }
        let inside = try countries.map { try PreparedGeometry(Geometry.multiPolygon(geo.outlines[$0] ?? [], in: context)) }
        let (minLon, maxLon, minLat, maxLat) = (lons.min()!, lons.max()!, lats.min()!, lats.max()!)
        var points = [(coordinate: Coordinate, country: String)]()
        points.reserveCapacity(count)
        while points.count < count {
            let c = Coordinate(lon: minLon + random.unit() * (maxLon - minLon), lat: minLat + random.unit() * (maxLat - minLat))
            guard let k = try inside.firstIndex(where: { try $0.intersects(c) }) else { continue }
            points.append((c, countries[k]))
        }
        return points
    }

    /// The points of `points(_:geo:countries:)` as gazetteer places (ids `R0`, `R1`, …, in order),
    /// for scenarios that name them (`id:R12`).
    public static func places(_ points: [(coordinate: Coordinate, country: String)]) -> [Place] {
        points.enumerated().map { i, p in
            Place(id: "R\(i)", name: "P\(i)", asciiName: "P\(i)", alternateNames: [], coordinate: p.coordinate,
                  country: p.country, admin1: p.country + "00", admin1Name: p.country, population: 0, source: "random")
        }
    }

    /// The partition of `countries` into the Voronoi cells of `count` random points
    /// (`points(_:geo:countries:)`), built by `Partition(points:outlines:countries:)`: no filler
    /// cells and no reach rule (one unit per cell). Deterministic for a given count.
    public static func partition(points count: Int, geo: GeoData, countries: [String] = ["SY", "IQ"],
                                 context: GEOSContext = GEOSContext()) throws -> Partition {
        let points = try points(count, geo: geo, countries: countries, context: context)
        return try Partition(points: points.map(\.coordinate), outlines: geo.outlines, countries: countries, context: context)
    }

    /// A scenario of `count` events spread evenly over 2014-06-01…2019-12-31 in SY and IQ,
    /// cycling over `places` (named `id:<id>`) in a scattered order, alternating six factions,
    /// with every third event a contest and every fifth limited by `radius_km: 25`; SY starts
    /// with the Syrian government, IQ with the Iraqi. Every named place becomes an anchor.
    public static func scenarioYAML(events count: Int, places sites: [Place], region: [String] = ["SY", "IQ"]) -> String {
        precondition(!sites.isEmpty, "no places to name")
        let factions = ["isis", "syria_gov", "iraq_gov", "kurdistan", "sdf", "opposition"]
        let start = Day("2014-06-01")!, end = Day("2019-12-31")!
        let span = end.ordinal - start.ordinal
        // A stride coprime with the place count visits every place before repeating one.
        var stride = 7919 % sites.count
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        while stride == 0 || gcd(stride, sites.count) != 1 { stride += 1 }

        var yaml = """
        name: Synthetic \(count) events
        region: [\(region.joined(separator: ", "))]
        start: \(start)
        end: \(end)
        factions:

        """
        for (k, id) in factions.enumerated() {
            yaml += "  - {id: \(id), name: \(id), color: \"#\(String(repeating: String(k + 1), count: 6))\"}\n"
        }
        yaml += """
        initial:
          - {country: SY, faction: syria_gov}
          - {country: IQ, faction: iraq_gov}
        events:

        """
        for i in 0..<count {
            let place = sites[(i * stride) % sites.count]
            let day = start.adding(days: count > 1 ? i * span / (count - 1) : 0)
            var event = "  - {date: \(day), place: \"id:\(place.id)\", faction: \(factions[i % factions.count])"
            event += ", action: \(i % 3 == 2 ? "contest" : "capture")"
            if i % 5 == 4 { event += ", radius_km: 25" }
            event += ", source: {publication: Synthetic, date: \(day), claim: test}}\n"
            yaml += event
        }
        return yaml
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
        for (c, cell) in partition.cells.enumerated() where partition.hasUnit(Partition.unit(cell: c, beyond: false)) {
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
                if simulation.partition.hasUnit(u) { groups[TerritoryKey(holder: h, status: status), default: []].append(u) }
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
