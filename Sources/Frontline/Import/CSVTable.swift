import Foundation

/// A delimited text table as spreadsheets and ACLED's export tool write it (RFC 4180): a
/// header row, then records; fields optionally in double quotes, a quote inside a quoted field
/// doubled, line breaks allowed inside quoted fields; `\n` or `\r\n` line ends; a UTF-8 byte
/// order mark ignored. The delimiter (comma, semicolon or tab) is the one the header line uses most.
public struct CSVTable: Sendable {
    /// One record: its fields and the line of the file it starts on (1-based; the header is line 1).
    public struct Record: Sendable {
        public let fields: [String]
        public let line: Int
    }

    /// The header's column names, trimmed.
    public let header: [String]
    public let records: [Record]
    public let delimiter: Character

    /// Parses `text`; `file` names it in errors. Throws a `DataError` for an empty file, a
    /// quote left open, or a record with more fields than the header. Records with fewer fields
    /// (a trailing empty column dropped) are padded with empty fields; blank lines are skipped. O(n).
    public init(text: String, file: String) throws {
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        guard let headerEnd = text.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? Optional(text.endIndex),
              !text[..<headerEnd].trimmingCharacters(in: .whitespaces).isEmpty
        else { throw DataError(file: file, line: 1, message: "the file is empty (expected a header row)") }
        let headerLine = text[..<headerEnd]
        let counts: [(Character, Int)] = [",", ";", "\t"].map { d in (d, headerLine.filter { $0 == d }.count) }
        delimiter = counts.max { $0.1 < $1.1 }!.1 > 0 ? counts.max { $0.1 < $1.1 }!.0 : ","

        var rows = [Record]()
        var fields = [String](), field = "", quoted = false, fieldWasQuoted = false
        var line = 1, recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Record(fields: fields, line: recordLine))
            }
            fields = []; field = ""; fieldWasQuoted = false
        }
        while let ch = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                quoted = true; fieldWasQuoted = true
            case delimiter:
                fields.append(field); field = ""; fieldWasQuoted = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(ch)
            }
        }
        if quoted { throw DataError(file: file, line: recordLine, message: "a quoted field is not closed (a '\"' is missing)") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let first = rows.first else { throw DataError(file: file, line: 1, message: "the file is empty (expected a header row)") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var records = [Record]()
        for r in rows.dropFirst() {
            if r.fields.count > header.count {
                throw DataError(file: file, line: r.line,
                                message: "the record has \(r.fields.count) fields; the header has \(header.count) columns")
            }
            records.append(r.fields.count == header.count ? r
                           : Record(fields: r.fields + Array(repeating: "", count: header.count - r.fields.count), line: r.line))
        }
        self.records = records
    }

    /// The index of the column named `name` (case-insensitive), or nil.
    public func column(_ name: String) -> Int? {
        header.firstIndex { $0.lowercased() == name.lowercased() }
    }
}
