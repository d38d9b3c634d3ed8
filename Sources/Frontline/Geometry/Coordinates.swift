/// A position in WGS84 degrees, longitude first as in GeoJSON (RFC 7946 §3.1.1).
public struct Coordinate: Hashable, Sendable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
}

/// A polygon as plain coordinates: one exterior ring and its holes, each ring closed
/// (first coordinate repeated last). Used only at the edges: reading boundaries and
/// writing output; the engine keeps GEOS geometries.
public struct PolygonCoordinates: Hashable, Sendable {
    public var exterior: [Coordinate]
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Twice the signed planar area of a closed ring in degrees: positive when the ring
    /// runs counter-clockwise (longitude east, latitude north). O(n).
    public static func signedArea2(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += a.lon * b.lat - b.lon * a.lat
        }
        return sum
    }

    /// The same polygon with the exterior ring counter-clockwise and holes clockwise,
    /// the winding RFC 7946 §3.1.6 asks writers to use. O(n).
    public func orientedForGeoJSON() -> PolygonCoordinates {
        func oriented(_ ring: [Coordinate], counterClockwise: Bool) -> [Coordinate] {
            let ccw = Self.signedArea2(ring) > 0
            return ccw == counterClockwise ? ring : ring.reversed()
        }
        return PolygonCoordinates(
            exterior: oriented(exterior, counterClockwise: true),
            holes: holes.map { oriented($0, counterClockwise: false) })
    }

    /// Whether `c` lies inside the polygon (inside the exterior ring and in no hole), by
    /// ray casting in degrees. Points on an edge may go either way. O(vertices).
    public func contains(_ c: Coordinate) -> Bool {
        func inside(_ ring: [Coordinate]) -> Bool {
            var result = false
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.lat > c.lat) != (b.lat > c.lat),
                   c.lon < (b.lon - a.lon) * (c.lat - a.lat) / (b.lat - a.lat) + a.lon {
                    result.toggle()
                }
                j = i
            }
            return result
        }
        return inside(exterior) && !holes.contains(where: inside)
    }

    /// The shortest distance in degrees from `c` to the polygon's rings, with longitudes
    /// scaled by `lonScale` (cos of a latitude) so that a degree east counts as the ground it
    /// covers there. O(vertices).
    public func ringDistance(to c: Coordinate, lonScale: Double) -> Double {
        var best = Double.infinity
        for ring in [exterior] + holes {
            for i in ring.indices.dropFirst() {
                let ax = ring[i - 1].lon * lonScale, ay = ring[i - 1].lat
                let bx = ring[i].lon * lonScale, by = ring[i].lat
                let px = c.lon * lonScale, py = c.lat
                let dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy
                let t = len2 > 0 ? max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0
                let qx = ax + t * dx - px, qy = ay + t * dy - py
                best = min(best, (qx * qx + qy * qy).squareRoot())
            }
        }
        return best
    }
}
