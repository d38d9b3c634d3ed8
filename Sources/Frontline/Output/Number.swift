import Foundation

/// Fixed, locale-independent number formatting for every output (deterministic bytes).
public enum Number {
    /// `value` with at most `decimals` decimals, trailing zeros dropped (`12.5`, `3`, `-0.25`).
    public static func format(_ value: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", value)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// `value` with at least `decimals` decimals and enough more to keep `significant` digits
    /// for small values (a 0.2042 km² pocket stays 0.2042, not 0.2), trailing zeros dropped.
    public static func format(_ value: Double, decimals: Int, significant: Int) -> String {
        guard value != 0, value.isFinite else { return format(value, decimals: decimals) }
        let magnitude = Int(floor(log10(abs(value))))
        return format(value, decimals: min(12, max(decimals, significant - 1 - magnitude)))
    }

    /// `value` with exactly `decimals` decimals (for aligned tables).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", value)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// A JSON string literal.
    /// An integer with thin groups of three digits: 1,234,567.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A CSV field, quoted when it needs to be.
    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
