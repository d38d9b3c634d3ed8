import Foundation
import Synchronization

/// Where a command's output goes, written as it is produced (never whole in memory):
///
/// - `-`, nil, `/dev/stdout` (and `/dev/fd/1`, `/proc/self/fd/1`): standard output;
/// - a regular file, new or existing: a temporary file beside it, renamed over it once
///   complete (`rename(2)`: a reader sees the old file or the new one, never a part). An
///   existing file keeps its permissions. A symbolic link is followed, so the file it points
///   to is replaced and the link stays; missing parent directories are created;
/// - a device, FIFO or socket (`/dev/null`, `/dev/full`, a named pipe): written directly,
///   never replaced by a regular file.
///
/// Every write loops over short writes (Linux writes at most 2,147,479,552 bytes per call)
/// and `EINTR`. Errors are `FileError`s with a plain sentence; a closed pipe on standard
/// output is `BrokenPipe`. A target abandoned (by an error, or dropped without `finish()`)
/// removes its temporary file; so do SIGINT, SIGTERM and SIGHUP (see `TemporaryFiles`).
public final class OutputTarget {
    public enum Kind: Equatable, Sendable {
        case standardOutput
        /// A regular file, replaced by renaming `temporary` over `final` (the path after
        /// following symbolic links).
        case replacedFile(final: String, temporary: String)
        /// A device, FIFO or socket, or a file in a private staging directory: written in place.
        case direct(String)
    }

    /// The path as given ("standard output" for stdout), for messages.
    public let name: String
    public let kind: Kind
    /// Bytes written so far (including those still buffered).
    public private(set) var byteCount = 0

    private var fd: Int32
    private var buffer = [UInt8]()
    private var finished = false
    private let syncOnFinish: Bool
    static let bufferSize = 1 << 20

    /// Opens the output `path` (nil or `-`: standard output); see the type's description.
    public static func open(_ path: String?) throws -> OutputTarget {
        guard let path, !Self.standardOutputPaths.contains(path) else {
            return OutputTarget(name: "standard output", kind: .standardOutput, fd: STDOUT_FILENO, sync: false)
        }
        if path.isEmpty { throw FileError("write", "''", code: ENOENT, detail: "the output path is empty") }
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw FileError("write", path, code: 0, detail: "it is a directory; give a file name")
            case S_IFREG:
                break
            default:
                // A device, FIFO or socket: write to it as it is.
                let fd = Foundation.open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw FileError("write", path, code: errno) }
                return OutputTarget(name: path, kind: .direct(path), fd: fd, sync: false)
            }
        }
        let final = try FilePaths.resolvingSymlinks(path)
        let directory = FilePaths.directory(of: final)
        try FilePaths.makeDirectories(directory, for: path)
        TemporaryFiles.removeStale(for: final)
        let temporary = TemporaryFiles.path(for: final)
        let fd = TemporaryFiles.create(temporary) {
            Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else {
            let code = errno
            TemporaryFiles.forget(temporary)
            throw FileError("write", path, code: code, detail: code == EACCES ? "no write permission in \(directory)" : nil)
        }
        var existing = stat()
        if stat(final, &existing) == 0, existing.st_mode & S_IFMT == S_IFREG {
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
        return OutputTarget(name: path, kind: .replacedFile(final: final, temporary: temporary), fd: fd, sync: true)
    }

    /// A new file at `path` written in place (it must not exist), for files in a staging
    /// directory that is itself renamed into place.
    static func create(_ path: String, name: String) throws -> OutputTarget {
        // Under the temporary-file lock, so a signal's clean-up never races a new file in.
        let fd = TemporaryFiles.whileLocked { Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
        guard fd >= 0 else { throw FileError("write", name, code: errno) }
        return OutputTarget(name: name, kind: .direct(path), fd: fd, sync: true)
    }

    /// The names that mean standard output.
    public static let standardOutputPaths: Set<String> = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]

    private init(name: String, kind: Kind, fd: Int32, sync: Bool) {
        self.name = name
        self.kind = kind
        self.fd = fd
        self.syncOnFinish = sync
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { if !finished { abandon() } }

    /// Appends `text` (UTF-8); writes out whenever 1 MiB is buffered. O(text).
    public func write(_ text: String) throws {
        precondition(!finished, "write after finish")
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        byteCount += text.utf8.count
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends `data`; a block of 1 MiB or more is written straight out, not copied. O(data).
    public func write(_ data: Data) throws {
        precondition(!finished, "write after finish")
        byteCount += data.count
        guard data.count >= Self.bufferSize else {
            buffer.append(contentsOf: data)
            if buffer.count >= Self.bufferSize { try flush() }
            return
        }
        try flush()
        let failure = data.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        if let code = failure { throw error(code) }
    }

    /// Writes out what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let failure = buffer.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if let code = failure { throw error(code) }
    }

    /// Completes the output: writes what is buffered; for a replaced file, syncs it to disk
    /// and renames it over the target. Nothing is left behind when this throws.
    public func finish() throws {
        do { try flush() } catch { abandon(); throw error }
        finished = true
        switch kind {
        case .standardOutput:
            return
        case .direct:
            if syncOnFinish, fsync(fd) != 0, errno != EINVAL { let code = errno; close(fd); throw error(code) }
            guard close(fd) == 0 || errno == EINTR else { throw error(errno) }
        case let .replacedFile(final, temporary):
            defer { TemporaryFiles.remove(temporary) }
            if fsync(fd) != 0, errno != EINVAL { let code = errno; close(fd); throw error(code) }
            guard close(fd) == 0 || errno == EINTR else { throw error(errno) }
            guard rename(temporary, final) == 0 else { throw error(errno) }
            FilePaths.syncDirectory(FilePaths.directory(of: final))
        }
    }

    /// Gives up: closes the file and removes the temporary file (the target is untouched).
    public func abandon() {
        guard !finished else { return }
        finished = true
        buffer.removeAll()
        switch kind {
        case .standardOutput: return
        case .direct: close(fd)
        case .replacedFile(_, let temporary):
            close(fd)
            TemporaryFiles.remove(temporary)
        }
    }

    private func error(_ code: Int32) -> any Error {
        if kind == .standardOutput {
            if code == EPIPE { return BrokenPipe() }
            return FileError("write to", "standard output", code: code)
        }
        return FileError("write", name, code: code)
    }
}

// MARK: - Files another library writes

/// A file written by a library that creates it itself (GDAL writes GeoPackage and FlatGeobuf,
/// which need a seekable file): the library writes `temporary`, beside the target (symbolic
/// links followed), and `commit()` syncs it and renames it over the target, as `OutputTarget`
/// does. Standard output, devices and directories are refused; the temporary file is
/// removed on an error, on `abandon()` and on SIGINT, SIGTERM or SIGHUP.
public struct FileReplacement: Sendable {
    /// The path as given, the file that will be replaced, and the one the library writes.
    public let name: String
    public let final: String
    public let temporary: String

    /// Prepares to replace `path`; `what` names the kind of file in messages ("a GeoPackage").
    /// `suffix` ends the temporary name (GDAL picks drivers by extension).
    public init(_ path: String, what: String, suffix: String = "") throws {
        name = path
        guard !OutputTarget.standardOutputPaths.contains(path) else {
            throw FileError("write", path, code: 0, detail: "\(what) cannot be written to standard output; give a file name")
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw FileError("write", path, code: 0, detail: info.st_mode & S_IFMT == S_IFDIR
                            ? "it is a directory; give a file name" : "\(what) needs a regular file, not a device or pipe")
        }
        final = try FilePaths.resolvingSymlinks(path)
        try FilePaths.makeDirectories(FilePaths.directory(of: final), for: path)
        TemporaryFiles.removeStale(for: final)
        temporary = TemporaryFiles.path(for: final) + suffix
        // Registered before the library creates it (with SQLite's journals beside it), so that
        // a signal removes it.
        for file in [temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm"] {
            TemporaryFiles.create(file) { _ = unlink(file) }
        }
    }

    /// Syncs the finished temporary file to disk and renames it over the target (keeping an
    /// existing target's permissions).
    public func commit() throws {
        defer { abandon() }
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError("write", name, code: errno) }
        var existing = stat()
        if stat(final, &existing) == 0, existing.st_mode & S_IFMT == S_IFREG { _ = fchmod(fd, existing.st_mode & 0o7777) }
        if fsync(fd) != 0, errno != EINVAL { let code = errno; close(fd); throw FileError("write", name, code: code) }
        close(fd)
        guard rename(temporary, final) == 0 else { throw FileError("write", name, code: errno) }
        FilePaths.syncDirectory(FilePaths.directory(of: final))
    }

    /// Removes the temporary file; the target is untouched.
    public func abandon() {
        for file in [temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm"] { TemporaryFiles.remove(file) }
    }
}

// MARK: - Writing all of a buffer

/// Low-level writes to a file descriptor.
enum FileDescriptor {
    /// `write(2)`'s signature, so tests can stand in a system that writes less per call.
    typealias WriteCall = (Int32, UnsafeRawPointer, Int) -> Int

    static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Foundation.write(fd, pointer, count) }

    /// Writes every byte of `bytes` to `fd`: repeats after short writes (Linux writes at most
    /// 0x7ffff000 bytes per call, less to pipes and on signals), retries on `EINTR`, waits
    /// for a non-blocking descriptor to take more. Returns nil, or the `errno` that stopped it.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, write: WriteCall = systemWrite) -> Int32? {
        guard var pointer = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let n = write(fd, pointer, remaining)
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                return code
            }
            if n == 0 { return EIO }
            pointer += n
            remaining -= n
        }
        return nil
    }
}

// MARK: - Paths

enum FilePaths {
    /// The directory part of `path` (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` with symbolic links at its end followed (also dangling ones: the file the link
    /// names is created), at most 40 links deep.
    static func resolvingSymlinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &target, target.count - 1)
            guard n >= 0 else { throw FileError("write", path, code: errno) }
            let link = String(decoding: target[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
        }
        throw FileError("write", path, code: ELOOP)
    }

    /// Creates `directory` and its missing parents (`mkdir -p`). `output` names the output in
    /// messages.
    static func makeDirectories(_ directory: String, for output: String) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FileError("write", output, code: 0, detail: "'\(directory)' is a file, not a directory")
            }
            return
        }
        let code = errno
        // ENOTDIR: a file is in the way higher up; the parent's check names it.
        guard code == ENOENT || code == ENOTDIR else { throw FileError("write", output, code: code) }
        let parent = Self.directory(of: directory)
        if parent != directory { try makeDirectories(parent, for: output) }
        if mkdir(directory, 0o777) != 0, errno != EEXIST {
            throw FileError("create the directory", directory, code: errno)
        }
    }

    /// Asks the system to write `directory`'s entries to disk (after a rename). Best effort.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Removes `path`, and everything under it when it is a directory (symbolic links are
    /// removed, not followed). Best effort.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in entries(of: path) { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// The names in `directory` (without `.` and `..`); empty when it cannot be read.
    static func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names = [String]()
        while let entry = readdir(dir) {
            // d_name in place, up to its NUL: a dirent is only as long as its name (d_reclen),
            // so copying the declared 256-byte array would read past it (AddressSanitizer saw it).
            let name = String(cString: (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

// MARK: - Temporary files

/// The temporary files and staging directories this process has created and not yet renamed
/// into place. They are removed when abandoned, and on SIGINT, SIGTERM or SIGHUP before the
/// process ends by that signal; those a killed (SIGKILL) run left are removed by the next run
/// that writes the same target (`removeStale`).
///
/// Names: `.<target>.frontline-<pid>.tmp`, beside the target.
public enum TemporaryFiles {
    private static let live = Mutex<Set<String>>([])
    private static let handlers = Mutex<Bool>(false)

    /// The temporary name for `target` (a path) in this process.
    static func path(for target: String) -> String {
        let directory = FilePaths.directory(of: target)
        var name = FilePaths.lastComponent(of: target)
        // Keep the temporary name within NAME_MAX (255 bytes).
        while name.utf8.count > 200 { name.removeLast() }
        return (directory == "." ? "" : directory + "/") + ".\(name).frontline-\(getpid()).tmp"
    }

    /// Registers `path` and runs `make` (which creates it) while no signal handler can run,
    /// so a signal never leaves behind a file it did not know about.
    static func create<T>(_ path: String, _ make: () throws -> T) rethrows -> T {
        installSignalHandlers()
        return try live.withLock { paths in
            paths.insert(path)
            return try make()
        }
    }

    /// Runs `body` while no signal handler can remove files (to create a file inside a
    /// tracked staging directory).
    static func whileLocked<T>(_ body: () throws -> T) rethrows -> T {
        try live.withLock { _ in try body() }
    }

    /// Stops tracking `path` (renamed into place, or never created).
    static func forget(_ path: String) {
        _ = live.withLock { $0.remove(path) }
    }

    /// Removes `path` (a file or a directory tree) and stops tracking it.
    static func remove(_ path: String) {
        live.withLock { paths in
            FilePaths.removeTree(path)
            paths.remove(path)
        }
    }

    /// Removes temporary files for `target` left by runs that no longer exist (killed).
    static func removeStale(for target: String) {
        let directory = FilePaths.directory(of: target)
        var name = FilePaths.lastComponent(of: target)
        while name.utf8.count > 200 { name.removeLast() }
        let prefix = ".\(name).frontline-"
        for entry in FilePaths.entries(of: directory) where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            // `.tmp`, `.tmp.old` (a series moved aside), `.tmp.gpkg` and its SQLite journals.
            guard let dot = rest.firstIndex(of: "."), rest[dot...].hasPrefix(".tmp"),
                  let pid = Int32(rest[..<dot]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { FilePaths.removeTree(directory + "/" + entry) }
        }
    }

    /// On SIGINT, SIGTERM and SIGHUP: remove every temporary file, then end by the signal
    /// (exit status 128 + signal, as if not handled). Installed once, when the first
    /// temporary file is created, from the thread that creates it (the CLI's main thread).
    ///
    /// The signals are blocked in that thread (and so in threads it starts) and taken by a
    /// thread waiting in sigwait(2): a plain, deterministic hand-over. (A Dispatch signal
    /// source lost signals under load: the disposition must be SIG_IGN for it, and Linux
    /// discards an ignored signal that the main thread does not block.) A signal the parent
    /// ignores (SIGINT for a background job) stays ignored.
    private static func installSignalHandlers() {
        handlers.withLock { installed in
            guard !installed else { return }
            installed = true
            var set = sigset_t()
            sigemptyset(&set)
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                var previous = sigaction()
                sigaction(sig, nil, &previous)
                if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }  // SIG_IGN
                sigaddset(&set, sig)
            }
            pthread_sigmask(SIG_BLOCK, &set, nil)
            let waited = set
            Thread.detachNewThread {
                var set = waited
                var sig: Int32 = 0
                guard sigwait(&set, &sig) == 0 else { return }
                live.withLock { paths in
                    for path in paths { FilePaths.removeTree(path) }
                    paths.removeAll()
                    // End by the signal itself: default action, unblocked in this thread.
                    signal(sig, SIG_DFL)
                    var one = sigset_t()
                    sigemptyset(&one)
                    sigaddset(&one, sig)
                    pthread_sigmask(SIG_UNBLOCK, &one, nil)
                    raise(sig)
                    _exit(128 + sig)
                }
            }
        }
    }
}
