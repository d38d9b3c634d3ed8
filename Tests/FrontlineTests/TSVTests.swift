import Foundation
import Testing
@testable import Frontline

/// The tab-separated files of Geo/ (places, aliases, governorate names).
@Suite("TSV")
struct TSVTests {
    static let lf = "id\tname\n# a comment\n1\tRaqqa\n\n2\tAr Raqqah\n"

    @Test("CRLF line endings read as LF (\"\\r\\n\" is one Character in Swift: a split at \"\\n\" missed it)")
    func crlf() throws {
        let unix = try TSV(text: Self.lf, file: "lf.tsv", required: ["id", "name"])
        let windows = try TSV(text: Self.lf.replacingOccurrences(of: "\n", with: "\r\n"), file: "crlf.tsv", required: ["id", "name"])
        #expect(windows.header == ["id", "name"])
        #expect(windows.rows.map(\.fields) == [["1", "Raqqa"], ["2", "Ar Raqqah"]])
        #expect(windows.rows.map(\.line) == [3, 5])
        #expect(windows.header == unix.header && windows.rows.map(\.fields) == unix.rows.map(\.fields))
        #expect(windows.rows.map(\.line) == unix.rows.map(\.line))
    }

    @Test("Fields keep what is not a line ending: empty fields, a CR inside a line, non-ASCII text")
    func fields() throws {
        let tsv = try TSV(text: "a\tb\tc\r\n\t\t\r\nx\ry\tالرقة\tz", file: "t.tsv", required: ["a"])
        #expect(tsv.rows.map(\.fields) == [["", "", ""], ["x\ry", "الرقة", "z"]])
    }

    @Test("Errors: an empty file, a missing column, a row with the wrong number of fields (with its line)")
    func errors() {
        for text in ["", "\n\r\n", "\r\n"] {
            #expect(throws: DataError.self) { try TSV(text: text, file: "e.tsv", required: []) }
        }
        #expect((try? TSV(text: "id\r\n1\r\n", file: "m.tsv", required: ["name"])) == nil)
        do {
            _ = try TSV(text: "id\tname\r\n1\tA\r\n2\r\n", file: "w.tsv", required: ["id"])
            Issue.record("a short row was accepted")
        } catch let error as DataError {
            #expect(error.line == 3)
        } catch { Issue.record("\(error)") }
    }

    @Test("Geo/'s gazetteer reads the same from CRLF files")
    func gazetteerCRLF() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["places.tsv", "aliases.tsv", "governorate-names.tsv"] {
            let text = try String(contentsOf: Fixtures.geoDirectory.appendingPathComponent(name), encoding: .utf8)
            try text.replacingOccurrences(of: "\n", with: "\r\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let crlf = try Gazetteer(directory: dir), lf = try Gazetteer(directory: Fixtures.geoDirectory)
        #expect(crlf.places == lf.places)
        #expect(try crlf.resolve("Shingal") == lf.resolve("Shingal"))
        #expect(crlf.governorateCode("Deir Ezzor") == lf.governorateCode("Deir Ezzor"))
    }
}
