import Foundation

/// The JSON outputs as `Codable` types: what `share`, `timeline`, `events`, `places` and the
/// viewer write, described by the JSON Schemas in `docs/schema/` (one file per output, checked
/// by the tests). Keys are snake_case and written in sorted order; numbers keep
/// `Number.format`'s fixed decimals (trailing zeros dropped), so the bytes are deterministic.
public enum JSONContract {
    /// Encodes `value` on one line, keys sorted, slashes unescaped. The records of this file
    /// hold only strings, integers, finite doubles and `FixedNumber`s, which never fail to encode.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// An array written one element per line (`[\n  a,\n  b\n]`), as `timeline --format json` is.
    public static func encodeLines<T: Encodable>(_ values: [T]) throws -> String {
        "[\n" + (try values.map { "  " + (try encode($0)) }).joined(separator: ",\n") + "\n]"
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A number written with a fixed number of decimals (`Number.format`): 22305.33, 0.035784, 3063.
/// Decodes from any JSON number. Equal when the values are.
public struct FixedNumber: Codable, Sendable, Hashable, CustomStringConvertible {
    public let value: Double
    let decimals: Int
    let significant: Int?

    /// `value` to `decimals` decimals, or more for small values so that `significant` digits remain.
    public init(_ value: Double, decimals: Int, significant: Int? = nil) {
        self.value = value
        self.decimals = decimals
        self.significant = significant
    }

    public var description: String {
        significant.map { Number.format(value, decimals: decimals, significant: $0) } ?? Number.format(value, decimals: decimals)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        // Decimal is written as its exact decimal text, so the formatted digits are kept. A
        // value that is not a finite number (a share of an empty area) is written as null.
        guard value.isFinite, let decimal = Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")) else {
            return try container.encodeNil()
        }
        try container.encode(decimal)
    }

    /// Decodes any JSON number; encoding it again writes the same digits (the decimals of its
    /// shortest representation).
    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(Double.self)
        let shortest = "\(value)"
        if shortest.contains("e") {
            decimals = 12
        } else {
            let fraction = shortest.split(separator: ".").dropFirst().first ?? ""
            decimals = fraction == "0" ? 0 : fraction.count
        }
        significant = nil
    }

    public static func == (a: FixedNumber, b: FixedNumber) -> Bool { a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

// MARK: - share and timeline

/// `share --format json` (one object) and `timeline --format json` (an array of them).
/// Schema: docs/schema/share.schema.json.
public struct ShareRecord: Codable, Sendable {
    public struct FactionRecord: Codable, Sendable {
        public let id: String
        public let name: String
        /// Held ground, uncontested (km²), and its share of the area (0…1).
        public let areaKm2: FixedNumber
        public let share: FixedNumber
        public let population: Int
        public let contestedKm2: FixedNumber
        public let contestedPopulation: Int
        public let influenceKm2: FixedNumber
        public let influenceShare: FixedNumber
        /// Null before the faction has held ground.
        public let peakKm2: FixedNumber?
        public let peakDate: String?
        public let changeFromPeak: FixedNumber?

        enum CodingKeys: String, CodingKey {
            case id, name, share, population
            case areaKm2 = "area_km2", contestedKm2 = "contested_km2", contestedPopulation = "contested_population"
            case influenceKm2 = "influence_km2", influenceShare = "influence_share", peakKm2 = "peak_km2"
            case peakDate = "peak_date", changeFromPeak = "change_from_peak"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(areaKm2, forKey: .areaKm2)
            try c.encode(share, forKey: .share)
            try c.encode(population, forKey: .population)
            try c.encode(contestedKm2, forKey: .contestedKm2)
            try c.encode(contestedPopulation, forKey: .contestedPopulation)
            try c.encode(influenceKm2, forKey: .influenceKm2)
            try c.encode(influenceShare, forKey: .influenceShare)
            // Written as null (not left out) when the faction has no peak yet.
            try c.encode(peakKm2, forKey: .peakKm2)
            try c.encode(peakDate, forKey: .peakDate)
            try c.encode(changeFromPeak, forKey: .changeFromPeak)
        }
    }

    public struct Contested: Codable, Sendable {
        public let areaKm2: FixedNumber
        public let share: FixedNumber
        public let population: Int
        enum CodingKeys: String, CodingKey { case share, population, areaKm2 = "area_km2" }
    }

    public struct Influence: Codable, Sendable {
        public let areaKm2: FixedNumber
        public let share: FixedNumber
        enum CodingKeys: String, CodingKey { case share, areaKm2 = "area_km2" }
    }

    public struct Unassigned: Codable, Sendable {
        public let areaKm2: FixedNumber
        public let population: Int
        enum CodingKeys: String, CodingKey { case population, areaKm2 = "area_km2" }
    }

    public let date: String
    /// The country the figures are limited to (`--country`), absent for the whole region.
    public let country: String?
    public let regionKm2: FixedNumber
    public let factions: [FactionRecord]
    public let contested: Contested
    public let influence: Influence
    public let unassigned: Unassigned

    enum CodingKeys: String, CodingKey {
        case date, country, factions, contested, influence, unassigned
        case regionKm2 = "region_km2"
    }

    /// The record of `report`, with today's decimals: km² 2, shares and changes 6.
    public init(_ r: ShareReport) {
        date = "\(r.date)"
        country = r.country
        regionKm2 = FixedNumber(r.regionKm2, decimals: 2)
        factions = r.factions.map { f in
            FactionRecord(id: f.faction.id, name: f.faction.name, areaKm2: FixedNumber(f.areaKm2, decimals: 2),
                          share: FixedNumber(f.share, decimals: 6), population: f.population,
                          contestedKm2: FixedNumber(f.contestedKm2, decimals: 2), contestedPopulation: f.contestedPopulation,
                          influenceKm2: FixedNumber(f.influenceKm2, decimals: 2),
                          influenceShare: FixedNumber(f.influenceKm2 / r.regionKm2, decimals: 6),
                          peakKm2: f.peakKm2.map { FixedNumber($0, decimals: 2) }, peakDate: f.peakDate.map { "\($0)" },
                          changeFromPeak: f.changeFromPeak.map { FixedNumber($0, decimals: 6) })
        }
        contested = Contested(areaKm2: FixedNumber(r.contestedKm2, decimals: 2), share: FixedNumber(r.contestedShare, decimals: 6),
                              population: r.contestedPopulation)
        influence = Influence(areaKm2: FixedNumber(r.influenceKm2, decimals: 2),
                              share: FixedNumber(r.influenceKm2 / r.regionKm2, decimals: 6))
        unassigned = Unassigned(areaKm2: FixedNumber(r.unassignedKm2, decimals: 2), population: r.unassignedPopulation)
    }
}

// MARK: - places

/// One place of `places --format json` (an array). Schema: docs/schema/places.schema.json.
public struct PlaceRecord: Codable, Sendable {
    public let id: String
    public let name: String
    public let asciiName: String
    public let lat: Double
    public let lon: Double
    public let country: String
    public let admin1: String
    public let admin1Name: String
    public let population: Int
    public let alternateNames: [String]
    public let source: String

    enum CodingKeys: String, CodingKey {
        case id, name, lat, lon, country, admin1, population, source
        case asciiName = "ascii_name", admin1Name = "admin1_name", alternateNames = "alternate_names"
    }

    public init(_ p: Place) {
        id = p.id
        name = p.name
        asciiName = p.asciiName
        lat = p.coordinate.lat
        lon = p.coordinate.lon
        country = p.country
        admin1 = p.admin1
        admin1Name = p.admin1Name
        population = p.population
        alternateNames = p.alternateNames
        source = p.source
    }
}
