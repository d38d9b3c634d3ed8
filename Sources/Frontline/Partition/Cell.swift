/// One cell of the partition: the part of the region nearer to its gazetteer place than to
/// any other place of the same country. The unit the control model assigns to factions.
public struct Cell: Sendable {
    /// Index of the cell's place in `Gazetteer.places`.
    public let placeIndex: Int
    /// The place's position (the Voronoi site).
    public let site: Coordinate
    /// ISO country code and governorate code of the place.
    public let country: String
    public let admin1: String
    /// The cell's polygons (WGS84); empty when another place at the same position took it.
    public let polygons: [PolygonCoordinates]
    /// Ellipsoidal (WGS84) area in km².
    public let areaKm2: Double
    /// Population counted for the cell: its place's population.
    public let population: Int
}
