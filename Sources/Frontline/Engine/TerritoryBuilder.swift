/// Which polygons a territory is: a faction's uncontested ground, or the ground it holds
/// that another faction contests.
public struct TerritoryKey: Hashable, Sendable {
    public let holder: Int
    /// The contesting faction, or nil for uncontested ground.
    public let contestedBy: Int?

    public init(holder: Int, contestedBy: Int?) {
        self.holder = holder
        self.contestedBy = contestedBy
    }
}

/// Builds the polygon of a set of cells. The one place polygons are made from control state,
/// so a faster (e.g. incremental) algorithm can replace the coverage union without touching
/// the engine.
public protocol TerritoryBuilding: AnyObject {
    /// The union of `cells` (ascending cell indices) as one (Multi)Polygon, or nil when they
    /// have no area. `revision` changes whenever the cell set of `key` changes; an
    /// implementation may return its previous result while it does not.
    func territory(_ key: TerritoryKey, cells: [Int], revision: UInt64) throws -> Geometry?
}

/// Merges cells with one `GEOSCoverageUnion_r` per territory (the cells form an exact
/// coverage) and keeps each result while its revision does not change.
public final class CoverageUnionBuilder: TerritoryBuilding {
    private let partition: Partition
    private var cache = [TerritoryKey: (revision: UInt64, cells: [Int], geometry: Geometry?)]()
    /// How many unions were computed (for tests and benchmarks of the cache).
    public private(set) var unionsComputed = 0

    public init(partition: Partition) {
        self.partition = partition
    }

    public func territory(_ key: TerritoryKey, cells: [Int], revision: UInt64) throws -> Geometry? {
        if let cached = cache[key], cached.revision == revision, cached.cells == cells { return cached.geometry }
        let parts = cells.compactMap { partition.geometry(ofCell: $0) }
        var geometry: Geometry?
        if !parts.isEmpty {
            let union = try Geometry.collection(copying: parts, in: partition.context).coverageUnion()
            try union.requireValid("territory of faction \(key.holder)")
            geometry = union
            unionsComputed += 1
        }
        cache[key] = (revision, cells, geometry)
        return geometry
    }
}
