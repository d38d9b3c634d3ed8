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
}
