import Foundation

/// Where a command's time goes: wall time per phase (load, partition, compile, replay,
/// polygons, write), measured where the work is done, so `--profile` on the command line and
/// the benchmarks show the same breakdown.
///
/// The library measures its own phases (`Profile.start(_:)` at the top of `GeoData.init`,
/// `ScenarioParser.read(path:)`, `GeoData.partition`, `ControlModel.compile`,
/// `Simulation.advance`, `Simulation.territories`, the renderers and `AtomicFile.write`) into
/// the profile bound to `Profile.current` (a task-local value, so nothing is global and code
/// that binds none pays one lookup per phase). The CLI binds one for a command run with
/// `--profile` and prints `report()` on stderr.
///
/// Phases nest: a phase measured inside another (the polygons a GeoJSON writer asks for) is
/// counted in its own phase only, and the outer phase gets the rest (exclusive times). So the
/// phases add up to the time measured, with nothing counted twice.
///
/// Phases are measured on one thread at a time (the state is locked, but nesting follows one
/// call stack).
public final class Profile: @unchecked Sendable {
    /// The profile the library's phases are measured into (nil: none).
    @TaskLocal public static var current: Profile?

    /// A phase of a command.
    public enum Phase: Int, CaseIterable, Sendable {
        /// Reading Geo/ (gazetteer, outlines, lines) and the scenario, declared places.
        case load
        /// The partition: read from the cache, or built.
        case partition
        /// Names, catchments and fronts (`ControlModel.compile`).
        case compile
        /// Stepping the engine to the dates asked for.
        case replay
        /// Territory polygons (and the edge graph they are walked on).
        case polygons
        /// Rendering the output (tables, GeoJSON, SVG, layers) and writing it.
        case write

        public var name: String { "\(self)" }
    }

    /// A phase under way (`Profile.start(_:)`); `end()` it once.
    public struct Span {
        let profile: Profile?
        let phase: Phase
        let start: Double

        /// Ends the phase, adding its time to its profile (none when no profile was current).
        public func end() { profile?.finish(phase, startedAt: start) }
    }

    private let lock = NSLock()
    private var totals = [Double](repeating: 0, count: Phase.allCases.count)
    private var entries = [Int](repeating: 0, count: Phase.allCases.count)
    /// Time taken so far by the phases nested in each phase under way (innermost last).
    private var nested = [Double]()
    /// When the profile was made (monotonic clock, seconds).
    public let started: Double

    public init() {
        started = Self.now()
    }

    /// Starts `phase` in the current profile (`Profile.current`); end it with `Span.end()`,
    /// usually in a `defer` right after. O(1).
    public static func start(_ phase: Phase) -> Span {
        guard let profile = current else { return Span(profile: nil, phase: phase, start: 0) }
        return profile.begin(phase)
    }

    /// Runs `body` as `phase` of the current profile.
    @discardableResult
    public static func measure<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        let span = start(phase)
        defer { span.end() }
        return try body()
    }

    /// Starts `phase` in this profile.
    public func begin(_ phase: Phase) -> Span {
        lock.lock()
        nested.append(0)
        lock.unlock()
        return Span(profile: self, phase: phase, start: Self.now())
    }

    private func finish(_ phase: Phase, startedAt start: Double) {
        let elapsed = Self.now() - start
        lock.lock()
        defer { lock.unlock() }
        let inner = nested.popLast() ?? 0
        totals[phase.rawValue] += elapsed - inner
        entries[phase.rawValue] += 1
        if !nested.isEmpty { nested[nested.count - 1] += elapsed }
    }

    /// The exclusive wall time of `phase` so far, in seconds.
    public func seconds(_ phase: Phase) -> Double {
        lock.lock()
        defer { lock.unlock() }
        return totals[phase.rawValue]
    }

    /// How many times `phase` was entered.
    public func count(_ phase: Phase) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return entries[phase.rawValue]
    }

    /// Seconds since the profile was made.
    public var elapsed: Double { Self.now() - started }

    /// The breakdown as lines for stderr: each phase with its time (ms) and share of the
    /// total, the time in none of them ("other": argument checks, messages), and the total
    /// since the profile was made (process start and argument parsing come before it).
    public func report() -> String {
        let total = elapsed
        let phases = Phase.allCases.map { (seconds($0), count($0)) }
        var lines = ["profile: wall time per phase"]
        func line(_ name: String, _ s: Double, _ note: String = "") -> String {
            let ms = Number.format(s * 1000, decimals: 1) + " ms"
            let share = total > 0 ? Number.format(100 * s / total, decimals: 0) + "%" : ""
            return "  " + name.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 11 - ms.count)) + ms
                + String(repeating: " ", count: max(0, 6 - share.count)) + share + note
        }
        for (phase, (s, n)) in zip(Phase.allCases, phases) {
            lines.append(line(phase.name, s, n > 1 ? "  (\(n) times)" : ""))
        }
        lines.append(line("other", max(0, total - phases.reduce(0) { $0 + $1.0 })))
        lines.append(line("total", total, "  (from the command's start; process start not included)"))
        return lines.joined(separator: "\n") + "\n"
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
