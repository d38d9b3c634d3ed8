/// Writes imported events and places as scenario YAML, into a new scenario or appended to an
/// existing one, keeping the existing text (its comments, order and formatting) unchanged.
///
/// A scenario's text is read as top-level sections: a line that starts a top-level key
/// (`events:` at column 0) opens a section, which runs to the next such line. New events are
/// appended after the last entry of `events:`, new places after the last entry of `places:`
/// (a `places:` section is added before `initial:` when there is none).
public enum ScenarioText {
    /// A scalar in YAML's double-quoted style: `"` and `\` escaped, control characters as
    /// escapes, everything else as it is (UTF-8). O(n).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0xFEFF
                    || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// A faction reference as written: plain when it is a plain id (`isis`), quoted otherwise.
    static func plain(_ s: String) -> String {
        s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) && !s.isEmpty ? s : quoted(s)
    }

    /// One `events:` entry, its lines indented by `indent` (the `- ` at `indent`).
    public static func event(_ e: ACLEDImport.Event, indent: String) -> String {
        let r = e.record, i = indent + "  "
        var lines = ["\(indent)- id: \(quoted(r.eventID.isEmpty ? "line-\(r.line)" : r.eventID))",
                     "\(i)date: \(r.date)",
                     "\(i)place: \(quoted(e.place))",
                     "\(i)faction: \(plain(e.faction))"]
        if let from = e.from { lines.append("\(i)from: \(plain(from))") }
        lines.append("\(i)action: capture")
        if let radius = e.radiusKm { lines.append("\(i)radius_km: \(Number.format(radius, decimals: 3))") }
        if let u = e.uncertain { lines.append("\(i)uncertain: \(quoted(u))") }
        let type = r.subEventType.isEmpty ? r.eventType : r.subEventType
        lines += ["\(i)source:",
                  "\(i)  publication: \(quoted(publication(r)))",
                  "\(i)  date: \(r.date)",
                  "\(i)  title: \(quoted("ACLED \(r.eventID): \(type)"))",
                  "\(i)  claim: \(quoted(claim(r)))",
                  "\(i)note: \(quoted(e.note))"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One `places:` entry for a location declared at ACLED's coordinates.
    public static func place(_ p: ACLEDImport.DeclaredPlace, indent: String) -> String {
        let r = p.record, i = indent + "  "
        let precision = r.geoPrecision.map { ", geo_precision \($0)" } ?? ""
        return ["\(indent)- name: \(quoted(p.name))",
                "\(i)lat: \(Number.format(p.coordinate.lat, decimals: 6))",
                "\(i)lon: \(Number.format(p.coordinate.lon, decimals: 6))",
                "\(i)source:",
                "\(i)  publication: \(quoted(publication(r)))",
                "\(i)  date: \(r.date)",
                "\(i)  title: \(quoted("ACLED \(r.eventID): location \(r.location)"))",
                "\(i)  claim: \(quoted("\(r.location): latitude \(Number.format(p.coordinate.lat, decimals: 6)), longitude \(Number.format(p.coordinate.lon, decimals: 6))\(precision) (ACLED)"))",
        ].joined(separator: "\n") + "\n"
    }

    /// ACLED's `source` column as the publication, marked as coming through ACLED.
    static func publication(_ r: ACLEDRecord) -> String {
        r.source.isEmpty ? "ACLED" : "\(r.source) (via ACLED)"
    }

    /// ACLED's `notes`, or a sentence made of the row's fields when it has none.
    static func claim(_ r: ACLEDRecord) -> String {
        if !r.notes.isEmpty { return r.notes }
        let type = r.subEventType.isEmpty ? r.eventType : r.subEventType
        return "\(type): \(r.actor1)\(r.actor2.isEmpty ? "" : " against \(r.actor2)") at \(r.location) (ACLED \(r.eventID), no notes)"
    }

    // MARK: Sections

    /// The top-level sections of a scenario text: (key, first line, end line exclusive).
    struct Section { let key: String; let start: Int; var end: Int }

    static func sections(_ lines: [String]) -> (preambleEnd: Int, sections: [Section]) {
        var sections = [Section]()
        for (n, line) in lines.enumerated() {
            guard let first = line.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
                  let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            if !sections.isEmpty { sections[sections.count - 1].end = n }
            sections.append(Section(key: key, start: n, end: lines.count))
        }
        // A section ends after its last line that is neither blank nor a comment: comments and
        // blank lines before the next key belong to that key.
        for k in sections.indices {
            var end = sections[k].end
            while end > sections[k].start + 1 {
                let t = lines[end - 1].trimmingCharacters(in: .whitespaces)
                if t.isEmpty || t.hasPrefix("#") { end -= 1 } else { break }
            }
            sections[k].end = end
        }
        return (sections.first?.start ?? lines.count, sections)
    }

    /// The indentation of a list section's entries (`  ` in `  - date: …`), default two spaces.
    static func itemIndent(_ lines: [String], _ s: Section) -> String {
        for line in lines[(s.start + 1)..<max(s.start + 1, s.end)] {
            let indent = line.prefix { $0 == " " }
            if line.dropFirst(indent.count).hasPrefix("- ") { return String(indent) }
        }
        return "  "
    }

    public struct MergeError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// `base` with `events` appended to its `events:` list and `places` to its `places:` list.
    /// With `replacing`, the base's events are dropped first, and its leading comments and the
    /// given top-level scalars (`name`, `description`, `end` …) replaced: a new scenario built on
    /// the base's region, factions, places and initial control. Throws when the base has no
    /// block-style `events:` list. O(size of the text).
    public static func merged(base: String, events: [ACLEDImport.Event], places: [ACLEDImport.DeclaredPlace],
                              replacing: (header: String, scalars: [(key: String, value: String)])? = nil) throws -> String {
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var (preambleEnd, sections) = sections(lines)
        guard let events0 = sections.first(where: { $0.key == "events" }) else {
            throw MergeError(description: "the scenario has no top-level 'events:' list to append to")
        }
        guard lines[events0.start].trimmingCharacters(in: .whitespaces) == "events:" else {
            throw MergeError(description: "line \(events0.start + 1): 'events:' is not a block list (write its entries as '- date: …' lines)")
        }
        if let p = sections.first(where: { $0.key == "places" }), lines[p.start].trimmingCharacters(in: .whitespaces) != "places:" {
            throw MergeError(description: "line \(p.start + 1): 'places:' is not a block list (write its entries as '- name: …' lines)")
        }
        let eventIndent = itemIndent(lines, events0)
        var edits = [(at: Int, remove: Int, insert: [String])]()   // applied from the bottom up
        if let replacing {
            edits.append((0, preambleEnd, replacing.header.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
            for (key, value) in replacing.scalars {
                let line = "\(key): \(value)"
                if let s = sections.first(where: { $0.key == key }) {
                    edits.append((s.start, s.end - s.start, [line]))
                } else if let after = sections.first(where: { $0.key == (key == "end" ? "start" : "name") }) {
                    edits.append((after.end, 0, [line]))
                }
            }
            edits.append((events0.start + 1, events0.end - events0.start - 1, []))
            preambleEnd = 0
        }
        if !events.isEmpty {
            let text = events.map { event($0, indent: eventIndent) }.joined()
            edits.append((events0.end, 0, text.split(separator: "\n").map(String.init)))
        }
        if !places.isEmpty {
            if let p = sections.first(where: { $0.key == "places" }) {
                let indent = itemIndent(lines, p)
                edits.append((p.end, 0, places.map { place($0, indent: indent) }.joined().split(separator: "\n").map(String.init)))
            } else {
                let before = sections.first { $0.key == "initial" } ?? events0
                let block = ["places:   # declared by 'frontline import acled' at ACLED's coordinates"]
                    + places.map { place($0, indent: "  ") }.joined().split(separator: "\n").map(String.init) + [""]
                edits.append((before.start, 0, block))
            }
        }
        // Apply from the bottom up so earlier line numbers stay valid; same line: removals first.
        for e in edits.sorted(by: { ($0.at, $0.remove) > ($1.at, $1.remove) }) {
            lines.replaceSubrange(e.at..<(e.at + e.remove), with: e.insert)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
