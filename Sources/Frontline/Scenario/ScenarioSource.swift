import Foundation

/// Reads the bytes of a scenario and turns them into text for the parser, or says in one
/// sentence, with the file and line, why they are not a scenario: a directory, a file too
/// large, an empty file, binary data, text that is not UTF-8.
///
/// `-` (and `/dev/stdin`) reads standard input. A named pipe (FIFO) is read to its end; one
/// with nothing writing to it reads as empty instead of blocking.
public enum ScenarioSource {
    /// The largest scenario read: 32 MiB (the shipped full scenario is 0.2 MiB). Larger input
    /// (or an endless device such as `/dev/zero`) is refused after reading this much.
    public static let maximumBytes = 32 << 20

    /// The name standard input goes by in messages.
    public static let standardInputName = "<stdin>"

    /// The name `path` goes by in messages: `<stdin>` for `-`, else the path as given.
    public static func displayName(_ path: String) -> String { path == "-" ? standardInputName : path }

    /// The text of the scenario at `path` (`-`: standard input), or the problem that stops
    /// it being read. O(size).
    public static func read(path: String) -> Result<String, Diagnostic> {
        let file = displayName(path)
        switch readBytes(path: path, limit: maximumBytes) {
        case .failure(let problem): return .failure(Diagnostic(file: file, line: nil, problem.description))
        case .success(let bytes): return decode(bytes, file: file)
        }
    }

    /// Why bytes could not be read.
    enum ReadProblem: Error, CustomStringConvertible {
        case open(Int32), read(Int32), directory, tooLarge(Int)

        var description: String {
            switch self {
            case .open(let code): return "cannot read the scenario: \(SystemError.sentence(code))"
            case .read(let code): return "cannot read the scenario: \(SystemError.sentence(code))"
            case .directory: return "cannot read the scenario: it is a directory, not a file"
            case .tooLarge(let limit): return "the scenario is larger than \(limit >> 20) MiB; is it the right file?"
            }
        }
    }

    /// Reads at most `limit` bytes of `path` (`-`: standard input), failing when there are more.
    static func readBytes(path: String, limit: Int) -> Result<[UInt8], ReadProblem> {
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            // O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of waiting.
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { return .failure(.open(errno)) }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.read(errno)) }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(.directory) }
        if path != "-" {
            // Reads block again from here on: a pipe is read to its end (EOF once no one writes).
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        }
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > limit { return .failure(.tooLarge(limit)) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { return .failure(.read(EAGAIN)) }
                return .failure(.read(errno))
            }
            if n == 0 { break }
            guard bytes.count + n <= limit else { return .failure(.tooLarge(limit)) }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }

    /// `bytes` as text: UTF-8, a leading byte-order mark dropped. Fails, with the line, on an
    /// empty file, a NUL byte (binary data), a UTF-16 or UTF-32 byte-order mark, and the first
    /// byte sequence that is not UTF-8. O(size).
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        func fail(_ line: Int, _ message: String) -> Result<String, Diagnostic> {
            .failure(Diagnostic(file: file, line: line, message))
        }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return fail(1, "the file is UTF-32 text; save it as UTF-8")
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return fail(1, "the file is UTF-16 text; save it as UTF-8")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return fail(1, "the scenario is empty")
        }
        if let bad = firstInvalidUTF8(body) {
            let (line, column) = position(of: bad, in: body)
            if body[bad] == 0 {
                return fail(line, "the file is binary, not YAML text (a NUL byte at column \(column))")
            }
            return fail(line, "the file is not UTF-8 text: byte 0x\(String(body[bad], radix: 16, uppercase: true)) at column \(column) "
                        + "is not valid UTF-8 (save the file as UTF-8)")
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    /// 1-based line and column (in bytes) of the byte at `index`.
    static func position(of index: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1, lineStart = bytes.startIndex
        for i in bytes.startIndex..<index where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, index - lineStart + 1)
    }

    /// The index of the first byte that is NUL or not part of a well-formed UTF-8 sequence
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); nil when none. O(n).
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b == 0 { return i }
            if b < 0x80 { i += 1; continue }
            let length: Int, lower: UInt8, upper: UInt8
            switch b {
            case 0xC2...0xDF: (length, lower, upper) = (2, 0x80, 0xBF)
            case 0xE0: (length, lower, upper) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, lower, upper) = (3, 0x80, 0xBF)
            case 0xED: (length, lower, upper) = (3, 0x80, 0x9F)
            case 0xF0: (length, lower, upper) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, lower, upper) = (4, 0x80, 0xBF)
            case 0xF4: (length, lower, upper) = (4, 0x80, 0x8F)
            default: return i
            }
            guard i + length <= end, (lower...upper).contains(bytes[i + 1]) else { return i }
            for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }
}
