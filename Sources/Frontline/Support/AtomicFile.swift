import Foundation

/// Writes files so that a failure never leaves a half-written file behind: the data goes to
/// a temporary file in the same directory, which then replaces the target in one rename
/// (an existing target is replaced, never removed first).
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes `data` to `url` the same way.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temp)
            // rename(2) replaces an existing target in one step. (FileManager.replaceItemAt
            // on Linux removed the existing target and then failed, losing the file.)
            guard rename(temp.path, url.path) == 0 else {
                throw DataError(file: url.path, line: nil, message: "cannot write: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }
}
