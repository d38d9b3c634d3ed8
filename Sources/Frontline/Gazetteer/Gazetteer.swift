import Foundation

/// Why a name did not resolve to exactly one place.
public enum GazetteerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No place has this name; `suggestions` are the closest spellings that exist.
    case unknown(query: String, suggestions: [String])
    /// Several places have this name; qualify it with a country code or governorate (`Hit, IQ`).
    case ambiguous(query: String, candidates: [String])
    /// The part after the comma names no country code or governorate of the candidates.
    case unknownQualifier(query: String, qualifier: String, candidates: [String])

    /// `Aleppo` from a candidate label `Suran (SY, Aleppo)`.
    private static func governorate(of label: String?) -> String {
        guard let label, let comma = label.firstIndex(of: ","), label.hasSuffix(")") else { return "SY" }
        return String(label[label.index(comma, offsetBy: 2)..<label.index(before: label.endIndex)])
    }

    public var description: String {
        switch self {
        case let .unknown(query, suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
            return "unknown place '\(query)'\(hint)"
        case let .ambiguous(query, candidates):
            return "ambiguous place '\(query)': \(candidates.joined(separator: "; ")); add a country code or governorate after a comma, e.g. '\(query), \(Self.governorate(of: candidates.first))'"
        case let .unknownQualifier(query, qualifier, candidates):
            return "'\(qualifier)' in '\(query)' is neither a country code nor a governorate of \(candidates.joined(separator: "; "))"
        }
    }
}

/// Resolves place names the way reports spell them to `Place`s.
///
/// Built once from `Geo/places.tsv` (GeoNames `cities500` for Syria and Iraq, merged with the
/// hand-kept supplement) and `Geo/aliases.tsv` (names that would be ambiguous but that
/// reports use for one place). Lookups cost O(length of the name) plus the candidates.
public struct Gazetteer: Sendable {
    /// All places, in file order (country, then GeoNames id).
    public private(set) var places: [Place]
    /// Exact keys (all words joined) of every name → place indices.
    private var exact: [String: [Int]]
    /// Keys without a leading article → place indices.
    private var loose: [String: [Int]]
    /// Preferred readings of otherwise ambiguous names: key → place index.
    private var preferred: [String: Int]
    private var byID: [String: Int]
    /// Per place, the key `suggestions(for:)` compares for each of its names, in the order
    /// `[asciiName, name] + alternateNames` (folded once, at load).
    private var suggestionKeys: [[String]]
    /// Governorate keys (code, Natural Earth name, names reports use) → governorate code.
    private let governorateKeys: [String: Set<String>]
    /// Governorate code → its Natural Earth name, for messages.
    public let governorates: [String: String]

    // MARK: Loading

    /// Loads the gazetteer from `places.tsv` and, when present, `aliases.tsv` in `directory`.
    public init(directory: URL) throws {
        let placesURL = directory.appendingPathComponent("places.tsv")
        let places = try Self.readPlaces(placesURL)
        let aliasesURL = directory.appendingPathComponent("aliases.tsv")
        var aliases = [(String, String, Int)]()
        if FileManager.default.fileExists(atPath: aliasesURL.path) {
            let tsv = try TSV(text: try String(contentsOf: aliasesURL, encoding: .utf8), file: aliasesURL.path,
                              required: ["name", "id", "reason"])
            let n = tsv.column("name"), i = tsv.column("id")
            aliases = tsv.rows.map { ($0.fields[n], $0.fields[i], $0.line) }
        }
        var names = [String: [String]]()
        let namesURL = directory.appendingPathComponent("governorate-names.tsv")
        if FileManager.default.fileExists(atPath: namesURL.path) {
            let tsv = try TSV(text: try String(contentsOf: namesURL, encoding: .utf8), file: namesURL.path,
                              required: ["code", "names", "source"])
            let c = tsv.column("code"), n = tsv.column("names")
            for row in tsv.rows { names[row.fields[c], default: []] += row.fields[n].split(separator: "|").map(String.init) }
        }
        try self.init(places: places, aliases: aliases, aliasFile: aliasesURL.path, governorateNames: names)
    }

    /// Builds the indexes over `places`; `aliases` are (name, place id, line) rows.
    public init(places: [Place], aliases: [(String, String, Int)] = [], aliasFile: String = "aliases",
                governorateNames: [String: [String]] = [:]) throws {
        self.places = places
        var governorates = [String: String](), governorateKeys = [String: Set<String>]()
        for place in places { governorates[place.admin1] = place.admin1Name }
        for (code, name) in governorates {
            for n in [code, name] + (governorateNames[code] ?? []) {
                for key in [PlaceName.key(n), PlaceName.keyWithoutArticle(n)].compactMap({ $0 }) {
                    governorateKeys[key, default: []].insert(code)
                }
            }
        }
        self.governorates = governorates
        self.governorateKeys = governorateKeys
        var exact = [String: [Int]](), loose = [String: [Int]](), byID = [String: Int]()
        var suggestionKeys = [[String]]()
        suggestionKeys.reserveCapacity(places.count)
        for (index, place) in places.enumerated() {
            byID[place.id] = index
            // Each name is folded once; its keys serve the indexes and the suggestions.
            var folded = [String: (key: String, withoutArticle: String?)]()
            for name in [place.asciiName, place.name] + place.alternateNames where folded[name] == nil {
                folded[name] = PlaceName.keys(name)
            }
            for (key, withoutArticle) in folded.values {
                if !key.isEmpty, exact[key]?.last != index { exact[key, default: []].append(index) }
                if let stripped = withoutArticle, loose[stripped]?.last != index {
                    loose[stripped, default: []].append(index)
                }
            }
            suggestionKeys.append(([place.asciiName, place.name] + place.alternateNames).map { name in
                let keys = folded[name]!
                return keys.withoutArticle ?? keys.key
            })
        }
        self.suggestionKeys = suggestionKeys
        var preferred = [String: Int]()
        for (name, id, line) in aliases {
            guard let index = byID[id] else {
                throw DataError(file: aliasFile, line: line, message: "alias '\(name)' names unknown place id \(id)")
            }
            preferred[PlaceName.key(name)] = index
        }
        self.exact = exact
        self.loose = loose
        self.preferred = preferred
        self.byID = byID
    }

    /// This gazetteer with `extra` places after its own (a scenario's declared places). Each
    /// is preferred, for its own names, over namesakes of the gazetteer. O(extra places × names).
    public func adding(_ extra: [Place]) -> Gazetteer {
        var copy = self
        for place in extra {
            let index = copy.places.count
            copy.places.append(place)
            copy.byID[place.id] = index
            let names = [place.asciiName, place.name] + place.alternateNames
            var folded = [String: (key: String, withoutArticle: String?)]()
            for name in names where folded[name] == nil { folded[name] = PlaceName.keys(name) }
            for name in Set([place.name, place.asciiName] + place.alternateNames) {
                let (key, withoutArticle) = folded[name]!
                guard !key.isEmpty else { continue }
                copy.exact[key, default: []].append(index)
                copy.preferred[key] = index
                if let stripped = withoutArticle {
                    copy.loose[stripped, default: []].append(index)
                    copy.preferred[stripped] = index
                }
            }
            copy.suggestionKeys.append(names.map { folded[$0]!.withoutArticle ?? folded[$0]!.key })
        }
        return copy
    }

    private static func readPlaces(_ url: URL) throws -> [Place] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataError(file: url.path, line: nil, message: "cannot read the gazetteer: \(error.localizedDescription)")
        }
        let columns = ["id", "name", "ascii_name", "alternate_names", "lat", "lon", "country", "admin1",
                       "admin1_name", "population", "source"]
        let tsv = try TSV(text: text, file: url.path, required: columns)
        let c = columns.map(tsv.column)
        return try tsv.rows.map { row in
            let f = row.fields
            guard let lat = Double(f[c[4]]), let lon = Double(f[c[5]]), (-90...90).contains(lat), (-180...180).contains(lon)
            else { throw DataError(file: url.path, line: row.line, message: "bad coordinate '\(f[c[4]])', '\(f[c[5]])'") }
            guard let population = Int(f[c[9]].isEmpty ? "0" : f[c[9]]) else {
                throw DataError(file: url.path, line: row.line, message: "bad population '\(f[c[9]])'")
            }
            return Place(id: f[c[0]], name: f[c[1]], asciiName: f[c[2]],
                         alternateNames: f[c[3]].split(separator: "|").map(String.init),
                         coordinate: Coordinate(lon: lon, lat: lat), country: f[c[6]], admin1: f[c[7]],
                         admin1Name: f[c[8]], population: population, source: f[c[10]])
        }
    }

    // MARK: Lookup

    /// The code (`SY07`) of the governorate a report's name means: its code, Natural Earth
    /// name or a common spelling (`Deir ez-Zor`, `Kirkuk`, `Nineveh`). Nil when none or several match.
    public func governorateCode(_ name: String) -> String? {
        let key = PlaceName.key(name)
        let codes = governorateKeys[key] ?? PlaceName.keyWithoutArticle(name).flatMap { governorateKeys[$0] } ?? []
        return codes.count == 1 ? codes.first : nil
    }

    /// The place with this GeoNames (or supplement) id.
    public func place(id: String) -> Place? { byID[id].map { places[$0] } }

    /// The index in `places` of the place a report's name means.
    ///
    /// Accepts any spelling of the gazetteer (`Shingal`, `Deir Ezzor`, `al-Tabqa`), an optional
    /// qualifier after a comma (`Hit, IQ`, `Suran, Hama`) and `id:<GeoNames id>`.
    /// Throws `GazetteerError` when the name is unknown or ambiguous.
    public func resolveIndex(_ query: String) throws -> Int {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("id:") {
            let id = String(trimmed.dropFirst(3))
            guard let index = byID[id] else { throw GazetteerError.unknown(query: query, suggestions: []) }
            return index
        }
        var name = trimmed, qualifier: String?
        if let comma = trimmed.lastIndex(of: ",") {
            name = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            qualifier = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        }
        var candidates = self.candidates(name)
        guard !candidates.isEmpty else {
            throw GazetteerError.unknown(query: query, suggestions: suggestions(for: name))
        }
        if let qualifier, !qualifier.isEmpty {
            let q = PlaceName.key(qualifier)
            let kept = candidates.filter { i in
                let p = places[i]
                return p.country.lowercased() == q || p.admin1.lowercased() == q || PlaceName.key(p.admin1Name) == q
                    || PlaceName.keyWithoutArticle(p.admin1Name) == q
            }
            guard !kept.isEmpty else {
                throw GazetteerError.unknownQualifier(query: query, qualifier: qualifier,
                                                      candidates: candidates.map { places[$0].qualifiedName })
            }
            candidates = kept
        } else if candidates.count > 1, let index = preferred[PlaceName.key(name)] {
            return index
        }
        guard candidates.count == 1 else {
            throw GazetteerError.ambiguous(query: query, candidates: candidates.map { places[$0].qualifiedName })
        }
        return candidates[0]
    }

    /// The place a report's name means; see `resolveIndex(_:)`.
    public func resolve(_ query: String) throws -> Place { places[try resolveIndex(query)] }

    /// Places whose name matches exactly (all words), else without a leading article.
    private func candidates(_ name: String) -> [Int] {
        let key = PlaceName.key(name)
        if let hits = exact[key], !hits.isEmpty { return hits }
        if let hits = loose[key], !hits.isEmpty { return hits }
        if let stripped = PlaceName.keyWithoutArticle(name) {
            let hits = Array(Set((exact[stripped] ?? []) + (loose[stripped] ?? []))).sorted()
            if !hits.isEmpty { return hits }
        }
        return []
    }

    /// Up to five existing names closest to `name` (edit distance on keys), best first.
    public func suggestions(for name: String, limit: Int = 5) -> [String] {
        let key = PlaceName.keyWithoutArticle(name) ?? PlaceName.key(name)
        guard !key.isEmpty else { return [] }
        let maxDistance = max(2, key.count / 3)
        var best = [Int: (distance: Int, label: String)]()
        for (index, place) in places.enumerated() {
            for (candidate, ck) in zip([place.asciiName, place.name] + place.alternateNames, suggestionKeys[index]) {
                let d = PlaceName.editDistance(key, ck, limit: maxDistance)
                if d <= maxDistance, d < (best[index]?.distance ?? Int.max) {
                    best[index] = (d, candidate == place.asciiName || candidate == place.name
                                   ? place.qualifiedName : "\(candidate) = \(place.qualifiedName)")
                }
            }
        }
        return best.sorted {
            ($0.value.distance, -places[$0.key].population, $0.key) < ($1.value.distance, -places[$1.key].population, $1.key)
        }.prefix(limit).map(\.value.label)
    }
}
