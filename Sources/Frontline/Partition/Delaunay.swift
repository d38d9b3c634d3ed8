/// The Delaunay triangulation of points in the plane, by the sweep-hull algorithm of
/// mapbox/delaunator (Vladimir Agafonkin, ISC licence), ported to Swift: the points are added
/// in order of distance from a seed triangle's circumcentre, each joined to the edges of the
/// convex hull it sees (found through a hash of pseudo-angles), and edges are flipped until
/// every triangle's circumcircle is empty. O(n log n), about 1 µs a point.
///
/// Used by `Partition(points:…)` for the Voronoi cells away from the outlines (each the polygon
/// of the circumcentres of a point's triangles). The predicates are plain floating point, as
/// delaunator's before its 5th version: on near-degenerate input a triangle may fail the
/// empty-circle test by a rounding error; the partition checks each cell it takes from here
/// (convex, counter-clockwise) and nodes any other with GEOS.
struct Delaunay {
    /// Point indices of each triangle (three per triangle), counter-clockwise in a plane
    /// whose y axis points up.
    private(set) var triangles: [Int32]
    /// For each half-edge (a triangle's side, `3t`…`3t+2`), the opposite half-edge in the
    /// neighbouring triangle, or -1 on the convex hull.
    private(set) var halfedges: [Int32]
    /// The points the triangulation skipped as duplicates (within 2⁻⁵² of a point already in it).
    private(set) var skipped: [Int32] = []
    /// Whether the points are all collinear (or fewer than three): then there is no triangle.
    private(set) var isDegenerate = false

    private let xs: [Double], ys: [Double]
    private var trianglesCount = 0
    private var hullPrev: [Int32], hullNext: [Int32], hullTri: [Int32], hullHash: [Int32]
    private var hullStart: Int32 = 0
    private var hashSize: Int
    private var cx = 0.0, cy = 0.0
    private var edgeStack = [Int32](repeating: 0, count: 512)

    init(xs: [Double], ys: [Double]) {
        self.xs = xs
        self.ys = ys
        let n = xs.count
        let maxTriangles = max(2 * n - 5, 0)
        triangles = [Int32](repeating: 0, count: maxTriangles * 3)
        halfedges = [Int32](repeating: -1, count: maxTriangles * 3)
        hashSize = max(1, Int(Double(n).squareRoot().rounded(.up)))
        hullPrev = [Int32](repeating: 0, count: n)
        hullNext = [Int32](repeating: 0, count: n)
        hullTri = [Int32](repeating: 0, count: n)
        hullHash = [Int32](repeating: -1, count: hashSize)
        triangulate()
        triangles.removeLast(triangles.count - trianglesCount)
        halfedges.removeLast(halfedges.count - trianglesCount)
    }

    // MARK: Predicates (delaunator's conventions)

    /// Twice the signed area of (a, b, c) with the sign delaunator's `orient2d` gives: negative
    /// when the points turn counter-clockwise (y up).
    @inline(__always)
    private func orient(_ a: Int, _ b: Int, _ c: Int) -> Double {
        orient(xs[a], ys[a], xs[b], ys[b], xs[c], ys[c])
    }

    @inline(__always)
    private func orient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Double {
        (ay - cy) * (bx - cx) - (ax - cx) * (by - cy)
    }

    @inline(__always)
    private static func inCircle(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double,
                                 _ px: Double, _ py: Double) -> Bool {
        let dx = ax - px, dy = ay - py, ex = bx - px, ey = by - py, fx = cx - px, fy = cy - py
        let ap = dx * dx + dy * dy, bp = ex * ex + ey * ey, cp = fx * fx + fy * fy
        return dx * (ey * cp - bp * fy) - dy * (ex * cp - bp * fx) + ap * (ex * fy - ey * fx) < 0
    }

    private static func circumradius(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Double {
        let dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay
        let bl = dx * dx + dy * dy, cl = ex * ex + ey * ey
        let d = 0.5 / (dx * ey - dy * ex)
        let x = (ey * bl - dy * cl) * d, y = (dx * cl - ex * bl) * d
        let r = x * x + y * y
        return r.isFinite ? r : .infinity
    }

    /// The circumcentre of (a, b, c). O(1).
    static func circumcenter(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> (x: Double, y: Double) {
        let dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay
        let bl = dx * dx + dy * dy, cl = ex * ex + ey * ey
        let d = 0.5 / (dx * ey - dy * ex)
        return (ax + (ey * bl - dy * cl) * d, ay + (dx * cl - ex * bl) * d)
    }

    @inline(__always)
    private func hashKey(_ x: Double, _ y: Double) -> Int {
        let dx = x - cx, dy = y - cy
        let p = dx / (abs(dx) + abs(dy))
        let angle = (dy > 0 ? 3 - p : 1 + p) / 4   // 0…1, increasing with the angle
        let key = Int((angle * Double(hashSize)).rounded(.down))
        return ((key % hashSize) + hashSize) % hashSize
    }

    // MARK: Building

    private mutating func triangulate() {
        let n = xs.count
        guard n >= 3 else { isDegenerate = true; return }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, xs[i]); minY = min(minY, ys[i]); maxX = max(maxX, xs[i]); maxY = max(maxY, ys[i])
        }
        let mx = (minX + maxX) / 2, my = (minY + maxY) / 2
        func dist(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double { (ax - bx) * (ax - bx) + (ay - by) * (ay - by) }

        // The seed: the point nearest the centre, its nearest point, and the point making the
        // smallest circumcircle with them.
        var i0 = 0, i1 = -1, i2 = -1
        var best = Double.infinity
        for i in 0..<n where dist(mx, my, xs[i], ys[i]) < best { i0 = i; best = dist(mx, my, xs[i], ys[i]) }
        best = .infinity
        for i in 0..<n where i != i0 {
            let d = dist(xs[i0], ys[i0], xs[i], ys[i])
            if d < best && d > 0 { i1 = i; best = d }
        }
        guard i1 >= 0 else { isDegenerate = true; return }
        var minRadius = Double.infinity
        for i in 0..<n where i != i0 && i != i1 {
            let r = Self.circumradius(xs[i0], ys[i0], xs[i1], ys[i1], xs[i], ys[i])
            if r < minRadius { i2 = i; minRadius = r }
        }
        guard i2 >= 0, minRadius < .infinity else { isDegenerate = true; return }
        if orient(i0, i1, i2) < 0 { swap(&i1, &i2) }
        (cx, cy) = Self.circumcenter(xs[i0], ys[i0], xs[i1], ys[i1], xs[i2], ys[i2])

        // The other points by distance from the seed's circumcentre (ties by index).
        var dists = [Double](repeating: 0, count: n)
        for i in 0..<n { dists[i] = dist(xs[i], ys[i], cx, cy) }
        let ids = (0..<n).sorted { (dists[$0], $0) < (dists[$1], $1) }

        hullStart = Int32(i0)
        hullNext[i0] = Int32(i1); hullPrev[i2] = Int32(i1)
        hullNext[i1] = Int32(i2); hullPrev[i0] = Int32(i2)
        hullNext[i2] = Int32(i0); hullPrev[i1] = Int32(i0)
        hullTri[i0] = 0; hullTri[i1] = 1; hullTri[i2] = 2
        hullHash[hashKey(xs[i0], ys[i0])] = Int32(i0)
        hullHash[hashKey(xs[i1], ys[i1])] = Int32(i1)
        hullHash[hashKey(xs[i2], ys[i2])] = Int32(i2)
        _ = addTriangle(i0, i1, i2, -1, -1, -1)

        var xp = Double.nan, yp = Double.nan
        for (k, i) in ids.enumerated() {
            let x = xs[i], y = ys[i]
            // Skip near-duplicates of the previous point, and the seed.
            if k > 0 && abs(x - xp) <= 0x1p-52 && abs(y - yp) <= 0x1p-52 { skipped.append(Int32(i)); continue }
            xp = x; yp = y
            if i == i0 || i == i1 || i == i2 { continue }

            // A visible edge of the hull, from the hash.
            var start = 0
            let key = hashKey(x, y)
            for j in 0..<hashSize {
                start = Int(hullHash[(key + j) % hashSize])
                if start != -1 && start != Int(hullNext[start]) { break }
            }
            start = Int(hullPrev[start])
            var e = start
            var q = Int(hullNext[e])
            while orient(x, y, xs[e], ys[e], xs[q], ys[q]) >= 0 {
                e = q
                if e == start { e = -1; break }
                q = Int(hullNext[e])
            }
            if e == -1 { skipped.append(Int32(i)); continue }   // a near-duplicate

            // The first triangle from the point, then flips until the circles are empty.
            var t = addTriangle(e, i, Int(hullNext[e]), -1, -1, Int(hullTri[e]))
            hullTri[i] = Int32(legalize(t + 2))
            hullTri[e] = Int32(t)

            // Forward along the hull, more triangles while the point sees the edges.
            var m = Int(hullNext[e])
            q = Int(hullNext[m])
            while orient(x, y, xs[m], ys[m], xs[q], ys[q]) < 0 {
                t = addTriangle(m, i, q, Int(hullTri[i]), -1, Int(hullTri[m]))
                hullTri[i] = Int32(legalize(t + 2))
                hullNext[m] = Int32(m)   // removed from the hull
                m = q
                q = Int(hullNext[m])
            }
            // Backward from the other side.
            if e == start {
                q = Int(hullPrev[e])
                while orient(x, y, xs[q], ys[q], xs[e], ys[e]) < 0 {
                    t = addTriangle(q, i, e, -1, Int(hullTri[e]), Int(hullTri[q]))
                    _ = legalize(t + 2)
                    hullTri[q] = Int32(t)
                    hullNext[e] = Int32(e)
                    e = q
                    q = Int(hullPrev[e])
                }
            }
            hullStart = Int32(e)
            hullPrev[i] = Int32(e)
            hullNext[e] = Int32(i); hullPrev[m] = Int32(i)
            hullNext[i] = Int32(m)
            hullHash[hashKey(x, y)] = Int32(i)
            hullHash[hashKey(xs[e], ys[e])] = Int32(e)
        }
    }

    private mutating func link(_ a: Int, _ b: Int) {
        halfedges[a] = Int32(b)
        if b != -1 { halfedges[b] = Int32(a) }
    }

    private mutating func addTriangle(_ i0: Int, _ i1: Int, _ i2: Int, _ a: Int, _ b: Int, _ c: Int) -> Int {
        let t = trianglesCount
        triangles[t] = Int32(i0); triangles[t + 1] = Int32(i1); triangles[t + 2] = Int32(i2)
        link(t, a); link(t + 1, b); link(t + 2, c)
        trianglesCount += 3
        return t
    }

    /// Flips the edge at half-edge `a` (and the ones it uncovers) until the triangles around
    /// satisfy the Delaunay condition; returns the half-edge that ends the fan at the new point.
    private mutating func legalize(_ start: Int) -> Int {
        var a = start, i = 0, ar = 0
        while true {
            let b = Int(halfedges[a])
            let a0 = a - a % 3
            ar = a0 + (a + 2) % 3
            if b == -1 {
                if i == 0 { break }
                i -= 1
                a = Int(edgeStack[i])
                continue
            }
            let b0 = b - b % 3
            let al = a0 + (a + 1) % 3, bl = b0 + (b + 2) % 3
            let p0 = Int(triangles[ar]), pr = Int(triangles[a]), pl = Int(triangles[al]), p1 = Int(triangles[bl])
            if Self.inCircle(xs[p0], ys[p0], xs[pr], ys[pr], xs[pl], ys[pl], xs[p1], ys[p1]) {
                triangles[a] = Int32(p1)
                triangles[b] = Int32(p0)
                let hbl = Int(halfedges[bl])
                if hbl == -1 {
                    // The edge swapped on the other side of the hull: fix the hull's reference.
                    var e = Int(hullStart)
                    repeat {
                        if Int(hullTri[e]) == bl { hullTri[e] = Int32(a); break }
                        e = Int(hullPrev[e])
                    } while e != Int(hullStart)
                }
                link(a, hbl)
                link(b, Int(halfedges[ar]))
                link(ar, bl)
                let br = b0 + (b + 1) % 3
                if i < edgeStack.count { edgeStack[i] = Int32(br); i += 1 } else { edgeStack.append(Int32(br)); i += 1 }
            } else {
                if i == 0 { break }
                i -= 1
                a = Int(edgeStack[i])
            }
        }
        return ar
    }
}
