/// A named place of the gazetteer: a town or village with its position, governorate
/// and population.
public struct Place: Hashable, Sendable {
    /// GeoNames id, or `S<n>` for a place from Frontline's hand-kept supplement.
    public let id: String
    /// The name as the source spells it, with diacritics (`‘Ayn al ‘Arab`).
    public let name: String
    /// The name folded to ASCII (`Ayn al Arab`).
    public let asciiName: String
    /// Other spellings and names (`Kobani`, `Kobane`, Arabic script …).
    public let alternateNames: [String]
    public let coordinate: Coordinate
    /// ISO 3166-1 alpha-2 country code (`SY`, `IQ`).
    public let country: String
    /// Governorate code: country + GeoNames admin1 code (`SY09`), equal to Natural Earth's `fips`.
    public let admin1: String
    /// Governorate name as Natural Earth gives it (`Aleppo`).
    public let admin1Name: String
    /// Population as the source gives it (0 when unknown).
    public let population: Int
    /// Where the record comes from.
    public let source: String

    public init(id: String, name: String, asciiName: String, alternateNames: [String], coordinate: Coordinate,
                country: String, admin1: String, admin1Name: String, population: Int, source: String) {
        self.id = id
        self.name = name
        self.asciiName = asciiName
        self.alternateNames = alternateNames
        self.coordinate = coordinate
        self.country = country
        self.admin1 = admin1
        self.admin1Name = admin1Name
        self.population = population
        self.source = source
    }

    /// `Ar Raqqah (SY, Ar Raqqah)`: the name with what tells it apart from its namesakes.
    public var qualifiedName: String { "\(asciiName) (\(country), \(admin1Name))" }
}
