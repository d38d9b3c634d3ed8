/// A small SVG writer: nested elements with attributes and text, every attribute value and
/// text escaped, numbers written with at most one decimal (0.1 px) so output is compact and
/// byte-for-byte deterministic.
///
/// Elements are appended in document order; `open`/`close` nest them, `group` nests a block.
/// `rendered()` closes what is still open and wraps the body in the `<svg>` root.
public struct SVGDocument {
    /// An attribute: name and value; a nil value leaves the attribute out.
    public typealias Attribute = (name: String, value: String?)

    public let width: Double
    public let height: Double
    private var body = ""
    private var openElements = [String]()

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    // MARK: Building

    /// Opens `<name …>`; its children follow until `close()`.
    public mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        indent()
        body += "<\(name)\(Self.attributes(attributes))>\n"
        openElements.append(name)
    }

    /// Closes the element opened last.
    public mutating func close() {
        guard let name = openElements.popLast() else { return }
        indent()
        body += "</\(name)>\n"
    }

    /// `<name …/>`, or `<name …>text</name>` when `text` is given.
    public mutating func element(_ name: String, _ attributes: [Attribute] = [], text: String? = nil) {
        indent()
        if let text {
            body += "<\(name)\(Self.attributes(attributes))>\(Self.escape(text))</\(name)>\n"
        } else {
            body += "<\(name)\(Self.attributes(attributes))/>\n"
        }
    }

    /// `<name …>` around what `content` adds.
    public mutating func group(_ name: String = "g", _ attributes: [Attribute] = [],
                               _ content: (inout SVGDocument) -> Void) {
        open(name, attributes)
        content(&self)
        close()
    }

    /// Appends the elements of `other`, a document built apart (what it left open is closed),
    /// after this document's elements. O(size of other).
    public mutating func appendBody(of other: SVGDocument) {
        var copy = other
        while !copy.openElements.isEmpty { copy.close() }
        for line in copy.body.split(separator: "\n", omittingEmptySubsequences: true) {
            indent()
            body += line.dropFirst() + "\n"
        }
    }

    /// The complete document: XML declaration, `<svg>` root with `viewBox`, and the body.
    public func rendered() -> String {
        var copy = self
        while !copy.openElements.isEmpty { copy.close() }
        let w = Self.number(width), h = Self.number(height)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">\n"
            + copy.body + "</svg>\n"
    }

    private mutating func indent() {
        body += String(repeating: " ", count: openElements.count + 1)
    }

    // MARK: Text and numbers

    /// `s` safe inside XML text and double-quoted attribute values: `& < > " '` become
    /// entities; control characters XML 1.0 does not allow are dropped. O(n).
    public static func escape(_ s: String) -> String {
        // Most values (path data, numbers, colours) need nothing: returned as they are after
        // one pass over their bytes. 0xEF starts U+FFFE and U+FFFF in UTF-8.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0xEF }
        }
        if plain == true { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static func attributes(_ list: [Attribute]) -> String {
        var out = ""
        for (name, value) in list {
            guard let value else { continue }
            out += " \(name)=\"\(escape(value))\""
        }
        return out
    }

    /// `x` rounded to 0.1 (`12.3`, `-4`, `0`), without `String(format:)` (fast enough for
    /// path data).
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return tenths(Int((x * 10).rounded()))
    }

    /// A number given in tenths: 123 → `12.3`, -40 → `-4`.
    static func tenths(_ t: Int) -> String {
        let sign = t < 0 ? "-" : ""
        let a = abs(t)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// `7 October 2017`: a day written out in English (independent of the locale).
    public static func longDate(_ day: Day) -> String {
        let (y, m, d) = day.components
        return "\(d) \(monthNames[m - 1]) \(y)"
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
}

// MARK: - Path data

/// Builds SVG path data (`d`) from points in pixels: coordinates rounded to 0.1 px,
/// consecutive duplicates (after rounding) dropped, implicit `L` after `M`.
public struct SVGPathData {
    public private(set) var d = ""

    public init() {}

    /// A closed ring (`M … Z`); skipped when fewer than three distinct points remain after
    /// rounding (it would draw nothing). O(n).
    public mutating func ring(_ points: [(x: Double, y: Double)]) {
        var rounded = [(Int, Int)]()
        rounded.reserveCapacity(points.count)
        for p in points {
            let q = (Int((p.x * 10).rounded()), Int((p.y * 10).rounded()))
            if let last = rounded.last, last == q { continue }
            rounded.append(q)
        }
        while rounded.count > 1, rounded.first! == rounded.last! { rounded.removeLast() }
        guard rounded.count >= 3 else { return }
        append(rounded, closed: true)
    }

    /// An open line (`M …`); skipped when fewer than two distinct points remain. O(n).
    public mutating func line(_ points: [(x: Double, y: Double)]) {
        var rounded = [(Int, Int)]()
        for p in points {
            let q = (Int((p.x * 10).rounded()), Int((p.y * 10).rounded()))
            if let last = rounded.last, last == q { continue }
            rounded.append(q)
        }
        guard rounded.count >= 2 else { return }
        append(rounded, closed: false)
    }

    /// Written as bytes and appended to `d` once (as `SVGDocument.tenths` writes each number).
    private mutating func append(_ points: [(Int, Int)], closed: Bool) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(points.count * 14 + 2)
        for (i, p) in points.enumerated() {
            bytes.append(i == 0 ? UInt8(ascii: "M") : (i == 1 ? UInt8(ascii: "L") : UInt8(ascii: " ")))
            Self.tenths(p.0, into: &bytes)
            bytes.append(UInt8(ascii: " "))
            Self.tenths(p.1, into: &bytes)
        }
        if closed { bytes.append(UInt8(ascii: "Z")) }
        d += String(decoding: bytes, as: UTF8.self)
    }

    /// `t` tenths as `SVGDocument.tenths(_:)` writes them (`-12.3`, `4`, `-0.5`), onto `out`.
    static func tenths(_ t: Int, into out: inout [UInt8]) {
        if t < 0 { out.append(UInt8(ascii: "-")) }
        let a = t.magnitude
        out.append(contentsOf: String(a / 10).utf8)
        if a % 10 != 0 {
            out.append(UInt8(ascii: "."))
            out.append(UInt8(ascii: "0") + UInt8(a % 10))
        }
    }

    /// Lines along the given rings with every segment drawn once: a segment already drawn
    /// (in either direction, compared after rounding to 0.1 px) is skipped, so borders two
    /// polygons share are not stroked twice (dashes would not line up). O(total points).
    public static func sharedEdgesOnce(_ rings: [[(x: Double, y: Double)]]) -> SVGPathData {
        struct Segment: Hashable { let a: Int64, b: Int64 }
        func key(_ p: (x: Double, y: Double)) -> Int64 {
            Int64((p.x * 10).rounded()) << 32 | Int64(UInt32(truncatingIfNeeded: Int64((p.y * 10).rounded())))
        }
        var seen = Set<Segment>()
        var path = SVGPathData()
        for ring in rings {
            var run = [(x: Double, y: Double)]()
            for i in 1..<max(ring.count, 1) {
                let a = key(ring[i - 1]), b = key(ring[i])
                if a == b { continue }
                if seen.insert(Segment(a: min(a, b), b: max(a, b))).inserted {
                    if run.isEmpty { run.append(ring[i - 1]) }
                    run.append(ring[i])
                } else {
                    path.line(run)
                    run.removeAll()
                }
            }
            path.line(run)
        }
        return path
    }
}
