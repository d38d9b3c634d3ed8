/// One problem found in a scenario: where it is and what is wrong.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let file: String
    public let line: Int?
    public let severity: Severity
    public let message: String

    public init(file: String, line: Int?, severity: Severity = .error, _ message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message)"
    }

    /// `text` for quoting in a message: at most `limit` characters (then `…`), control
    /// characters shown as `?`, so one message stays one short line whatever the input.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        var out = ""
        for (k, ch) in text.enumerated() {
            if k == limit { out += "…"; break }
            out.append(ch.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "?" : ch)
        }
        return out
    }
}

/// A scenario that cannot be used, with every problem found in it.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
