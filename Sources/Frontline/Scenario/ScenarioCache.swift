import Foundation

/// Keeps what `ScenarioParser.read(path:)` made of a scenario file — the scenario and every
/// diagnostic — in the cache directory (`CacheDirectory`), so a command does not
/// compose the YAML again while neither the file nor Frontline changes: reading the shipped
/// scenario back takes well under a millisecond (`ScenarioCodec`), composing it with Yams
/// about 17.
///
/// - **One slot per scenario path** (`scenario-<digest of the path>.bin`), rewritten whenever
///   its key no longer matches, so editing a scenario does not pile up files.
/// - **Key**: the path as given, what else the parse depends on
///   (`variant`: the countries the region may name), the size and digest of the text, and
///   the identity of the running executable (its size, modification time and inode): a rebuilt
///   Frontline (a changed parser) never reads what an older one wrote.
/// - **Binary**: `CacheDirectory`'s frame (magic, this format's version, the key, a checksum),
///   then every field of the scenario and the diagnostics (`ScenarioCodec`). A field added to
///   the scenario's types must be added to the codec too (the round-trip test fails otherwise).
/// - Written atomically, best effort; anything that does not check or decode is parsed again. The 32
///   most recently used slots are kept (`CacheDirectory.retention`), so temporary paths do
///   not pile up.
enum ScenarioCache {
    static let formatVersion: UInt32 = 3
    private static let magic: [UInt8] = Array("FLSC".utf8)

    /// What `parse` makes of `text`, read from the cache in `directory` when it holds it for
    /// this path, text and executable; otherwise parsed and written there.
    static func read(_ text: String, path: String, variant: String = "", in directory: URL?,
                     parse: () -> (Scenario?, [Diagnostic])) -> (Scenario?, [Diagnostic]) {
        guard let directory, let executable = executableIdentity() else { return parse() }
        var digest = Digest()
        digest.add(text)
        let key = "frontline scenario; path \(path); \(variant); text \(text.utf8.count) \(digest.hex); executable \(executable)"
        let url = CacheDirectory.file("scenario", for: path, in: directory)
        if var r = CacheDirectory.read(magic: magic, version: formatVersion, key: key, from: url),
           let entry = ScenarioCodec.decode(&r) {
            return entry
        }
        let result = parse()
        CacheDirectory.write(ScenarioCodec.encode(result.0, result.1), magic: magic, version: formatVersion, key: key, to: url)
        return result
    }

    /// The running executable's size, modification time and inode (Linux: `/proc/self/exe`),
    /// or nil when it cannot be told (then nothing is cached).
    static func executableIdentity() -> String? {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }
}
