import Foundation
import Testing
@testable import Frontline

/// Places a scenario declares by coordinates (`places:`) because the gazetteer lacks them.
@Suite("Declared places")
struct DeclaredPlaceTests {
    /// A place made up for the test, 10 km south of al-Tanf in the Syrian desert, where the
    /// gazetteer has no place.
    static func scenario(places: String) -> String {
        """
        name: declared places
        region: [SY]
        start: 2015-01-01
        factions:
          - {id: gov, name: Government, color: "#cc0000"}
          - {id: reb, name: Rebels, color: "#00aa00"}
        places:
        \(places)
        initial:
          - {country: SY, faction: gov}
        events:
          - date: 2016-03-04
            place: Test Outpost
            faction: reb
            radius_km: 30
            source: {publication: Reuters, date: 2016-03-05, claim: "rebels took the al-Tanf crossing"}
        """
    }

    static let tanf = """
          - name: al-Test Outpost
            lat: 33.4086
            lon: 38.6569
            population: 0
            source: {publication: Made up for this test, date: 2020-01-01, claim: "33.4086 N, 38.6569 E"}
        """

    func load(_ text: String) throws -> LoadedScenario {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("declared-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try LoadedScenario(path: url.path, geo: Fixtures.geo)
    }

    func diagnostics(_ text: String) -> [Diagnostic] {
        do { _ = try load(text); return [] } catch let e as ScenarioError { return e.diagnostics } catch {
            return [Diagnostic(file: "?", line: nil, "unexpected \(error)")]
        }
    }

    @Test("A declared place gets a cell of its own at its coordinates, and events can name it")
    func ownCell() throws {
        let loaded = try load(Self.scenario(places: Self.tanf))
        let index = try loaded.gazetteer.resolveIndex("al-Test Outpost")
        let place = loaded.gazetteer.places[index]
        // Its country is the outline containing it, its governorate Homs (SY11), which
        // contains the Tanf area in Natural Earth's admin-1 layer.
        #expect(place.country == "SY" && place.admin1 == "SY11" && place.id == "scenario:1")
        let cell = try #require(loaded.partition.cellOfPlace[index])
        #expect(loaded.partition.cells[cell].site == Coordinate(lon: 38.6569, lat: 33.4086))
        // The event names it without the article; the cell is its anchor.
        #expect(loaded.plan.anchors == [cell])
        #expect(loaded.plan.changes[0].anchorCell == Int32(cell))
    }

    @Test("A declared place outside the region is an error on its line")
    func outside() {
        let d = diagnostics(Self.scenario(places: """
              - name: Amman
                lat: 31.95
                lon: 35.93
                source: {publication: GeoNames, date: 2020-01-01, claim: "31.95 N 35.93 E"}
            """))
        #expect(d.map(\.line) == [8])
        #expect(d.first?.message.contains("outside the region") == true)
    }

    @Test("A declared place without a source, or with a bad coordinate, is an error")
    func malformed() {
        let d = diagnostics(Self.scenario(places: """
              - name: al-Test Outpost
                lat: 133.5
                lon: 38.66
              - {name: Rukban, lat: 33.3, lon: x, source: {publication: P, date: 2017-01-01, claim: c}}
            """))
        #expect(d.contains { $0.line == 9 && $0.message.contains("lat '133.5' is not a number from -90.0 to 90.0") })
        #expect(d.contains { $0.line == 8 && $0.message.contains("has no source") })
        #expect(d.contains { $0.line == 11 && $0.message.contains("lon 'x'") })
    }

    @Test("A declared place on top of a gazetteer place is accepted with a warning")
    func duplicateWarns() throws {
        // Tadmur (Palmyra) in GeoNames: 34.56 N, 38.28 E.
        let place = try Fixtures.geo.gazetteer.resolve("Palmyra")
        let loaded = try load(Self.scenario(places: Self.tanf + """

              - name: Tadmor Town
                lat: \(place.coordinate.lat + 0.001)
                lon: \(place.coordinate.lon)
                source: {publication: P, date: 2017-01-01, claim: c}
            """))
        #expect(loaded.warnings.contains { $0.severity == .warning && $0.message.contains("within 1 km of the gazetteer's Tadmur") })
    }
}

/// Catchments found with the cheap distance as a prefilter equal the full scan with Karney's
/// geodesic distance (the definition in docs/MODEL.md), on the real partition.
@Suite("Catchments")
struct CatchmentTests {
    @Test("The prefiltered catchments equal the full geodesic scan", arguments: [7, 60, 400])
    func prefilterIsExact(anchorCount: Int) throws {
        let partition = try Fixtures.geo.partition(of: ["SY", "IQ"])
        // Anchors: every k-th place cell (deterministic), so both dense and sparse regions have some.
        let places = partition.cells.indices.filter { !partition.cells[$0].isFiller }
        let step = max(1, places.count / anchorCount)
        let anchors = Array(stride(from: 0, to: places.count, by: step).map { places[$0] }.prefix(anchorCount))
        let fast = ControlModel.catchments(partition: partition, anchors: anchors)
        let geodesic = Geodesic.wgs84, isAnchor = Set(anchors)
        for (c, cell) in partition.cells.enumerated() {
            var best: Int32 = -1, bestDistance = Double.infinity
            for (k, a) in anchors.enumerated() where partition.cells[a].country == cell.country {
                let d = geodesic.distance(cell.site, partition.cells[a].site)
                if d < bestDistance { best = Int32(k); bestDistance = d }
            }
            if best >= 0, !isAnchor.contains(c), cell.population > partition.cells[anchors[Int(best)]].population { best = -1 }
            #expect(fast[c] == best, "cell \(c)")
        }
    }
}
