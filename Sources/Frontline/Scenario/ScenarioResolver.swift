import Yams

extension ScenarioParser {
    /// Composes `text` into YAML nodes as `Yams.compose(yaml:)` with its default resolver does
    /// (the same nodes, lookups, errors and messages), about twice as fast: the default
    /// resolver runs up to seven regular expressions on every mapping key to resolve its tag
    /// (bool, int, float, null, timestamp, merge, value), and the reader never uses those tags.
    ///
    /// A scalar's tag matters to the reader only where Yams compares nodes (mapping lookups and
    /// its duplicate-key check, which look at the text, then the tag) and where a mapping with a
    /// plain `=` key (tag `value`) reads as a string. So the text is composed with Yams' resolver
    /// without rules, where every untagged scalar is a string, and composed again with the
    /// default one when that could differ: the text has an explicit tag (`!`), a mapping has two
    /// keys of the same text (the default resolver may tell `yes` from `"yes"`, so it decides
    /// whether that is an error), or a mapping has a plain `=` key or an alias as a key.
    /// O(text) plus the composition.
    static func compose(_ text: String) throws -> Node? {
        if text.utf8.contains(UInt8(ascii: "!")) { return try Yams.compose(yaml: text) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping = error { return try Yams.compose(yaml: text) }
            throw error
        }
        if let root, text.utf8.contains(UInt8(ascii: "=")) || text.utf8.contains(UInt8(ascii: "*")),
           hasTagSensitiveKey(root) {
            return try Yams.compose(yaml: text)
        }
        return root
    }

    /// Whether a mapping under `node` has a key the default resolver would read differently:
    /// a plain `=` (tag `value`) or an alias. O(nodes).
    private static func hasTagSensitiveKey(_ node: Node) -> Bool {
        switch node {
        case .scalar: return false
        case .alias: return false
        case .sequence(let items): return items.contains(where: hasTagSensitiveKey)
        case .mapping(let pairs):
            return pairs.contains { key, value in
                switch key {
                case .scalar(let s) where s.string == "=" && s.style == .plain: return true
                case .alias: return true
                default: return hasTagSensitiveKey(key) || hasTagSensitiveKey(value)
                }
            }
        }
    }
}
