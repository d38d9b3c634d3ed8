import Foundation
import Frontline
import FrontlineFuzzing

/// frontline-fuzz: mutation fuzzing of the scenario path (parse, compile, replay), in process.
///
///     swift run frontline-fuzz [--seed N] [--mutants N] [--budget SECONDS] [--hang SECONDS]
///                              [--compile-every N] [--only K] [--dump K FILE] [SCENARIO …]
///
/// Mutant K of seed N is the same text on every machine (SplitMix64). Mutants go round the
/// scenarios given (default: Scenarios/*.yaml). Fails (exit 1) on an error without file:line
/// or an unexpected error; a mutant using more than --hang seconds of CPU (default 5), or
/// crashing, ends the process with the seed and index that reproduce it (`--only K`;
/// `--dump K FILE` writes the mutant out). Stops after --mutants (default 3000) or --budget
/// seconds, whichever comes first. Of the mutants the parser refuses, one in --compile-every
/// (default 8) is also compiled, as `frontline check` would.
@main
struct FrontlineFuzz {
    static func main() {
        var seed: UInt64 = 1, mutants = 3000, budget = 600.0, hang = 5.0, compileEvery = 8
        var only: Int?, dump: (Int, String)?
        var paths = [String]()
        var arguments = CommandLine.arguments.dropFirst()
        func value() -> String {
            guard let v = arguments.popFirst() else { say("frontline-fuzz: missing value"); exit(2) }
            return v
        }
        while let argument = arguments.popFirst() {
            switch argument {
            case "--seed": seed = UInt64(value()) ?? 1
            case "--mutants": mutants = Int(value()) ?? mutants
            case "--budget": budget = Double(value()) ?? budget
            case "--hang": hang = Double(value()) ?? hang
            case "--compile-every": compileEvery = Int(value()) ?? compileEvery
            case "--only": only = Int(value())
            case "--dump": let k = Int(value()) ?? 0; dump = (k, value())
            default: paths.append(argument)
            }
        }

        let geoDirectory: URL
        do { geoDirectory = try GeoData.locate() } catch { say("frontline-fuzz: \(error)"); exit(2) }
        if paths.isEmpty {
            let dir = geoDirectory.deletingLastPathComponent().appendingPathComponent("Scenarios")
            paths = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }
                .sorted().map { dir.appendingPathComponent($0).path }
        }
        let mutators = paths.map { Mutator(base: (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "") }
        let fixedSeed = seed, fixedPaths = paths
        func mutant(_ k: Int) -> (text: [UInt8], mutations: [String], scenario: String) {
            let m = mutators[k % mutators.count].mutant(seed: fixedSeed, index: k)
            return (m.text, m.mutations, fixedPaths[k % fixedPaths.count])
        }
        let reproduce: @Sendable (Int) -> String = { k in
            "reproduce: swift run frontline-fuzz --seed \(fixedSeed) --only \(k) (--dump \(k) FILE writes the mutant)"
        }

        if let (k, file) = dump {
            let m = mutant(k)
            _ = FileManager.default.createFile(atPath: file, contents: Data(m.text))
            say("mutant \(k) of seed \(seed) (\(m.scenario)): \(m.mutations.joined(separator: "; ")) → \(file)")
            exit(0)
        }

        // A crash (trap, abort, segfault) prints which mutant it was, then ends by the signal.
        for sig in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            signal(sig) { sig in
                CrashNote.write()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
        // Watchdog: a mutant using more than --hang seconds of CPU ends the run. CPU time of the
        // fuzzing thread, not wall time, so a loaded machine does not raise false alarms.
        let watch = Watch(thread: pthread_self())
        let fixedHang = hang
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                if let (k, elapsed) = watch.current(), elapsed > fixedHang {
                    say("frontline-fuzz: HANG: mutant \(k) of seed \(fixedSeed) used over \(fixedHang) s of CPU; \(reproduce(k))")
                    exit(1)
                }
            }
        }

        let harness: FuzzHarness
        do { harness = FuzzHarness(geo: try GeoData(directory: geoDirectory), compileEvery: compileEvery) } catch { say("frontline-fuzz: \(error)"); exit(2) }
        // Warm-up, untimed: the unmutated scenarios build the partitions every mutant reuses.
        let warmUp = Date()
        for (path, mutator) in zip(paths, mutators) {
            if case .failure(let what) = harness.run(Array(mutator.base.utf8)) { say("frontline-fuzz: \(path) itself: \(what)"); exit(1) }
        }
        say("frontline-fuzz: partitions built in " + String(format: "%.1f s", Date().timeIntervalSince(warmUp)))
        let range = only.map { $0...$0 } ?? 0...(max(mutants, 1) - 1)
        let started = Date()
        var refused = 0, replayed = 0, failures = 0, done = 0
        var slowest = (index: -1, seconds: 0.0)
        for k in range {
            if only == nil && Date().timeIntervalSince(started) > budget { break }
            let m = mutant(k)
            CrashNote.set("frontline-fuzz: CRASH on mutant \(k) of seed \(seed); \(reproduce(k))\n")
            watch.start(k)
            let t0 = Date()
            let outcome = harness.run(m.text)
            watch.stop()
            let seconds = Date().timeIntervalSince(t0)
            if seconds > slowest.seconds { slowest = (k, seconds) }
            done += 1
            switch outcome {
            case .refused: refused += 1
            case .replayed: replayed += 1
            case .failure(let what):
                failures += 1
                say("frontline-fuzz: FAILURE on mutant \(k) of seed \(seed) (\(m.scenario): \(m.mutations.joined(separator: "; "))): \(what); \(reproduce(k))")
            }
            if only != nil { say("mutant \(k) (\(m.scenario)): \(m.mutations.joined(separator: "; ")) → \(outcome)") }
        }
        let elapsed = Date().timeIntervalSince(started)
        say("frontline-fuzz: \(done) mutants of \(paths.count) scenario\(paths.count == 1 ? "" : "s") (seed \(seed)) in "
            + String(format: "%.1f s, %.1f/s", elapsed, Double(done) / max(elapsed, 1e-9))
            + ": \(refused) refused with errors, all with file:line; \(replayed) accepted and replayed; "
            + "\(failures) failure\(failures == 1 ? "" : "s"); slowest: mutant \(slowest.index), " + String(format: "%.2f s", slowest.seconds))
        exit(failures == 0 ? 0 : 1)
    }
}

func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// The mutant under way and the CPU time of the fuzzing thread when it started, for the
/// watchdog thread.
final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var index = -1
    private var started = 0.0
    private var clock = clockid_t()

    init(thread: pthread_t) { pthread_getcpuclockid(thread, &clock) }

    /// CPU seconds the fuzzing thread has used.
    private func cpu() -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    func start(_ k: Int) { let now = cpu(); lock.lock(); index = k; started = now; lock.unlock() }
    func stop() { lock.lock(); index = -1; lock.unlock() }
    /// The mutant under way and the CPU seconds it has used.
    func current() -> (Int, Double)? {
        let now = cpu()
        lock.lock(); defer { lock.unlock() }
        return index >= 0 ? (index, now - started) : nil
    }
}

/// The line a crash prints, preformatted so the signal handler only calls write(2).
enum CrashNote {
    nonisolated(unsafe) private static let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1024)
    nonisolated(unsafe) private static var length = 0

    static func set(_ text: String) {
        let bytes = Array(text.utf8.prefix(1024))
        _ = buffer.initialize(from: bytes)
        length = bytes.count
    }

    static func write() { _ = Foundation.write(2, buffer.baseAddress, length) }
}
