import Foundation

/// A point in a `LocalPlane`, in kilometres east (`x`) and north (`y`) of its centre.
public struct PlanePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var length: Double { (x * x + y * y).squareRoot() }
}

/// A sinusoidal (equal-area) projection centred on a point, in km: `x = R·Δλ·cos φ`,
/// `y = R·Δφ` with R the WGS84 authalic radius. Areas are true (to the sphere's
/// approximation of the ellipsoid, ~0.1%) and distances from the centre are within a
/// fraction of a percent over the few hundred kilometres a front spans, which is what
/// fronts need: circles around a point, and the area of a cell such a circle covers.
public struct LocalPlane: Sendable {
    public let centre: Coordinate
    /// WGS84 authalic radius, km.
    public static let radiusKm = 6371.0072
    private static let radiansPerDegree = Double.pi / 180

    public init(centre: Coordinate) {
        self.centre = centre
    }

    public func project(_ c: Coordinate) -> PlanePoint {
        let r = Self.radiusKm * Self.radiansPerDegree
        return PlanePoint(x: r * (c.lon - centre.lon) * cos(c.lat * Self.radiansPerDegree), y: r * (c.lat - centre.lat))
    }

    public func unproject(_ p: PlanePoint) -> Coordinate {
        let r = Self.radiusKm * Self.radiansPerDegree
        let lat = centre.lat + p.y / r
        return Coordinate(lon: centre.lon + p.x / (r * cos(lat * Self.radiansPerDegree)), lat: lat)
    }

    /// The circle of `radiusKm` around the centre as a closed counter-clockwise ring of
    /// `vertices` points in longitude/latitude (for drawing and for GEOS overlays).
    public func circle(radiusKm: Double, vertices: Int = 256) -> [Coordinate] {
        var ring = (0..<vertices).map { k -> Coordinate in
            let a = 2 * Double.pi * Double(k) / Double(vertices)
            return unproject(PlanePoint(x: radiusKm * cos(a), y: radiusKm * sin(a)))
        }
        ring.append(ring[0])
        return ring
    }

    // MARK: Circle and polygon

    /// Area (km²) of the part of `rings` (closed rings in plane coordinates: exteriors
    /// counter-clockwise, holes clockwise) within `radius` of the centre. Exact for straight
    /// edges: the sum over edges of the signed area of the triangle (centre, a, b) cut by the
    /// circle. O(vertices).
    public static func areaWithinCircle(_ rings: [[PlanePoint]], radius: Double) -> Double {
        guard radius > 0 else { return 0 }
        var total = 0.0
        for ring in rings where ring.count >= 4 {
            for i in 0..<(ring.count - 1) {
                total += triangleWithinCircle(ring[i], ring[i + 1], radius: radius)
            }
        }
        return max(0, total)
    }

    /// Signed area (km²) of `rings` in plane coordinates: positive for counter-clockwise.
    public static func area(_ rings: [[PlanePoint]]) -> Double {
        var total = 0.0
        for ring in rings where ring.count >= 4 {
            for i in 0..<(ring.count - 1) { total += cross(ring[i], ring[i + 1]) }
        }
        return total / 2
    }

    /// Distance from the centre to the nearest point of `rings` (0 when the centre lies inside).
    public static func nearestDistance(_ rings: [[PlanePoint]]) -> Double {
        if contains(rings, PlanePoint(x: 0, y: 0)) { return 0 }
        var best = Double.infinity
        for ring in rings {
            for i in 0..<max(0, ring.count - 1) {
                let a = ring[i], b = ring[i + 1]
                let d = PlanePoint(x: b.x - a.x, y: b.y - a.y)
                let len2 = d.x * d.x + d.y * d.y
                let t = len2 > 0 ? min(1, max(0, -(a.x * d.x + a.y * d.y) / len2)) : 0
                best = min(best, PlanePoint(x: a.x + t * d.x, y: a.y + t * d.y).length)
            }
        }
        return best
    }

    /// Distance from the centre to the farthest vertex of `rings`.
    public static func farthestDistance(_ rings: [[PlanePoint]]) -> Double {
        rings.joined().reduce(0) { max($0, $1.length) }
    }

    /// Even-odd point-in-polygon test.
    static func contains(_ rings: [[PlanePoint]], _ p: PlanePoint) -> Bool {
        var inside = false
        for ring in rings {
            for i in 0..<max(0, ring.count - 1) {
                let a = ring[i], b = ring[i + 1]
                if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { inside.toggle() }
            }
        }
        return inside
    }

    @inline(__always)
    static func cross(_ a: PlanePoint, _ b: PlanePoint) -> Double { a.x * b.y - a.y * b.x }

    /// Signed area of the intersection of the triangle (origin, a, b) with the disc of
    /// `radius` around the origin: the straight part inside the disc plus circular sectors
    /// where the edge runs outside it.
    static func triangleWithinCircle(_ a: PlanePoint, _ b: PlanePoint, radius r: Double) -> Double {
        let r2 = r * r
        func sector(_ u: PlanePoint, _ v: PlanePoint) -> Double {
            r2 * atan2(cross(u, v), u.x * v.x + u.y * v.y) / 2
        }
        let a2 = a.x * a.x + a.y * a.y, b2 = b.x * b.x + b.y * b.y
        if a2 <= r2, b2 <= r2 { return cross(a, b) / 2 }
        let d = PlanePoint(x: b.x - a.x, y: b.y - a.y)
        let qa = d.x * d.x + d.y * d.y
        guard qa > 0 else { return 0 }
        let qb = a.x * d.x + a.y * d.y, qc = a2 - r2
        let disc = qb * qb - qa * qc
        guard disc > 0 else { return sector(a, b) }
        let s = disc.squareRoot()
        let t1 = (-qb - s) / qa, t2 = (-qb + s) / qa
        guard t2 > 0, t1 < 1 else { return sector(a, b) }
        let p1 = PlanePoint(x: a.x + max(t1, 0) * d.x, y: a.y + max(t1, 0) * d.y)
        let p2 = PlanePoint(x: a.x + min(t2, 1) * d.x, y: a.y + min(t2, 1) * d.y)
        return sector(a, p1) + cross(p1, p2) / 2 + sector(p2, b)
    }
}
