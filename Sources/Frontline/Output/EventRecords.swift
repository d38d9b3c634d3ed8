/// One event as `events --format json|csv` writes it: what the scenario says (date, faction,
/// action, target, the report it cites and what is uncertain about it) and the ground it moved
/// when the replay applied it. Schema: docs/schema/events.schema.json.
public struct EventRecord: Codable, Sendable, Equatable {
    /// The report an event cites.
    public struct Source: Codable, Sendable, Equatable {
        public let publication: String
        public let date: String
        public let author: String?
        public let title: String?
        public let url: String?
        /// What the report says that supports the event.
        public let claim: String?

        /// Every member is written, as null when absent.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(publication, forKey: .publication)
            try c.encode(date, forKey: .date)
            try c.encode(author, forKey: .author)
            try c.encode(title, forKey: .title)
            try c.encode(url, forKey: .url)
            try c.encode(claim, forKey: .claim)
        }

        enum CodingKeys: String, CodingKey { case publication, date, author, title, url, claim }

        public init(_ c: Citation) {
            publication = c.publication
            date = "\(c.date)"
            author = c.author
            title = c.title
            url = c.url
            claim = c.claim
        }
    }

    /// 1-based position among the scenario's events (the `#` of `events`, the numbers a
    /// territory's `events` field lists) and line in the scenario file.
    public let number: Int
    public let line: Int
    public let date: String
    /// Last day of an offensive.
    public let until: String?
    public let faction: String
    /// The side it takes ground from, when the scenario names it.
    public let from: String?
    public let action: String
    /// A place name or `governorate NAME`.
    public let target: String
    public let radiusKm: FixedNumber?
    public let label: String?
    /// What is uncertain about the event, as the scenario says.
    public let uncertain: String?
    public let note: String?
    public let source: Source
    /// The ground it moved when it applied (an offensive: the ground put under its front),
    /// within reach and in all (km²); null when the replay did not reach its date.
    public let heldKm2: FixedNumber?
    public let groundKm2: FixedNumber?

    enum CodingKeys: String, CodingKey {
        case number, line, date, until, faction, from, action, target, label, uncertain, note, source
        case radiusKm = "radius_km", heldKm2 = "held_km2", groundKm2 = "ground_km2"
    }

    public init(_ e: ControlEvent, moved: ControlState.Moved?) {
        number = e.number
        line = e.line
        date = "\(e.date)"
        until = e.until.map { "\($0)" }
        faction = e.faction
        from = e.from
        action = e.action.rawValue
        target = "\(e.target)"
        radiusKm = e.radiusKm.map { FixedNumber($0, decimals: 3) }
        label = e.label
        uncertain = e.uncertain
        note = e.note
        source = Source(e.source)
        heldKm2 = moved.map { FixedNumber($0.heldKm2, decimals: 2) }
        groundKm2 = moved.map { FixedNumber($0.groundKm2, decimals: 2) }
    }

    /// Every optional member is written, as null when absent, so each record has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(line, forKey: .line)
        try c.encode(date, forKey: .date)
        try c.encode(until, forKey: .until)
        try c.encode(faction, forKey: .faction)
        try c.encode(from, forKey: .from)
        try c.encode(action, forKey: .action)
        try c.encode(target, forKey: .target)
        try c.encode(radiusKm, forKey: .radiusKm)
        try c.encode(label, forKey: .label)
        try c.encode(uncertain, forKey: .uncertain)
        try c.encode(note, forKey: .note)
        try c.encode(source, forKey: .source)
        try c.encode(heldKm2, forKey: .heldKm2)
        try c.encode(groundKm2, forKey: .groundKm2)
    }

    /// The records of all of `simulation`'s scenario events, with the ground each moved so far
    /// (the sum over the changes it compiled to; nil for those not applied yet). O(events + changes).
    public static func all(_ simulation: Simulation) -> [EventRecord] {
        var moved = [ControlState.Moved?](repeating: nil, count: simulation.scenario.events.count)
        for (k, change) in simulation.plan.changes.enumerated() where k < simulation.moved.count {
            var m = moved[change.event] ?? ControlState.Moved()
            m.groundKm2 += simulation.moved[k].groundKm2
            m.heldKm2 += simulation.moved[k].heldKm2
            moved[change.event] = m
        }
        return simulation.scenario.events.indices.map { EventRecord(simulation.scenario.events[$0], moved: moved[$0]) }
    }

    /// The CSV columns, in order: the record flattened (`source_*` for the citation).
    public static let csvHeader = ["number", "date", "until", "line", "faction", "from", "action", "target", "radius_km",
                                   "held_km2", "ground_km2", "label", "uncertain", "source_publication", "source_date",
                                   "source_author", "source_title", "source_url", "source_claim", "note"]

    public var csvFields: [String] {
        ["\(number)", date, until ?? "", "\(line)", faction, from ?? "", action, target, radiusKm?.description ?? "",
         heldKm2?.description ?? "", groundKm2?.description ?? "", label ?? "", uncertain ?? "", source.publication,
         source.date, source.author ?? "", source.title ?? "", source.url ?? "", source.claim ?? "", note ?? ""]
    }

    /// `records` as CSV (RFC 4180 quoting), a header line first.
    public static func csv(_ records: [EventRecord]) -> String {
        ([csvHeader] + records.map(\.csvFields)).map { $0.map(Number.csvField).joined(separator: ",") + "\n" }.joined()
    }
}
