/// Looking names up the way a search box does: every place whose names are nearest a query,
/// for `frontline places` when a name resolves to no single place.
extension Gazetteer {
    /// A place found by `search`: how near its nearest name is to the query.
    public struct SearchMatch: Sendable, Equatable {
        public enum Kind: Int, Sendable, Comparable {
            /// The name, as the gazetteer folds names (case, diacritics, hyphens, a leading `al-` …).
            case exact
            /// The query starts a name or a name starts the query (`Raqq` → Raqqa).
            case prefix
            /// A few letters apart (edit distance).
            case similar
            public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        }
        public let index: Int
        /// The place's name that matched (`Raqqa` for Ar Raqqah).
        public let name: String
        public let kind: Kind
        /// Letters apart (0 for exact; for a prefix, how many letters longer or shorter).
        public let distance: Int
        /// How far the match is, for ranking: 0 for exact, the edit distance for a similar name,
        /// a third of the letters added or missing (rounded up) for a prefix, so that "Raqa"
        /// ranks Raqqa (one letter apart) with Raqamah (two letters longer) and population decides.
        public var score: Int {
            switch kind {
            case .exact: return 0
            case .prefix: return (distance + 2) / 3
            case .similar: return distance
            }
        }
    }

    /// Up to `limit` places whose names are nearest `query`: exact matches first (all of them:
    /// an ambiguous name lists its places), then names the query starts or that start it and
    /// names at most max(2, length / 3) edits away, by `SearchMatch.score` and then population,
    /// largest first.
    /// A qualifier after a comma (`Hit, IQ`) keeps the places of that country or governorate.
    /// O(places × names × length²).
    public func search(_ query: String, limit: Int = 10) -> [SearchMatch] {
        var name = query, qualifier: String?
        if let comma = query.lastIndex(of: ",") {
            name = String(query[..<comma])
            qualifier = PlaceName.key(String(query[query.index(after: comma)...]))
        }
        let key = PlaceName.keyWithoutArticle(name) ?? PlaceName.key(name)
        guard !key.isEmpty else { return [] }
        let limitDistance = max(2, key.count / 3)
        var best = [Int: SearchMatch]()
        for (index, place) in places.enumerated() {
            if let q = qualifier, !q.isEmpty, place.country.lowercased() != q, place.admin1.lowercased() != q,
               PlaceName.key(place.admin1Name) != q, PlaceName.keyWithoutArticle(place.admin1Name) != q { continue }
            for candidate in [place.asciiName, place.name] + place.alternateNames {
                let ck = PlaceName.keyWithoutArticle(candidate) ?? PlaceName.key(candidate)
                guard !ck.isEmpty else { continue }
                let match: SearchMatch
                if ck == key || PlaceName.key(candidate) == PlaceName.key(name) {
                    match = SearchMatch(index: index, name: candidate, kind: .exact, distance: 0)
                } else if key.count >= 3, ck.count >= 3, ck.hasPrefix(key) || key.hasPrefix(ck) {
                    match = SearchMatch(index: index, name: candidate, kind: .prefix, distance: abs(ck.count - key.count))
                } else {
                    let d = PlaceName.editDistance(key, ck, limit: limitDistance)
                    guard d <= limitDistance else { continue }
                    match = SearchMatch(index: index, name: candidate, kind: .similar, distance: d)
                }
                if let b = best[index], (b.score, b.kind) <= (match.score, match.kind) { continue }
                best[index] = match
            }
        }
        let sorted = best.values.sorted {
            ($0.score, -places[$0.index].population, $0.index) < ($1.score, -places[$1.index].population, $1.index)
        }
        let exact = sorted.prefix { $0.kind == .exact }.count
        return Array(sorted.prefix(max(limit, exact)))
    }
}
