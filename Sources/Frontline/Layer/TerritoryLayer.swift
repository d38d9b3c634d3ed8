import Foundation

/// The file formats of the time-enabled layer, chosen by the output's extension.
public enum LayerFormat: String, CaseIterable, Sendable {
    case geopackage = "gpkg"
    case flatgeobuf = "fgb"
    case geojson

    /// The format of `path` by its extension (`.gpkg`, `.fgb`, `.geojson`), or nil.
    public init?(path: String) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = LayerFormat(rawValue: ext) else { return nil }
        self = format
    }

    /// GDAL's driver for the format (GeoJSON is written by Frontline itself).
    var gdalDriver: String? {
        switch self {
        case .geopackage: return "GPKG"
        case .flatgeobuf: return "FlatGeobuf"
        case .geojson: return nil
        }
    }
}

/// A time-enabled layer: one MultiPolygon feature (EPSG:4326, longitude first) per territory
/// interval, valid from `valid_from` to the day before `valid_to`, with where it came from.
///
/// A feature is a territory's part around one place the scenario names within one governorate
/// (`Split.place`; or in one governorate, or the whole territory), so that a change makes new
/// features only where it happened.
///
/// Fields, in order: `faction`, `name`, `color`, `status` (held, contested, influence),
/// `contested_by` (null unless contested), `country`, `admin1`, `governorate`, `place` (the
/// named place whose catchment the part is; null outside any), `area_km2`,
/// `share` (of the region), `population`, `valid_from`, `valid_to` (dates; the interval is
/// [valid_from, valid_to)), `events` (numbers of the events that last changed its cells,
/// comma-separated: the `#` of `frontline events`), `last_event` (the latest of them by date),
/// `initial` (1-based rows of the scenario's `initial:` for its cells no event has changed).
/// A GeoPackage also holds the table `events`: every event with its source (as `events --format csv`).
public struct TerritoryLayer {
    public let scenario: Scenario
    public let intervals: [TerritoryInterval]
    public let blocks: TerritoryBlocks
    public let regionKm2: Double
    public let events: [EventRecord]
    /// How territories are split into features.
    public enum Split: String, CaseIterable, Sendable {
        /// A territory's part around each place the scenario names, within each governorate
        /// (`TerritoryBlocks.catchments`): the default, about 10 MB for a daily 2014–2019 series.
        case place
        /// A territory's part in each governorate.
        case governorate
        /// Whole territories: every change makes a new feature of the whole of a faction's ground.
        case territory
    }

    /// The layer's name inside the file.
    public static let layerName = "territories"

    /// Replays `loaded` from its start over `days` and builds the layer; the last intervals
    /// end the day after the last of `days`.
    public init(_ loaded: LoadedScenario, days: [Day], split: Split = .place) throws {
        try self.init(simulation: loaded.simulation(), gazetteer: loaded.gazetteer, days: days, split: split)
    }

    /// The layer of a replay that has not passed `days[0]` (`gazetteer` names the blocks).
    public init(simulation: Simulation, gazetteer: Gazetteer, days: [Day], split: Split = .place) throws {
        let partition = simulation.partition
        let blocks = switch split {
        case .territory: TerritoryBlocks.whole(partition)
        case .place: TerritoryBlocks.catchments(partition, plan: simulation.plan, gazetteer: gazetteer)
        case .governorate: TerritoryBlocks.governorates(partition, gazetteer: gazetteer)
        }
        let end = (days.last ?? simulation.day).adding(days: 1)
        intervals = try TerritoryHistory.intervals(simulation, days: days, end: end, blocks: blocks)
        let last = simulation.scenario.events.map { $0.until ?? $0.date }.max() ?? simulation.day
        if last > simulation.day { try simulation.advance(to: last) }
        events = EventRecord.all(simulation)
        scenario = simulation.scenario
        self.blocks = blocks
        regionKm2 = partition.regionAreaKm2
    }

    static let fields: [(name: String, type: FieldType)] = [
        ("faction", .string), ("name", .string), ("color", .string), ("status", .string), ("contested_by", .string),
        ("country", .string), ("admin1", .string), ("governorate", .string), ("place", .string), ("area_km2", .real), ("share", .real),
        ("population", .integer64), ("valid_from", .date), ("valid_to", .date), ("events", .string),
        ("last_event", .integer64), ("initial", .string),
    ]

    /// The field values of `interval`, in the order of `fields`.
    func values(_ interval: TerritoryInterval) -> [FieldValue?] {
        let faction = scenario.factions[interval.key.holder]
        let b = interval.block
        return [
            .string(faction.id), .string(faction.name), .string(faction.color), .string(interval.key.statusName),
            interval.key.contestedBy.map { .string(scenario.factions[$0].id) },
            blocks.countries[b].isEmpty ? nil : .string(blocks.countries[b]),
            blocks.admin1[b].isEmpty ? nil : .string(blocks.admin1[b]),
            blocks.governorates[b].isEmpty ? nil : .string(blocks.governorates[b]),
            blocks.places[b].map { .string($0) },
            .real(Self.rounded(interval.areaKm2, significant: 6)), .real(Self.rounded(interval.areaKm2 / regionKm2, significant: 6)),
            .integer(interval.population), .date(interval.from), .date(interval.to),
            interval.events.isEmpty ? nil : .string(interval.events.map { "\(scenario.events[$0].number)" }.joined(separator: ",")),
            lastEvent(interval).map { .integer(scenario.events[$0].number) },
            interval.initialEntries.isEmpty ? nil : .string(interval.initialEntries.map { "\($0 + 1)" }.joined(separator: ",")),
        ]
    }

    /// The latest of an interval's events by date (then by position in the file).
    func lastEvent(_ interval: TerritoryInterval) -> Int? {
        interval.events.max { (scenario.events[$0].date, $0) < (scenario.events[$1].date, $1) }
    }

    /// `x` rounded as the GeoJSON writer writes it (2 decimals, or 6 significant digits for small values).
    static func rounded(_ x: Double, significant: Int) -> Double {
        Double(Number.format(x, decimals: 2, significant: significant)) ?? x
    }

    /// Writes the layer to `path` in `format`, atomically: into a temporary file beside it,
    /// renamed over `path` once GDAL has closed it (`FileReplacement`: links followed, devices
    /// and standard output refused, the temporary file removed on any failure or signal).
    public func write(to path: String, format: LayerFormat) throws {
        let span = Profile.start(.write)
        defer { span.end() }
        guard let driver = format.gdalDriver else {
            try AtomicFile.write(geoJSON(), to: URL(fileURLWithPath: path))
            return
        }
        let file = try FileReplacement(path, what: "a \(driver) layer", suffix: ".\(format.rawValue)")
        do {
            try writeGDAL(to: file.temporary, driver: driver, format: format)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }

    private func writeGDAL(to path: String, driver: String, format: LayerFormat) throws {
        // The dataset is closed (and the file complete) when this function returns.
        let dataset = try VectorDataset(creating: path, driver: driver)
        let options = format == .flatgeobuf ? ["SPATIAL_INDEX=YES", "TITLE=\(scenario.name)"] : ["DESCRIPTION=\(scenario.name)"]
        let layer = try dataset.createLayer(Self.layerName, geometry: .multiPolygon, fields: Self.fields, options: options)
        try dataset.transaction {
            for interval in intervals { try layer.add(values(interval), wkb: WKB.multiPolygon(interval.polygons)) }
        }
        guard format == .geopackage else { return }
        let table = try dataset.createLayer("events", geometry: nil,
                                            fields: EventRecord.csvHeader.map { ($0, Self.eventFieldType($0)) })
        try dataset.transaction {
            for record in events {
                try table.add(zip(EventRecord.csvHeader, record.csvFields).map { name, text in
                    guard !text.isEmpty else { return nil }
                    switch Self.eventFieldType(name) {
                    case .integer64: return Int(text).map { .integer($0) }
                    case .real: return Double(text).map { .real($0) }
                    case .date: return Day(text).map { .date($0) }
                    case .string: return .string(text)
                    }
                }, wkb: nil)
            }
        }
    }

    static func eventFieldType(_ name: String) -> FieldType {
        switch name {
        case "number", "line": return .integer64
        case "radius_km", "held_km2", "ground_km2": return .real
        case "date", "until", "source_date": return .date
        default: return .string
        }
    }

    /// The layer as an RFC 7946 FeatureCollection: the same features and fields, dates as
    /// `YYYY-MM-DD` strings (GDAL reads them as Date fields), geometries always MultiPolygon.
    public func geoJSON() -> String {
        var lines = [String]()
        for interval in intervals {
            let properties = zip(Self.fields, values(interval)).map { field, value -> String in
                let text: String
                switch value {
                case nil: text = "null"
                case .string(let s)?: text = Number.jsonString(s)
                case .integer(let n)?: text = "\(n)"
                case .real(let x)?: text = Number.format(x, decimals: 2, significant: 6)
                case .date(let d)?: text = "\"\(d)\""
                }
                return "\(Number.jsonString(field.name)):\(text)"
            }
            lines.append("{\"type\":\"Feature\",\"properties\":{\(properties.joined(separator: ","))},"
                         + "\"geometry\":\(GeoJSONWriter.multiPolygon(interval.polygons))}")
        }
        return "{\"type\":\"FeatureCollection\",\"name\":\(Number.jsonString(Self.layerName)),\"features\":[\n"
            + lines.joined(separator: ",\n") + "\n]}\n"
    }
}
