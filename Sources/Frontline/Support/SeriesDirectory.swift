import Foundation

/// A directory of files written by one run (a `replay` series: one GeoJSON per date and
/// `index.json`) that is consistent at every instant: readers see the previous complete
/// series or the new complete series, never a mixture, and a killed run changes nothing.
///
/// The files are written into a staging directory beside the target
/// (`.<name>.frontline-<pid>.tmp`), each synced to disk; `commit()` then swaps the staging
/// directory with the target in one `renameat2(RENAME_EXCHANGE)` (or renames it into place
/// when the target does not exist) and removes the old series. Where the file system cannot
/// exchange (EINVAL), the old directory is renamed aside first: for a moment the target does
/// not exist, but it is never partly written.
///
/// An existing target may hold only what such a run writes (for a series `index.json`,
/// `*.geojson`; for the viewer its page's files; and Frontline's temporary files): a directory
/// with other files is refused rather than replaced.
public final class SeriesDirectory {
    /// The directory as given.
    public let path: String
    /// The directory after following symbolic links: where the series ends up.
    let final: String
    let staging: String
    /// Files written so far, in order.
    public private(set) var files = [String]()
    /// What is written, in messages: "series", "site".
    let kind: String
    private var committed = false

    /// Prepares to write the series to `path`: checks that it can be replaced (every entry of
    /// an existing directory passes `owns`, else it is refused), creates its parent directories
    /// and the staging directory. O(entries of an existing target).
    public init(_ path: String, kind: String = "series", owns: (String) -> Bool = SeriesDirectory.isSeriesFile) throws {
        self.path = path
        self.kind = kind
        guard !path.isEmpty else { throw FileError("write", "''", code: ENOENT, detail: "the output path is empty") }
        final = try FilePaths.resolvingSymlinks(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
        var info = stat()
        if stat(final, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FileError("write the \(kind) to", path, code: 0, detail: "it is a file; a \(kind) needs a directory")
            }
            let foreign = FilePaths.entries(of: final).filter { !owns($0) && !Self.isTemporary($0) }.sorted()
            guard foreign.isEmpty else {
                let shown = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
                throw FileError("write the \(kind) to", path, code: 0,
                                detail: "it holds files that are not part of a \(kind) (\(shown)); give a new or empty directory")
            }
        } else if errno != ENOENT {
            throw FileError("write the \(kind) to", path, code: errno)
        }
        let parent = FilePaths.directory(of: final)
        try FilePaths.makeDirectories(parent, for: path)
        TemporaryFiles.removeStale(for: final)
        staging = TemporaryFiles.path(for: final)
        let staging = self.staging
        let made = TemporaryFiles.create(staging) { mkdir(staging, 0o777) == 0 ? 0 : errno }
        guard made == 0 else {
            TemporaryFiles.forget(staging)
            throw FileError("write the \(kind) to", path, code: made,
                            detail: made == EACCES ? "no write permission in \(parent)" : nil)
        }
        // The new series keeps an existing directory's permissions.
        if stat(final, &info) == 0 { _ = chmod(staging, info.st_mode & 0o7777) }
    }

    deinit { if !committed { TemporaryFiles.remove(staging) } }

    /// Whether a name found in an existing target belongs to a `replay` series.
    public static func isSeriesFile(_ name: String) -> Bool {
        name == "index.json" || name.hasSuffix(".geojson")
    }

    /// Frontline's temporary files (a run that was killed).
    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".frontline-") }

    /// A new file at `name` (a relative path: `vendor/leaflet/leaflet.js` creates its
    /// directories) in the directory, to write and `finish()`.
    public func file(_ name: String) throws -> OutputTarget {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        precondition(!committed && !parts.isEmpty && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }, "bad name \(name)")
        var directory = staging
        for part in parts.dropLast() {
            directory += "/" + part
            let made = TemporaryFiles.whileLocked { mkdir(directory, 0o777) == 0 ? 0 : errno }
            if made != 0 && made != EEXIST { throw FileError("write", path + "/" + name, code: made) }
        }
        files.append(name)
        return try OutputTarget.create(staging + "/" + name, name: path + "/" + name)
    }

    /// Writes the file `name` with `text` in one go.
    public func write(_ name: String, _ text: String) throws {
        let out = try file(name)
        try out.write(text)
        try out.finish()
    }

    /// Writes the file `name` with `data` in one go.
    public func write(_ name: String, _ data: Data) throws {
        let out = try file(name)
        try out.write(data)
        try out.finish()
    }

    /// Puts the series in place of the target in one step and removes the previous series.
    public func commit() throws {
        precondition(!committed)
        FilePaths.syncDirectory(staging)
        var info = stat()
        if stat(final, &info) != 0 {
            guard rename(staging, final) == 0 else { throw FileError("write the \(kind) to", path, code: errno) }
        } else if let exchange = Self.renameExchange, exchange(AT_FDCWD, staging, AT_FDCWD, final, 2 /* RENAME_EXCHANGE */) == 0 {
            // The staging name now holds the previous series.
        } else {
            // No atomic exchange here: move the old series aside, then the new one in.
            let aside = staging + ".old"
            guard rename(final, aside) == 0 else { throw FileError("write the \(kind) to", path, code: errno) }
            guard rename(staging, final) == 0 else {
                let code = errno
                _ = rename(aside, final)
                throw FileError("write the \(kind) to", path, code: code)
            }
            TemporaryFiles.remove(aside)
        }
        committed = true
        TemporaryFiles.remove(staging)
        FilePaths.syncDirectory(FilePaths.directory(of: final))
    }

    /// glibc's `renameat2` (Linux 3.15+, glibc 2.28+), looked up at run time because Swift's
    /// Glibc module does not declare it; nil where it is missing.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    private static let renameExchange: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
}
