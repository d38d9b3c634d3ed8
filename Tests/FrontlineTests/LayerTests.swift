import Foundation
import Testing
@testable import Frontline

/// The time-enabled layer: territory intervals, their provenance, WKB, and the files GDAL writes.
///
/// The toy world (four 1°×1° cells A B C D in a row, `Fixtures`): the scenario names TownA and
/// TownD, so A's catchment is {A, B} and D's is {C, D} (B is nearer A, C nearer D); A and B are in
/// governorate XX01, C and D in XX02. ISIS takes TownA on 10 January, the Kurds TownD on 20 January.
@Suite("Time-enabled layer")
struct LayerTests {
    static let twoCellsKm2 = Fixtures.quadrangleKm2(lon1: 0, lon2: 2, lat1: 0, lat2: 1)

    static let events = """
          - date: 2015-01-10
            place: TownA
            faction: isis
            uncertain: "the day: reports differ by two days"
            source: {publication: Wire, date: 2015-01-11, title: "TownA falls", url: "https://example.org/a", claim: "ISIS took TownA"}
          - {date: 2015-01-20, place: TownD, faction: kurds, source: {publication: Daily, date: 2015-01-21, claim: "Kurds in TownD"}}
        """

    func toyLayer(split: TerritoryLayer.Split = .place, every step: Step = .days(1)) throws -> (TerritoryLayer, Simulation) {
        let toy = try Fixtures.toy()
        let scenario = try Fixtures.toyScenario(events: Self.events)
        let (plan, diagnostics) = ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(scenario)
        let p = try #require(plan, "\(diagnostics)")
        let days = step.days(from: Day("2015-01-01")!, through: Day("2015-01-31")!)
        let layer = try TerritoryLayer(simulation: Simulation(scenario: scenario, partition: toy.partition, plan: p),
                                       gazetteer: toy.gazetteer, days: days, split: split)
        return (layer, Simulation(scenario: scenario, partition: toy.partition, plan: p))
    }

    @Test("A new feature only when a territory changes: four intervals for two events over 31 days")
    func intervals() throws {
        let (layer, _) = try toyLayer()
        let s = layer.scenario
        let rows = layer.intervals.map { t in
            "\(s.factions[t.key.holder].id) \(t.key.statusName) \(layer.blocks.places[t.block] ?? "-") \(t.from)..<\(t.to) "
                + "pop \(t.population) events \(t.events) initial \(t.initialEntries)"
        }
        // The government holds both catchments from the start (initial row 0) until each falls; the
        // last intervals end the day after the last day asked for (2015-01-31 + 1).
        #expect(rows == [
            "gov held TownA 2015-01-01..<2015-01-10 pop 1500 events [] initial [0]",
            "gov held TownD 2015-01-01..<2015-01-20 pop 1500 events [] initial [0]",
            "isis held TownA 2015-01-10..<2015-02-01 pop 1500 events [0] initial []",
            "kurds held TownD 2015-01-20..<2015-02-01 pop 1500 events [1] initial []",
        ])
        // Two cells each: the closed-form quadrangle area 0–2°E × 0–1°N (PROJ's geodesic edges
        // differ from parallels by far less than 1e-4 at 1°N).
        for t in layer.intervals {
            #expect(abs(t.areaKm2 - Self.twoCellsKm2) / Self.twoCellsKm2 < 1e-4, "\(t.areaKm2) vs \(Self.twoCellsKm2)")
            #expect(t.polygons.count == 1 && t.polygons[0].holes.isEmpty)
        }
    }

    @Test("Every split gives the same figures per day as the engine's report", arguments: TerritoryLayer.Split.allCases)
    func splitsAgree(split: TerritoryLayer.Split) throws {
        let (layer, simulation) = try toyLayer(split: split)
        for day in Step.days(1).days(from: Day("2015-01-01")!, through: Day("2015-01-31")!) {
            try simulation.advance(to: day)
            let report = simulation.report()
            for (f, share) in report.factions.enumerated() {
                let layerKm2 = layer.intervals.filter { $0.covers(day) && $0.key.holder == f && $0.key.status == .held }
                    .reduce(0) { $0 + $1.areaKm2 }
                #expect(abs(layerKm2 - share.areaKm2) < 1e-9, "\(day) \(share.faction.id)")
            }
        }
        // Whole territories: the government's {A B C D}, then {C D}, then nothing; ISIS's and the
        // Kurds'. Split: each catchment's (and each governorate's, the same blocks here) owner changes once.
        #expect(layer.intervals.count == 4)
    }

    @Test("A monthly series samples the state: one interval per state seen on the sampled days")
    func sampled() throws {
        // Sampled on 1 January only (the next sample would be 1 February): the layer is the start.
        let (layer, _) = try toyLayer(every: .months(1))
        #expect(layer.intervals.map { "\($0.from)..<\($0.to)" } == ["2015-01-01..<2015-01-02", "2015-01-01..<2015-01-02"])
    }

    @Test("WKB: a unit square is the 102-byte little-endian MultiPolygon of ISO 19125, and reads back")
    func wkb() throws {
        let square = PolygonCoordinates(exterior: [Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0),
                                                   Coordinate(lon: 1, lat: 1), Coordinate(lon: 0, lat: 1)])
        let bytes = WKB.multiPolygon([square])
        // 1 (byte order) + 4 (type 6) + 4 (1 polygon), 1 + 4 (type 3) + 4 (1 ring), 4 (5 points), 5 × 16.
        #expect(bytes.count == 9 + 9 + 4 + 80)
        #expect(Array(bytes[0..<9]) == [1, 6, 0, 0, 0, 1, 0, 0, 0])
        #expect(Array(bytes[9..<22]) == [1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0])
        // The second point's x, 1.0, is 0x3FF0000000000000 little endian.
        #expect(Array(bytes[38..<46]) == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        let back = try #require(WKB.polygons(bytes))
        #expect(back == [PolygonCoordinates(exterior: square.exterior + [square.exterior[0]])])
        #expect(WKB.polygons(Array(bytes.dropLast())) == nil)
    }

    @Test("GeoPackage and FlatGeobuf through GDAL: MultiPolygon, EPSG:4326, dated fields, the features written",
          arguments: [LayerFormat.geopackage, .flatgeobuf])
    func gdalFiles(format: LayerFormat) throws {
        let (layer, _) = try toyLayer()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-layer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("toy.\(format.rawValue)").path
        try layer.write(to: path, format: format)
        let dataset = try VectorDataset(reading: path)
        #expect(dataset.driverName == (format == .geopackage ? "GPKG" : "FlatGeobuf"))
        let read = try dataset.layer(named: TerritoryLayer.layerName)
        #expect(read.geometryTypeName == "Multi Polygon")
        #expect(read.crs?.authority == "EPSG" && read.crs?.code == "4326")
        let types = Dictionary(uniqueKeysWithValues: read.fields.map { ($0.name, $0.type) })
        // FlatGeobuf has no date type: GDAL writes dates there as DateTime (a type `FieldType`
        // leaves out, read back as text).
        #expect(types["valid_from"] == .some(format == .geopackage ? .date : nil))
        #expect(types["area_km2"] == .real && types["population"] == .integer64 && types["events"] == .string)
        let features = try read.features()
        #expect(features.count == 4)
        let names = read.fields.map(\.name)
        func value(_ f: VectorLayer.Feature, _ name: String) -> FieldValue? { f.values[names.firstIndex(of: name)!] }
        let isis = try #require(features.first { value($0, "faction") == .string("isis") })
        #expect(value(isis, "events") == .string("1"))          // event number 1: ISIS takes TownA
        #expect(value(isis, "last_event") == .integer(1))
        #expect(value(isis, "place") == .string("TownA"))
        #expect(value(isis, "governorate") == .string("West"))
        #expect(value(isis, "initial") == nil)
        if format == .geopackage {
            #expect(value(isis, "valid_from") == .date(Day("2015-01-10")!))
            #expect(value(isis, "valid_to") == .date(Day("2015-02-01")!))
            // The events table: each event with its source.
            let events = try dataset.layer(named: "events").features()
            #expect(events.count == 2)
            #expect(events[0].values.contains(.string("ISIS took TownA")))
            #expect(events[0].values.contains(.string("the day: reports differ by two days")))
        } else {
            #expect(value(isis, "valid_from") == .string("2015/01/10 00:00:00"))
        }
        let polygons = try #require(isis.wkb.flatMap(WKB.polygons))
        #expect(polygons.count == 1)
        // No temporary file is left beside the layer.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["toy.\(format.rawValue)"])
    }

    @Test("GeoJSON layer: every geometry a MultiPolygon, dates as YYYY-MM-DD, the same fields")
    func geoJSONLayer() throws {
        let (layer, _) = try toyLayer()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(layer.geoJSON().utf8)) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 4)
        for f in features {
            let geometry = try #require(f["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "MultiPolygon")
            let p = try #require(f["properties"] as? [String: Any])
            #expect(Set(p.keys) == Set(TerritoryLayer.fields.map(\.name)))
            #expect((p["valid_from"] as? String).flatMap(Day.init) != nil)
        }
    }

    @Test("The layer of the seeds scenario adds up to the engine's figures on sampled days")
    func seedsAgree() throws {
        let loaded = try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo)
        let days = Step.days(7).days(from: loaded.scenario.start, through: Day("2019-03-31")!)
        let layer = try TerritoryLayer(loaded, days: days)
        let simulation = loaded.simulation()
        for day in days where day.ordinal % 91 == 0 {
            try simulation.advance(to: day)
            let report = simulation.report()
            for (f, share) in report.factions.enumerated() {
                func sum(_ status: (TerritoryKey.Status) -> Bool) -> Double {
                    layer.intervals.filter { $0.covers(day) && $0.key.holder == f && status($0.key.status) }.reduce(0) { $0 + $1.areaKm2 }
                }
                #expect(abs(sum { $0 == .held } - share.areaKm2) < 1e-6 * max(1, share.areaKm2), "\(day) \(share.faction.id)")
                #expect(abs(sum { $0 == .influence } - share.influenceKm2) < 1e-6 * max(1, share.influenceKm2))
                #expect(abs(sum { if case .contested = $0 { true } else { false } } - share.contestedKm2) < 1e-6 * max(1, share.contestedKm2))
            }
        }
        // Parts of one territory never overlap in time.
        var spans = [String: [TerritoryInterval]]()
        for t in layer.intervals { spans["\(t.key)|\(t.block)", default: []].append(t) }
        for list in spans.values {
            for (a, b) in zip(list, list.dropFirst()) { #expect(a.to <= b.from) }
        }
    }
}
