/// How a time-enabled layer splits territories: into blocks of cells, each territory's part in
/// a block being one feature. Splitting keeps a daily series small: a change makes new features
/// for the blocks it touched only, not for the whole of a faction's ground.
public struct TerritoryBlocks: Sendable {
    /// Each block's country, governorate (code and name) and place: the place whose catchment
    /// the block is (nil for a governorate's cells in no catchment, or a block of a whole governorate).
    /// Empty strings for a block spanning the region.
    public let countries: [String]
    public let admin1: [String]
    public let governorates: [String]
    public let places: [String?]
    /// The block of each cell.
    public let blockOfCell: [Int]

    /// One block per catchment of a place the scenario names, within each governorate (and one
    /// per governorate for its cells in no catchment): the ground a report about the place
    /// moves, so a change makes new features only around the places it concerns.
    public static func catchments(_ partition: Partition, plan: ControlPlan, gazetteer: Gazetteer) -> TerritoryBlocks {
        blocks(partition, gazetteer: gazetteer) { c in
            let anchor = Int(plan.catchmentOf[c])
            guard anchor >= 0 else { return nil }
            return partition.cells[plan.anchors[anchor]].placeIndex.map { gazetteer.places[$0].name } ?? "cell \(plan.anchors[anchor])"
        }
    }

    /// One block per governorate (the cells' places' GeoNames admin1, as `Cell.admin1`).
    public static func governorates(_ partition: Partition, gazetteer: Gazetteer) -> TerritoryBlocks {
        blocks(partition, gazetteer: gazetteer) { _ in nil }
    }

    /// One block: every feature is a whole territory.
    public static func whole(_ partition: Partition) -> TerritoryBlocks {
        TerritoryBlocks(countries: [""], admin1: [""], governorates: [""], places: [nil],
                        blockOfCell: [Int](repeating: 0, count: partition.cells.count))
    }

    /// Blocks by governorate and `place(cell)`, numbered in order of first cell.
    private static func blocks(_ partition: Partition, gazetteer: Gazetteer, place: (Int) -> String?) -> TerritoryBlocks {
        struct Key: Hashable { let admin1: String; let place: String? }
        var index = [Key: Int](), countries = [String](), admin1 = [String](), names = [String](), places = [String?]()
        var blockOf = [Int]()
        for (c, cell) in partition.cells.enumerated() {
            let key = Key(admin1: cell.admin1, place: place(c))
            if index[key] == nil {
                index[key] = admin1.count
                countries.append(cell.country)
                admin1.append(cell.admin1)
                names.append(gazetteer.governorates[cell.admin1] ?? cell.admin1)
                places.append(key.place)
            }
            blockOf.append(index[key]!)
        }
        return TerritoryBlocks(countries: countries, admin1: admin1, governorates: names, places: places, blockOfCell: blockOf)
    }
}

/// One feature of the time-enabled layer: a territory's part in one block (a faction's held,
/// contested or influence ground in one governorate) that stayed the same from `from` until
/// the day before `to`.
public struct TerritoryInterval: Sendable {
    public let key: TerritoryKey
    public let block: Int
    /// First day, and the first day it no longer holds (exclusive end: [from, to)).
    public let from: Day
    public internal(set) var to: Day
    public let areaKm2: Double
    public let population: Int
    /// Snapped to `GeoJSONWriter.gridSize`, exteriors counter-clockwise, holes clockwise.
    public let polygons: [PolygonCoordinates]
    /// A point inside it (GEOS's point on surface).
    public let labelPoint: Coordinate
    /// The events (indices in `Scenario.events`) that last changed its cells, ascending.
    public let events: [Int]
    /// The initial-control rows (indices in `Scenario.initial`) of its cells no event has changed.
    public let initialEntries: [Int]

    /// Whether the interval covers `day`.
    public func covers(_ day: Day) -> Bool { from <= day && day < to }
}

/// Replays a scenario into territory intervals: the time-enabled layer's features.
public enum TerritoryHistory {
    /// Replays `simulation` (at or before `days[0]`) to each of `days` (ascending) and returns
    /// every territory part's intervals: a new interval only when a part's cells, the fronts
    /// cutting them, its area, population or the events behind it change. The intervals still
    /// open after the last day end on `end` (exclusive; normally the day after the last one).
    /// Ordered by start day, then territory (held, contested, influence; by faction), then block.
    /// O(days × cells) plus the polygons of each new interval.
    public static func intervals(_ simulation: Simulation, days: [Day], end: Day,
                                 blocks: TerritoryBlocks) throws -> [TerritoryInterval] {
        struct Open { var content: TerritoryContent; var events: [Int32]; var interval: TerritoryInterval }
        var open = [TerritoryPart: Open](), closed = [TerritoryInterval]()
        let plan = simulation.plan
        for day in days {
            try simulation.advance(to: day)
            let contents = simulation.territoryContents { blocks.blockOfCell[$0] }
            for (part, current) in open where contents[part] == nil {
                var interval = current.interval
                interval.to = day
                closed.append(interval)
                open[part] = nil
            }
            for (part, content) in contents {
                let cells = content.cells
                let lastEvents = cells.map { simulation.state.lastEvent[$0] }
                if let current = open[part], current.content == content, current.events == lastEvents { continue }
                if var interval = open[part]?.interval {
                    interval.to = day
                    closed.append(interval)
                    open[part] = nil
                }
                guard let geometry = try simulation.geometry(of: content) else { continue }
                let snapped = try geometry.reducedPrecision(gridSize: GeoJSONWriter.gridSize)
                try snapped.requireValid("layer geometry of faction \(part.key.holder) in block \(part.block)")
                let polygons = try snapped.polygonCoordinates().map { $0.orientedForGeoJSON() }
                guard !polygons.isEmpty else { continue }
                let events = Set(lastEvents.filter { $0 >= 0 }.map(Int.init)).sorted()
                let initial = Set(zip(cells, lastEvents).compactMap { c, e -> Int? in
                    guard e < 0, c < plan.initialEntry.count, plan.initialEntry[c] >= 0 else { return nil }
                    return Int(plan.initialEntry[c])
                }).sorted()
                let interval = TerritoryInterval(key: part.key, block: part.block, from: day, to: end,
                                                 areaKm2: content.areaKm2, population: content.population, polygons: polygons,
                                                 labelPoint: try snapped.pointOnSurface(), events: events,
                                                 initialEntries: initial)
                open[part] = Open(content: content, events: lastEvents, interval: interval)
            }
        }
        for current in open.values {
            var interval = current.interval
            interval.to = end
            closed.append(interval)
        }
        return closed.sorted { a, b in
            if a.from != b.from { return a.from < b.from }
            if a.key.order != b.key.order { return a.key.order < b.key.order }
            return a.block < b.block
        }
    }
}
