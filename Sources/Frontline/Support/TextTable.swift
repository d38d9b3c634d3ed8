/// Reads tab-separated text with a header line into rows keyed by column name.
struct TSV {
    let header: [String]
    /// Each row with its 1-based line number in the file.
    let rows: [(line: Int, fields: [String])]

    init(text: String, file: String, required: [String]) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let first = lines.first else { throw DataError(file: file, line: nil, message: "the file is empty") }
        header = first.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        for name in required where !header.contains(name) {
            throw DataError(file: file, line: 1, message: "missing column '\(name)'")
        }
        var rows = [(line: Int, fields: [String])]()
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw DataError(file: file, line: i + 1,
                                message: "expected \(header.count) tab-separated fields, found \(fields.count)")
            }
            rows.append((i + 1, fields))
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
