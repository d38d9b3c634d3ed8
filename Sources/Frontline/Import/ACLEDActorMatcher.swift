/// Maps ACLED actor names to a scenario's factions through each faction's `acled:` list.
///
/// An entry matches an actor name, ignoring case and repeated spaces:
/// - without `*`: the name itself, or the name followed by a unit, as ACLED writes a force's
///   units after it (`Military Forces of Syria (2000-)` matches `Military Forces of Syria
///   (2000-) 4th Armored Division`; `QSD: Syrian Democratic Forces` matches `QSD: Syrian
///   Democratic Forces - Intelligence`);
/// - with `*`: the whole name, `*` standing for any run of characters (`Islamic State*`).
///
/// When entries of several factions match, the closest wins: the name itself before a pattern
/// with `*`, a pattern before a name with a unit after it (so `*Peshmerga*` wins over
/// `Military Forces of Iraq (2014-2018)` for that force's Peshmerga unit), and among equals the
/// one with the most characters other than `*`; a tie between two factions is ambiguous.
/// O(entries × name length) a lookup.
public struct ACLEDActorMatcher: Sendable {
    public enum Match: Equatable, Sendable {
        case faction(String)
        /// Entries of several factions match equally well.
        case ambiguous([String])
        case none
    }

    struct Entry: Sendable {
        let faction: String
        let pattern: String
        let parts: [String]?
        var literal: Int { pattern.filter { $0 != "*" }.count }
    }

    let entries: [Entry]

    public init(factions: [Faction]) {
        entries = factions.flatMap { f in
            f.acled.map { p in
                let k = Self.key(p)
                return Entry(faction: f.id, pattern: k,
                             parts: k.contains("*") ? k.split(separator: "*", omittingEmptySubsequences: false).map(String.init) : nil)
            }
        }
    }

    /// Whether any faction lists ACLED names.
    public var isEmpty: Bool { entries.isEmpty }

    /// The faction `actor` stands for.
    public func match(_ actor: String) -> Match {
        let name = Self.key(actor)
        guard !name.isEmpty else { return .none }
        // Closeness: (3 the name itself, 2 a pattern, 1 the name with a unit after it; literal characters).
        func closeness(_ e: Entry) -> (Int, Int)? {
            if let parts = e.parts { return Self.glob(parts, name) ? (2, e.literal) : nil }
            if name == e.pattern { return (3, e.literal) }
            return name.hasPrefix(e.pattern + " ") ? (1, e.literal) : nil
        }
        var best = [Entry](), bestCloseness = (0, 0)
        for e in entries {
            guard let c = closeness(e), c >= bestCloseness else { continue }
            if c > bestCloseness { best.removeAll(); bestCloseness = c }
            best.append(e)
        }
        let factions = best.map(\.faction).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        switch factions.count {
        case 0: return .none
        case 1: return .faction(factions[0])
        default: return .ambiguous(factions)
        }
    }

    static func key(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func glob(_ parts: [String], _ name: String) -> Bool {
        // Glob with `*` only: the first part is a prefix, the last a suffix, the others in order between.
        guard name.hasPrefix(parts[0]) else { return false }
        var rest = name.dropFirst(parts[0].count)
        for (i, part) in parts.enumerated().dropFirst() {
            if i == parts.count - 1 { return part.isEmpty || (rest.count >= part.count && rest.hasSuffix(part)) }
            guard !part.isEmpty else { continue }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.isEmpty
    }
}
