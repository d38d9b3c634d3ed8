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

    /// The same characters as scalars (each is one scalar in normalization form D).
    private static let droppedScalars: Set<Unicode.Scalar> = Set(dropped.map { $0.unicodeScalars.first! })

    /// The words of a name, folded: lower case, no diacritics, no apostrophes, a final
    /// `ah` shortened to `a` (Raqqah → raqqa). O(n).
    ///
    /// An ASCII name is folded byte by byte. Otherwise the name is decomposed (NFD) and each
    /// character folded: its marks (nonspacing, modifier letters and symbols) dropped, then
    /// lower-cased; a character that folds to letters or digits is kept, any other is a word
    /// break. Characters of one scalar after their marks are dropped (nearly all) take a
    /// direct path; the others go through `String`'s own lower-casing.
    public static func words(_ name: String) -> [String] {
        if let ascii = asciiWords(name) { return ascii }
        let decomposed = name.decomposedStringWithCanonicalMapping
        var cleaned = ""
        cleaned.reserveCapacity(decomposed.utf8.count)
        for ch in decomposed {
            let scalars = ch.unicodeScalars
            var kept: Unicode.Scalar?, keptCount = 0, count = 0
            for scalar in scalars {
                count += 1
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .modifierLetter, .modifierSymbol: continue
                default: kept = scalar; keptCount += 1
                }
            }
            if count == 1, let only = scalars.first, droppedScalars.contains(only) { continue }
            if keptCount == 0 { continue }
            if keptCount == 1, let kept {
                let lower = kept.properties.lowercaseMapping
                var iterator = lower.unicodeScalars.makeIterator()
                if let first = iterator.next(), iterator.next() == nil {
                    let c = Character(first)
                    if c.isLetter || c.isNumber { cleaned.unicodeScalars.append(first) } else { cleaned += " " }
                    continue
                }
            }
            let filtered = scalars.filter {
                $0.properties.generalCategory != .nonspacingMark && $0.properties.generalCategory != .modifierLetter
                    && $0.properties.generalCategory != .modifierSymbol
            }
            let folded = String(String.UnicodeScalarView(filtered)).lowercased()
            cleaned += folded.allSatisfy({ $0.isLetter || $0.isNumber }) ? folded : " "
        }
        return cleaned.split(separator: " ").map { word in
            word.count > 3 && word.hasSuffix("ah") ? String(word.dropLast()) : String(word)
        }
    }

    /// `words(_:)` of an all-ASCII name, byte by byte (nil when the name is not ASCII): letters
    /// lower-cased, digits kept, `'`, `` ` `` and `^` dropped, anything else a word break.
    private static func asciiWords(_ name: String) -> [String]? {
        var words = [String](), word = [UInt8]()
        func flush() {
            guard !word.isEmpty else { return }
            if word.count > 3, word[word.count - 2] == 0x61, word[word.count - 1] == 0x68 { word.removeLast() }  // ah → a
            words.append(String(decoding: word, as: UTF8.self))
            word.removeAll(keepingCapacity: true)
        }
        for byte in name.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x41...0x5A: word.append(byte + 0x20)  // A–Z
            case 0x61...0x7A, 0x30...0x39: word.append(byte)  // a–z, 0–9
            case 0x27, 0x60, 0x5E: continue  // ' ` ^ (dropped or a modifier symbol)
            default: flush()
            }
        }
        flush()
        return words
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
        keys(name).withoutArticle
    }

    /// Both keys of a name from one folding: `key(_:)` and `keyWithoutArticle(_:)`. O(n).
    public static func keys(_ name: String) -> (key: String, withoutArticle: String?) {
        let w = words(name)
        let withoutArticle = w.count > 1 && articles.contains(w[0]) ? w.dropFirst().joined() : nil
        return (w.joined(), withoutArticle)
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
