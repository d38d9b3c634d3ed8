import Foundation

/// The data of `frontline viewer`'s page (`data.js`: `window.FRONTLINE_DATA = <this JSON>;`):
/// the day-by-day replay as territory intervals (the time-enabled layer's features), with the
/// events, the initial control and the map's outlines. Schema: docs/schema/viewer-data.schema.json.
///
/// Polygons are Google encoded polylines (precision 1e-5°, latitude first, each ring closed):
/// `geometry` is a list of polygons, each a list of rings, the exterior first. About a tenth of
/// the size of the same coordinates as GeoJSON text, and decoded by the page in a few lines.
public struct ViewerData: Codable, Sendable {
    public struct ScenarioInfo: Codable, Sendable {
        public let name: String
        public let description: String?
        public let file: String
        /// First and last day of the replay.
        public let start: String
        public let end: String
    }

    public struct FactionInfo: Codable, Sendable {
        public let id: String
        public let name: String
        public let color: String
    }

    /// Where a territory part lies: its governorate and the place whose catchment it is.
    public struct BlockInfo: Codable, Sendable {
        public let country: String
        public let admin1: String
        public let governorate: String
        public let place: String?
    }

    /// A territory part unchanged from `from` to the day before `to`.
    public struct TerritoryRecord: Codable, Sendable {
        public let faction: String
        /// held, contested or influence.
        public let status: String
        public let contestedBy: String?
        /// Index in `blocks`.
        public let block: Int
        public let from: String
        public let to: String
        public let areaKm2: FixedNumber
        public let population: Int
        /// Numbers of the events that last changed its cells (`events[n - 1]`), and 1-based
        /// rows of the initial control for its cells no event changed.
        public let events: [Int]
        public let initial: [Int]
        /// A point inside it, [longitude, latitude].
        public let label: [Double]
        public let geometry: [[String]]

        enum CodingKeys: String, CodingKey {
            case faction, status, block, from, to, population, events, initial, label, geometry
            case contestedBy = "contested_by", areaKm2 = "area_km2"
        }
    }

    /// One row of the scenario's initial control.
    public struct InitialRecord: Codable, Sendable {
        public let row: Int
        public let line: Int
        public let target: String
        public let faction: String
        public let source: EventRecord.Source?
    }

    /// A country or governorate outline drawn under the territories.
    public struct OutlineRecord: Codable, Sendable {
        /// country or governorate.
        public let kind: String
        public let name: String
        public let geometry: [[String]]
    }

    /// A faction's peak (the most held ground, held + contested, since the start) as the engine
    /// keeps it: from `date` on, until its next record, the peak is `km2`, first reached on `date`.
    public struct PeakRecord: Codable, Sendable {
        public let faction: String
        public let date: String
        public let km2: FixedNumber
    }

    /// A place labelled on the map.
    public struct PlaceLabel: Codable, Sendable {
        public let name: String
        public let lat: Double
        public let lon: Double
        public let population: Int
    }

    public let format: String
    public let scenario: ScenarioInfo
    public let regionKm2: FixedNumber
    public let factions: [FactionInfo]
    public let blocks: [BlockInfo]
    public let territories: [TerritoryRecord]
    public let events: [EventRecord]
    public let initial: [InitialRecord]
    public let outlines: [OutlineRecord]
    public let places: [PlaceLabel]
    /// Every rise of each faction's peak, in date order (the share table's peak and vs peak).
    public let peaks: [PeakRecord]

    enum CodingKeys: String, CodingKey {
        case format, scenario, factions, blocks, territories, events, initial, outlines, places, peaks
        case regionKm2 = "region_km2"
    }

    /// The version of this format (`format`).
    public static let formatVersion = "frontline-viewer/1"

    /// Replays `loaded` day by day from its start to `end` and gathers the page's data.
    /// Places of `minLabelPopulation` people or more are labelled. O(days × cells) plus the
    /// polygons of every territory interval.
    public init(_ loaded: LoadedScenario, geo: GeoData, end: Day, minLabelPopulation: Int = 100_000) throws {
        let scenario = loaded.scenario
        let days = Step.days(1).days(from: scenario.start, through: end)
        let layer = try TerritoryLayer(loaded, days: days)
        // The peaks as the engine keeps them (a replay without polygons: milliseconds).
        let replay = loaded.simulation()
        var peaks = [PeakRecord](), last = [Simulation.Peak?](repeating: nil, count: scenario.factions.count)
        for day in days {
            try replay.advance(to: day)
            for (f, peak) in replay.peaks.enumerated() where peak.areaKm2 > 0
                && (last[f].map { $0.day != peak.day || $0.areaKm2 != peak.areaKm2 } ?? true) {
                peaks.append(PeakRecord(faction: scenario.factions[f].id, date: "\(peak.day)",
                                        km2: FixedNumber(peak.areaKm2, decimals: 3, significant: 7)))
                last[f] = peak
            }
        }
        self.peaks = peaks
        self.format = Self.formatVersion
        self.scenario = ScenarioInfo(name: scenario.name, description: scenario.description,
                                     file: (scenario.file as NSString).lastPathComponent, start: "\(scenario.start)", end: "\(end)")
        regionKm2 = FixedNumber(loaded.partition.regionAreaKm2, decimals: 2)
        factions = scenario.factions.map { FactionInfo(id: $0.id, name: $0.name, color: $0.color) }
        let b = layer.blocks
        blocks = b.admin1.indices.map { BlockInfo(country: b.countries[$0], admin1: b.admin1[$0], governorate: b.governorates[$0],
                                                  place: b.places[$0]) }
        territories = layer.intervals.map { t in
            TerritoryRecord(faction: scenario.factions[t.key.holder].id, status: t.key.statusName,
                            contestedBy: t.key.contestedBy.map { scenario.factions[$0].id }, block: t.block,
                            from: "\(t.from)", to: "\(t.to)", areaKm2: FixedNumber(t.areaKm2, decimals: 3, significant: 7),
                            population: t.population, events: t.events.map { scenario.events[$0].number },
                            initial: t.initialEntries.map { $0 + 1 },
                            label: [Self.round(t.labelPoint.lon), Self.round(t.labelPoint.lat)],
                            geometry: t.polygons.map(Polyline.encode))
        }
        events = layer.events
        initial = scenario.initial.enumerated().map { k, row in
            InitialRecord(row: k + 1, line: row.line, target: "\(row.target)", faction: row.faction,
                          source: row.source.map(EventRecord.Source.init))
        }
        var outlines = [OutlineRecord]()
        for code in scenario.region {
            outlines.append(OutlineRecord(kind: "country", name: code, geometry: (geo.outlines[code] ?? []).map(Polyline.encode)))
        }
        for g in geo.governorates where scenario.region.contains(g.properties["country"] ?? "") {
            outlines.append(OutlineRecord(kind: "governorate", name: g.properties["name"] ?? g.properties["code"] ?? "",
                                          geometry: g.polygons.map(Polyline.encode)))
        }
        self.outlines = outlines
        let region = Set(scenario.region)
        places = loaded.gazetteer.places.filter { region.contains($0.country) && $0.population >= minLabelPopulation }
            .sorted { $0.population > $1.population }
            .map { PlaceLabel(name: $0.name, lat: $0.coordinate.lat, lon: $0.coordinate.lon, population: $0.population) }
    }

    static func round(_ x: Double) -> Double { (x * 1e5).rounded() / 1e5 }

    /// The page's `data.js`: one assignment of the JSON to `window.FRONTLINE_DATA` (a script,
    /// so the page works from `file://`, where browsers refuse to fetch a JSON file).
    public func script() throws -> String {
        "window.FRONTLINE_DATA = " + (try JSONContract.encode(self)) + ";\n"
    }

    /// The JSON of `script`'s text (what follows `=` up to the final `;`).
    public static func json(ofScript text: String) -> String? {
        guard let eq = text.firstIndex(of: "="), let semicolon = text.lastIndex(of: ";"), eq < semicolon else { return nil }
        return String(text[text.index(after: eq)..<semicolon]).trimmingCharacters(in: .whitespaces)
    }
}

/// Google's encoded polyline algorithm (precision 1e-5°, latitude then longitude, each value
/// the zig-zag–encoded difference from the previous one in 5-bit groups offset by 63).
public enum Polyline {
    /// The rings of `polygon` (exterior first), each closed, encoded.
    public static func encode(_ polygon: PolygonCoordinates) -> [String] {
        ([polygon.exterior] + polygon.holes).map { ring in
            encode(ring.first == ring.last ? ring : ring + ring.prefix(1))
        }
    }

    /// `points` as one encoded string. O(n).
    public static func encode(_ points: [Coordinate]) -> String {
        var out = [UInt8](), lat = 0, lon = 0
        for p in points {
            let y = Int((p.lat * 1e5).rounded()), x = Int((p.lon * 1e5).rounded())
            append(y - lat, to: &out)
            append(x - lon, to: &out)
            (lat, lon) = (y, x)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The points of an encoded string, or nil when it is malformed.
    public static func decode(_ text: String) -> [Coordinate]? {
        var values = [Int](), value = 0, shift = 0
        for byte in text.utf8 {
            guard byte >= 63, byte < 63 + 64 else { return nil }
            let chunk = Int(byte) - 63
            value |= (chunk & 0x1F) << shift
            shift += 5
            if chunk < 0x20 {
                values.append((value & 1) != 0 ? ~(value >> 1) : value >> 1)
                value = 0
                shift = 0
            }
        }
        guard shift == 0, values.count % 2 == 0 else { return nil }
        var points = [Coordinate](), lat = 0, lon = 0
        for k in stride(from: 0, to: values.count, by: 2) {
            lat += values[k]
            lon += values[k + 1]
            points.append(Coordinate(lon: Double(lon) / 1e5, lat: Double(lat) / 1e5))
        }
        return points
    }

    private static func append(_ delta: Int, to out: inout [UInt8]) {
        var v = delta < 0 ? ~(delta << 1) : delta << 1
        while v >= 0x20 {
            out.append(UInt8((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        }
        out.append(UInt8(v + 63))
    }
}
