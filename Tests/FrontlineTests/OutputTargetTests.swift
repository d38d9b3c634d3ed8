import Foundation
import Testing
@testable import Frontline

/// Writing outputs: whole or not at all, through symbolic links, directly to devices, with
/// every byte written whatever the size, and errors as plain sentences.
@Suite("Output targets")
struct OutputTargetTests {
    /// A fresh directory, removed after `body`.
    func inDirectory(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func entries(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    // MARK: Short writes

    /// Linux's write(2) takes at most 0x7ffff000 = 2,147,479,552 bytes per call (MAX_RW_COUNT).
    /// Foundation's Data.write(to:) on Linux wrote that much, then the start of the data again:
    /// every file over 2 GiB was corrupt. writeAll must advance past each partial write.
    @Test("A 2 GiB + 8 KiB buffer is written in full across Linux's per-call limit, with short writes and EINTR")
    func beyondTwoGiB() throws {
        let size = (1 << 31) + 8192
        // Address space only: MAP_NORESERVE pages are never touched, so this costs no memory.
        let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        try #require(base != MAP_FAILED)
        defer { munmap(base, size) }
        let start = UnsafeRawPointer(base!)
        final class Log: @unchecked Sendable { var calls = [(offset: Int, count: Int)](); var interrupted = false }
        let log = Log()
        let result = FileDescriptor.writeAll(99, UnsafeRawBufferPointer(start: start, count: size)) { fd, pointer, count in
            #expect(fd == 99)
            let offset = pointer - start
            // One EINTR, after the first call.
            if log.calls.count == 1 && !log.interrupted { log.interrupted = true; errno = EINTR; return -1 }
            log.calls.append((offset, count))
            // The kernel's cap, and a pipe-sized short write near the end.
            if offset > size - 20_000 { return min(count, 4096) }
            return min(count, 0x7fff_f000)
        }
        #expect(result == nil)
        // Every call starts where the previous one ended, and together they cover every byte once.
        var expected = 0
        for call in log.calls {
            #expect(call.offset == expected)
            expected += min(call.count, call.offset > size - 20_000 ? 4096 : 0x7fff_f000)
        }
        #expect(expected == size)
        #expect(log.calls.count == 4)   // 2,147,479,552 + 4,096 (the last 20,000 bytes go 4 KiB at a time) + 4,096 + 4,096 = 2 GiB + 8 KiB
        #expect(log.interrupted)
    }

    @Test("A write that fails stops with its errno; a write of nothing is EIO")
    func writeFailures() {
        let bytes = [UInt8](repeating: 1, count: 10)
        bytes.withUnsafeBytes { buffer in
            #expect(FileDescriptor.writeAll(1, buffer) { _, _, _ in errno = ENOSPC; return -1 } == ENOSPC)
            #expect(FileDescriptor.writeAll(1, buffer) { _, _, _ in 0 } == EIO)
        }
    }

    /// Opt-in (FRONTLINE_LARGE_IO_TESTS=1; needs 2.2 GB of disk): a real 2 GiB + 1 MiB file
    /// through OutputTarget, each MiB stamped with its number, read back around the boundary.
    @Test("A real file larger than 2 GiB is written in full", .enabled(if: ProcessInfo.processInfo.environment["FRONTLINE_LARGE_IO_TESTS"] == "1"))
    func realLargeFile() throws {
        try inDirectory { dir in
            let path = dir + "/large.txt", mib = 1 << 20, count = 2049
            let out = try OutputTarget.open(path)
            for k in 0..<count {
                let stamp = String(format: "%08d\n", k)
                try out.write(stamp + String(repeating: "x", count: mib - stamp.utf8.count - 1) + "\n")
            }
            try out.finish()
            let handle = try #require(FileHandle(forReadingAtPath: path))
            defer { try? handle.close() }
            #expect(try handle.seekToEnd() == UInt64(count * mib))
            for k in [0, 2047, 2048] {
                try handle.seek(toOffset: UInt64(k * mib))
                #expect(String(decoding: try handle.read(upToCount: 9) ?? Data(), as: UTF8.self) == String(format: "%08d\n", k))
            }
        }
    }

    // MARK: Files

    @Test("Writing over a file replaces it whole, keeps its permissions and leaves no temporary file")
    func replaces() throws {
        try inDirectory { dir in
            let path = dir + "/out.svg"
            try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
            chmod(path, 0o640)
            let out = try OutputTarget.open(path)
            try out.write("new ")
            // Until finish() the old file is intact and the new text is in a temporary file.
            #expect(try contents(path) == "old\n")
            #expect(try entries(dir) == [".out.svg.frontline-\(getpid()).tmp", "out.svg"])
            try out.write("text\n")
            try out.finish()
            #expect(try contents(path) == "new text\n")
            #expect(try entries(dir) == ["out.svg"])
            var info = stat()
            stat(path, &info)
            #expect(info.st_mode & 0o777 == 0o640)
        }
    }

    @Test("An output abandoned (an error in the middle) leaves the old file and no temporary file")
    func abandoned() throws {
        try inDirectory { dir in
            let path = dir + "/out.geojson"
            try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
            do {
                let out = try OutputTarget.open(path)
                try out.write("half")
                // Dropped without finish(), as when the command throws.
            }
            #expect(try contents(path) == "old\n")
            #expect(try entries(dir) == ["out.geojson"])
        }
    }

    @Test("A symbolic link is followed: its target is replaced and the link stays; a dangling link creates its target")
    func symlinks() throws {
        try inDirectory { dir in
            try "old\n".write(toFile: dir + "/target.svg", atomically: false, encoding: .utf8)
            #expect(symlink("target.svg", dir + "/link.svg") == 0)
            try AtomicFile.write("new\n", to: URL(fileURLWithPath: dir + "/link.svg"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.svg") == "target.svg")
            #expect(try contents(dir + "/target.svg") == "new\n")
            #expect(symlink("sub/made.svg", dir + "/dangling.svg") == 0)
            try AtomicFile.write("made\n", to: URL(fileURLWithPath: dir + "/dangling.svg"))
            #expect(try contents(dir + "/sub/made.svg") == "made\n")
            #expect(try entries(dir) == ["dangling.svg", "link.svg", "sub", "target.svg"])
        }
    }

    @Test("Devices are written directly, never replaced by a file; a full device is an error")
    func devices() throws {
        let null = try OutputTarget.open("/dev/null")
        #expect(null.kind == .direct("/dev/null"))
        try null.write("discarded")
        try null.finish()
        var info = stat()
        stat("/dev/null", &info)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
        let full = try OutputTarget.open("/dev/full")
        try full.write("x")
        #expect(throws: FileError("write", "/dev/full", code: ENOSPC)) { try full.finish() }
        #expect(FileError("write", "/dev/full", code: ENOSPC).description == "cannot write /dev/full: no space left on the device")
    }

    @Test("A FIFO is written directly, as a stream")
    func fifo() throws {
        try inDirectory { dir in
            let path = dir + "/fifo"
            #expect(mkfifo(path, 0o600) == 0)
            // A reader first (O_NONBLOCK: the open does not wait for a writer).
            let reader = open(path, O_RDONLY | O_NONBLOCK)
            defer { close(reader) }
            let out = try OutputTarget.open(path)
            #expect(out.kind == .direct(path))
            try out.write("through the pipe\n")
            try out.finish()
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = read(reader, &buffer, 64)
            #expect(String(decoding: buffer[0..<max(n, 0)], as: UTF8.self) == "through the pipe\n")
        }
    }

    @Test("-, nil and /dev/stdout mean standard output")
    func standardOutput() throws {
        for path in [nil, "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] as [String?] {
            #expect(try OutputTarget.open(path).kind == .standardOutput)
        }
    }

    /// Each wrong place to write and the one sentence it gives (as root, permissions do not stop
    /// a write, so a read-only directory is checked through its errno's sentence).
    @Test("Impossible outputs give one plain sentence")
    func impossible() throws {
        try inDirectory { dir in
            try "x".write(toFile: dir + "/afile", atomically: false, encoding: .utf8)
            #expect(throws: FileError("write", dir + "/afile/map.svg", code: 0, detail: "'\(dir)/afile' is a file, not a directory")) {
                try OutputTarget.open(dir + "/afile/map.svg")
            }
            #expect(throws: FileError("write", dir, code: 0, detail: "it is a directory; give a file name")) {
                try OutputTarget.open(dir)
            }
            #expect(FileError("write", "out/map.svg", code: EACCES, detail: "no write permission in out").description
                    == "cannot write out/map.svg: permission denied: no write permission in out")
            #expect(FileError("write", "m.svg", code: EROFS).description == "cannot write m.svg: the file system is read-only")
        }
    }

    @Test("Foundation errors become sentences, not 'Error Domain=NSCocoaErrorDomain' dumps")
    func foundationErrors() {
        let error = NSError(domain: NSCocoaErrorDomain, code: 640, userInfo: [
            NSFilePathErrorKey: "/tmp/x", NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)),
        ])
        #expect(SystemError.message(error) == "/tmp/x: no space left on the device")
        #expect(SystemError.message(FileError("write", "a", code: EIO)) == "cannot write a: input/output error")
    }

    @Test("Temporary files a killed run left are removed by the next write of the same target; others are kept")
    func staleTemporaries() throws {
        try inDirectory { dir in
            // PID 2^22 + 1 is above Linux's pid_max limit (2^22): no such process can exist.
            let stale = dir + "/.out.svg.frontline-4194305.tmp", other = dir + "/.other.svg.frontline-4194305.tmp"
            let live = dir + "/.out.svg.frontline-1.tmp"   // PID 1 is alive
            for path in [stale, other, live] { try "x".write(toFile: path, atomically: false, encoding: .utf8) }
            try AtomicFile.write("new\n", to: URL(fileURLWithPath: dir + "/out.svg"))
            #expect(try entries(dir) == [".other.svg.frontline-4194305.tmp", ".out.svg.frontline-1.tmp", "out.svg"])
        }
    }

    // MARK: Series

    @Test("A series replaces the previous one whole: old dates gone, never a mixture while it is written")
    func series() throws {
        try inDirectory { dir in
            let path = dir + "/series"
            let first = try SeriesDirectory(path)
            for day in ["2015-01-01", "2015-02-01", "2015-03-01"] { try first.write(day + ".geojson", "first \(day)\n") }
            try first.write("index.json", "[1]\n")
            // Nothing is visible until commit.
            #expect(!FileManager.default.fileExists(atPath: path))
            try first.commit()
            #expect(try entries(path) == ["2015-01-01.geojson", "2015-02-01.geojson", "2015-03-01.geojson", "index.json"])

            let second = try SeriesDirectory(path)
            try second.write("2016-01-01.geojson", "second\n")
            // Half-way through the second run, the first series is intact.
            #expect(try entries(path) == ["2015-01-01.geojson", "2015-02-01.geojson", "2015-03-01.geojson", "index.json"])
            #expect(try contents(path + "/index.json") == "[1]\n")
            try second.write("index.json", "[2]\n")
            try second.commit()
            #expect(try entries(path) == ["2016-01-01.geojson", "index.json"])
            #expect(try contents(path + "/index.json") == "[2]\n")
            #expect(try entries(dir) == ["series"])

            // A run that stops before commit changes nothing and leaves nothing behind.
            do {
                let third = try SeriesDirectory(path)
                try third.write("2017-01-01.geojson", "third\n")
            }
            #expect(try entries(path) == ["2016-01-01.geojson", "index.json"])
            #expect(try entries(dir) == ["series"])
        }
    }

    @Test("A site with subdirectories replaces the previous one whole; what a directory may hold is the caller's")
    func site() throws {
        try inDirectory { dir in
            let path = dir + "/site", owns: (String) -> Bool = { ["index.html", "vendor", "data.js"].contains($0) }
            let first = try SeriesDirectory(path, owns: owns)
            try first.write("index.html", "one")
            try first.write("vendor/leaflet/leaflet.js", Data("L".utf8))
            try first.write("data.js", "1")
            try first.commit()
            #expect(try entries(path + "/vendor/leaflet") == ["leaflet.js"])
            let second = try SeriesDirectory(path, owns: owns)
            try second.write("index.html", "two")
            try second.commit()
            #expect(try entries(path) == ["index.html"])
            #expect(try contents(path + "/index.html") == "two")
            // The same directory is not a replay series (index.html is not a series file).
            #expect(throws: FileError.self) { try SeriesDirectory(path) }
        }
    }

    @Test("A file GDAL writes: the temporary file is renamed over the target through its link; stdout, devices and directories are refused")
    func fileReplacement() throws {
        try inDirectory { dir in
            #expect(symlink("real.gpkg", dir + "/link.gpkg") == 0)
            let file = try FileReplacement(dir + "/link.gpkg", what: "a GPKG layer", suffix: ".gpkg")
            #expect(file.final == dir + "/real.gpkg")
            #expect(file.temporary == dir + "/.real.gpkg.frontline-\(getpid()).tmp.gpkg")
            try "layer".write(toFile: file.temporary, atomically: false, encoding: .utf8)
            try file.commit()
            #expect(try contents(dir + "/real.gpkg") == "layer")
            #expect(try entries(dir) == ["link.gpkg", "real.gpkg"])
            // Abandoned: the temporary file (and SQLite's journal) go, the target stays.
            let again = try FileReplacement(dir + "/real.gpkg", what: "a GPKG layer", suffix: ".gpkg")
            try "half".write(toFile: again.temporary, atomically: false, encoding: .utf8)
            try "j".write(toFile: again.temporary + "-journal", atomically: false, encoding: .utf8)
            again.abandon()
            #expect(try entries(dir) == ["link.gpkg", "real.gpkg"])
            #expect(throws: FileError("write", "-", code: 0, detail: "a GPKG layer cannot be written to standard output; give a file name")) {
                try FileReplacement("-", what: "a GPKG layer")
            }
            #expect(throws: FileError("write", "/dev/null", code: 0, detail: "a GPKG layer needs a regular file, not a device or pipe")) {
                try FileReplacement("/dev/null", what: "a GPKG layer")
            }
            #expect(throws: FileError("write", dir, code: 0, detail: "it is a directory; give a file name")) {
                try FileReplacement(dir, what: "a GPKG layer")
            }
        }
    }

    @Test("A series is not written over a file, nor over a directory with other files")
    func seriesRefusals() throws {
        try inDirectory { dir in
            try "x".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
            #expect(throws: FileError("write the series to", dir + "/file", code: 0, detail: "it is a file; a series needs a directory")) {
                try SeriesDirectory(dir + "/file")
            }
            try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: false)
            try "notes".write(toFile: dir + "/mine/notes.txt", atomically: false, encoding: .utf8)
            #expect(throws: FileError("write the series to", dir + "/mine", code: 0,
                                      detail: "it holds files that are not part of a series ('notes.txt'); give a new or empty directory")) {
                try SeriesDirectory(dir + "/mine")
            }
            #expect(try contents(dir + "/mine/notes.txt") == "notes")
        }
    }
}

/// `ShareStream` writes a timeline date by date; the pieces must be the bytes `render` gives
/// for all the reports at once.
@Suite("Share stream")
struct ShareStreamTests {
    @Test("Streamed CSV, JSON and tables equal the whole render, for 0 to 3 reports", arguments: ShareFormat.allCases)
    func sameBytes(_ format: ShareFormat) throws {
        let toy = try Fixtures.toy()
        let scenario = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, place: TownA, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-03-01, place: TownD, faction: kurds, action: contest, source: {publication: Test, date: 2015-03-01, claim: test}}
            """)
        let plan = try #require(ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(scenario).plan)
        let simulation = Simulation(scenario: scenario, partition: toy.partition, plan: plan)
        var reports = [ShareReport]()
        try simulation.run(from: Day("2015-01-01")!, to: Day("2015-03-01")!, every: .months(1)) { reports.append($0.report()) }
        for n in 0...3 {
            var stream = ShareStream(format: format, count: n)
            let streamed = reports.prefix(n).map { stream.next($0) }.joined() + stream.end()
            #expect(streamed == ShareRenderer.render(Array(reports.prefix(n)), as: format), "\(format), \(n) reports")
        }
    }
}
