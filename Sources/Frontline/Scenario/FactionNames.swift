import Yams

/// How users and reports name a faction: by its id or one of its `aliases:`, in any case
/// (`isis`, `ISIS`, `ISIL`, `Daesh` and `IS` all name the Islamic State when the scenario lists
/// those aliases). Used by the scenario parser for `faction:`/`from:` references and by the
/// command line for `--faction`.
public enum FactionNames {
    /// The comparison key of a name: trimmed and lowercased. O(n).
    public static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The id of the faction `name` names (its id or an alias, any case), or nil. O(factions × aliases).
    public static func id(_ name: String, in factions: [Faction]) -> String? {
        let k = key(name)
        if let f = factions.first(where: { key($0.id) == k }) { return f.id }
        return factions.first { $0.aliases.contains { key($0) == k } }?.id
    }

    /// Every name of the factions, for messages: `isis (ISIS, ISIL, Daesh, IS), syria_gov`.
    public static func listing(_ factions: [Faction]) -> String {
        factions.map { $0.aliases.isEmpty ? $0.id : "\($0.id) (\($0.aliases.joined(separator: ", ")))" }
            .joined(separator: ", ")
    }

    /// Reads each faction's `aliases:` and `acled:` lists from the scenario's `factions:` node
    /// into `factions` (matched by id). Errors: a list that is not a list of strings, an alias
    /// that is empty or names another faction (its id or one of its aliases, any case), an
    /// alias given twice. An alias that is the faction's own id in another case (`ISIS` for
    /// `isis`) is accepted and not stored. O(factions × aliases²).
    static func readNames(_ node: Node?, into factions: inout [Faction], file: String) -> [Diagnostic] {
        guard let node, case .sequence(let items) = node else { return [] }
        var diagnostics = [Diagnostic]()
        func error(_ node: Node?, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: node?.mark?.line, message))
        }
        func strings(_ node: Node?, _ what: String) -> [(String, Node)] {
            guard let node else { return [] }
            guard case .sequence(let seq) = node else { error(node, "'\(what)' must be a list"); return [] }
            var out = [(String, Node)]()
            for item in seq {
                guard case .scalar(let s) = item else { error(item, "'\(what)' entries must be single values"); continue }
                let value = s.string.trimmingCharacters(in: .whitespaces)
                if value.isEmpty { error(item, "an empty entry in '\(what)'"); continue }
                out.append((value, item))
            }
            return out
        }
        // Which faction each name (id or alias) belongs to, to catch an alias naming two sides.
        var owner = [String: String]()
        for f in factions { owner[key(f.id)] = f.id }
        for item in items {
            guard case .mapping(let m) = item, let id = m["id"]?.string,
                  let index = factions.firstIndex(where: { $0.id == id }) else { continue }
            var aliases = [String]()
            for (alias, aliasNode) in strings(m["aliases"], "aliases") {
                let k = key(alias)
                if let other = owner[k], other != id {
                    error(aliasNode, "alias '\(alias)' of faction '\(id)' already names faction '\(other)'")
                    continue
                }
                if k == key(id) { continue }   // the id itself, in other case: it names the faction anyway
                if aliases.contains(where: { key($0) == k }) {
                    error(aliasNode, "alias '\(alias)' of faction '\(id)' is given twice"); continue
                }
                owner[k] = id
                aliases.append(alias)
            }
            factions[index].aliases = aliases
            factions[index].acled = strings(m["acled"], "acled").map(\.0)
        }
        return diagnostics
    }

    /// An error for every event `id:` given to an earlier event too. O(events).
    static func duplicateEventIDs(_ events: [ControlEvent], file: String) -> [Diagnostic] {
        var seen = [String: ControlEvent]()
        var diagnostics = [Diagnostic]()
        for e in events {
            guard let id = e.id, !id.isEmpty else { continue }
            if let first = seen[id] {
                diagnostics.append(Diagnostic(file: file, line: e.line,
                                              "event \(e.number): id '\(id)' is also the id of event \(first.number) (line \(first.line))"))
            } else { seen[id] = e }
        }
        return diagnostics
    }
}

extension Scenario {
    /// The faction `name` names: its id or an alias, in any case. O(factions × aliases).
    public func faction(named name: String) -> Faction? {
        FactionNames.id(name, in: factions).flatMap { id in factions.first { $0.id == id } }
    }
}
