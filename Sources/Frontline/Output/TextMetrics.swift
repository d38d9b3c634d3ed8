import Foundation

/// Widths of text as the SVG outputs draw it (DejaVu Sans, the first font they name), so that
/// layouts can keep every text inside the drawing and wrap what does not fit.
///
/// Advance widths are DejaVu Sans 2.37's and DejaVu Sans Bold's, in units of 1/2048 em, read
/// from the fonts' `hmtx` tables (Debian's fonts-dejavu-core, with fontTools) for ASCII 32–126
/// and the few other characters the outputs write; a letter with diacritics counts as its base
/// letter, anything else as the widest Latin letter (`M`/`W`), so estimates err on the wide
/// side for scripts the table lacks. O(n).
public enum TextMetrics {
    static let regular: [Int] = [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303,
        1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178,
        1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251,
        1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995,
        1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ]
    static let bold: [Int] = [
        713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425,
        1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399,
        1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483,
        1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134,
        1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
    ]
    /// Other characters the outputs write: (regular, bold).
    static let extra: [Character: (Int, Int)] = [
        "·": (651, 778), "−": (1716, 1716), "–": (1024, 1024), "—": (2048, 2048), "…": (2048, 2048), "²": (821, 897),
        "’": (651, 778), "‘": (651, 778), "ʿ": (629, 750), "ʾ": (629, 750), "°": (1024, 1024), "×": (1716, 1716),
        "→": (1716, 1716), "≈": (1716, 1716),
    ]

    /// The advance of one character in 1/2048 em.
    static func advance(_ ch: Character, bold isBold: Bool) -> Int {
        if let a = ch.asciiValue, a >= 32, a < 127 { return (isBold ? bold : regular)[Int(a) - 32] }
        if let e = extra[ch] { return isBold ? e.1 : e.0 }
        // A letter with diacritics: its base letter.
        if let base = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII,
           base.value >= 32, base.value < 127 {
            return (isBold ? bold : regular)[Int(base.value) - 32]
        }
        return isBold ? 2259 : 2025
    }

    /// The width of `text` in pixels at `size` px. O(n).
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.reduce(0) { $0 + advance($1, bold: bold) }) * size / 2048
    }

    /// `text` broken into lines at most `maxWidth` wide, at spaces; a word wider than a line
    /// is cut and ends with "…". Never returns an empty list (at least one, possibly empty, line). O(n).
    public static func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> [String] {
        var lines = [String](), line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(candidate, size: size, bold: bold) <= maxWidth {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = width(word, size: size, bold: bold) <= maxWidth ? word : truncate(word, size: size, bold: bold, maxWidth: maxWidth)
        }
        lines.append(line)
        return lines
    }

    /// `text`, or as much of it as fits in `maxWidth` followed by "…". O(n).
    public static func truncate(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> String {
        guard width(text, size: size, bold: bold) > maxWidth else { return text }
        var out = ""
        let ellipsis = width("…", size: size, bold: bold)
        for ch in text {
            if width(out + String(ch), size: size, bold: bold) + ellipsis > maxWidth { break }
            out.append(ch)
        }
        return out + "…"
    }
}
