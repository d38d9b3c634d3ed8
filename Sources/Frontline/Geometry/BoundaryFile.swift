import Foundation

/// One feature of a boundary file: its properties and its (multi)polygon.
public struct Boundary: Sendable {
    /// String-valued properties of the feature (`iso_a2`, `code`, `name`, `country`).
    public let properties: [String: String]
    public let polygons: [PolygonCoordinates]
}

/// Reads the GeoJSON FeatureCollections in `Geo/` (country outlines, governorates).
public enum BoundaryFile {
    /// Reads every Polygon/MultiPolygon feature of a FeatureCollection. Errors name the file
    /// and the feature. O(size of the file).
    public static func read(_ url: URL) throws -> [Boundary] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(file: url.path, line: nil, message: "cannot read: \(error.localizedDescription)")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]]
        else { throw DataError(file: url.path, line: nil, message: "not a GeoJSON FeatureCollection") }
        return try features.enumerated().map { index, feature in
            func fail(_ message: String) -> DataError {
                DataError(file: url.path, line: nil, message: "feature \(index + 1): \(message)")
            }
            var properties = [String: String]()
            for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
                if let s = value as? String { properties[key] = s } else if let n = value as? NSNumber { properties[key] = n.stringValue }
            }
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
                  let coordinates = geometry["coordinates"] as? [Any]
            else { throw fail("no geometry") }
            switch type {
            case "Polygon":
                return Boundary(properties: properties, polygons: [try polygon(coordinates, fail)])
            case "MultiPolygon":
                return Boundary(properties: properties, polygons: try coordinates.map {
                    guard let p = $0 as? [Any] else { throw fail("bad MultiPolygon coordinates") }
                    return try polygon(p, fail)
                })
            default:
                throw fail("geometry type \(type), expected Polygon or MultiPolygon")
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
