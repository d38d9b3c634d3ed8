/// The edge graph of an exact polygon coverage: units (cells, or pieces of cells) whose
/// neighbours share their edges vertex for vertex, as a half-edge structure.
///
/// Every polygon of a unit is a *piece*. Each ring of a piece is stored as a cycle of
/// half-edges with the piece on its left (exterior rings counter-clockwise, holes clockwise,
/// longitude east and latitude north); the half-edge running the other way along the same
/// two vertices belongs to the neighbouring piece (its *twin*), or to no piece on the
/// region's outline. Vertices are matched by their exact coordinates.
///
/// Built once, in O(vertices) expected time (hash maps on exact coordinates and on vertex
/// pairs); the territory builder then walks it without touching any coordinate but those of
/// the boundaries it returns.
final class CoverageGraph {
    /// Vertex coordinates, by vertex id.
    let vertices: [Coordinate]
    /// Per half-edge: its origin vertex, the next half-edge of its ring, the half-edge along the
    /// same two vertices the other way (-1 on the region's outline) and the piece on its left.
    let origin: [Int32]
    let next: [Int32]
    let twin: [Int32]
    let piece: [Int32]
    /// Per piece: its unit, and its half-edges `pieceEdges[p] ..< pieceEdges[p + 1]`.
    let unitOfPiece: [Int32]
    let pieceEdges: [Int32]
    /// Per unit: its pieces `unitPieces[u] ..< unitPieces[u + 1]`.
    let unitPieces: [Int32]

    var unitCount: Int { unitPieces.count - 1 }
    var pieceCount: Int { unitOfPiece.count }

    /// Why units do not form an exact coverage.
    struct NotACoverage: Error, CustomStringConvertible {
        let description: String
    }

    /// The graph of `units[u]`'s polygons. Throws when two pieces have the same edge on the same
    /// side (they overlap) or a piece's ring has fewer than three distinct vertices.
    init(units: [[PolygonCoordinates]]) throws {
        var vertices = [Coordinate]()
        var origin = [Int32](), next = [Int32](), piece = [Int32]()
        var unitOfPiece = [Int32](), pieceEdges: [Int32] = [0], unitPieces: [Int32] = [0]
        let expected = units.reduce(0) { $0 + $1.reduce(0) { $0 + $1.exterior.count + $1.holes.reduce(0) { $0 + $1.count } } }
        var table = VertexTable(capacity: expected)
        origin.reserveCapacity(expected)
        next.reserveCapacity(expected)
        piece.reserveCapacity(expected)

        var ring = [Int32]()
        for (u, polygons) in units.enumerated() {
            for polygon in polygons {
                let p = Int32(unitOfPiece.count)
                for (k, coordinates) in ([polygon.exterior] + polygon.holes).enumerated() {
                    ring.removeAll(keepingCapacity: true)
                    for c in coordinates {
                        let v = table.id(of: c, next: Int32(vertices.count))
                        if v == vertices.count { vertices.append(Coordinate(lon: c.lon + 0, lat: c.lat + 0)) }
                        if ring.last != v { ring.append(v) }
                    }
                    if ring.count > 1, ring.first == ring.last { ring.removeLast() }
                    guard ring.count >= 3 else {
                        throw NotACoverage(description: "unit \(u): a ring with \(ring.count) distinct vertices")
                    }
                    // Exterior counter-clockwise, holes clockwise: the piece on the left.
                    var area2 = 0.0
                    let first = vertices[Int(ring[0])]
                    for i in 1..<(ring.count - 1) {
                        let a = vertices[Int(ring[i])], b = vertices[Int(ring[i + 1])]
                        area2 += (a.lon - first.lon) * (b.lat - first.lat) - (b.lon - first.lon) * (a.lat - first.lat)
                    }
                    if (area2 > 0) != (k == 0) { ring.reverse() }
                    let start = Int32(origin.count)
                    for (i, v) in ring.enumerated() {
                        origin.append(v)
                        next.append(start + Int32((i + 1) % ring.count))
                        piece.append(p)
                    }
                }
                unitOfPiece.append(Int32(u))
                pieceEdges.append(Int32(origin.count))
            }
            unitPieces.append(Int32(unitOfPiece.count))
        }

        // Twins: the half-edge from b to a of the half-edge from a to b, found among the few
        // half-edges leaving b (half-edges grouped by origin vertex).
        var leaving = [Int32](repeating: 0, count: vertices.count + 1)
        for v in origin { leaving[Int(v) + 1] += 1 }
        for v in 0..<vertices.count { leaving[v + 1] += leaving[v] }
        var fill = leaving, byOrigin = [Int32](repeating: 0, count: origin.count)
        for h in origin.indices {
            byOrigin[Int(fill[Int(origin[h])])] = Int32(h)
            fill[Int(origin[h])] += 1
        }
        var twin = [Int32](repeating: -1, count: origin.count)
        for h in origin.indices {
            let a = origin[h], b = origin[Int(next[h])]
            for k in leaving[Int(a)]..<leaving[Int(a) + 1] where byOrigin[Int(k)] > h {
                let other = Int(byOrigin[Int(k)])
                if origin[Int(next[other])] == b {
                    throw NotACoverage(description: "units \(unitOfPiece[Int(piece[h])]) and \(unitOfPiece[Int(piece[other])]) overlap along the edge \(vertices[Int(a)]) → \(vertices[Int(b)])")
                }
            }
            for k in leaving[Int(b)]..<leaving[Int(b) + 1] where origin[Int(next[Int(byOrigin[Int(k)])])] == a {
                twin[h] = byOrigin[Int(k)]
            }
        }
        self.vertices = vertices
        self.origin = origin
        self.next = next
        self.twin = twin
        self.piece = piece
        self.unitOfPiece = unitOfPiece
        self.pieceEdges = pieceEdges
        self.unitPieces = unitPieces
    }

    /// Twice the signed planar area of a ring (not closed), positive counter-clockwise. O(n).
    static func signedArea2(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let first = ring[0]
        var sum = 0.0
        for i in 1..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.lon - first.lon) * (b.lat - first.lat) - (b.lon - first.lon) * (a.lat - first.lat)
        }
        return sum
    }

    /// Vertex ids by exact coordinates (0 and -0 are one coordinate): open addressing with
    /// linear probing over a power-of-two table at most half full.
    private struct VertexTable {
        private var lons: [UInt64], lats: [UInt64], ids: [Int32]
        private let mask: Int

        init(capacity: Int) {
            var size = 16
            while size < 2 * capacity { size <<= 1 }
            lons = [UInt64](repeating: 0, count: size)
            lats = lons
            ids = [Int32](repeating: -1, count: size)
            mask = size - 1
        }

        /// The id of `c`, or `next` (recorded) when it is new.
        mutating func id(of c: Coordinate, next: Int32) -> Int32 {
            let lon = (c.lon + 0).bitPattern, lat = (c.lat + 0).bitPattern
            var h = lon &* 0x9E37_79B9_7F4A_7C15 ^ (lat &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= h >> 31
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let id = ids[slot]
                if id < 0 {
                    ids[slot] = next
                    lons[slot] = lon
                    lats[slot] = lat
                    return next
                }
                if lons[slot] == lon, lats[slot] == lat { return id }
                slot = (slot + 1) & mask
            }
        }
    }
}
