import Foundation

/// One feature of a boundary file: its properties and its (multi)polygon.
public struct Boundary: Sendable {
    /// String-valued properties of the feature (`iso_a2`, `code`, `name`, `country`).
    public let properties: [String: String]
    public let polygons: [PolygonCoordinates]
}

/// One feature of a GeoJSON FeatureCollection in `Geo/`, as `GeoJSONFile.features(_:)` reads it.
struct GeoJSONFeature {
    /// Its position in the collection (0-based).
    let index: Int
    let properties: [String: Any]
    let geometry: [String: Any]?
    let file: String

    /// An error naming the file and this feature (`feature 3: no geometry`).
    func fail(_ message: String) -> DataError {
        DataError(file: file, line: nil, message: "feature \(index + 1): \(message)")
    }

    /// The geometry's type and coordinates; throws "no geometry" when either is missing.
    func typeAndCoordinates() throws -> (type: String, coordinates: [Any]) {
        guard let geometry, let type = geometry["type"] as? String, let coordinates = geometry["coordinates"] as? [Any]
        else { throw fail("no geometry") }
        return (type, coordinates)
    }
}

/// Reads a GeoJSON FeatureCollection of `Geo/` (boundaries, lines) into its features, for
/// `BoundaryFile` and `LineFile` to interpret. Errors name the file. O(size of the file).
enum GeoJSONFile {
    static func features(_ url: URL) throws -> [GeoJSONFeature] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(file: url.path, line: nil, message: "cannot read: \(error.localizedDescription)")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]]
        else { throw DataError(file: url.path, line: nil, message: "not a GeoJSON FeatureCollection") }
        return features.enumerated().map { index, feature in
            GeoJSONFeature(index: index, properties: feature["properties"] as? [String: Any] ?? [:],
                           geometry: feature["geometry"] as? [String: Any], file: url.path)
        }
    }
}

/// Reads the GeoJSON FeatureCollections in `Geo/` (country outlines, governorates).
public enum BoundaryFile {
    /// Reads every Polygon/MultiPolygon feature of a FeatureCollection. Errors name the file
    /// and the feature. O(size of the file).
    public static func read(_ url: URL) throws -> [Boundary] {
        try GeoJSONFile.features(url).map { feature in
            var properties = [String: String]()
            for (key, value) in feature.properties {
                if let s = value as? String { properties[key] = s } else if let n = value as? NSNumber { properties[key] = n.stringValue }
            }
            let (type, coordinates) = try feature.typeAndCoordinates()
            switch type {
            case "Polygon":
                return Boundary(properties: properties, polygons: [try polygon(coordinates, feature.fail)])
            case "MultiPolygon":
                return Boundary(properties: properties, polygons: try coordinates.map {
                    guard let p = $0 as? [Any] else { throw feature.fail("bad MultiPolygon coordinates") }
                    return try polygon(p, feature.fail)
                })
            default:
                throw feature.fail("geometry type \(type), expected Polygon or MultiPolygon")
            }
        }
    }

    private static func polygon(_ rings: [Any], _ fail: (String) -> DataError) throws -> PolygonCoordinates {
        let parsed = try rings.map { ring -> [Coordinate] in
            guard let positions = ring as? [[Double]] else { throw fail("bad ring coordinates") }
            return try positions.map { p in
                guard p.count >= 2 else { throw fail("position with fewer than 2 numbers") }
                return Coordinate(lon: p[0], lat: p[1])
            }
        }
        guard let exterior = parsed.first, exterior.count >= 4 else { throw fail("polygon without an exterior ring") }
        return PolygonCoordinates(exterior: exterior, holes: Array(parsed.dropFirst()))
    }
}
