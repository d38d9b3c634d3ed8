import Foundation
import Testing
@testable import Frontline

/// The partition cache: what it keeps, when it is used, and that a damaged file is rebuilt.
@Suite("Partition cache")
struct PartitionCacheTests {
    static let road = LineFeature(kind: .road, name: "Toy Highway", lineClass: "test",
                                  parts: [[Coordinate(lon: -0.5, lat: 0.5), Coordinate(lon: 4.5, lat: 0.5)]])

    func build(in directory: URL?, reach: ReachModel = ReachModel(reachKm: 5, corridorKm: 10)) throws -> Partition {
        let gazetteer = try Gazetteer(places: Fixtures.toyPlaces(populations: [1000, 785_398, 0, 20_000]))
        return try Partition.cached(in: directory, gazetteer: gazetteer, outlines: Fixtures.toyOutline, countries: ["XX"],
                                    context: GEOSContext(), fillerSpacingKm: nil, governorates: [], lines: [Self.road],
                                    reach: reach)
    }

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("frontline-cache-\(UUID().uuidString)")
    }

    @Test("A partition read back from the cache equals the one built: cells, pieces, areas, geometries")
    func roundTrip() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let built = try build(in: nil)
        let first = try build(in: dir)            // builds and writes
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".bin") }
        #expect(files.count == 1)
        let second = try build(in: dir)           // reads
        for p in [first, second] {
            #expect(p.cells.count == built.cells.count)
            for (a, b) in zip(p.cells, built.cells) {
                #expect(a.polygons == b.polygons && a.reachPolygons == b.reachPolygons)
                #expect(a.areaKm2 == b.areaKm2 && a.reachAreaKm2 == b.reachAreaKm2 && a.population == b.population)
                #expect(a.placeIndex == b.placeIndex && a.admin1 == b.admin1 && a.settlementRadiusKm == b.settlementRadiusKm)
            }
            #expect(p.beyondPolygons == built.beyondPolygons)
            #expect(p.regionAreaKm2 == built.regionAreaKm2 && p.lonScale == built.lonScale)
            #expect(p.cellOfPlace == built.cellOfPlace)
            for u in 0..<(2 * p.cells.count) { #expect((p.unitGeometry(u) == nil) == (built.unitGeometry(u) == nil)) }
        }
    }

    func key(_ reach: ReachModel) throws -> String {
        let gazetteer = try Gazetteer(places: Fixtures.toyPlaces(populations: [1000, 785_398, 0, 20_000]))
        return PartitionCache.key(gazetteer: gazetteer, outlines: Fixtures.toyOutline, countries: ["XX"], fillerSpacingKm: nil,
                                  governorates: [], lines: [Self.road], reach: reach)
    }

    @Test("Another reach rule is another file; a damaged file is not read, and is rebuilt and written again")
    func keysAndDamage() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ten, twenty) = (ReachModel(reachKm: 5, corridorKm: 10), ReachModel(reachKm: 5, corridorKm: 20))
        _ = try build(in: dir, reach: ten)
        _ = try build(in: dir, reach: twenty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".bin") }.count == 2)
        let url = PartitionCache.file(for: try key(ten), in: dir)
        #expect(PartitionCache.load(key: try key(ten), from: url, placeCount: 4) != nil)
        #expect(PartitionCache.load(key: try key(twenty), from: url, placeCount: 4) == nil)   // the full key is compared
        // Flip one byte near the end: the checksum no longer matches.
        var data = try Data(contentsOf: url)
        data[data.count - 20] ^= 0xff
        try data.write(to: url)
        #expect(PartitionCache.load(key: try key(ten), from: url, placeCount: 4) == nil)
        let rebuilt = try build(in: dir, reach: ten)
        #expect(rebuilt.cells.map(\.reachAreaKm2) == (try build(in: nil, reach: ten)).cells.map(\.reachAreaKm2))
        #expect(PartitionCache.load(key: try key(ten), from: url, placeCount: 4) != nil)   // written again
        // Garbage under the right name is not read either.
        try Data("not a partition".utf8).write(to: url)
        #expect(PartitionCache.load(key: try key(ten), from: url, placeCount: 4) == nil)
        #expect(try build(in: dir, reach: ten).cells.count == 4)
    }

    @Test("FRONTLINE_CACHE chooses the directory; off disables it; XDG_CACHE_HOME and HOME otherwise")
    func directory() {
        #expect(CacheDirectory.url(environment: ["FRONTLINE_CACHE": "off"]) == nil)
        #expect(CacheDirectory.url(environment: ["FRONTLINE_CACHE": "/tmp/x"])?.path == "/tmp/x")
        #expect(CacheDirectory.url(environment: ["XDG_CACHE_HOME": "/c"])?.path == "/c/frontline")
        #expect(CacheDirectory.url(environment: ["HOME": "/h"])?.path == "/h/.cache/frontline")
    }
}

/// The cache of what Geo/ holds (gazetteer with its folded keys, outlines, lines).
@Suite("Geo data cache")
struct GeoDataCacheTests {
    @Test("Geo/ read back from the cache equals Geo/ read from its files; a changed file is another key")
    func roundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-geocache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try GeoData(directory: Fixtures.geoDirectory, cacheDirectory: nil)
        let first = try GeoData(directory: Fixtures.geoDirectory, cacheDirectory: dir)    // reads Geo/, writes the cache
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("geodata-") }
        #expect(files.count == 1)
        let second = try GeoData(directory: Fixtures.geoDirectory, cacheDirectory: dir)   // reads the cache
        for geo in [first, second] {
            #expect(geo.gazetteer.places == plain.gazetteer.places)
            #expect(geo.gazetteer.exact == plain.gazetteer.exact && geo.gazetteer.loose == plain.gazetteer.loose)
            #expect(geo.gazetteer.preferred == plain.gazetteer.preferred)
            #expect(geo.gazetteer.suggestionKeys == plain.gazetteer.suggestionKeys)
            #expect(geo.gazetteer.governorateKeys == plain.gazetteer.governorateKeys)
            #expect(geo.gazetteer.governorates == plain.gazetteer.governorates)
            #expect(geo.outlines == plain.outlines)
            #expect(geo.governorates.map(\.properties) == plain.governorates.map(\.properties))
            #expect(geo.governorates.map(\.polygons) == plain.governorates.map(\.polygons))
            // The neighbours the maps draw (14 features around the region in Geo/neighbours.geojson).
            #expect(try geo.neighbours().count == plain.neighbours().count && plain.neighbours().count > 10)
            #expect(try geo.neighbours().map(\.properties) == plain.neighbours().map(\.properties))
            #expect(try geo.neighbours().map(\.polygons) == plain.neighbours().map(\.polygons))
            #expect(geo.lines.map(\.parts) == plain.lines.map(\.parts) && geo.lines.map(\.name) == plain.lines.map(\.name))
            #expect(geo.lines.map(\.kind) == plain.lines.map(\.kind) && geo.lines.map(\.lineClass) == plain.lines.map(\.lineClass))
            #expect(try geo.gazetteer.resolve("Shingal") == plain.gazetteer.resolve("Shingal"))
            #expect(geo.gazetteer.suggestions(for: "Palmyrra") == plain.gazetteer.suggestions(for: "Palmyrra"))
        }
        // A damaged cache file is not read (and is written again).
        let url = dir.appendingPathComponent(files[0])
        var data = try Data(contentsOf: url)
        data[data.count - 9] ^= 0xff
        try data.write(to: url)
        #expect(GeoDataCache.load(key: GeoDataCache.key(directory: Fixtures.geoDirectory), from: url) == nil)
        #expect(try GeoData(directory: Fixtures.geoDirectory, cacheDirectory: dir).gazetteer.places == plain.gazetteer.places)
        #expect(GeoDataCache.load(key: GeoDataCache.key(directory: Fixtures.geoDirectory), from: url) != nil)

        // Another content of one file (one byte of the aliases) is another key.
        let copy = dir.appendingPathComponent("Geo")
        try FileManager.default.copyItem(at: Fixtures.geoDirectory, to: copy)
        #expect(GeoDataCache.key(directory: copy) == GeoDataCache.key(directory: Fixtures.geoDirectory))
        let aliases = copy.appendingPathComponent("aliases.tsv")
        try (String(contentsOf: aliases, encoding: .utf8) + "\n").write(to: aliases, atomically: true, encoding: .utf8)
        #expect(GeoDataCache.key(directory: copy) != GeoDataCache.key(directory: Fixtures.geoDirectory))
    }
}

/// The cache of what the parser made of a scenario file.
@Suite("Scenario cache")
struct ScenarioCacheTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("frontline-scenario-cache-\(UUID().uuidString)")
    }

    @Test("A scenario read back from the cache is the one parsed: same entries, same diagnostics; another text is parsed again")
    func roundTrip() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: Fixtures.full, encoding: .utf8)
        var parses = 0
        func read(_ text: String) -> (Scenario?, [Diagnostic]) {
            ScenarioCache.read(text, path: Fixtures.full, in: dir) { parses += 1; return ScenarioParser.read(text, file: Fixtures.full) }
        }
        let parsed = ScenarioParser.read(text, file: Fixtures.full)
        let first = read(text), second = read(text)
        #expect(parses == 1)
        for (scenario, diagnostics) in [first, second] {
            let s = try #require(scenario), p = try #require(parsed.0)
            #expect(s.file == p.file && s.name == p.name && s.description == p.description && s.region == p.region)
            #expect(s.start == p.start && s.end == p.end && s.factions == p.factions && s.places == p.places)
            #expect(s.initial == p.initial && s.events == p.events)
            #expect(diagnostics == parsed.1)
        }
        // An edited text is another key: parsed again (and its diagnostics kept too).
        let broken = text.replacingOccurrences(of: "faction: isis", with: "faction: nobody")
        let third = read(broken)
        #expect(parses == 2)
        #expect(third.1.contains { $0.message.contains("unknown faction 'nobody'") })
        #expect(read(broken).1 == third.1 && parses == 2)
    }
}

/// The cache directory stays bounded: the most recently used files of each kind are kept.
@Suite("Cache retention")
struct CacheRetentionTests {
    @Test("Writing a scenario slot beyond 32 removes the least recently used; a file read is kept; other kinds and temporary files are left")
    func pruning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let keep = try #require(CacheDirectory.retention["scenario-"])
        #expect(keep == 32)
        // 40 slots, slot i last modified i seconds after 2020-01-01 (slot 39 the newest).
        for i in 0..<40 {
            let url = dir.appendingPathComponent("scenario-\(i).json")
            try Data("x".utf8).write(to: url)
            var times = [timeval(tv_sec: 1_577_836_800 + i, tv_usec: 0), timeval(tv_sec: 1_577_836_800 + i, tv_usec: 0)]
            #expect(utimes(url.path, &times) == 0)
        }
        // Slot 0, the oldest, is read: marked used now, so it becomes the newest.
        CacheDirectory.markUsed(dir.appendingPathComponent("scenario-0.json"))
        try Data("p".utf8).write(to: dir.appendingPathComponent("partition-a.bin"))
        try Data("t".utf8).write(to: dir.appendingPathComponent(".scenario-9.json.frontline-1.tmp"))
        // A new slot is written: 41 slots, 32 kept.
        CacheDirectory.writeAtomically(Data("new".utf8), to: dir.appendingPathComponent("scenario-new.json"))
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        let slots = names.filter { $0.hasPrefix("scenario-") }
        #expect(slots.count == 32)
        // Kept: the new slot, slot 0 (read), and the 30 newest of the rest (10…39); removed: 1…9.
        #expect(slots.contains("scenario-new.json") && slots.contains("scenario-0.json"))
        #expect(slots == Set(["scenario-new.json", "scenario-0.json"] + (10..<40).map { "scenario-\($0).json" }))
        #expect(names.contains("partition-a.bin") && names.contains(".scenario-9.json.frontline-1.tmp"))
    }
}

/// The scenario cache's binary form.
@Suite("Scenario codec")
struct ScenarioCodecTests {
    /// A scenario with every optional field both present and absent somewhere: the fields the
    /// shipped scenario never sets (event `id`, a source's `author`, no `end`) included.
    static func everyField() -> (Scenario, [Diagnostic]) {
        let day = Day("2015-05-20")!
        let full = Citation(publication: "BBC", date: day, author: "Jim Muir", title: "Palmyra", url: "https://bbc.co.uk/x",
                            claim: "IS took Palmyra")
        let bare = Citation(publication: "AFP", date: day)
        let events = [
            ControlEvent(date: day, target: .place("Palmyra"), faction: "isis", action: .capture, radiusKm: 25, from: "gov",
                         source: full, note: "a note", until: Day("2015-06-01"), advanceFrom: "Sukhnah",
                         progress: [Progress(date: Day("2015-05-25")!, share: 0.5, source: bare, line: 30),
                                    Progress(date: Day("2015-05-28")!, share: 0.75, source: nil, line: 31)],
                         label: "Palmyra", uncertain: "date ±2 days", line: 28, number: 1, id: "SYR1234"),
            ControlEvent(date: day, target: .governorate("Homs"), faction: "gov", action: .contest, radiusKm: nil, from: nil,
                         source: bare, note: nil, line: 40, number: 2),
            ControlEvent(date: day, target: .country("SY"), faction: "gov", action: .capture, radiusKm: nil, from: nil,
                         source: bare, note: nil, line: 45, number: 3),
        ]
        let scenario = Scenario(
            file: "s.yaml", name: "every field", description: nil, region: ["SY", "IQ"], start: Day("2014-01-01")!, end: nil,
            factions: [Faction(id: "isis", name: "Islamic State", color: "#000000", aliases: ["ISIL", "Daesh"], acled: ["IS"]),
                       Faction(id: "gov", name: "Government", color: "#cc0000")],
            places: [ScenarioPlace(name: "Abu Khashab", coordinate: Coordinate(lon: 40.1, lat: 35.2), population: 0, source: full,
                                   note: nil, line: 12)],
            initial: [InitialControl(target: .country("SY"), faction: "gov", radiusKm: nil, source: nil, line: 20),
                      InitialControl(target: .place("Raqqa"), faction: "isis", radiusKm: 30, source: bare, line: 21)],
            events: events)
        let diagnostics = [Diagnostic(file: "s.yaml", line: 28, severity: .warning, "a warning"),
                           Diagnostic(file: "s.yaml", line: nil, "an error without a line")]
        return (scenario, diagnostics)
    }

    @Test("Every field comes back as written, absent optionals as absent; a file with no scenario keeps its diagnostics")
    func roundTrip() throws {
        let (s, d) = Self.everyField()
        let (back, diagnostics) = try #require(ScenarioCodec.decode(ScenarioCodec.encode(s, d)))
        let b = try #require(back)
        #expect(b.file == s.file && b.name == s.name && b.description == nil && b.region == s.region)
        #expect(b.start == s.start && b.end == nil && b.factions == s.factions && b.places == s.places)
        #expect(b.initial == s.initial && b.events == s.events && diagnostics == d)
        #expect(b.events[0].id == "SYR1234" && b.events[0].source.author == "Jim Muir" && b.events[1].id == nil)
        let none = try #require(ScenarioCodec.decode(ScenarioCodec.encode(nil, d)))
        #expect(none.0 == nil && none.1 == d)
    }

    @Test("A record cut short or with a byte changed is refused (nil), never misread or a crash")
    func damaged() throws {
        let (s, d) = Self.everyField()
        let data = ScenarioCodec.encode(s, d)
        for n in 0..<data.count { #expect(ScenarioCodec.decode(data.prefix(n)) == nil, "prefix of \(n) bytes") }
        #expect(ScenarioCodec.decode(data + Data([0])) == nil)
        var version = data
        version[0] ^= 0xff
        #expect(ScenarioCodec.decode(version) == nil)
    }
}
