import Foundation
import Testing
@testable import Frontline

/// `frontline viewer`: the page's data, its encoding, the vendored Leaflet, and that the site
/// needs nothing from the network. (The page in a browser: Tests/verify/viewer_test.py.)
@Suite("Viewer")
struct ViewerTests {
    static let assets = Fixtures.repository.appendingPathComponent("Viewer")

    @Test("Encoded polylines: Google's documented example, and a round trip at 1e-5°")
    func polyline() throws {
        // developers.google.com/maps/documentation/utilities/polylinealgorithm: the three points
        // (38.5, -120.2), (40.7, -120.95), (43.252, -126.453) encode to this string.
        let points = [Coordinate(lon: -120.2, lat: 38.5), Coordinate(lon: -120.95, lat: 40.7), Coordinate(lon: -126.453, lat: 43.252)]
        #expect(Polyline.encode(points) == "_p~iF~ps|U_ulLnnqC_mqNvxq`@")
        let ring = [Coordinate(lon: 38.123456, lat: 35.654321), Coordinate(lon: 38.2, lat: 35.6), Coordinate(lon: 38.1, lat: 35.5)]
        let back = try #require(Polyline.decode(Polyline.encode(ring)))
        for (a, b) in zip(ring, back) { #expect(abs(a.lon - b.lon) <= 5e-6 && abs(a.lat - b.lat) <= 5e-6) }
        #expect(Polyline.decode("_p~iF~ps|U_ulL") == nil)   // an odd number of values
    }

    @Test("Leaflet is vendored unmodified: the hashes of Leaflet 1.9.4's dist files, and its licence")
    func leaflet() throws {
        let expected = ["leaflet.js": "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a",
                        "leaflet.css": "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6"]
        for (file, hash) in expected {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [Self.assets.appendingPathComponent("leaflet/\(file)").path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(out.hasPrefix(hash + " "), "\(file): \(out)")
        }
        let js = try String(contentsOf: Self.assets.appendingPathComponent("leaflet/leaflet.js"), encoding: .utf8)
        #expect(js.hasPrefix("/* @preserve\n * Leaflet 1.9.4,"))
        let licence = try String(contentsOf: Self.assets.appendingPathComponent("leaflet/LICENSE"), encoding: .utf8)
        #expect(licence.hasPrefix("BSD 2-Clause License"))
    }

    @Test("The page loads only its own files: no URL with a scheme in a src or href, no fetch")
    func offline() throws {
        let html = try String(contentsOf: Self.assets.appendingPathComponent("index.html"), encoding: .utf8)
        let refs = html.matches(of: /(?:src|href)="([^"]*)"/).map { String($0.1) }
        #expect(refs.sorted() == ["data.js", "leaflet/LICENSE", "leaflet/leaflet.css", "leaflet/leaflet.js", "viewer.css", "viewer.js"])
        let js = try String(contentsOf: Self.assets.appendingPathComponent("viewer.js"), encoding: .utf8)
        for call in ["fetch(", "XMLHttpRequest", "import(", "tileLayer", "https://"] {
            #expect(!js.contains(call), "viewer.js uses \(call)")
        }
        // The one http: URI is SVG's namespace name, an identifier that is never fetched.
        #expect(js.matches(of: /http:\/\/[^'"]*/).map { String($0.0) } == ["http://www.w3.org/2000/svg"])
    }

    @Test("The seeds scenario's page data: the schema's keys, territory intervals of the daily layer, geometry that decodes")
    func data() throws {
        let loaded = try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo)
        let end = Day("2016-12-31")!
        let data = try ViewerData(loaded, geo: Fixtures.geo, end: end)
        let layer = try TerritoryLayer(loaded, days: Step.days(1).days(from: loaded.scenario.start, through: end))
        #expect(data.territories.count == layer.intervals.count)
        #expect(data.events.count == loaded.scenario.events.count)
        #expect(data.scenario.end == "2016-12-31")
        // The intervals end the day after the last day; every event a territory names exists.
        #expect(data.territories.allSatisfy { $0.to <= "2017-01-01" && $0.from < $0.to })
        #expect(data.territories.allSatisfy { $0.events.allSatisfy { (1...data.events.count).contains($0) } })
        let interval = try #require(layer.intervals.max { $0.areaKm2 < $1.areaKm2 })
        let record = try #require(data.territories.first { $0.from == "\(interval.from)" && $0.block == interval.block
            && $0.status == interval.key.statusName && $0.faction == loaded.scenario.factions[interval.key.holder].id })
        let decoded = try #require(Polyline.decode(record.geometry[0][0]))
        #expect(decoded.count == interval.polygons[0].exterior.count)
        // Within half a unit of 1e-5° (coordinates on the 1e-6° grid ending in 5 round by exactly that).
        for (a, b) in zip(decoded, interval.polygons[0].exterior) { #expect(abs(a.lon - b.lon) <= 5.01e-6 && abs(a.lat - b.lat) <= 5.01e-6) }

        let script = try data.script()
        #expect(script.hasPrefix("window.FRONTLINE_DATA = {") && script.hasSuffix("};\n"))
        let payload = try #require(ViewerData.json(ofScript: script))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: OutputContractTests.schemas
            .appendingPathComponent("viewer-data.schema.json"))) as? [String: Any])
        #expect(Set(json.keys) == Set(schema["required"] as? [String] ?? []))
        let territorySchema = try #require(((schema["properties"] as? [String: Any])?["territories"] as? [String: Any])?["items"] as? [String: Any])
        let allowed = Set((territorySchema["properties"] as? [String: Any] ?? [:]).keys)
        for t in try #require(json["territories"] as? [[String: Any]]) { #expect(Set(t.keys).isSubset(of: allowed)) }
    }

    @Test("ViewerSite writes the page's files and data.js, and nothing else")
    func site() throws {
        let loaded = try LoadedScenario(path: Fixtures.seeds, geo: Fixtures.geo)
        let data = try ViewerData(loaded, geo: Fixtures.geo, end: Day("2014-12-31")!)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try ViewerSite.write(data, assets: Self.assets, to: dir)
        var files = [String]()
        let walker = try #require(FileManager.default.enumerator(atPath: dir.path))
        for case let path as String in walker where !path.hasSuffix("images") && !path.hasSuffix("leaflet") { files.append(path) }
        #expect(files.sorted() == ["data.js", "index.html", "leaflet/LICENSE", "leaflet/images/layers-2x.png", "leaflet/images/layers.png",
                                   "leaflet/images/marker-icon-2x.png", "leaflet/images/marker-icon.png", "leaflet/images/marker-shadow.png",
                                   "leaflet/leaflet.css", "leaflet/leaflet.js", "viewer.css", "viewer.js"])
        #expect(bytes == (try Data(contentsOf: dir.appendingPathComponent("data.js"))).count)
    }
}
