import Foundation
@testable import Frontline

/// Shared test data: the repository's real `Geo/` data, and a toy world whose areas can be
/// computed by hand.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let geoDirectory = repository.appendingPathComponent("Geo")
    static let seeds = repository.appendingPathComponent("Scenarios/seeds.yaml").path
    static let full = repository.appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml").path

    /// Whether this test process runs under AddressSanitizer (`.ci/run` runs the suite so).
    static let underSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

    /// A time limit for a test: `seconds`, or 20 times that under AddressSanitizer, whose
    /// instrumented code runs several times slower (on a shared 2-core machine, more).
    static func timeLimit(_ seconds: Double) -> Double { underSanitizer ? seconds * 20 : seconds }

    /// The real gazetteer and outlines, loaded once (immutable, shared by tests).
    static let geo: GeoData = try! GeoData(directory: geoDirectory)

    // MARK: Toy world

    /// Country `XX`: the rectangle 0–4°E × 0–1°N, with four places in a row at 0.5, 1.5,
    /// 2.5 and 3.5°E (latitude 0.5°N), so each cell is the 1°×1° square around its place.
    static func toyPlaces(populations: [Int] = [1000, 500, 500, 1000]) -> [Place] {
        (0..<4).map { i in
            Place(id: "\(i + 1)", name: "Town\(["A", "B", "C", "D"][i])", asciiName: "Town\(["A", "B", "C", "D"][i])",
                  alternateNames: [], coordinate: Coordinate(lon: 0.5 + Double(i), lat: 0.5), country: "XX",
                  admin1: i < 2 ? "XX01" : "XX02", admin1Name: i < 2 ? "West" : "East",
                  population: populations[i], source: "test")
        }
    }

    static let toyOutline: [String: [PolygonCoordinates]] = ["XX": [PolygonCoordinates(exterior: [
        Coordinate(lon: 0, lat: 0), Coordinate(lon: 4, lat: 0), Coordinate(lon: 4, lat: 1),
        Coordinate(lon: 0, lat: 1), Coordinate(lon: 0, lat: 0),
    ])]]

    struct Toy {
        let gazetteer: Gazetteer
        let partition: Partition
    }

    static func toy(populations: [Int] = [1000, 500, 500, 1000]) throws -> Toy {
        let gazetteer = try Gazetteer(places: toyPlaces(populations: populations))
        let partition = try Partition(gazetteer: gazetteer, outlines: toyOutline, countries: ["XX"], context: GEOSContext())
        return Toy(gazetteer: gazetteer, partition: partition)
    }

    /// The area in km² of the quadrangle between two meridians and two parallels on the WGS84
    /// ellipsoid, by the closed formula for the area between parallels (independent of PROJ):
    /// A = b²·Δλ/2 · [f(φ₂) − f(φ₁)], f(φ) = sinφ/(1−e²sin²φ) + ln((1+e sinφ)/(1−e sinφ))/(2e).
    static func quadrangleKm2(lon1: Double, lon2: Double, lat1: Double, lat2: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let b = a * (1 - f), e2 = f * (2 - f), e = e2.squareRoot()
        func q(_ lat: Double) -> Double {
            let s = sin(lat * .pi / 180)
            return s / (1 - e2 * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        return b * b * ((lon2 - lon1) * .pi / 180) / 2 * (q(lat2) - q(lat1)) / 1e6
    }

    /// A toy scenario: factions `gov`, `isis`, `kurds`; initial control and events as given.
    static func toyScenario(initial: String = "  - {country: XX, faction: gov}", events: String) throws -> Scenario {
        try ScenarioParser.parse("""
            name: toy
            region: [XX]
            start: 2015-01-01
            factions:
              - {id: gov, name: Government, color: "#cc0000"}
              - {id: isis, name: Islamic State, color: "#000000"}
              - {id: kurds, name: Kurds, color: "#f1c40f"}
            initial:
            \(initial)
            events:
            \(events)
            """, file: "toy.yaml")
    }
}
