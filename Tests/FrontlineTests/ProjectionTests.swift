import Foundation
import Testing
@testable import Frontline

/// The map projection through PROJ (`Projection`): against Snyder's formulas for the ellipsoidal
/// Lambert conformal conic, computed here independently; its scale on and between the standard
/// parallels; its fitting to a region; and PROJ's errors.
@Suite("Projection")
struct ProjectionTests {
    /// Snyder, *Map Projections — A Working Manual* (USGS PP 1395, 1987), eqs. 15-1 to 15-9 and
    /// 14-15: the ellipsoidal Lambert conformal conic with two standard parallels, WGS84.
    static func snyderLCC(lat: Double, lon: Double, lat1: Double, lat2: Double, lat0: Double, lon0: Double) -> (x: Double, y: Double) {
        let a = 6_378_137.0, f = 1 / 298.257223563, e = (f * (2 - f)).squareRoot()
        func rad(_ d: Double) -> Double { d * .pi / 180 }
        func m(_ p: Double) -> Double { cos(p) / (1 - e * e * sin(p) * sin(p)).squareRoot() }
        func t(_ p: Double) -> Double { tan(.pi / 4 - p / 2) / pow((1 - e * sin(p)) / (1 + e * sin(p)), e / 2) }
        let p1 = rad(lat1), p2 = rad(lat2), p0 = rad(lat0), p = rad(lat)
        let n = (log(m(p1)) - log(m(p2))) / (log(t(p1)) - log(t(p2)))
        let F = m(p1) / (n * pow(t(p1), n))
        let rho = a * F * pow(t(p), n), rho0 = a * F * pow(t(p0), n)
        let theta = n * rad(lon - lon0)
        return (rho * sin(theta), rho0 - rho * cos(theta))
    }

    static let syriaIraq = (lat: 29.06...37.38, lon: 35.73...48.57)

    @Test("The conic fitted to Syria and Iraq has its standard parallels a sixth of the latitude range inside its edges")
    func fitted() throws {
        let p = try Projection.conformalConic(latitudes: Self.syriaIraq.lat, longitudes: Self.syriaIraq.lon)
        let (lat1, lat2) = try #require(p.standardParallels)
        // 29.06 + 8.32/6 = 30.447; 37.38 − 8.32/6 = 35.993.
        #expect(abs(lat1 - 30.446_667) < 1e-6 && abs(lat2 - 35.993_333) < 1e-6)
        #expect(p.definition.hasPrefix("+proj=lcc"))
    }

    @Test("PROJ's Lambert conic equals Snyder's formulas to the millimetre",
          arguments: [("Baghdad", 33.3406, 44.4009), ("Damascus", 33.5102, 36.2913), ("Mosul", 36.335, 43.1189),
                      ("Basra", 30.5085, 47.7804), ("Aleppo", 36.2021, 37.1343), ("Qamishli", 37.0522, 41.2318)])
    func snyder(name: String, lat: Double, lon: Double) throws {
        let p = try Projection.conformalConic(latitudes: Self.syriaIraq.lat, longitudes: Self.syriaIraq.lon)
        let (lat1, lat2) = p.standardParallels!
        let lat0 = (Self.syriaIraq.lat.lowerBound + Self.syriaIraq.lat.upperBound) / 2
        let lon0 = (Self.syriaIraq.lon.lowerBound + Self.syriaIraq.lon.upperBound) / 2
        let expected = Self.snyderLCC(lat: lat, lon: lon, lat1: lat1, lat2: lat2, lat0: lat0, lon0: lon0)
        let got = p.project(Coordinate(lon: lon, lat: lat))
        #expect(abs(got.x - expected.x) < 1e-3 && abs(got.y - expected.y) < 1e-3, "\(name): \(got) vs \(expected)")
        // The batch call gives the same.
        let batch = p.project([Coordinate(lon: lon, lat: lat)])[0]
        #expect(batch.x == got.x && batch.y == got.y)
    }

    /// The scale along a parallel: projected length of 0.01° of longitude against its geodesic length.
    func scale(_ p: Projection, lat: Double) -> Double {
        let a = p.project(Coordinate(lon: 42, lat: lat)), b = p.project(Coordinate(lon: 42.01, lat: lat))
        return hypot(b.x - a.x, b.y - a.y) / Geodesic.wgs84.distance(Coordinate(lon: 42, lat: lat), Coordinate(lon: 42.01, lat: lat))
    }

    /// pyproj 3.6.1's `Proj.get_factors` for the same projection gives 0.998834 at 33.22° N and
    /// 1.001438 / 1.001485 at 29.06° / 37.38° N.
    @Test("True scale on the standard parallels; between them at most 0.12% small, at the edges at most 0.15% large")
    func scaleError() throws {
        let p = try Projection.conformalConic(latitudes: Self.syriaIraq.lat, longitudes: Self.syriaIraq.lon)
        let (lat1, lat2) = p.standardParallels!
        #expect(abs(scale(p, lat: lat1) - 1) < 1e-5 && abs(scale(p, lat: lat2) - 1) < 1e-5)
        let middle = scale(p, lat: (lat1 + lat2) / 2)
        #expect(abs(middle - 0.998834) < 2e-5)
        #expect(abs(scale(p, lat: Self.syriaIraq.lat.lowerBound) - 1.001438) < 2e-5)
        #expect(abs(scale(p, lat: Self.syriaIraq.lat.upperBound) - 1.001485) < 2e-5)
    }

    @Test("Conformal: a small square stays a square (north and east scales equal)")
    func conformal() throws {
        let p = try Projection.conformalConic(latitudes: Self.syriaIraq.lat, longitudes: Self.syriaIraq.lon)
        let c = Coordinate(lon: 40, lat: 34), d = 0.001
        let o = p.project(c), east = p.project(Coordinate(lon: 40 + d, lat: 34)), north = p.project(Coordinate(lon: 40, lat: 34 + d))
        let kEast = hypot(east.x - o.x, east.y - o.y) / Geodesic.wgs84.distance(c, Coordinate(lon: 40 + d, lat: 34))
        let kNorth = hypot(north.x - o.x, north.y - o.y) / Geodesic.wgs84.distance(c, Coordinate(lon: 40, lat: 34 + d))
        #expect(abs(kEast - kNorth) < 1e-5)
        // East and north stay perpendicular.
        let dot = (east.x - o.x) * (north.x - o.x) + (east.y - o.y) * (north.y - o.y)
        #expect(abs(dot) / (hypot(east.x - o.x, east.y - o.y) * hypot(north.x - o.x, north.y - o.y)) < 1e-5)
    }

    @Test("The map fits the projected box into the width, north up")
    func fit() {
        let corners = [Coordinate(lon: 35.73, lat: 29.06), Coordinate(lon: 48.57, lat: 37.38),
                       Coordinate(lon: 35.73, lat: 37.38), Coordinate(lon: 48.57, lat: 29.06)]
        let m = MapProjection(fitting: corners, width: 1000, originX: 10, originY: 20)
        let pts = m.points(corners)
        #expect(abs(pts.map(\.x).min()! - 10) < 1e-6 && abs(pts.map(\.x).max()! - 1010) < 1e-6)
        #expect(abs(pts.map(\.y).min()! - 20) < 1e-6 && abs(pts.map(\.y).max()! - (20 + m.height)) < 1e-6)
        // North up: the northern corners are higher (smaller y) than the southern ones.
        #expect(pts[2].y < pts[0].y && pts[1].y < pts[3].y)
        // A conic: the parallel 37.38° N is an arc around the pole (above the map), so its middle
        // lies below its ends, by ρ(1 − cos θ) ≈ 14 km at ±6.4° from the central meridian.
        let middle = m.point(Coordinate(lon: 42.15, lat: 37.38))
        #expect(middle.y > pts[1].y + 5 && abs(pts[1].y - pts[2].y) < 1e-6)
        #expect(m.projection?.standardParallels != nil)
    }

    @Test("PROJ rejects a bad definition with its message; a range across the equator gets Mercator")
    func errors() throws {
        #expect(throws: ProjectionError.self) { try Projection("+proj=nonsense +ellps=WGS84") }
        let p = try Projection.conformalConic(latitudes: -10...10, longitudes: 0...10)
        #expect(p.definition.hasPrefix("+proj=merc") && p.standardParallels == nil)
        // Many projections made and freed (each owns a PROJ context): none fails.
        for _ in 0..<200 { _ = try Projection.conformalConic(latitudes: 29...37, longitudes: 35...48) }
    }
}
