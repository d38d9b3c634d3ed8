/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast generator whose whole state is one
/// UInt64, so a mutant is reproduced from (seed, index) alone.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes malformed variants of a scenario: one to four mutations each, at the level of
/// lines (delete, duplicate, swap, move, truncate, indent), bytes (flip, insert a byte YAML
/// or UTF-8 cares about, delete a run) and values (a scalar replaced by an edge case: empty,
/// NaN, a huge number, an impossible or far date, a long name, a full-width digit, an
/// alias, a duplicate key, another key of the format, a value from elsewhere in the file).
///
/// Deterministic: mutant `index` of `seed` is always the same text, whatever ran before it.
public struct Mutator: Sendable {
    public let base: String
    private let lines: [String]
    /// Scalar values found in the base (after `key: `), to move elsewhere.
    private let values: [String]

    public init(base: String) {
        self.base = base
        lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var values = [String]()
        for line in lines {
            for part in line.split(separator: ",") {
                if let colon = part.range(of: ": ") {
                    let v = part[colon.upperBound...].trimmingCharacters(in: .whitespaces.union(["}", "]", "{"]))
                    if !v.isEmpty && v.count < 80 { values.append(v) }
                }
            }
        }
        self.values = values.isEmpty ? ["x"] : values
    }

    /// Values that have broken parsers: empty and null forms, numbers at and past Double's
    /// range, NaN, far and impossible dates, YAML indicators, aliases and tags, invalid
    /// UTF-8 lookalikes, right-to-left and full-width characters, long strings.
    static let edgeValues: [String] = [
        "", "~", "null", "''", "\"\"", "0", "-1", "-0", "1e309", "-1e309", "nan", ".nan", "inf", ".inf", "4.9e-324",
        "9223372036854775807", "99999999999999999999999", "0x1F", "1_000",
        "0000-01-01", "0999-12-31", "9999-12-31", "10000-01-01", "2015-02-29", "2016-02-30", "2014-13-01", "2014-1-1",
        "2014-01-01T00:00:00Z", "1970-01-01", "2020-01-01", "2013-12-31",
        "[]", "{}", "[SY, SY]", "[sy]", "[ＳＹ]", "SY", "XX", "[SY, IQ, SY]", "#ｃｃ0000", "#１２３４５６", "#GGGGGG", "\"#abc\"",
        "*a", "&a x", "*undefined", "!!binary AAAA", "!custom x", "|", ">", "? x", "- x", "'unterminated", "\"unterminated",
        "\"\\u0000\"", "\"\\xff\"", "é", "\u{202E}evil", "a\u{0301}", "𝔸", "Palmyrra", "id:", "id:448149", "Hit, XX", ",", "Hit,",
        "capture", "contest", "siege", "isis", "nobody", "gov, from: gov",
    ]

    /// Keys of the scenario format (and near misses).
    static let keys: [String] = [
        "name", "description", "region", "start", "end", "factions", "initial", "events", "id", "color", "country",
        "governorate", "place", "faction", "radius_km", "source", "note", "date", "from", "action", "until",
        "advance_from", "progress", "share", "label", "uncertain", "publication", "author", "title", "url", "claim",
        "fraction", "Date", "<<", "? ", "",
    ]

    /// Bytes that matter to YAML or to UTF-8.
    static let bytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x20, 0x22, 0x23, 0x26, 0x27, 0x2A, 0x2C, 0x2D, 0x3A, 0x3E,
                                 0x3F, 0x40, 0x5B, 0x5D, 0x60, 0x7B, 0x7C, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE9, 0xED,
                                 0xEF, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF]

    /// Mutant `index` of `seed`: its text and what was done, in words.
    public func mutant(seed: UInt64, index: Int) -> (text: [UInt8], mutations: [String]) {
        var rng = SplitMix64(seed: seed &* 0x100_0000_01B3 &+ UInt64(index))
        var lines = self.lines
        var done = [String]()
        var byteEdits = [(UInt8, Int, Int)]()   // (byte, position share ×1e6, kind)
        // Mostly one or two mutations, so that many mutants get past the YAML layer to the
        // scenario's meaning (names, dates, offensives) and the replay.
        let roll = rng.next() % 20
        let count = roll < 12 ? 1 : roll < 17 ? 2 : roll < 19 ? 3 : 4
        for _ in 0..<count {
            let k = Int(rng.next() % UInt64(lines.count))
            // Weights out of 40: values 16, keys 4, duplicate key 2, line edits 12, bytes 3, aliases 3.
            let pick = rng.next() % 40
            let operation: UInt64 = switch pick {
            case 0..<16: 6
            case 16..<20: 8
            case 20..<22: 9
            case 22..<25: 0
            case 25..<28: 1
            case 28..<30: 2
            case 30: 3
            case 31: 4
            case 32..<34: 5
            case 34..<37: 10
            default: 11
            }
            switch operation {
            case 0:
                lines.remove(at: k); done.append("delete line \(k + 1)")
                if lines.isEmpty { lines = [""] }
            case 1:
                lines.insert(lines[k], at: k); done.append("duplicate line \(k + 1)")
            case 2:
                let j = Int(rng.next() % UInt64(lines.count))
                lines.swapAt(k, j); done.append("swap lines \(k + 1) and \(j + 1)")
            case 3:
                let end = min(lines.count, k + 1 + Int(rng.next() % 40))
                lines.removeSubrange(k..<end); done.append("delete lines \(k + 1)-\(end)")
                if lines.isEmpty { lines = [""] }
            case 4:
                let cut = Int(rng.next() % UInt64(lines[k].count + 1))
                lines = Array(lines[..<k]) + [String(lines[k].prefix(cut))]; done.append("truncate at line \(k + 1)")
            case 5:
                let n = Int(rng.next() % 5)
                if rng.next() % 2 == 0 {
                    lines[k] = String(repeating: " ", count: n) + lines[k]; done.append("indent line \(k + 1) by \(n)")
                } else {
                    lines[k] = String(lines[k].drop { $0 == " " }.prefix(lines[k].count)); done.append("unindent line \(k + 1)")
                }
            case 6, 7:
                let value = rng.next() % 6 == 0 ? String(repeating: "x", count: 1 + Int(rng.next() % 20_000))
                    : rng.next() % 3 == 0 ? values[Int(rng.next() % UInt64(values.count))]
                    : Self.edgeValues[Int(rng.next() % UInt64(Self.edgeValues.count))]
                lines[k] = Self.replacingValue(in: lines[k], with: value, rng: &rng)
                done.append("value on line \(k + 1) → \(value.prefix(40))")
            case 8:
                let key = Self.keys[Int(rng.next() % UInt64(Self.keys.count))]
                lines[k] = Self.replacingKey(in: lines[k], with: key, rng: &rng)
                done.append("key on line \(k + 1) → '\(key)'")
            case 9:
                // A copy of one key-value pair of the line, inserted again (duplicate key).
                if let pair = lines[k].split(separator: ",").first(where: { $0.contains(": ") }) {
                    lines[k] = lines[k].replacingOccurrences(of: String(pair), with: "\(pair),\(pair)")
                }
                done.append("duplicate a key on line \(k + 1)")
            case 10:
                let byte = Self.bytes[Int(rng.next() % UInt64(Self.bytes.count))]
                byteEdits.append((byte, Int(rng.next() % 1_000_000), Int(rng.next() % 3)))
                done.append("byte 0x\(String(byte, radix: 16))")
            default:
                // An anchor on one value and an alias to it elsewhere.
                lines[k] = Self.replacingValue(in: lines[k], with: "&m\(k) " + (values.randomElement(using: &rng) ?? "x"), rng: &rng)
                let j = Int(rng.next() % UInt64(lines.count))
                lines[j] = Self.replacingValue(in: lines[j], with: "*m\(k)", rng: &rng)
                done.append("anchor on line \(k + 1), alias on line \(j + 1)")
            }
        }
        var bytes = Array(lines.joined(separator: "\n").utf8)
        for (byte, share, kind) in byteEdits where !bytes.isEmpty {
            let at = min(bytes.count - 1, bytes.count * share / 1_000_000)
            switch kind {
            case 0: bytes.insert(byte, at: at)
            case 1: bytes[at] = byte
            default: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(byte % 16)))
            }
        }
        return (bytes, done)
    }

    /// `line` with the value after one of its `key: ` replaced by `value`.
    static func replacingValue(in line: String, with value: String, rng: inout SplitMix64) -> String {
        let colons = line.ranges(of: ": ")
        guard !colons.isEmpty else { return line + " " + value }
        let colon = colons[Int(rng.next() % UInt64(colons.count))]
        let rest = line[colon.upperBound...]
        // The old value ends at the next ',' or '}' outside quotes, or at the end of the line.
        var end = rest.endIndex, quote: Character? = nil
        for i in rest.indices {
            let c = rest[i]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == "," || c == "}" || c == "]" { end = i; break }
        }
        return String(line[..<colon.upperBound]) + value + String(line[end...])
    }

    /// `line` with one of its keys (the word before `: `) replaced by `key`.
    static func replacingKey(in line: String, with key: String, rng: inout SplitMix64) -> String {
        let colons = line.ranges(of: ": ")
        guard !colons.isEmpty else { return key + ": " + line }
        let colon = colons[Int(rng.next() % UInt64(colons.count))]
        var start = colon.lowerBound
        while start > line.startIndex, let c = line[line.index(before: start)] as Character?, c.isLetter || c == "_" {
            start = line.index(before: start)
        }
        return String(line[..<start]) + key + String(line[colon.lowerBound...])
    }
}
