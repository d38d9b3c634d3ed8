import Foundation

/// A line of communication from `Geo/`: a main road or a major river.
public struct LineFeature: Sendable {
    /// A main road, a major river, or a local road linking neighbouring settlements.
    public enum Kind: String, Sendable, CaseIterable { case road, river, link }
    public let kind: Kind
    /// The line's name in its source (`Euphrates`, `M4`), or empty.
    public let name: String
    /// The source's class of the line (`Major Highway`, `WDBII level 1`).
    public let lineClass: String
    /// The line's parts, each a path of at least two positions.
    public let parts: [[Coordinate]]

    public init(kind: Kind, name: String, lineClass: String, parts: [[Coordinate]]) {
        self.kind = kind
        self.name = name
        self.lineClass = lineClass
        self.parts = parts
    }

    /// What to call the line in a message: its name, else its kind and class.
    public var label: String { name.isEmpty ? lineClass : name }
}

/// Reads the line files in `Geo/` (`roads.geojson`, `rivers.geojson`).
public enum LineFile {
    /// Every LineString/MultiLineString feature of a FeatureCollection, with its `kind`,
    /// `name` and `class` properties (`kind` defaults to `defaultKind`). Errors name the file
    /// and the feature. O(size of the file).
    public static func read(_ url: URL, defaultKind: LineFeature.Kind) throws -> [LineFeature] {
        try GeoJSONFile.features(url).map { feature in
            let fail = feature.fail
            let properties = feature.properties
            let kindText = properties["kind"] as? String ?? defaultKind.rawValue
            guard let kind = LineFeature.Kind(rawValue: kindText) else { throw fail("unknown kind '\(kindText)'") }
            let (type, coordinates) = try feature.typeAndCoordinates()
            func path(_ value: Any) throws -> [Coordinate] {
                guard let positions = value as? [[Double]], positions.count >= 2 else { throw fail("bad line coordinates") }
                return try positions.map { p in
                    guard p.count >= 2, p[0].isFinite, p[1].isFinite else { throw fail("bad position") }
                    return Coordinate(lon: p[0], lat: p[1])
                }
            }
            let parts: [[Coordinate]]
            switch type {
            case "LineString": parts = [try path(coordinates)]
            case "MultiLineString": parts = try coordinates.map(path)
            default: throw fail("geometry type \(type), expected LineString or MultiLineString")
            }
            return LineFeature(kind: kind, name: properties["name"] as? String ?? "",
                               lineClass: properties["class"] as? String ?? "", parts: parts)
        }
    }
}
