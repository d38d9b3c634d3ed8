/// Which polygons a territory is: a faction's held ground (uncontested), the held ground
/// another faction contests, or its area of influence.
public struct TerritoryKey: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        /// The pieces within reach of the faction's uncontested cells.
        case held
        /// The pieces within reach of the faction's cells that `by` contests.
        case contested(by: Int)
        /// The pieces beyond reach of the faction's cells (contested or not).
        case influence
    }

    public let holder: Int
    public let status: Status

    public init(holder: Int, status: Status) {
        self.holder = holder
        self.status = status
    }

    /// The contesting faction, or nil for held ground and influence.
    public var contestedBy: Int? {
        if case .contested(let by) = status { return by }
        return nil
    }

    public var isInfluence: Bool { status == .influence }

    /// `held`, `contested` or `influence`, as the outputs write it.
    public var statusName: String {
        switch status {
        case .held: return "held"
        case .contested: return "contested"
        case .influence: return "influence"
        }
    }

    /// Written order: held ground by faction, then contested ground by holder and attacker,
    /// then areas of influence by faction.
    var order: (Int, Int, Int) {
        switch status {
        case .held: return (0, holder, -1)
        case .contested(let by): return (1, holder, by)
        case .influence: return (2, holder, -1)
        }
    }
}

/// Builds the polygon of a set of units (the pieces of the partition's cells, which form one
/// exact coverage; see `Partition.unitGeometry(_:)`). The one place polygons are made from
/// control state, so a faster (e.g. incremental) algorithm can replace the coverage union
/// without touching the engine.
public protocol TerritoryBuilding: AnyObject {
    /// The union of `units` (ascending unit indices) as one (Multi)Polygon, or nil when they
    /// have no area. `revision` changes whenever the unit set of `key` may have changed; an
    /// implementation may return its previous result while it does not.
    func territory(_ key: TerritoryKey, units: [Int], revision: UInt64) throws -> Geometry?
}

/// Merges units with one `GEOSCoverageUnion_r` per territory (the units form an exact
/// coverage) and keeps each result while its revision and units do not change.
public final class CoverageUnionBuilder: TerritoryBuilding {
    private let partition: Partition
    private var cache = [TerritoryKey: (revision: UInt64, units: [Int], geometry: Geometry?)]()
    /// How many unions were computed (for tests and benchmarks of the cache).
    public private(set) var unionsComputed = 0

    public init(partition: Partition) {
        self.partition = partition
    }

    public func territory(_ key: TerritoryKey, units: [Int], revision: UInt64) throws -> Geometry? {
        if let cached = cache[key], cached.revision == revision, cached.units == units { return cached.geometry }
        let parts = units.compactMap { partition.unitGeometry($0) }
        var geometry: Geometry?
        if !parts.isEmpty {
            let union = try Geometry.collection(copying: parts, in: partition.context).coverageUnion()
            try union.requireValid("territory of faction \(key.holder)")
            geometry = union
            unionsComputed += 1
        }
        cache[key] = (revision, units, geometry)
        return geometry
    }
}
