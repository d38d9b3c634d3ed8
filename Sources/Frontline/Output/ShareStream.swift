/// `ShareRenderer.render` one report at a time: the pieces, written in order, are the same
/// bytes `render(allReports, as: format)` gives, so a timeline of millions of dates is
/// written as it is computed and never held whole in memory.
///
/// Built on `render` itself (one report per call), so it follows any change of the formats.
public struct ShareStream: Sendable {
    public let format: ShareFormat
    /// How many reports will be given (JSON writes a single report as an object, not an array).
    public let count: Int
    private var index = 0

    public init(format: ShareFormat, count: Int) {
        self.format = format
        self.count = count
    }

    /// The text for the next report. O(factions).
    public mutating func next(_ report: ShareReport) -> String {
        defer { index += 1 }
        let one = ShareRenderer.render([report], as: format)
        switch format {
        case .json:
            if count == 1 { return one }
            return (index == 0 ? "[\n  " : ",\n  ") + ShareRenderer.json(report)
        case .csv:
            // Every piece after the first without the header line.
            guard index > 0, let newline = one.firstIndex(of: "\n") else { return one }
            return String(one[one.index(after: newline)...])
        case .table:
            return index == 0 ? one : "\n" + one
        }
    }

    /// The text after the last report.
    public func end() -> String {
        if count == 0 { return ShareRenderer.render([], as: format) }
        return format == .json && count > 1 ? "\n]\n" : ""
    }
}
