import Foundation

/// Where Frontline keeps what it derives from its inputs, so that the next command need not
/// derive it again — the partition (`PartitionCache`), Geo/ as read (`GeoDataCache`), each
/// scenario as parsed (`ScenarioCache`) — and the file layout those caches share.
///
/// - **Where**: `$FRONTLINE_CACHE` if set (`off` disables the cache), else
///   `$XDG_CACHE_HOME/frontline`, else `~/.cache/frontline`; never the repository.
/// - **Files**: `KIND-<digest>.bin`, holding the cache's magic, its format version, the full key
///   (not only its digest), a checksum of the body, then the body. A file whose frame does not
///   check is not read; its cache rebuilds and rewrites it.
/// - **Safe with several processes**: each writes a temporary file of its own and renames it
///   over the target in one step, so a reader sees a whole file or none.
/// - **Bounded**: the most recently used files of each kind are kept (`retention`), the rest
///   removed when a new one is written.
public enum CacheDirectory {
    /// The cache directory, or nil when disabled (`FRONTLINE_CACHE=off`).
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let value = environment["FRONTLINE_CACHE"], !value.isEmpty {
            return value == "off" ? nil : URL(fileURLWithPath: value)
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("frontline")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/frontline")
    }

    /// The file of `kind` (`partition`, `geodata`, `scenario`) named by the digest of `name`
    /// (a cache's key, or what else it keeps one slot for).
    static func file(_ kind: String, for name: String, in directory: URL) -> URL {
        var d = Digest()
        d.add(name)
        return directory.appendingPathComponent("\(kind)-\(d.hex).bin")
    }

    // MARK: Framed files

    /// Writes `body` to `url` framed by `magic`, `version`, `key` and the body's checksum
    /// (best effort, see `writeAtomically`). O(bytes).
    static func write(_ body: Data, magic: [UInt8], version: UInt32, key: String, to url: URL) {
        var out = BinaryWriter()
        out.bytes(magic)
        out.u32(version)
        out.string(key)
        var check = Digest()
        check.add(body)
        out.string(check.hex)
        out.data.append(body)
        writeAtomically(out.data, to: url)
    }

    /// The body of the file at `url`, positioned after the frame, when the file exists and its
    /// magic, version, key and checksum are these; nil otherwise. A file read is marked used
    /// (`markUsed`). O(bytes).
    static func read(magic: [UInt8], version: UInt32, key: String, from url: URL) -> BinaryReader? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var r = BinaryReader(data)
        guard r.bytes(magic.count) == magic, r.u32() == version, r.string() == key, let sum = r.string() else { return nil }
        var check = Digest()
        r.bytes.withUnsafeBytes { check.add(UnsafeRawBufferPointer(rebasing: $0[r.offset...])) }
        guard check.hex == sum else { return nil }
        markUsed(url)
        return r
    }

    /// Writes a cache file: a temporary file of this process renamed over `url` in one step,
    /// so a reader sees a whole file or none; then prunes the files of its kind. Best effort:
    /// a read-only or full cache directory only costs the next command a rebuild.
    static func writeAtomically(_ data: Data, to url: URL) {
        do {
            // OutputTarget: a temporary file renamed over the target, removed on an error or a
            // signal (and, if a run was killed, by the next one).
            // (Not AtomicFile, which `--profile` counts as the command's output.)
            let out = try OutputTarget.open(url.path)
            try out.write(data)
            try out.finish()
        } catch {
            // A read-only or full cache directory only costs the next command a rebuild; so does
            // another thread of this process writing the same file at the same moment.
        }
        prune(url.deletingLastPathComponent(), kind: kind(of: url.lastPathComponent))
    }

    // MARK: Size

    /// How many files of each kind (`partition-`, `geodata-`, `scenario-`) the cache directory
    /// keeps: the most recently used; older ones are removed when a new one is written. A
    /// partition file is about 0.8 MB, Geo/'s 0.7 MB, a scenario's up to its text's size, so
    /// the directory stays under about 30 MB however many Geo/ versions, scenarios and
    /// temporary paths it has seen.
    static let retention = ["partition-": 8, "geodata-": 4, "scenario-": 32]

    /// The kind of a cache file: its name up to the first `-` included.
    static func kind(of name: String) -> String {
        name.firstIndex(of: "-").map { String(name[...$0]) } ?? name
    }

    /// Marks a cache file used now (its modification time), so that pruning keeps what is read
    /// and drops what is not. Best effort.
    static func markUsed(_ url: URL) {
        _ = utimes(url.path, nil)
    }

    /// Removes the files of `kind` beyond the `retention` most recently used (modification
    /// time) from `directory`. Temporary files (names starting with `.`) are left to their
    /// writers. Another process reading a removed file keeps what it opened; one looking for
    /// it rebuilds it. Best effort. O(files in the directory).
    static func prune(_ directory: URL, kind: String) {
        guard let keep = retention[kind],
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        var files = [(name: String, modified: Double)]()
        for name in names where name.hasPrefix(kind) {
            var info = stat()
            guard stat(directory.appendingPathComponent(name).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            files.append((name, Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9))
        }
        guard files.count > keep else { return }
        files.sort { ($0.modified, $0.name) > ($1.modified, $1.name) }
        for file in files[keep...] { try? FileManager.default.removeItem(at: directory.appendingPathComponent(file.name)) }
    }
}
