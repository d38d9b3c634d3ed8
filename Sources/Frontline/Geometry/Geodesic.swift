import CPROJ

/// Ellipsoidal (WGS84) measures through PROJ's implementation of Karney's geodesic
/// algorithms (`geodesic.h`, PROJ 9.1.1's code compiled into Frontline: Sources/CPROJ). A value
/// type: the geodesic parameters are plain numbers.
public struct Geodesic: Sendable {
    private var g = geod_geodesic()

    /// The WGS84 ellipsoid: a = 6378137 m, f = 1/298.257223563.
    public static let wgs84 = Geodesic(semiMajorAxis: 6_378_137, flattening: 1 / 298.257223563)

    public init(semiMajorAxis: Double, flattening: Double) {
        geod_init(&g, semiMajorAxis, flattening)
    }

    /// The area enclosed by a closed ring in m², positive whichever way it winds. O(n).
    public func ringArea(_ ring: [Coordinate]) -> Double {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return 0 }
        var lats = points.map(\.lat)
        var lons = points.map(\.lon)
        var area = 0.0, perimeter = 0.0
        var copy = g
        geod_polygonarea(&copy, &lats, &lons, Int32(points.count), &area, &perimeter)
        return abs(area)
    }

    /// The area of a polygon in m²: its exterior less its holes. O(n).
    public func area(_ polygon: PolygonCoordinates) -> Double {
        ringArea(polygon.exterior) - polygon.holes.reduce(0) { $0 + ringArea($1) }
    }

    /// The area of several disjoint polygons in m². O(n).
    public func area(_ polygons: [PolygonCoordinates]) -> Double {
        polygons.reduce(0) { $0 + area($1) }
    }

    /// The geodesic distance between two positions in metres. O(1).
    public func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        var s12 = 0.0
        var copy = g
        geod_inverse(&copy, a.lat, a.lon, b.lat, b.lon, &s12, nil, nil)
        return s12
    }
}
