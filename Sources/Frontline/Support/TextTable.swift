/// Reads tab-separated text with a header line into rows keyed by column name.
struct TSV {
    let header: [String]
    /// Each row with its 1-based line number in the file.
    let rows: [(line: Int, fields: [String])]

    /// Splits `text` into lines at LF, a CR before it dropped (CRLF files read as LF files;
    /// in Swift "\r\n" is one Character, so splitting Characters at "\n" would miss it), and
    /// lines into fields at tabs, on the UTF-8 bytes. Empty lines and lines starting with `#`
    /// are skipped. O(bytes).
    init(text: String, file: String, required: [String]) throws {
        var text = text
        var lines = [(line: Int, fields: [String])]()
        var hasContent = false
        text.withUTF8 { bytes in
            var lineStart = 0, number = 0
            while lineStart < bytes.count {
                number += 1
                var end = lineStart
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let next = end + 1
                if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
                hasContent = hasContent || end > lineStart
                // The header, and every line that is neither empty nor a # comment.
                if number == 1 || (end > lineStart && bytes[lineStart] != 0x23) {
                    var fields = [String](), fieldStart = lineStart
                    for i in lineStart...end where i == end || bytes[i] == 0x09 {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                        fieldStart = i + 1
                    }
                    lines.append((number, fields))
                }
                lineStart = next
            }
        }
        guard hasContent, let first = lines.first?.fields else { throw DataError(file: file, line: nil, message: "the file is empty") }
        header = first
        for name in required where !header.contains(name) {
            throw DataError(file: file, line: 1, message: "missing column '\(name)'")
        }
        var rows = [(line: Int, fields: [String])]()
        rows.reserveCapacity(lines.count - 1)
        for (line, fields) in lines.dropFirst() {
            guard fields.count == header.count else {
                throw DataError(file: file, line: line,
                                message: "expected \(header.count) tab-separated fields, found \(fields.count)")
            }
            rows.append((line, fields))
        }
        self.rows = rows
    }

    func column(_ name: String) -> Int { header.firstIndex(of: name)! }
}

/// A problem in one of Frontline's data files (gazetteer, boundaries), with its place.
public struct DataError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
