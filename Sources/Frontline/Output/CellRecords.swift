/// One cell of the partition on a date, as `frontline cells` writes it (a GeoJSON Feature's
/// properties; schema: docs/schema/cells.schema.json): where it is, who holds it, how its
/// ground splits into the piece within reach (held, or contested) and the piece beyond (the
/// holder's influence), and the event that last changed it, with its source. For analysts who
/// work per cell and for side-by-side comparisons with other models.
public struct CellRecord: Codable, Sendable, Equatable {
    /// The offensive whose front is crossing the cell on the date.
    public struct FrontRecord: Codable, Sendable, Equatable {
        /// Its event's number (`#` of `frontline events`) and attacking faction.
        public let event: Int
        public let attacker: String
        /// The shares of the cell's piece within reach and of its piece beyond that the
        /// attacker has taken (0–1), and whether the front has passed the cell's place.
        public let takenReach: FixedNumber
        public let takenBeyond: FixedNumber
        public let passedPlace: Bool

        enum CodingKeys: String, CodingKey {
            case event, attacker, takenReach = "taken_reach", takenBeyond = "taken_beyond", passedPlace = "passed_place"
        }
    }

    /// Index of the cell in the partition (stable for a given Geo/ and scenario).
    public let cell: Int
    /// The cell's place (nil for a desert filler cell) and its gazetteer id.
    public let place: String?
    public let placeID: String?
    public let filler: Bool
    public let country: String
    /// Governorate code (`SY07`) and name.
    public let admin1: String
    public let governorate: String
    public let date: String
    /// The faction holding the cell (nil: unassigned), its name, and the faction contesting it.
    public let holder: String?
    public let holderName: String?
    public let contestedBy: String?
    /// `held`, `contested` (the piece within reach is contested) or `unassigned`.
    public let status: String
    public let front: FrontRecord?
    /// The cell's area, its piece within reach (held or contested ground of the holder) and its
    /// piece beyond (the holder's influence), km², ellipsoidal.
    public let areaKm2: FixedNumber
    public let reachKm2: FixedNumber
    public let influenceKm2: FixedNumber
    public let population: Int
    /// The place named by the scenario whose catchment the cell is in (nil: none).
    public let catchment: String?
    /// The event that last changed the cell's holder, contest or front (its number, date,
    /// faction and action, what is uncertain about it, and the report it cites); nil when no
    /// event has since the start, and then `initial` is the 1-based row of the scenario's
    /// `initial:` that set it (nil: none did).
    public let lastEvent: Int?
    public let lastEventDate: String?
    public let lastEventFaction: String?
    public let lastEventAction: String?
    public let uncertain: String?
    public let source: EventRecord.Source?
    public let initial: Int?

    enum CodingKeys: String, CodingKey {
        case cell, place, placeID = "place_id", filler, country, admin1, governorate, date, holder
        case holderName = "holder_name", contestedBy = "contested_by", status, front
        case areaKm2 = "area_km2", reachKm2 = "reach_km2", influenceKm2 = "influence_km2", population, catchment
        case lastEvent = "last_event", lastEventDate = "last_event_date", lastEventFaction = "last_event_faction"
        case lastEventAction = "last_event_action", uncertain, source, initial
    }

    /// Every member is written, as null when absent, so each feature has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cell, forKey: .cell); try c.encode(place, forKey: .place); try c.encode(placeID, forKey: .placeID)
        try c.encode(filler, forKey: .filler); try c.encode(country, forKey: .country); try c.encode(admin1, forKey: .admin1)
        try c.encode(governorate, forKey: .governorate); try c.encode(date, forKey: .date)
        try c.encode(holder, forKey: .holder); try c.encode(holderName, forKey: .holderName)
        try c.encode(contestedBy, forKey: .contestedBy); try c.encode(status, forKey: .status); try c.encode(front, forKey: .front)
        try c.encode(areaKm2, forKey: .areaKm2); try c.encode(reachKm2, forKey: .reachKm2)
        try c.encode(influenceKm2, forKey: .influenceKm2); try c.encode(population, forKey: .population)
        try c.encode(catchment, forKey: .catchment); try c.encode(lastEvent, forKey: .lastEvent)
        try c.encode(lastEventDate, forKey: .lastEventDate); try c.encode(lastEventFaction, forKey: .lastEventFaction)
        try c.encode(lastEventAction, forKey: .lastEventAction); try c.encode(uncertain, forKey: .uncertain)
        try c.encode(source, forKey: .source); try c.encode(initial, forKey: .initial)
    }

    /// The record of cell `c` of `simulation` on its current day. O(1).
    public init(cell c: Int, of simulation: Simulation, gazetteer: Gazetteer) {
        let partition = simulation.partition, state = simulation.state, scenario = simulation.scenario
        let plan = simulation.plan, cell = partition.cells[c]
        let factions = scenario.factions
        let h = Int(state.holder[c]), by = Int(state.contestedBy[c])
        self.cell = c
        let place = cell.placeIndex.map { gazetteer.places[$0] }
        self.place = place?.name
        placeID = place?.id
        filler = cell.isFiller
        country = cell.country
        admin1 = cell.admin1
        governorate = gazetteer.governorates[cell.admin1] ?? cell.admin1
        date = "\(simulation.day)"
        holder = h >= 0 ? factions[h].id : nil
        holderName = h >= 0 ? factions[h].name : nil
        contestedBy = by >= 0 ? factions[by].id : nil
        status = h < 0 ? "unassigned" : by >= 0 ? "contested" : "held"
        if state.frontOf[c] >= 0 {
            let offensive = plan.offensives[Int(state.frontOf[c])], taken = state.frontShare[c]
            front = FrontRecord(event: scenario.events[offensive.event].number, attacker: factions[offensive.faction].id,
                                takenReach: FixedNumber(taken.reach, decimals: 6), takenBeyond: FixedNumber(taken.beyond, decimals: 6),
                                passedPlace: taken.place)
        } else {
            front = nil
        }
        areaKm2 = FixedNumber(cell.areaKm2, decimals: 4, significant: 6)
        reachKm2 = FixedNumber(cell.reachAreaKm2, decimals: 4, significant: 6)
        influenceKm2 = FixedNumber(cell.beyondAreaKm2, decimals: 4, significant: 6)
        population = cell.population
        let anchor = c < plan.catchmentOf.count ? Int(plan.catchmentOf[c]) : -1
        catchment = anchor >= 0 ? partition.cells[plan.anchors[anchor]].placeIndex.map { gazetteer.places[$0].name } : nil
        let e = Int(state.lastEvent[c])
        let event = e >= 0 ? scenario.events[e] : nil
        lastEvent = event?.number
        lastEventDate = event.map { "\($0.date)" }
        lastEventFaction = event?.faction
        lastEventAction = event?.action.rawValue
        uncertain = event?.uncertain
        source = event.map { EventRecord.Source($0.source) }
        let entry = c < plan.initialEntry.count ? Int(plan.initialEntry[c]) : -1
        initial = event == nil && entry >= 0 ? entry + 1 : nil
    }
}

/// `frontline cells`: the partition's cells on the simulation's day as an RFC 7946
/// FeatureCollection, one Feature per cell with ground (`CellRecord` as its properties, keys
/// sorted), its polygons as a MultiPolygon on the 1e-6° grid, exteriors counter-clockwise.
public enum CellWriter {
    public static func featureCollection(_ simulation: Simulation, gazetteer: Gazetteer) throws -> String {
        let span = Profile.start(.write)
        defer { span.end() }
        var features = [String]()
        features.reserveCapacity(simulation.partition.cells.count)
        for (c, cell) in simulation.partition.cells.enumerated() where !cell.polygons.isEmpty {
            guard let geometry = simulation.partition.geometry(ofCell: c) else { continue }
            let polygons = try geometry.snappedToGrid(GeoJSONWriter.gridSize).polygonCoordinates().map { $0.orientedForGeoJSON() }
            guard !polygons.isEmpty else { continue }
            let properties = try JSONContract.encode(CellRecord(cell: c, of: simulation, gazetteer: gazetteer))
            features.append("{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":\(GeoJSONWriter.multiPolygon(polygons))}")
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}
