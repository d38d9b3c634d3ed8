/// A side that holds ground.
public struct Faction: Hashable, Sendable {
    /// Short lowercase id used in events (`isis`).
    public let id: String
    public let name: String
    /// `#rrggbb`.
    public let color: String
    /// Other names users and reports give the side (`ISIS`, `ISIL`, `Daesh`): the id and these,
    /// in any case, name the faction in a scenario and on the command line (`FactionNames`).
    public var aliases: [String] = []
    /// ACLED actor names (or patterns with `*`) the faction stands for, for `import acled`
    /// (`ACLEDActorMatcher`).
    public var acled: [String] = []
}

/// Where a claim comes from: the publication, its date and what it says.
public struct Citation: Hashable, Sendable {
    public let publication: String
    public let date: Day
    public var author: String?
    public var title: String?
    public var url: String?
    /// A short quote supporting the event.
    public var claim: String?
}

/// What an event or an initial assignment applies to, as the scenario names it.
public enum Target: Hashable, Sendable, CustomStringConvertible {
    case country(String)
    case governorate(String)
    case place(String)

    public var description: String {
        switch self {
        case .country(let c): return "country \(c)"
        case .governorate(let g): return "governorate \(g)"
        case .place(let p): return p
        }
    }
}

/// What a faction does to the ground an event covers.
public enum ControlAction: String, Hashable, Sendable, CaseIterable {
    /// The faction takes (or confirms) control: it becomes the holder and any contest ends.
    case capture
    /// The faction besieges or fights in the area: the holder is unchanged, the area is
    /// reported as contested (and not as the holder's) until a capture settles it.
    case contest
}

/// One line of the control at the start: a country, governorate or place and its holder.
public struct InitialControl: Hashable, Sendable {
    public let target: Target
    public let faction: String
    public let radiusKm: Double?
    public let source: Citation?
    /// Line in the scenario file.
    public let line: Int
}

/// A dated change of control reported at a place or in a governorate.
public struct ControlEvent: Hashable, Sendable {
    public let date: Day
    public let target: Target
    public let faction: String
    public let action: ControlAction
    /// Limits a place event to the cells within this distance of the place.
    public let radiusKm: Double?
    /// The faction that loses ground: only its cells change. Default: for a place event, the
    /// side holding the place (or, when the event's faction holds it, the side besieging it);
    /// for a governorate event, any holder.
    public let from: String?
    public let source: Citation
    public let note: String?
    /// An offensive: the day by which the faction holds all the event's ground. Between `date`
    /// and `until` the front moves day by day (see `Offensive`); nil for a one-day change.
    public var until: Day? = nil
    /// Where an offensive's front starts: it sweeps outward from this place. Nil: the front
    /// closes in on the event's place from the edge of its ground (a shrinking pocket).
    public var advanceFrom: String? = nil
    /// Published waypoints of an offensive: the share of its ground taken by a date.
    public var progress: [Progress] = []
    /// Short caption for chart markers.
    public var label: String? = nil
    /// What is uncertain about the event (the day, the extent), as the scenario says.
    public var uncertain: String? = nil
    /// Line in the scenario file, and 1-based position among the events.
    public let line: Int
    public let number: Int
    /// An identifier unique in the scenario (`id:`), e.g. ACLED's `event_id_cnty` for an
    /// imported event; nil when the scenario gives none.
    public var id: String? = nil
}

/// A reported waypoint of an offensive: by `date`, `share` (0…1) of its ground was taken.
public struct Progress: Hashable, Sendable {
    public let date: Day
    public let share: Double
    public let source: Citation?
    public let line: Int
}

/// A place the gazetteer lacks, declared by the scenario with the coordinates a source gives.
/// It becomes a place like the gazetteer's (a cell of its own, an anchor when named).
public struct ScenarioPlace: Hashable, Sendable {
    public let name: String
    public let coordinate: Coordinate
    /// People living there, as the scenario states (0 when not given).
    public let population: Int
    public let source: Citation
    public let note: String?
    /// Line in the scenario file.
    public let line: Int
}

/// A scenario: the factions, the control at the start and the dated events, as read from a
/// YAML file. Names are not yet resolved: `ControlModel` does that against the gazetteer.
public struct Scenario: Sendable {
    public let file: String
    public let name: String
    public let description: String?
    /// ISO country codes whose union is the region.
    public let region: [String]
    public let start: Day
    public let end: Day?
    public let factions: [Faction]
    /// Places declared by the scenario (`places:`), in file order.
    public var places: [ScenarioPlace] = []
    public let initial: [InitialControl]
    /// In file order; `ControlModel` applies them by date, same-day events in this order.
    public let events: [ControlEvent]

    public func factionIndex(_ id: String) -> Int? { factions.firstIndex { $0.id == id } }
}
