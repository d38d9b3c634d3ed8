import Testing
@testable import Frontline

@Suite("Gazetteer")
struct GazetteerTests {
    /// Reference positions from each town's Wikipedia infobox (independent of GeoNames),
    /// rounded to 0.01°; every spelling must resolve within 5 km of it.
    static let spellings: [(String, Double, Double)] = [
        ("Mosul", 36.34, 43.13), ("Raqqa", 35.95, 39.01), ("Ar-Raqqah", 35.95, 39.01),
        ("Palmyra", 34.56, 38.27), ("Tadmur", 34.56, 38.27), ("Baghouz", 34.45, 40.95),
        ("Manbij", 36.53, 37.95), ("Shingal", 36.32, 41.88), ("Sinjar", 36.32, 41.88),
        ("Kobani", 36.89, 38.36), ("Kobanî", 36.89, 38.36), ("Ayn al-Arab", 36.89, 38.36),
        ("Deir ez-Zor", 35.33, 40.14), ("Deir Ezzor", 35.33, 40.14), ("Dayr az Zawr", 35.33, 40.14),
        ("al-Tabqa", 35.84, 38.55), ("Al Tabqa", 35.84, 38.55), ("al-Thawrah", 35.84, 38.55),
        ("Albukamal", 34.45, 40.92), ("Abu Kamal", 34.45, 40.92), ("Ramadi", 33.42, 43.30),
        ("Tikrit", 34.60, 43.68), ("Dabiq", 36.54, 37.27), ("Fallujah", 33.35, 43.78),
        ("Hit, IQ", 33.64, 42.83), ("Kirkuk", 35.47, 44.39), ("Jarabulus", 36.82, 38.01),
        ("el-Bab", 36.37, 37.52), ("Al Qaim", 34.37, 41.09), ("Tal Afar", 36.38, 42.45),
        ("Hawija", 35.33, 43.77), ("Qayyarah", 35.80, 43.29),
    ]

    @Test("Seed places and their spellings resolve within 5 km of their true position", arguments: spellings)
    func resolvesSpelling(_ entry: (String, Double, Double)) throws {
        let place = try Fixtures.geo.gazetteer.resolve(entry.0)
        let km = Geodesic.wgs84.distance(place.coordinate, Coordinate(lon: entry.2, lat: entry.1)) / 1000
        #expect(km < 5, "\(entry.0) resolved to \(place.qualifiedName) at \(place.coordinate), \(km) km away")
    }

    @Test("Case, hyphens, apostrophes and the article do not matter")
    func folding() {
        #expect(PlaceName.key("Deir ez-Zor") == PlaceName.key("DEIR EZZOR"))
        #expect(PlaceName.key("‘Ayn al ‘Arab") == "aynalarab")
        #expect(PlaceName.keyWithoutArticle("Al-Tabqa") == "tabqa")
        #expect(PlaceName.key("Ar Raqqah") == PlaceName.key("Ar-Raqqa"))
    }

    @Test("An ambiguous name lists the candidates with country and governorate; a qualifier picks one")
    func ambiguous() throws {
        // GeoNames has Şūrān in Aleppo (163913) and in Hama (163915).
        #expect {
            try Fixtures.geo.gazetteer.resolve("Suran")
        } throws: { error in
            guard case GazetteerError.ambiguous(_, let candidates) = error else { return false }
            return candidates.contains("Suran (SY, Aleppo)") && candidates.contains("Suran (SY, Hamah)")
        }
        #expect(try Fixtures.geo.gazetteer.resolve("Suran, Hama").id == "163915")
        #expect(try Fixtures.geo.gazetteer.resolve("Suran, SY09").id == "163913")
        #expect(try Fixtures.geo.gazetteer.resolve("Sinjar, SY").id == "164094")
    }

    @Test("An unknown name is an error with the closest spellings")
    func unknown() {
        #expect {
            try Fixtures.geo.gazetteer.resolve("Palmyrra")
        } throws: { error in
            guard case GazetteerError.unknown(_, let suggestions) = error else { return false }
            return suggestions.first?.contains("Tadmur") == true
        }
        #expect(throws: GazetteerError.self) { try Fixtures.geo.gazetteer.resolve("Xyzzyqq") }
    }

    @Test("Governorates resolve by code, Natural Earth name and common spelling")
    func governorates() {
        let g = Fixtures.geo.gazetteer
        #expect(g.governorateCode("SY07") == "SY07")
        #expect(g.governorateCode("Dayr Az Zawr") == "SY07")
        #expect(g.governorateCode("Deir ez-Zor") == "SY07")
        #expect(g.governorateCode("Kirkuk") == "IQ13")
        #expect(g.governorateCode("Nineveh") == "IQ15")
        #expect(g.governorateCode("al-Anbar") == "IQ01")
        #expect(g.governorateCode("Atlantis") == nil)
    }

    @Test("The gazetteer holds GeoNames cities500 for SY (308) and IQ (169) plus the supplement's Baghouz and Dabiq")
    func counts() {
        let places = Fixtures.geo.gazetteer.places
        #expect(places.filter { $0.country == "IQ" }.count == 169)
        #expect(places.filter { $0.country == "SY" }.count == 310)
        #expect(Set(places.map(\.id)).count == places.count)
    }
}
