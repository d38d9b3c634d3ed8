import Foundation

/// Writes a whole file so that a failure never leaves a half-written file behind: the data
/// goes to a temporary file in the same directory, which then replaces the target in one
/// rename (an existing target is replaced, never removed first). Symbolic links are followed
/// and devices written directly: see `OutputTarget`, which does the work.
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        let span = Profile.start(.write)
        defer { span.end() }
        let out = try OutputTarget.open(url.path)
        try out.write(text)
        try out.finish()
    }

    /// Writes `data` to `url` the same way.
    public static func write(_ data: Data, to url: URL) throws {
        let span = Profile.start(.write)
        defer { span.end() }
        let out = try OutputTarget.open(url.path)
        try out.write(data)
        try out.finish()
    }
}
