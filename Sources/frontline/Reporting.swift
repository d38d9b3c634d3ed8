import ArgumentParser
import Foundation
import Frontline

// How the CLI reports: data to stdout (or -o), everything else to stderr; errors as
// `file:line: error: …` for problems in a file and `frontline: error: …` for the rest, one
// plain sentence each, exit status 1. A closed pipe on stdout ends the command quietly.

/// Runs `body`, printing any error to stderr and exiting with status 1 (or, for a closed
/// standard output, ending quietly by SIGPIPE as Unix filters do: status 141 in the shell).
func reporting(_ body: () throws -> Void) throws {
    do { try body() } catch let error as ExitCode { throw error } catch {
        report(error)
        throw ExitCode(1)
    }
}

/// Prints `error` to stderr: every diagnostic of a scenario with its file and line and the
/// count, a data file's problem with its line, anything else as one sentence.
func report(_ error: any Error) {
    switch error {
    case is BrokenPipe:
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        exit(141)
    case let error as ScenarioError:
        for d in error.diagnostics { printError(d.description) }
        let errors = error.diagnostics.filter { $0.severity == .error }
        if let file = errors.first?.file, errors.count > 1 { printError("\(file): \(errors.count) errors") }
    case let error as DataError:
        printError("\(error.file)\(error.line.map { ":\($0)" } ?? ""): error: \(error.message)")
    default:
        printError("frontline: error: \(SystemError.message(error))")
    }
}

/// Writes a line to stderr (errors writing it are ignored: there is nowhere left to report them).
func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { _ = FileDescriptorOutput.writeAll(2, UnsafeRawBufferPointer($0)) }
}

func warn(_ message: String) { printError("frontline: warning: \(message)") }

/// Writes `text` to `path` (nil or `-`: standard output; see `OutputTarget`) and completes it.
/// Returns the number of bytes written.
@discardableResult
func writeOutput(_ text: String, to path: String?) throws -> Int {
    let span = Profile.start(.write)
    defer { span.end() }
    let out = try OutputTarget.open(path)
    try out.write(text)
    try out.finish()
    return out.byteCount
}

func writeStdout(_ text: String) throws { try writeOutput(text, to: nil) }

/// Whether `path` names standard output.
func isStandardOutput(_ path: String?) -> Bool { path.map(OutputTarget.standardOutputPaths.contains) ?? true }

/// Raw writes to a descriptor for stderr, where no error can be reported.
enum FileDescriptorOutput {
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            p += n
            left -= n
        }
        return true
    }
}

// MARK: - Progress and summary

/// A long run's progress on stderr, redrawn at most ten times a second and only when stderr
/// is a terminal, then a one-line summary of what was written and how long it took.
final class RunProgress {
    let command: String
    /// The number of steps, once known.
    var total: Int
    let live: Bool
    let quiet: Bool
    let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Starts the clock: create it when the command starts, before the scenario is loaded.
    init(_ command: String, total: Int = 0, quiet: Bool) {
        self.command = command
        self.total = total
        self.quiet = quiet
        live = !quiet && isatty(2) == 1
    }

    /// `done` of `total` steps finished, the last about `what`.
    func step(_ done: Int, _ what: String) {
        guard live else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(started)
        let left = done > 0 && done < total ? elapsed / Double(done) * Double(total - done) : 0
        let eta = left >= 1 ? ", \(Self.duration(left)) left" : ""
        let percent = total > 0 ? done * 100 / total : 100
        var line = "\r\(command): \(done)/\(total) \(what) (\(percent)%\(eta))\u{1B}[K"
        line.withUTF8 { _ = FileDescriptorOutput.writeAll(2, UnsafeRawBufferPointer($0)) }
        drawn = true
    }

    /// Clears the progress line and prints `frontline: COMMAND: SUMMARY in T` (not with --quiet).
    func finish(_ summary: String?) {
        if drawn {
            var clear = "\r\u{1B}[K"
            clear.withUTF8 { _ = FileDescriptorOutput.writeAll(2, UnsafeRawBufferPointer($0)) }
        }
        guard let summary, !quiet else { return }
        printError("frontline: \(command): \(summary) in \(Self.duration(Date().timeIntervalSince(started)))")
    }

    /// `0.4 s`, `12 s`, `3 min 20 s`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 60 { return "\(Int(seconds.rounded())) s" }
        let s = Int(seconds.rounded())
        return s < 3600 ? "\(s / 60) min \(s % 60) s" : "\(s / 3600) h \(s % 3600 / 60) min"
    }

    /// `512 bytes`, `3.4 kB`, `1.9 MB`, `2.3 GB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000, k = 0
        while value >= 1000 && k < units.count - 1 { value /= 1000; k += 1 }
        return String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[k]
    }
}
