/// The cities a reader of a map of Syria and Iraq looks for first, labelled on every map with
/// their conventional English names (as the BBC, Reuters and the AP write them), whatever
/// spelling the gazetteer or a scenario uses: Palmyra, not Tadmur; Kobani, not Ayn al-Arab.
public enum ReferenceCities {
    public struct City: Sendable {
        /// The conventional English name, as labelled.
        public let name: String
        /// A name the gazetteer resolves to the city.
        public let query: String
        /// Labelled before everything else: the capitals, the largest cities and the places the
        /// war made known to every reader.
        public let core: Bool
        public let capital: Bool
    }

    static func city(_ name: String, _ query: String? = nil, core: Bool = false, capital: Bool = false) -> City {
        City(name: name, query: query ?? name, core: core, capital: capital)
    }

    /// In the order they are labelled: the core cities first, then by how often the war's
    /// reporting names them.
    public static let all: [City] = [
        city("Baghdad", core: true, capital: true), city("Damascus", core: true, capital: true),
        city("Erbil", core: true), city("Mosul", core: true), city("Aleppo", core: true),
        city("Palmyra", core: true), city("Kobani", core: true),
        city("Raqqa"), city("Deir ez-Zor"), city("Homs"), city("Kirkuk"), city("Ramadi"), city("Fallujah"),
        city("Tikrit"), city("Basra"), city("Hama"), city("Latakia"), city("Idlib"), city("Sulaymaniyah"),
        city("Hasakah"), city("Qamishli"), city("Abu Kamal", "Albukamal"), city("Daraa"), city("Sinjar"),
        city("Manbij"), city("Tal Afar"), city("Al-Qaim", "Al Qaim"), city("Rutba"), city("Karbala"), city("Najaf"),
    ]

    /// The cities found in `gazetteer`: (city, index in `gazetteer.places`). A city the gazetteer
    /// does not resolve (a test gazetteer) is left out. O(cities).
    public static func resolved(in gazetteer: Gazetteer) -> [(city: City, place: Int)] {
        all.compactMap { c in (try? gazetteer.resolveIndex(c.query)).map { (c, $0) } }
    }

    /// English names of the countries the maps name (ISO 3166-1 alpha-2).
    public static let countryNames: [String: String] = [
        "SY": "Syria", "IQ": "Iraq", "TR": "Turkey", "IR": "Iran", "JO": "Jordan", "SA": "Saudi Arabia", "KW": "Kuwait",
        "LB": "Lebanon", "IL": "Israel", "PS": "Palestine", "CY": "Cyprus", "EG": "Egypt",
    ]

    /// `Syria` for `SY`; the code itself for a country the table lacks.
    public static func countryName(_ code: String) -> String { countryNames[code] ?? code }
}
