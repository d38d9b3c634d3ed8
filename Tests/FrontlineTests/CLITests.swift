import Foundation
import Synchronization
import Testing
@testable import Frontline

/// The `frontline` executable run as a user would, for what only shows at the command line:
/// exit statuses, what goes to stderr, standard output that fails, files left behind.
/// Each case is a reproducer from issue 8 with the exact outcome it must have.
@Suite("Command line")
struct CLITests {
    /// The executable `swift build` put beside this test bundle.
    static let executable: String = {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return bundle.appendingPathComponent("frontline").path
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `script` with bash in a fresh directory; `$F` is the executable, `$S` the seeds
    /// scenario. Returns the script's exit status and what it printed.
    func shell(_ script: String, stdin: String? = nil, in directory: String? = nil) throws -> Run {
        let dir = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("frontline-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["F"] = Self.executable
        env["S"] = Fixtures.seeds
        env["FRONTLINE_GEO"] = Fixtures.geoDirectory.path
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a full pipe never blocks the child.
        let errData = Mutex<Data>(Data())
        let reader = Thread { errData.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() } }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1000) }
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: errData.withLock { String(decoding: $0, as: UTF8.self) })
    }

    /// (command, exit status, exact stderr, why).
    static let cases: [(String, Int32, String, String)] = [
        (#"$F timeline $S --to 2015-01-01 --every 9223372036854775807d 2>err; s=$?; head -1 err >&2; exit $s"#, 64,
         "Error: The value '9223372036854775807d' is invalid for '--every <every>': the step must be at most 10,000 years (3652425d)\n",
         "Day.adding overflowed: a step beyond 10,000 years is an argument error"),
        (#"$F share $S --date 2015-01-01 > /dev/full"#, 1,
         "frontline: error: cannot write to standard output: no space left on the device\n", "a full device is an error, not a trap"),
        (#"$F share $S --date 2015-01-01 >&-"#, 1,
         "frontline: error: cannot write to standard output: it is closed\n", "a closed stdout is an error, not a trap"),
        (#"$F timeline $S --to 2019-03-23 --every 1d | head -c 10 > /dev/null; exit ${PIPESTATUS[0]}"#, 141,
         "", "a closed pipe ends the command quietly, by SIGPIPE like any filter"),
        (#"$F replay $S --from 2018-01-01 --to 2015-01-01 -o out; s=$?; test -e out && echo 'out exists'; exit $s"#, 1,
         "frontline: error: --from 2018-01-01 is after --to 2015-01-01\n", "an empty series used to be written with exit 0"),
        (#"$F events $S --min-km2 nan 2>err; s=$?; head -1 err >&2; exit $s"#, 64,
         "Error: --min-km2 must be a number of km², 0 or more (not nan)\n", "NaN printed an empty table"),
        (#"$F share $S --date 2030-01-01"#, 1,
         "frontline: error: --date 2030-01-01 is after the scenario's end 2019-12-31; \(Fixtures.seeds) says nothing about later days\n",
         "a date long after the scenario's end gave figures without a word"),
        (#"$F map $S --date 2015-01-01 -o - | head -c 5; test ! -e ./- || echo ' made a file named -' >&2"#, 0,
         "", "-o - is standard output (it created a file named '-')"),
        (#"$F check - < $S 2>/dev/null | cut -c1-12 >&2"#, 0, "<stdin>: ok:\n", "- reads the scenario from standard input"),
        (#"$F check /dev/stdin < $S 2>/dev/null | cut -c1-16 >&2"#, 0, "/dev/stdin: ok: \n", "/dev/stdin reads standard input too"),
        (#"mkdir d; $F check d"#, 1,
         "d: error: cannot read the scenario: it is a directory, not a file\nd: 1 error\n", "a directory as scenario: one sentence"),
        (#"mkfifo p; $F share --date 2015-01-01 p"#, 1,
         "p:1: error: the scenario is empty\n", "a FIFO nobody writes to reads as empty, without blocking"),
        (#"printf 'name: x\nregion: [SY]\nstart: 2015-01-01\nfactions: []\nevents: []\n' > bad.yaml; $F share --date 2015-01-01 bad.yaml"#, 1,
         "bad.yaml: warning: the initial control leaves 185939 km² unassigned\n"
            + "bad.yaml:4: error: no factions declared\nbad.yaml:5: error: the scenario has no events\nbad.yaml: 2 errors\n",
         "one 'error:' prefix, not 'frontline: error: …: error:'"),
        (#"echo x > afile; $F replay $S --from 2015-01-01 --to 2015-03-01 -o afile"#, 1,
         "frontline: error: cannot write the series to afile: it is a file; a series needs a directory\n",
         "an existing file where a directory is wanted: one sentence, no NSCocoaErrorDomain dump"),
        (#"echo x > afile; $F map $S --date 2015-01-01 -o afile/map.svg"#, 1,
         "frontline: error: cannot write afile/map.svg: 'afile' is a file, not a directory\n", "the same for a file's parent"),
        (#"$F replay $S --from 2015-01-01 --to 2015-03-01 -o out -q && ls -A out | tr '\n' ' ' >&2; ls -A >&2"#, 0,
         "2015-01-01.geojson 2015-02-01.geojson 2015-03-01.geojson index.json out\n", "a series leaves its files and nothing else"),
        (#"mkfifo pipe.gpkg; $F replay $S --from 2015-01-01 --to 2015-03-01 -o pipe.gpkg"#, 1,
         "frontline: error: cannot write pipe.gpkg: a GPKG layer needs a regular file, not a device or pipe\n",
         "GDAL's GeoPackage needs a seekable file: a pipe is refused, not replaced"),
        (#"ln -s real.gpkg link.gpkg; $F replay $S --from 2015-01-01 --to 2015-03-01 -o link.gpkg -q; ls -A >&2; test -L link.gpkg"#, 0,
         "link.gpkg\nreal.gpkg\n", "a GeoPackage written through a link replaces the link's target; no temporary file is left"),
        (#"mkdir site; echo x > site/notes.txt; $F viewer $S -o site"#, 1,
         "frontline: error: cannot write the site to site: it holds files that are not part of a site ('notes.txt'); give a new or empty directory\n",
         "the viewer does not replace a directory holding other files"),
        (#"$F places "$(head -c 100000 /dev/zero | tr '\0' x)""#, 1,
         "frontline: error: the name is 100000 characters long; place names have at most 200\n", "a huge name is refused at once"),
        (#"sed '/^end:/d' $S > noend.yaml; $F timeline noend.yaml --to 2100-01-01 --every 1d --format svg"#, 1,
         "frontline: warning: --to 2100-01-01 is after the scenario's last event (2019-03-23) and it gives no end: the control of 2019-03-23 is carried forward\n"
            + "frontline: error: the chart would have 31261 dates; it shows at most 20000 (use a larger --every)\n",
         "a chart of tens of thousands of dates is refused before the replay (2014-06-01 to 2100-01-01 is 31,261 days)"),
        (#"$F timeline $S --to 2015-01-01 --from 1000-01-01"#, 1,
         "frontline: error: date 1000-01-01 is before the scenario's start 2014-06-01\n", "--from before the start is refused first"),
        (#"sed '/^end:/d' $S > noend.yaml; $F replay noend.yaml --to 9999-12-31 --every 1d -o out"#, 1,
         "frontline: warning: --to 9999-12-31 is after the scenario's last event (2019-03-23) and it gives no end: the control of 2019-03-23 is carried forward\n"
            + "frontline: error: the series would have 2916675 dates; one run writes at most 10000 files (use a larger --every or a shorter range)\n",
         "a series of millions of files is refused before anything is written"),
    ]

    @Test("Reproducers from the command line: exit status and exact stderr", arguments: cases)
    func reproducer(_ entry: (String, Int32, String, String)) throws {
        let run = try shell(entry.0)
        #expect(run.status == entry.1, "\(entry.3): \(run.stderr)")
        #expect(run.stderr == entry.2, "\(entry.3)")
    }

    @Test("The reproducers' data: stdout of -o -, of the scenario read from stdin, of an overflowing step")
    func stdoutOfReproducers() throws {
        #expect(try shell(#"$F map $S --date 2015-01-01 -o - | head -c 5"#).stdout == "<?xml")
        #expect(try shell(#"$F check -"#, stdin: try String(contentsOfFile: Fixtures.seeds, encoding: .utf8)).stdout
                .hasPrefix("<stdin>: ok: 7 factions"))
        #expect(try shell(#"$F timeline $S --to 2015-01-01 --every 9223372036854775807d 2>&1 | head -1"#).stdout
                == "Error: The value '9223372036854775807d' is invalid for '--every <every>': the step must be at most 10,000 years (3652425d)\n")
    }

    @Test("A series ends with a one-line summary on stderr; --quiet silences it")
    func summary() throws {
        let run = try shell(#"$F replay $S --from 2015-01-01 --to 2015-03-01 -o out"#)
        #expect(run.status == 0)
        let pattern = #"^frontline: replay: wrote 3 GeoJSON files and index\.json to out \(2015-01-01 to 2015-03-01, every 1m, [0-9.]+ kB\) in [0-9.]+ s\n$"#
        #expect(run.stderr.range(of: pattern, options: .regularExpression) != nil, "\(run.stderr)")
        #expect(try shell(#"$F timeline $S --to 2015-03-01 -o t.csv"#).stderr
                .range(of: #"^frontline: timeline: wrote t\.csv \(10 dates, 2014-06-01 to 2015-03-01, [0-9.]+ kB\) in [0-9.]+ s\n$"#,
                       options: .regularExpression) != nil)
        #expect(try shell(#"$F timeline $S --to 2015-03-01"#).stderr == "")
    }

    @Test("On a terminal, a series shows its progress on one line, cleared before the summary")
    func progressOnTerminal() throws {
        // script(1) gives the command a pseudo-terminal; its output is the terminal's.
        let run = try shell(#"script -qec "$F replay $S --from 2015-01-01 --to 2015-03-01 -o out" /dev/null"#)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\rreplay: 3/3 2015-03-01 (100%)\u{1B}[K"), "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains("\r\u{1B}[Kfrontline: replay: wrote 3 GeoJSON files"))
    }

    @Test("SIGTERM during a series leaves the previous series whole and no temporary files")
    func interrupted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try shell(#"$F replay $S --from 2015-01-01 --to 2015-03-01 -o out -q"#, in: dir)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
        // A daily series of five years takes many seconds; stop it once its staging directory exists.
        let run = try shell(#"""
            $F replay $S --from 2015-01-01 --to 2019-12-31 --every 1d -o out -q & pid=$!
            for i in $(seq 2400); do ls -A | grep -q frontline && break; sleep 0.05; done
            sleep 0.3; kill -TERM $pid; wait $pid; echo "status $?"; ls -A
            """#, in: dir)
        #expect(run.stdout == "status 143\nout\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == before)
        #expect(before == ["2015-01-01.geojson", "2015-02-01.geojson", "2015-03-01.geojson", "index.json"])
    }
}
