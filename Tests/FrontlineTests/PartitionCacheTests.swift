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
        #expect(PartitionCache.directory(environment: ["FRONTLINE_CACHE": "off"]) == nil)
        #expect(PartitionCache.directory(environment: ["FRONTLINE_CACHE": "/tmp/x"])?.path == "/tmp/x")
        #expect(PartitionCache.directory(environment: ["XDG_CACHE_HOME": "/c"])?.path == "/c/frontline")
        #expect(PartitionCache.directory(environment: ["HOME": "/h"])?.path == "/h/.cache/frontline")
    }
}
