import Foundation

/// How Frontline compares place names: the way reports spell them differ in case,
/// diacritics, hyphens, apostrophes, a leading Arabic article and a final `-ah`/`-a`.
///
/// A name gives one or two *keys*: all its words folded and joined (`Deir ez-Zor` →
/// `deirezzor`, so `Deir Ezzor` matches), and, when it starts with an article
/// (`al`, `el`, `ar`, `ad`, …), the same without it (`Al-Tabqa` → `tabqa`).
public enum PlaceName {
    /// The Arabic definite article in its transliterated, assimilated forms.
    static let articles: Set<String> = ["al", "el", "il", "ul", "ad", "adh", "an", "ar", "as", "ash", "at",
                                        "ath", "az", "ed", "en", "er", "es", "et", "ez"]

    /// Characters dropped outright (apostrophes, ayin and hamza marks, backticks).
    static let dropped: Set<Character> = ["'", "’", "‘", "`", "´", "ʿ", "ʾ", "ʻ", "ʼ", "′"]

    /// The words of a name, folded: lower case, no diacritics, no apostrophes, a final
    /// `ah` shortened to `a` (Raqqah → raqqa). O(n).
    public static func words(_ name: String) -> [String] {
        let decomposed = name.decomposedStringWithCanonicalMapping
        var cleaned = ""
        cleaned.reserveCapacity(decomposed.utf8.count)
        for ch in decomposed {
            if dropped.contains(ch) { continue }
            let scalars = ch.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark && $0.properties.generalCategory != .modifierLetter
                    && $0.properties.generalCategory != .modifierSymbol
            }
            let folded = String(String.UnicodeScalarView(scalars)).lowercased()
            if folded.isEmpty { continue }
            cleaned += folded.allSatisfy({ $0.isLetter || $0.isNumber }) ? folded : " "
        }
        return cleaned.split(separator: " ").map { word in
            word.count > 3 && word.hasSuffix("ah") ? String(word.dropLast()) : String(word)
        }
    }

    /// The name folded to ASCII for display: diacritics and apostrophes dropped, case and
    /// spaces kept (`Ḩammām al ‘Alīl` → `Hammam al Alil`). O(n).
    public static func ascii(_ name: String) -> String {
        var result = ""
        for ch in name.decomposedStringWithCanonicalMapping where !dropped.contains(ch) {
            let kept = ch.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
            result += String(String.UnicodeScalarView(kept))
        }
        return result
    }

    /// The exact key of a name: its folded words joined. O(n).
    public static func key(_ name: String) -> String { words(name).joined() }

    /// The key without a leading article, or nil when the name has none. O(n).
    public static func keyWithoutArticle(_ name: String) -> String? {
        let w = words(name)
        guard w.count > 1, articles.contains(w[0]) else { return nil }
        return w.dropFirst().joined()
    }

    /// Levenshtein distance between two keys, stopping early past `limit`. O(n·m).
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
