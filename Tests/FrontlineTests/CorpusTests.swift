import Foundation
import Testing
@testable import Frontline

/// The malformed-input corpus: `Tests/Corpus/malformed/NAME.yaml` and, in `NAME.expected`,
/// exactly what `frontline check NAME.yaml` must print to stderr in that directory (every
/// error with its file and line, then the count). Each file says in its first line which
/// problem it reproduces (binary ones cannot: see Tests/Corpus/README.md).
///
/// To add a case: write NAME.yaml, run `frontline check NAME.yaml 2> NAME.expected` in the
/// directory, and read the expected file before committing it.
@Suite("Malformed-input corpus", .serialized)
struct CorpusTests {
    static let directory = Fixtures.repository.appendingPathComponent("Tests/Corpus/malformed").path

    static let names: [String] = {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return all.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Partitions by region, built once for the whole corpus (they cost a second each in a
    /// debug build). The suite is serialized: a partition's GEOS context is not shared across threads.
    nonisolated(unsafe) static var partitions = [[String]: Partition]()

    /// What `frontline check` prints to stderr for `name`, computed in-process.
    static func check(_ name: String) -> String {
        let path = directory + "/" + name
        var lines = [String]()
        do {
            let loaded = try LoadedScenario(parsed: ScenarioParser.read(path: path, countries: Set(Fixtures.geo.outlines.keys)),
                                            geo: Fixtures.geo) { region, gazetteer in
                // The corpus declares no places: the region is the whole key.
                if let cached = partitions[region] { return cached }
                let partition = try Fixtures.geo.partition(of: region, gazetteer: gazetteer)
                partitions[region] = partition
                return partition
            }
            lines = loaded.warnings.map(\.description) + ["(no error)"]
        } catch let error as ScenarioError {
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            lines = error.diagnostics.map(\.description) + ["\(path): \(errors) error\(errors == 1 ? "" : "s")"]
        } catch {
            lines = ["unexpected: \(error)"]
        }
        return lines.map { $0.replacingOccurrences(of: directory + "/", with: "") }.joined(separator: "\n") + "\n"
    }

    @Test("The corpus holds every reproducer of issue 8 that is a file")
    func complete() {
        #expect(Self.names.count >= 30)
        for name in ["only-start.yaml", "region-empty.yaml", "region-scalar.yaml", "region-lowercase.yaml", "region-name.yaml",
                     "region-duplicate.yaml", "alias-bomb-key.yaml", "duplicate-key.yaml", "invalid-utf8.yaml", "binary-nul.yaml",
                     "empty.yaml", "only-event-malformed.yaml", "color-fullwidth.yaml", "year-0999.yaml", "long-name.yaml"] {
            #expect(Self.names.contains(name), "\(name) is missing")
        }
        for name in Self.names {
            #expect(FileManager.default.fileExists(atPath: Self.directory + "/" + name.dropLast(5) + ".expected"), "\(name) has no .expected")
        }
    }

    @Test("Each malformed scenario gives exactly its expected errors, within 5 s", arguments: names)
    func corpus(_ name: String) throws {
        let expected = try String(contentsOfFile: Self.directory + "/" + name.dropLast(5) + ".expected", encoding: .utf8)
        let cold = Self.partitions.isEmpty
        let started = Date()
        let actual = Self.check(name)
        #expect(actual == expected)
        // No input may take more than 5 s (the fuzzer's bound; a debug build compiling the
        // full region takes about one). The case that builds the suite's partition gets a minute.
        #expect(Date().timeIntervalSince(started) < Fixtures.timeLimit(cold ? 60 : 5), "\(name) took too long")
        // Every error names its file and line, unless the file could not be read at all.
        for line in actual.split(separator: "\n") where line.contains(": error: ") {
            #expect(line.range(of: #"^[^:]+\.yaml:[0-9]+: error: "#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test("frontline check prints the same lines and exits 1", arguments: ["only-start.yaml", "alias-bomb-key.yaml", "invalid-utf8.yaml", "readme-example.yaml"])
    func sameFromTheCommandLine(_ name: String) throws {
        let run = try CLITests().shell("cd \"\(Self.directory)\" && $F check \(name)")
        #expect(run.status == 1)
        #expect(run.stderr == (try String(contentsOfFile: Self.directory + "/" + name.dropLast(5) + ".expected", encoding: .utf8)))
    }
}
