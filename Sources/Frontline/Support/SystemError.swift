import Foundation

/// A file operation the operating system refused, as one plain sentence:
/// "cannot write out/map.svg: no space left on the device".
public struct FileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was attempted: "write", "create the directory", "read".
    public let action: String
    /// The path as the user gave it, or "standard output".
    public let path: String
    /// The `errno` value; 0 when the problem is not a system error (`detail` says it).
    public let code: Int32
    /// More about the cause, when known ("'out' is a file").
    public let detail: String?

    public init(_ action: String, _ path: String, code: Int32, detail: String? = nil) {
        self.action = action
        self.path = path
        self.code = code
        self.detail = detail
    }

    public var description: String {
        let cause = [code == 0 ? nil : SystemError.sentence(code), detail].compactMap { $0 }.joined(separator: ": ")
        return "cannot \(action) \(path): \(cause)"
    }
}

/// Standard output was a pipe whose reader has gone (`frontline … | head`): the command
/// should stop quietly, as Unix filters do.
public struct BrokenPipe: Error, Sendable {}

/// Plain sentences for `errno` values.
public enum SystemError {
    /// `code` as a short lower-case phrase ("no space left on the device"). O(1).
    public static func sentence(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EROFS: return "the file system is read-only"
        case EISDIR: return "it is a directory"
        case ENOTDIR: return "a part of the path is not a directory"
        case EEXIST: return "it already exists"
        case EFBIG: return "the file is too large for the file system"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "too many symbolic links"
        case EBADF: return "it is closed"
        case EIO: return "input/output error"
        case EXDEV: return "it is on another file system"
        case ENXIO: return "no device or reader is attached"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// A plain sentence for any error: the description of Frontline's own errors; for
    /// Foundation's `NSError`s, the POSIX cause or the localized description instead of a
    /// `Error Domain=NSCocoaErrorDomain Code=…` dump.
    public static func message(_ error: any Error) -> String {
        let text = "\(error)"
        if !(error is CocoaError), !text.hasPrefix("Error Domain="), !text.hasPrefix("CocoaError") { return text }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            let path = (ns.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            return path + sentence(Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return sentence(Int32(ns.code)) }
        return ns.localizedDescription
    }
}
