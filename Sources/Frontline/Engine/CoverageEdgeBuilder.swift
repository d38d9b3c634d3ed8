/// Builds a territory's polygons from the coverage's own edges instead of a GEOS union.
///
/// The units (cells, or parts of cells) form an exact coverage: neighbours share their edges
/// vertex for vertex. So the boundary of a set of units is the set of unit edges with the set
/// on exactly one side, and its rings can be walked on a half-edge graph built once
/// (`CoverageGraph`): from a boundary half-edge, turn around its end vertex through the set's
/// units until the next boundary half-edge. Walking this way keeps each corner of the set
/// apart, so two parts that touch at a vertex get separate rings; a walk that comes back to a
/// vertex it already passed is cut there into simple loops. A counter-clockwise loop is a
/// shell, a clockwise one a hole; both belong to the polygon of the units on their left
/// (units joined through shared edges, found by union–find), so holes need no
/// point-in-polygon search. Each polygon is checked valid with GEOS; should one ever not be
/// (or not have exactly one shell), that territory falls back to a GEOS coverage union.
/// Two polygons of a territory can meet only at vertices (an edge they shared would have
/// joined them), so valid polygons make a valid territory once the units are known to be an
/// exact coverage, which `init` checks on the union of all units.
///
/// Per territory it keeps the units, which polygon each unit's pieces belong to and each
/// polygon's rings. When units change hands only the polygons they touch are rebuilt
/// (the polygons holding a unit that left, and those sharing an edge with a unit that
/// joined), so a day's update costs the boundary of what changed, not a union of the
/// whole territory. The result is the same, ring for ring, as a build from scratch.
///
/// Not thread-safe (scratch arrays, and the GEOS context).
public final class CoverageEdgeBuilder: TerritoryBuilding {
    private let graph: CoverageGraph
    private let units: [[PolygonCoordinates]]
    private let context: GEOSContext

    /// How many territories were built from scratch, updated incrementally, reused unchanged,
    /// and built by the GEOS fallback (for tests and benchmarks).
    public private(set) var fullBuilds = 0
    public private(set) var incrementalUpdates = 0
    public private(set) var reused = 0
    public private(set) var fallbacks = 0
    /// Polygons rebuilt and checked by the incremental updates.
    public private(set) var polygonsRebuilt = 0

    /// Builds the edge graph of `units` (unit id → its polygons) and checks it
    /// (`checkCoverage()`). Throws when they are not an exact coverage. O(vertices).
    public init(units: [[PolygonCoordinates]], context: GEOSContext) throws {
        self.units = units
        self.context = context
        graph = try CoverageGraph(units: units)
        parent = [Int32](repeating: -1, count: graph.pieceCount)
        pieceStamp = [UInt32](repeating: 0, count: graph.pieceCount)
        edgeStamp = [UInt32](repeating: 0, count: graph.origin.count)
        vertexStamp = [UInt32](repeating: 0, count: graph.vertices.count)
        vertexPosition = [Int32](repeating: 0, count: graph.vertices.count)
        componentIndex = [Int32](repeating: 0, count: graph.pieceCount)
        try checkCoverage()
    }

    /// The builder over the partition's units (the pieces of its cells, `Partition.unitGeometry(_:)`).
    public convenience init(partition: Partition) throws {
        try self.init(units: partition.units.map { try $0?.polygonCoordinates() ?? [] }, context: partition.context)
    }

    // MARK: Per-territory state

    /// One polygon of a territory: the pieces it is made of and its GEOS polygon (checked valid).
    private struct Part {
        /// Its smallest piece: parts are kept in this order.
        var first: Int32
        var pieces: [Int32]
        var geometry: Geometry
    }

    private struct State {
        var revision: UInt64
        /// The territory's units, ascending.
        var units: [Int]
        /// Per unit: in the territory (empty after a fallback).
        var member: [Bool]
        /// Per piece: the id of its polygon in `parts`, -1 outside the territory.
        var partOf: [Int32]
        var parts: [Int32: Part]
        var nextPartID: Int32 = 0
        var geometry: Geometry?

        /// The polygons in the builder's order (by smallest piece).
        var ordered: [Part] { parts.values.sorted { $0.first < $1.first } }

        /// Adds `parts`, numbering them and their pieces. O(their pieces).
        mutating func insert(_ new: [Part]) {
            for part in new {
                let id = nextPartID
                nextPartID += 1
                parts[id] = part
                for p in part.pieces { partOf[Int(p)] = id }
            }
        }
    }

    private var states = [TerritoryKey: State]()

    public func territory(_ key: TerritoryKey, units: [Int], revision: UInt64) throws -> Geometry? {
        let sorted = units.isSorted ? units : units.sorted()
        if let state = states[key], state.revision == revision, state.units == sorted {
            reused += 1
            return state.geometry
        }
        var state: State
        do {
            if var previous = states.removeValue(forKey: key), !previous.member.isEmpty,
               case let changed = Self.difference(previous.units, sorted),
               changed.added.count + changed.removed.count <= max(16, sorted.count / 4) {
                try update(&previous, added: changed.added, removed: changed.removed)
                state = previous
                incrementalUpdates += 1
            } else {
                state = try build(sorted)
                fullBuilds += 1
            }
            let parts = state.ordered.map(\.geometry)
            state.geometry = parts.isEmpty ? nil : try Geometry.multiPolygon(copying: parts, in: context)
        } catch is Anomaly {
            state = State(revision: revision, units: sorted, member: [], partOf: [], parts: [:],
                          geometry: try coverageUnion(sorted))
            fallbacks += 1
        }
        state.revision = revision
        state.units = sorted
        states[key] = state
        return state.geometry
    }

    /// Checks that the units are an exact coverage where the graph alone cannot tell: the union
    /// of all units, walked on the graph, must be valid (Multi)Polygons (the region's outline).
    /// A unit edge that neighbours split with a vertex of their own (a T-junction) leaves
    /// half-edges without twins inside the region, and the walk then finds rings without area
    /// or polygons that overlap along that edge. Run by `init`.
    /// O(units' half-edges + outline · log outline).
    public func checkCoverage() throws {
        let all = Array(0..<graph.unitCount)
        do {
            let parts = try build(all).ordered.map(\.geometry)
            if !parts.isEmpty, try !Geometry.multiPolygon(copying: parts, in: context).isValid { throw Anomaly() }
        } catch is Anomaly {
            throw CoverageGraph.NotACoverage(description: "the units are not an exact coverage: neighbours do not share their edges vertex for vertex")
        }
    }

    /// Forgets every territory's state (the edge graph stays): the next call for each
    /// territory builds it from scratch. For benchmarks of cold builds.
    public func forgetTerritories() {
        states.removeAll()
    }

    /// The polygons of `units` built from scratch (no state kept), in the builder's order:
    /// by smallest piece, shells counter-clockwise, holes clockwise, rings closed.
    public func polygons(ofUnits units: [Int]) throws -> [PolygonCoordinates] {
        try build(units.isSorted ? units : units.sorted()).ordered.flatMap { try $0.geometry.polygonCoordinates() }
    }

    /// Units only in `new` and only in `old` (both ascending). O(old + new).
    private static func difference(_ old: [Int], _ new: [Int]) -> (added: [Int], removed: [Int]) {
        var added = [Int](), removed = [Int](), i = 0, j = 0
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i] < new[j]) { removed.append(old[i]); i += 1 }
            else if i == old.count || new[j] < old[i] { added.append(new[j]); j += 1 }
            else { i += 1; j += 1 }
        }
        return (added, removed)
    }

    // MARK: Building

    /// Something the walk did not expect (not an exact coverage there): use the fallback.
    private struct Anomaly: Error {}

    private func build(_ units: [Int]) throws -> State {
        var state = State(revision: 0, units: units, member: [Bool](repeating: false, count: graph.unitCount),
                          partOf: [Int32](repeating: -1, count: graph.pieceCount), parts: [:], geometry: nil)
        var pieces = [Int32]()
        for u in units {
            guard u >= 0, u < graph.unitCount, !state.member[u] else { throw Anomaly() }
            state.member[u] = true
            pieces += graph.unitPieces[u]..<graph.unitPieces[u + 1]
        }
        state.insert(try parts(of: pieces, member: state.member))
        return state
    }

    /// Rebuilds only the parts the change touches.
    private func update(_ state: inout State, added: [Int], removed: [Int]) throws {
        var affected = Set<Int32>()
        for u in removed {
            guard state.member[u] else { throw Anomaly() }
            for p in graph.unitPieces[u]..<graph.unitPieces[u + 1] where state.partOf[Int(p)] >= 0 {
                affected.insert(state.partOf[Int(p)])
            }
        }
        for u in added {
            guard u >= 0, u < graph.unitCount, !state.member[u] else { throw Anomaly() }
            for p in graph.unitPieces[u]..<graph.unitPieces[u + 1] {
                for h in graph.pieceEdges[Int(p)]..<graph.pieceEdges[Int(p) + 1] {
                    let t = graph.twin[Int(h)]
                    if t >= 0, case let k = state.partOf[Int(graph.piece[Int(t)])], k >= 0 { affected.insert(k) }
                }
            }
        }
        for u in removed { state.member[u] = false }
        for u in added { state.member[u] = true }
        var dirty = [Int32]()
        for k in affected {
            for p in state.parts.removeValue(forKey: k)!.pieces {
                state.partOf[Int(p)] = -1
                if state.member[Int(graph.unitOfPiece[Int(p)])] { dirty.append(p) }
            }
        }
        for u in added { dirty += graph.unitPieces[u]..<graph.unitPieces[u + 1] }
        dirty.sort()
        let rebuilt = try parts(of: dirty, member: state.member)
        polygonsRebuilt += rebuilt.count
        state.insert(rebuilt)
    }

    // Scratch, reused across calls (indexed by piece, half-edge, vertex; valid where stamped).
    private var stamp: UInt32 = 0
    private var parent: [Int32]
    private var pieceStamp: [UInt32]
    private var edgeStamp: [UInt32]
    private var vertexStamp: [UInt32]
    private var vertexPosition: [Int32]
    private var componentIndex: [Int32]

    /// The polygons formed by `pieces` (ascending; closed under sharing an edge within the
    /// territory `member`): one per set of pieces joined through shared edges, each checked
    /// valid. O(half-edges of the pieces + boundary vertices · log).
    private func parts(of pieces: [Int32], member: [Bool]) throws -> [Part] {
        guard !pieces.isEmpty else { return [] }
        stamp &+= 1
        if stamp == 0 {  // wrapped: clear the stamps
            for i in pieceStamp.indices { pieceStamp[i] = 0 }
            for i in edgeStamp.indices { edgeStamp[i] = 0 }
            for i in vertexStamp.indices { vertexStamp[i] = 0 }
            stamp = 1
        }
        let g = graph
        let origin = g.origin, next = g.next, twin = g.twin, pieceOf = g.piece, unitOfPiece = g.unitOfPiece
        let pieceEdges = g.pieceEdges
        // The scratch arrays as locals for the walk (no exclusivity checks on each access).
        var parent = [Int32](), pieceStamp = [UInt32](), edgeStamp = [UInt32](), vertexStamp = [UInt32]()
        var vertexPosition = [Int32](), componentIndex = [Int32]()
        swap(&componentIndex, &self.componentIndex)
        swap(&parent, &self.parent)
        swap(&pieceStamp, &self.pieceStamp)
        swap(&edgeStamp, &self.edgeStamp)
        swap(&vertexStamp, &self.vertexStamp)
        swap(&vertexPosition, &self.vertexPosition)
        defer {
            swap(&componentIndex, &self.componentIndex)
            swap(&parent, &self.parent)
            swap(&pieceStamp, &self.pieceStamp)
            swap(&edgeStamp, &self.edgeStamp)
            swap(&vertexStamp, &self.vertexStamp)
            swap(&vertexPosition, &self.vertexPosition)
        }
        let stamp = self.stamp
        @inline(__always) func inside(_ h: Int32) -> Bool {
            h >= 0 && member[Int(unitOfPiece[Int(pieceOf[Int(h)])])]
        }
        func find(_ p: Int32) -> Int32 {
            var p = p
            while parent[Int(p)] != p {
                parent[Int(p)] = parent[Int(parent[Int(p)])]
                p = parent[Int(p)]
            }
            return p
        }
        // Components through shared edges, and the boundary half-edges.
        for p in pieces {
            parent[Int(p)] = p
            pieceStamp[Int(p)] = stamp
        }
        var boundary = [Int32]()
        for p in pieces {
            for h in pieceEdges[Int(p)]..<pieceEdges[Int(p) + 1] {
                let t = twin[Int(h)]
                if inside(t) {
                    let q = pieceOf[Int(t)]
                    guard pieceStamp[Int(q)] == stamp else { throw Anomaly() }
                    let a = find(p), b = find(q)
                    if a != b { parent[Int(max(a, b))] = min(a, b) }
                } else {
                    boundary.append(h)
                }
            }
        }
        // One polygon per component, numbered by smallest piece.
        var members = [[Int32]](), loops = [[[Int32]]]()
        for p in pieces {
            let root = find(p)
            if root == p {
                componentIndex[Int(p)] = Int32(members.count)
                members.append([p])
                loops.append([])
            } else {
                members[Int(componentIndex[Int(root)])].append(p)
            }
        }
        // Walk the rings, cutting a walk into simple loops where it meets a vertex again.
        var path = [Int32]()
        for start in boundary where edgeStamp[Int(start)] != stamp {
            path.removeAll(keepingCapacity: true)
            var h = start
            while true {
                edgeStamp[Int(h)] = stamp
                let v = origin[Int(h)]
                if vertexStamp[Int(v)] == stamp, case let at = Int(vertexPosition[Int(v)]), at < path.count,
                   origin[Int(path[at])] == v {
                    loops[Int(componentIndex[Int(find(pieceOf[Int(path[at])]))])].append(Array(path[at...]))
                    path.removeSubrange(at...)
                }
                vertexStamp[Int(v)] = stamp
                vertexPosition[Int(v)] = Int32(path.count)
                path.append(h)
                // The next boundary half-edge: turn around the end vertex through the territory.
                var n = next[Int(h)], turns = 0
                while inside(twin[Int(n)]) {
                    n = next[Int(twin[Int(n)])]
                    turns += 1
                    if turns > 100_000 { throw Anomaly() }
                }
                guard edgeStamp[Int(n)] != stamp || n == start else { throw Anomaly() }
                if n == start { break }
                h = n
            }
            loops[Int(componentIndex[Int(find(pieceOf[Int(path[0])]))])].append(path)
        }
        // Each component's counter-clockwise loop is its shell, the others its holes.
        var parts = [Part]()
        parts.reserveCapacity(members.count)
        let vertices = g.vertices
        for (k, members) in members.enumerated() {
            // Rings as flat closed coordinate lists, the shell first.
            var rings: [[Double]] = [[]]
            for loop in loops[k] {
                var flat = [Double]()
                flat.reserveCapacity(2 * loop.count + 2)
                let first = vertices[Int(origin[Int(loop[0])])]
                var area2 = 0.0, previous = first
                for h in loop {
                    let c = vertices[Int(origin[Int(h)])]
                    flat.append(c.lon)
                    flat.append(c.lat)
                    area2 += (previous.lon - first.lon) * (c.lat - first.lat) - (c.lon - first.lon) * (previous.lat - first.lat)
                    previous = c
                }
                flat.append(first.lon)
                flat.append(first.lat)
                if area2 > 0 {
                    guard rings[0].isEmpty else { throw Anomaly() }
                    rings[0] = flat
                } else if area2 < 0 {
                    rings.append(flat)
                } else {
                    throw Anomaly()
                }
            }
            guard !rings[0].isEmpty else { throw Anomaly() }
            let geometry = try Geometry.polygon(flatRings: rings, in: context)
            guard try geometry.isValid else { throw Anomaly() }
            parts.append(Part(first: members[0], pieces: members, geometry: geometry))
        }
        return parts
    }

    /// The GEOS coverage union of the units' polygons: the fallback.
    private func coverageUnion(_ members: [Int]) throws -> Geometry? {
        let parts = try members.filter { $0 >= 0 && $0 < units.count && !units[$0].isEmpty }
            .map { try Geometry.multiPolygon(units[$0], in: context) }
        guard !parts.isEmpty else { return nil }
        let union = try Geometry.collection(copying: parts, in: context).coverageUnion()
        try union.requireValid("territory (coverage union fallback)")
        return union
    }
}

private extension Array where Element == Int {
    var isSorted: Bool { zip(self, dropFirst()).allSatisfy { $0 < $1 } }
}
