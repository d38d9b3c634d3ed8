import CGEOS

// MARK: - Errors

/// A failure reported by GEOS, or an invalid geometry found where a valid one was required.
public struct GeometryError: Error, CustomStringConvertible, Sendable {
    /// The operation that failed, e.g. `"GEOSCoverageUnion_r"`.
    public let operation: String
    /// GEOS's own message when it gave one, otherwise our description of the failure.
    public let message: String

    public var description: String { "\(operation): \(message)" }
}

/// Records the last error message GEOS reported on one context.
private final class MessageBox {
    var message: String?
}

// MARK: - Context

/// Owns one `GEOSContextHandle_t` and the error message GEOS last reported on it.
///
/// A context is not thread-safe: each engine (or each thread) owns its own, and every
/// `Geometry` made by a context keeps that context alive. Nothing outside
/// `Sources/Frontline/Geometry` calls GEOS directly.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let box = MessageBox()

    /// Creates a context with an error handler that records GEOS's message. O(1).
    public init() {
        guard let handle = GEOS_init_r() else {
            // GEOS_init_r only fails when malloc fails; nothing sensible can continue.
            fatalError("GEOS_init_r returned NULL (out of memory)")
        }
        self.handle = handle
        let userData = Unmanaged.passUnretained(box).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            let box = Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue()
            box.message = String(cString: message)
        }, userData)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The version of the GEOS library in use ("3.11.1").
    public static var libraryVersion: String { String(cString: GEOSversion()) }

    /// Forgets the last recorded message; called before each operation.
    func clearError() { box.message = nil }

    /// An error for `operation` carrying GEOS's recorded message, or `fallback`.
    func error(_ operation: String, _ fallback: String = "failed without a message") -> GeometryError {
        GeometryError(operation: operation, message: box.message ?? fallback)
    }

    /// Runs a GEOS constructor and wraps its result, throwing GEOS's message on `NULL`.
    func make(_ operation: String, _ body: () -> OpaquePointer?) throws -> Geometry {
        clearError()
        guard let pointer = body() else { throw error(operation) }
        return Geometry(owning: pointer, context: self)
    }

    /// Runs a GEOS predicate (`0` false, `1` true, `2` exception).
    func predicate(_ operation: String, _ body: () -> CChar) throws -> Bool {
        clearError()
        switch body() {
        case 0: return false
        case 1: return true
        default: throw error(operation)
        }
    }

    /// Runs a GEOS call returning `0` on exception.
    func status(_ operation: String, _ body: () -> Int32) throws {
        clearError()
        if body() == 0 { throw error(operation) }
    }
}
