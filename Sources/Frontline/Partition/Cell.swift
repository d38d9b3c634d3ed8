/// One cell of the partition: the part of the region nearer to its site than to any other
/// site of the same country. A site is a gazetteer place, or a *filler* point of the grid laid
/// over ground far from any place (desert). The unit the control model assigns to factions.
public struct Cell: Sendable {
    public var isFiller: Bool { placeIndex == nil }

    /// Index of the cell's place in `Gazetteer.places`; nil for a filler cell.
    public let placeIndex: Int?
    /// The place's (or filler point's) position (the Voronoi site).
    public let site: Coordinate
    /// ISO country code and governorate code of the site (a filler's governorate is the one
    /// whose outline contains it).
    public let country: String
    public let admin1: String
    /// The cell's polygons (WGS84); empty when another place at the same position took it.
    public let polygons: [PolygonCoordinates]
    /// Ellipsoidal (WGS84) area in km².
    public let areaKm2: Double
    /// The part of the cell within reach (`ReachModel`): within its own settlement's radius
    /// or a corridor along a main road or river. Its holder holds this part; the rest is the
    /// holder's area of influence. The whole cell when the partition has no reach rule.
    public let reachPolygons: [PolygonCoordinates]
    /// Ellipsoidal area of `reachPolygons` in km² (≤ `areaKm2`).
    public let reachAreaKm2: Double
    /// Radius (km) of the ground the cell's settlement holds around it (nil for a filler
    /// cell, or without a reach rule).
    public let settlementRadiusKm: Double?

    /// Area of the part beyond reach (km²).
    public var beyondAreaKm2: Double { max(0, areaKm2 - reachAreaKm2) }
    /// Population counted for the cell: its place's population (0 for a filler).
    public let population: Int
}
