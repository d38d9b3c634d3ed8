import Foundation
import Testing
@testable import Frontline

/// Boundary and line files of `Geo/` share one FeatureCollection reader; their errors name the
/// file and the feature (1-based), as `DataError`'s description shows them.
@Suite("Geo/ GeoJSON files")
struct GeoJSONFileTests {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-geojson-\(UUID().uuidString).geojson")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as DataError { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test("A file that is not a FeatureCollection, a feature without geometry and a wrong geometry type are reported by file and feature")
    func errors() throws {
        let notCollection = try file(#"{"type": "Feature"}"#)
        defer { try? FileManager.default.removeItem(at: notCollection) }
        #expect(message { _ = try BoundaryFile.read(notCollection) } == "not a GeoJSON FeatureCollection")
        #expect(message { _ = try LineFile.read(notCollection, defaultKind: .road) } == "not a GeoJSON FeatureCollection")

        let square = #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}"#
        let line = #"{"type": "LineString", "coordinates": [[0,0],[1,1]]}"#
        let mixed = try file(#"{"type": "FeatureCollection", "features": [{"properties": {"name": "a"}, "geometry": \#(square)},"#
                             + #"{"properties": {}, "geometry": null}, {"properties": {}, "geometry": \#(line)}]}"#)
        defer { try? FileManager.default.removeItem(at: mixed) }
        #expect(message { _ = try BoundaryFile.read(mixed) } == "feature 2: no geometry")
        let lines = try file(#"{"type": "FeatureCollection", "features": [{"properties": {"kind": "river"}, "geometry": \#(line)},"#
                             + #"{"properties": {"kind": "canal"}, "geometry": null}, {"properties": {}, "geometry": \#(square)}]}"#)
        defer { try? FileManager.default.removeItem(at: lines) }
        // The kind is checked before the geometry, so feature 2 is an unknown kind.
        #expect(message { _ = try LineFile.read(lines, defaultKind: .road) } == "feature 2: unknown kind 'canal'")

        let good = try file(#"{"type": "FeatureCollection", "features": [{"properties": {"name": "a", "n": 3}, "geometry": \#(square)}]}"#)
        defer { try? FileManager.default.removeItem(at: good) }
        let boundaries = try BoundaryFile.read(good)
        #expect(boundaries.count == 1 && boundaries[0].properties == ["name": "a", "n": "3"])
        #expect(boundaries[0].polygons[0].exterior.count == 4)
        let polygonAsLine = try file(#"{"type": "FeatureCollection", "features": [{"properties": {}, "geometry": \#(square)}]}"#)
        defer { try? FileManager.default.removeItem(at: polygonAsLine) }
        #expect(message { _ = try LineFile.read(polygonAsLine, defaultKind: .road) }
                == "feature 1: geometry type Polygon, expected LineString or MultiLineString")
    }
}
