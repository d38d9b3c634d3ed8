import CGEOS

extension Geometry {
    /// This (polygonal) geometry on a grid of `gridSize`: the same polygons as
    /// `reducedPrecision(gridSize:)` (GEOS's snap rounding) gives, up to vertex order, in a
    /// fraction of its time.
    ///
    /// Snap rounding rounds every vertex to the grid and nodes each segment at every grid point
    /// ("hot pixel") it passes through, then rebuilds the polygons. Where no segment passes
    /// through the hot pixel of a vertex other than its own ends, and the rounded polygons are
    /// valid, it leaves exactly the rounded rings (repeated points removed). So the
    /// coordinates are rounded (`GEOS_PREC_NO_TOPO`), and that result is kept when no vertex
    /// lies within one grid cell of a segment it does not end (a margin wider than a hot
    /// pixel's half diagonal, so floating-point doubt goes to snap rounding) and GEOS finds it
    /// valid with as many polygons; otherwise snap rounding does it. Either way the result is
    /// checked valid (throws otherwise). O(n log n) in the vertices; snap rounding's cost only
    /// where needed.
    public func snappedToGrid(_ gridSize: Double) throws -> Geometry {
        let rounded = try withExtendedLifetime(self) {
            try context.make("GEOSGeom_setPrecision_r") {
                GEOSGeom_setPrecision_r(context.handle, pointer, gridSize, Int32(GEOS_PREC_NO_TOPO.rawValue))
            }
        }
        let after = try rounded.polygonCoordinates()
        if try after.count == polygonCount, after.allSatisfy({ p in ([p.exterior] + p.holes).allSatisfy { $0.count >= 4 } }),
           !Self.vertexNearSegment(after, within: gridSize), try rounded.isValid {
            return rounded
        }
        let snapped = try reducedPrecision(gridSize: gridSize)
        try snapped.requireValid("geometry snapped to a grid of \(gridSize)")
        return snapped
    }

    /// Whether a vertex of `polygons` lies within `distance` of a segment of theirs that does
    /// not end at it.
    ///
    /// Segments go into the cells of a grid whose cell is their mean length (at least 64 ×
    /// `distance`): each is sampled at points no farther apart than a cell, and each sample
    /// goes into every cell its box of half-side cell/2 + `distance` covers (at most four). A
    /// vertex within `distance` of a segment lies in the box of the sample nearest to the
    /// closest point, so only the segments of the vertex's own cell are tested. The cells are
    /// hashed into flat buckets (a counting sort), no per-cell arrays. O(n) for well-spread segments.
    static func vertexNearSegment(_ polygons: [PolygonCoordinates], within distance: Double) -> Bool {
        var segments = [(a: Coordinate, b: Coordinate)]()
        var total = 0.0
        for p in polygons {
            for ring in [p.exterior] + p.holes where ring.count > 1 {
                for i in 1..<ring.count where ring[i - 1] != ring[i] {
                    segments.append((ring[i - 1], ring[i]))
                    total += max(abs(ring[i].lon - ring[i - 1].lon), abs(ring[i].lat - ring[i - 1].lat))
                }
            }
        }
        guard !segments.isEmpty else { return false }
        let cell = max(total / Double(segments.count), 64 * distance)
        @inline(__always) func index(_ x: Double) -> Int64 { Int64((x / cell).rounded(.down)) }
        @inline(__always) func key(_ ix: Int64, _ iy: Int64) -> Int64 { ix &* 0x1_0000_0001 &+ iy }
        var keys = [Int64](), owners = [Int32]()
        keys.reserveCapacity(4 * segments.count)
        owners.reserveCapacity(4 * segments.count)
        let half = cell / 2 + distance
        for (k, s) in segments.enumerated() {
            let steps = max(1, Int((max(abs(s.b.lon - s.a.lon), abs(s.b.lat - s.a.lat)) / cell).rounded(.up)))
            for i in 0...steps {
                let t = Double(i) / Double(steps)
                let x = s.a.lon + t * (s.b.lon - s.a.lon), y = s.a.lat + t * (s.b.lat - s.a.lat)
                let x0 = index(x - half), x1 = index(x + half), y0 = index(y - half), y1 = index(y + half)
                for ix in x0...x1 {
                    for iy in y0...y1 { keys.append(key(ix, iy)); owners.append(Int32(k)) }
                }
            }
        }
        // Counting sort of the entries into 2^bits buckets by a multiplicative hash of the cell.
        var bits = 1
        while 1 << bits < 2 * keys.count { bits += 1 }
        @inline(__always) func bucket(_ key: Int64) -> Int {
            Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        }
        var start = [Int32](repeating: 0, count: (1 << bits) + 1)
        for key in keys { start[bucket(key) + 1] += 1 }
        for b in 0..<(1 << bits) { start[b + 1] += start[b] }
        var fill = start, sortedKeys = [Int64](repeating: 0, count: keys.count), sortedOwners = [Int32](repeating: 0, count: keys.count)
        for (key, owner) in zip(keys, owners) {
            let b = bucket(key), at = Int(fill[b])
            sortedKeys[at] = key
            sortedOwners[at] = owner
            fill[b] += 1
        }
        let d2 = distance * distance
        for p in polygons {
            for ring in [p.exterior] + p.holes {
                for v in ring {
                    let k = key(index(v.lon), index(v.lat)), b = bucket(k)
                    for i in Int(start[b])..<Int(start[b + 1]) where sortedKeys[i] == k {
                        let (a, b) = segments[Int(sortedOwners[i])]
                        if a == v || b == v { continue }
                        if squaredDistance(v, a, b) < d2 { return true }
                    }
                }
            }
        }
        return false
    }

    /// Squared planar distance from `p` to the segment `a`–`b`. O(1).
    static func squaredDistance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        let dx = b.lon - a.lon, dy = b.lat - a.lat
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? ((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / len2 : 0
        t = min(1, max(0, t))
        let x = a.lon + t * dx - p.lon, y = a.lat + t * dy - p.lat
        return x * x + y * y
    }

    /// Whether this geometry and `other` are the same point set with the same vertices, up to
    /// vertex order, ring start and polygon order (both normalized, then compared exactly).
    public func hasSameVertices(as other: Geometry) throws -> Bool {
        let a = try clone(), b = try other.clone()
        return try withExtendedLifetime((a, b)) {
            guard GEOSNormalize_r(context.handle, a.pointer) == 0, GEOSNormalize_r(context.handle, b.pointer) == 0 else {
                throw context.error("GEOSNormalize_r")
            }
            return try context.predicate("GEOSEqualsExact_r") { GEOSEqualsExact_r(context.handle, a.pointer, b.pointer, 0) }
        }
    }

    /// How many polygons a Polygon (1, 0 when empty) or MultiPolygon has.
    var polygonCount: Int {
        get throws {
            if try isEmpty { return 0 }
            let n = withExtendedLifetime(self) { GEOSGetNumGeometries_r(context.handle, pointer) }
            guard n >= 0 else { throw context.error("GEOSGetNumGeometries_r") }
            return Int(n)
        }
    }

    /// The bounding box (min lon, min lat, max lon, max lat); nil for an empty geometry.
    func extent() throws -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        if try isEmpty { return nil }
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        let ok = withExtendedLifetime(self) { GEOSGeom_getExtent_r(context.handle, pointer, &x0, &y0, &x1, &y1) }
        guard ok != 0 else { throw context.error("GEOSGeom_getExtent_r") }
        return (x0, y0, x1, y1)
    }
}
