import Foundation
import Testing
@testable import Frontline

/// The `frontline` executable run as a user runs it, for what only shows at the command line
/// (issue 11): `--version`, formats that follow `-o`'s extension or are refused, `-o -`, PNG,
/// `places` as a search, `--faction` with aliases, `import acled` and `check` on its output.
@Suite("Command-line behaviour")
struct CommandLineBehaviourTests {
    /// The executable `swift build` put beside this test bundle.
    static let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("frontline").path

    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs the executable with `arguments` in a new temporary directory (its path in `dir`),
    /// with the repository's Geo/ data.
    func run(_ arguments: [String], in dir: URL? = nil) throws -> Result {
        let directory = dir ?? FileManager.default.temporaryDirectory.appendingPathComponent("frontline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["FRONTLINE_GEO"] = Fixtures.geoDirectory.path
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try Data(contentsOf: out),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    static let seeds = Fixtures.seeds

    @Test("--version prints the version")
    func version() throws {
        let r = try run(["--version"])
        #expect(r.status == 0 && r.text == "frontline \(FrontlineVersion.current)\n")
    }

    @Test("An extension that names another format is refused before any work, naming both",
          arguments: [
            (["map", seeds, "--date", "2015-06-01", "-o", "map.geojson"], "the extension .geojson says GeoJSON"),
            (["map", seeds, "--date", "2015-06-01", "--format", "svg", "-o", "map.png"], "--format svg and -o map.png disagree"),
            (["timeline", seeds, "--to", "2015-03-01", "--format", "csv", "-o", "t.json"], "--format csv and -o t.json disagree"),
            (["timeline", seeds, "--to", "2015-03-01", "-o", "t.geojson"], "the extension .geojson says GeoJSON"),
            (["replay", seeds, "--date", "2015-06-01", "-o", "r.svg"], "the extension .svg says SVG"),
            (["import", "acled", "x.csv", "-o", "x.json"], "the extension .json says JSON"),
            (["cells", seeds, "--date", "2015-06-01", "-o", "c.gpkg"], "the extension .gpkg says GeoPackage"),
          ])
    func refused(arguments: [String], message: String) throws {
        let r = try run(arguments)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test("The format follows -o's extension: .json gives JSON, .txt the table, .png a PNG of the drawing")
    func byExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-ext-\(UUID().uuidString)")
        #expect(try run(["timeline", Self.seeds, "--to", "2015-03-01", "-o", "t.json"], in: dir).status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("t.json"))) as? [[String: Any]])
        #expect(json.first?["date"] as? String == "2014-06-01" && json.last?["date"] as? String == "2015-03-01")
        #expect(try run(["timeline", Self.seeds, "--to", "2015-03-01", "-o", "t.txt"], in: dir).status == 0)
        #expect(try String(contentsOf: dir.appendingPathComponent("t.txt"), encoding: .utf8).hasPrefix("2014-06-01  region"))
        let png = try run(["map", Self.seeds, "--date", "2015-06-01", "--width", "500", "-o", "m.png"], in: dir)
        #expect(png.status == 0, "\(png.stderr)")
        let bytes = try Data(contentsOf: dir.appendingPathComponent("m.png"))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // The PNG is as wide as asked: the IHDR width, big-endian at bytes 16–19.
        #expect(bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } == 500)
    }

    @Test("-o - writes to standard output")
    func dash() throws {
        let map = try run(["map", Self.seeds, "--date", "2015-06-01", "-o", "-"])
        #expect(map.status == 0 && map.text.hasPrefix("<?xml"))
        let csv = try run(["timeline", Self.seeds, "--to", "2014-07-01", "-o", "-"])
        #expect(csv.status == 0 && csv.text.hasPrefix("date,faction,name,"))
        let geojson = try run(["replay", Self.seeds, "--date", "2015-06-01", "-o", "-"])
        #expect(geojson.status == 0 && geojson.text.hasPrefix("{\"type\":\"FeatureCollection\""), "\(geojson.text.prefix(80))")
        let yaml = try run(["import", "acled", Fixtures.repository.appendingPathComponent("Tests/Fixtures/ACLED/made-up-export.csv").path, "-o", "-"])
        #expect(yaml.status == 0 && yaml.text.hasPrefix("# Imported from made-up-export.csv"))
    }

    @Test("places: a name resolves; a misspelling lists the nearest names and exits 0; nothing near exits 1")
    func places() throws {
        let exact = try run(["places", "Raqqa"])
        #expect(exact.status == 0 && exact.text.hasPrefix("Ar Raqqah (Ar Raqqah)"))
        let search = try run(["places", "Raqa"])
        #expect(search.status == 0)
        let lines = search.text.split(separator: "\n")
        #expect(lines.first == "no place is named 'Raqa'; the nearest names:")
        #expect(lines.count > 3 && lines[2].hasPrefix("Ar Raqqah"))   // the nearest first (header on line 2)
        let ambiguous = try run(["places", "Suran"])
        #expect(ambiguous.status == 0 && ambiguous.text.hasPrefix("'Suran' names 2 places;"))
        let json = try run(["places", "Raqa", "--format", "json"])
        let decoded = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        // The places as places.schema.json has them (no extra keys), nearest first.
        #expect(decoded.count > 1 && decoded.first?["ascii_name"] as? String == "Ar Raqqah")
        #expect(Set(decoded[0].keys) == ["id", "name", "ascii_name", "lat", "lon", "country", "admin1", "admin1_name", "population",
                                         "alternate_names", "source"])
        let none = try run(["places", "Qqqqqqqqqq"])
        #expect(none.status == 1 && none.stderr.contains("no place is named 'Qqqqqqqqqq' or anything near it"))
    }

    @Test("--faction takes an id or alias in any case; an unknown one is an error listing the names")
    func factionFilter() throws {
        let share = try run(["share", "--date", "2015-05-21", "--faction", "ISIL", "--format", "csv"])
        #expect(share.status == 0, "\(share.stderr)")
        let rows = share.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(rows == ["isis", "contested"])
        let two = try run(["timeline", "--to", "2014-03-01", "--faction", "Daesh", "--faction", "sdf", "--format", "csv"])
        #expect(Set(two.text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }) == ["isis", "sdf", "contested"])
        let bad = try run(["share", "--date", "2015-05-21", "--faction", "Kurds"])
        #expect(bad.status != 0 && bad.stderr.contains("--faction Kurds names no faction of the scenario (isis (ISIL, Daesh, IS, Islamic State)"))
    }

    @Test("import acled: the fixture becomes a scenario that check accepts; the report names the unmapped actor and its row")
    func importACLED() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-acled-\(UUID().uuidString)")
        let fixture = Fixtures.repository.appendingPathComponent("Tests/Fixtures/ACLED/made-up-export.csv").path
        let r = try run(["import", "acled", fixture, "-o", "acled.yaml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("not imported: actor1 'Unidentified Armed Group (Syria)' maps to no faction (line 9 SYRTEST08)"))
        #expect(r.stderr.contains("2 of other types skipped: Battles / Armed clash 1, Explosions/Remote violence / Air/drone strike 1"))
        let check = try run(["check", dir.appendingPathComponent("acled.yaml").path], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.text.contains(": ok: 8 factions,") && check.text.contains(" 8 events from 2017-03-02 to 2019-01-07"))
        // --strict fails on the rows left out, and still writes the scenario.
        let strict = try run(["import", "acled", fixture, "--strict", "-o", "strict.yaml"], in: dir)
        #expect(strict.status == 1 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("strict.yaml").path))
    }
}
