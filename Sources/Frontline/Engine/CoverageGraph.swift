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
        var vertexID = [VertexKey: Int32]()
        var vertices = [Coordinate]()
        var origin = [Int32](), next = [Int32](), piece = [Int32]()
        var unitOfPiece = [Int32](), pieceEdges: [Int32] = [0], unitPieces: [Int32] = [0]
        let expected = units.reduce(0) { $0 + $1.reduce(0) { $0 + $1.exterior.count + $1.holes.reduce(0) { $0 + $1.count } } }
        vertexID.reserveCapacity(expected / 2)
        origin.reserveCapacity(expected)
        next.reserveCapacity(expected)
        piece.reserveCapacity(expected)

        func vertex(_ c: Coordinate) -> Int32 {
            let key = VertexKey(c)
            if let id = vertexID[key] { return id }
            let id = Int32(vertices.count)
            vertexID[key] = id
            vertices.append(Coordinate(lon: c.lon + 0, lat: c.lat + 0))
            return id
        }

        var ring = [Int32]()
        for (u, polygons) in units.enumerated() {
            for polygon in polygons {
                let p = Int32(unitOfPiece.count)
                for (k, coordinates) in ([polygon.exterior] + polygon.holes).enumerated() {
                    ring.removeAll(keepingCapacity: true)
                    for c in coordinates {
                        let v = vertex(c)
                        if ring.last != v { ring.append(v) }
                    }
                    if ring.count > 1, ring.first == ring.last { ring.removeLast() }
                    guard ring.count >= 3 else {
                        throw NotACoverage(description: "unit \(u): a ring with \(ring.count) distinct vertices")
                    }
                    // Exterior counter-clockwise, holes clockwise: the piece on the left.
                    let counterClockwise = Self.signedArea2(ring.map { vertices[Int($0)] }) > 0
                    if counterClockwise != (k == 0) { ring.reverse() }
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

        // Twins: the half-edge from b to a of the half-edge from a to b.
        var byVertices = [UInt64: Int32](minimumCapacity: origin.count)
        for h in origin.indices {
            let key = UInt64(UInt32(origin[h])) << 32 | UInt64(UInt32(origin[Int(next[h])]))
            if let other = byVertices.updateValue(Int32(h), forKey: key) {
                throw NotACoverage(description: "units \(unitOfPiece[Int(piece[Int(other)])]) and \(unitOfPiece[Int(piece[h])]) overlap along the edge \(vertices[Int(origin[h])]) → \(vertices[Int(origin[Int(next[h])])])")
            }
        }
        var twin = [Int32](repeating: -1, count: origin.count)
        for h in origin.indices {
            let key = UInt64(UInt32(origin[Int(next[h])])) << 32 | UInt64(UInt32(origin[h]))
            if let t = byVertices[key] { twin[h] = t }
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
        guard let first = ring.first else { return 0 }
        var sum = 0.0
        for i in 1..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.lon - first.lon) * (b.lat - first.lat) - (b.lon - first.lon) * (a.lat - first.lat)
        }
        return sum
    }

    /// A coordinate as an exact hash key (0 and -0 are one key).
    private struct VertexKey: Hashable {
        let lon: UInt64
        let lat: UInt64
        init(_ c: Coordinate) {
            lon = (c.lon + 0).bitPattern
            lat = (c.lat + 0).bitPattern
        }
    }
}
