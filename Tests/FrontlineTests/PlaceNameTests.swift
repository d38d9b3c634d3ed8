import Foundation
import Testing
@testable import Frontline

/// `PlaceName.words` folds ASCII names byte by byte and most other characters through one
/// scalar; these tests hold it to the previous, character-by-character implementation.
@Suite("Place name folding")
struct PlaceNameTests {
    /// The previous implementation of `PlaceName.words(_:)`.
    static func referenceWords(_ name: String) -> [String] {
        let decomposed = name.decomposedStringWithCanonicalMapping
        var cleaned = ""
        for ch in decomposed {
            if PlaceName.dropped.contains(ch) { continue }
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

    static let tricky = [
        "", " ", "Deir ez-Zor", "Ar-Raqqah", "‘Ayn al ‘Arab", "Kobanî", "Sinjār", "al-Tabqa", "AL-TABQAH", "Ḩalab",
        "Qal‘at Sim‘ān", "D'ayr", "a^b", "x`y", "Tall ʿAbbās", "ʾIdlib", "Zawîte", "zawytە", "زاويتة", "Дейр-эз-Зор",
        "İstanbul", "Straße", "ﬁ ligature", "½ and ² and ٣", "\r\n", "tab\there", "İİİ", "ǅemal", "ΌΣΟΣ", "x\u{200C}y",
        "e\u{301}\u{302}", "\u{301}start", "a\u{20DD}", "1st 2ndah", "Hah", "Bahah", "BAHAH", "ah ah", "٣٤", "𝐀𝐁",
    ]

    @Test("Folding equals the previous implementation on every gazetteer name and tricky strings")
    func equalsReference() {
        var names = Self.tricky
        for place in Fixtures.geo.gazetteer.places { names += [place.name, place.asciiName] + place.alternateNames }
        let mismatches = names.filter { PlaceName.words($0) != Self.referenceWords($0) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { "\($0): \(PlaceName.words($0)) vs \(Self.referenceWords($0))" })")
        #expect(names.count > 7_000)
    }

    /// The one-scalar path uses `lowercaseMapping` where the previous code called
    /// `String.lowercased()`: the same for every scalar of the Basic and Supplementary
    /// Multilingual Planes.
    @Test("A scalar's lowercaseMapping is String.lowercased() of it")
    func lowercaseMapping() {
        var differing = [UInt32]()
        for value in UInt32(0)...0x1_FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.lowercaseMapping != String(scalar).lowercased() { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test("keys(_:) gives key and keyWithoutArticle from one folding")
    func keys() {
        #expect(PlaceName.keys("Al-Tabqah") == ("altabqa", "tabqa"))
        #expect(PlaceName.keys("Deir ez-Zor") == ("deirezzor", nil))
        #expect(PlaceName.key("ʿAyn al-ʿArab") == "aynalarab")
    }
}
