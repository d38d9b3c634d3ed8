import Foundation

/// A territory on one day: the polygons of a faction's ground (or of its contested ground).
public struct Territory {
    public let key: TerritoryKey
    public let geometry: Geometry
    public let areaKm2: Double
    public let population: Int
    /// What it is made of (its cells' pieces), for provenance: `content.cells`.
    public let content: TerritoryContent
}

/// Errors the engine reports about what it is asked to do.
public enum SimulationError: Error, CustomStringConvertible, Sendable {
    case beforeStart(Day, start: Day)
    case backwards(Day, current: Day)

    public var description: String {
        switch self {
        case let .beforeStart(d, start): return "date \(d) is before the scenario's start \(start)"
        case let .backwards(d, current): return "cannot step back to \(d): the engine is at \(current); start a new replay"
        }
    }
}

/// The time-stepped engine: replays a `ControlPlan` day by day from the scenario's start.
///
/// Not thread-safe: it owns its partition's GEOS context through its territory builder.
/// The same scenario always gives the same states and polygons.
public final class Simulation {
    public let scenario: Scenario
    public let partition: Partition
    public let plan: ControlPlan
    /// The day the state describes: every change dated on or before it has been applied.
    public private(set) var day: Day
    public private(set) var state: ControlState
    private var next = 0
    private let builder: TerritoryBuilding

    /// Starts a replay at the scenario's start (changes dated on the start day applied).
    public init(scenario: Scenario, partition: Partition, plan: ControlPlan, builder: TerritoryBuilding? = nil) {
        self.scenario = scenario
        self.partition = partition
        self.plan = plan
        self.builder = builder ?? CoverageUnionBuilder(partition: partition)
        day = scenario.start
        state = ControlState(holder: plan.initialHolder, factionCount: scenario.factions.count,
                             reachArea: partition.cells.map(\.reachAreaKm2), beyondArea: partition.cells.map(\.beyondAreaKm2),
                             cellPopulation: partition.cells.map(\.population), offensives: plan.offensives)
        peaks = [Peak](repeating: Peak(areaKm2: -1, day: scenario.start), count: scenario.factions.count)
        applyDue()
    }

    /// The largest ground (held, contested or not) each faction has held so far, and the first day it did.
    public struct Peak: Sendable {
        public let areaKm2: Double
        public let day: Day
    }

    /// Per faction, its peak from the scenario's start to the current day. Updated every day.
    public private(set) var peaks: [Peak]

    /// Advances one day at a time to `target`, applying each day's changes in order.
    /// O(days + cells the changes touch).
    public func advance(to target: Day) throws {
        guard target >= scenario.start else { throw SimulationError.beforeStart(target, start: scenario.start) }
        guard target >= day else { throw SimulationError.backwards(target, current: day) }
        while day < target {
            day = day.adding(days: 1)
            applyDue()
        }
    }

    /// The ground each change moved when it applied (by index in `plan.changes`; an
    /// offensive's: the ground put under its front), for the changes applied so far.
    public private(set) var moved = [ControlState.Moved]()

    private func applyDue() {
        while next < plan.changes.count, plan.changes[next].day <= day {
            moved.append(state.apply(plan.changes[next]))
            next += 1
        }
        state.advanceFronts(to: day)
        for f in peaks.indices {
            let ground = state.totals.areaKm2[f] + state.totals.contestedAreaKm2[f]
            if ground > peaks[f].areaKm2 + 1e-9 { peaks[f] = Peak(areaKm2: ground, day: day) }
        }
        if !countryPeaks.isEmpty { updateCountryPeaks() }
    }

    /// Replays from the current day through `to`, calling `body` on each day of `step` from
    /// `from`. `from` must not be before the current day.
    public func run(from: Day, to: Day, every step: Step, _ body: (Simulation) throws -> Void) throws {
        for d in step.days(from: from, through: to) {
            try advance(to: d)
            try body(self)
        }
    }

    /// Area, share and population per faction on the current day. O(factions).
    public func report() -> ShareReport {
        ShareReport(date: day, regionKm2: partition.regionAreaKm2, factions: scenario.factions, totals: state.totals,
                    peaks: peaks)
    }

    /// Per country tracked (see `trackPeaks(in:)`), the cells of the country and each faction's peak there.
    private var countryPeaks = [String: (cells: [Int], peaks: [Peak])]()

    /// Also keeps each faction's peak within `country` from now on, so `report(country:)` can
    /// give it; call before advancing (the peaks count from the current day). O(cells) a day.
    public func trackPeaks(in country: String) {
        let cells = partition.cells.indices.filter { partition.cells[$0].country == country }
        countryPeaks[country] = (cells, [Peak](repeating: Peak(areaKm2: -1, day: day), count: scenario.factions.count))
        updateCountryPeaks()
    }

    private func updateCountryPeaks() {
        for (country, tracked) in countryPeaks {
            let t = state.totals(of: tracked.cells)
            var peaks = tracked.peaks
            for f in peaks.indices {
                let ground = t.areaKm2[f] + t.contestedAreaKm2[f]
                if ground > peaks[f].areaKm2 + 1e-9 { peaks[f] = Peak(areaKm2: ground, day: day) }
            }
            countryPeaks[country]!.peaks = peaks
        }
    }

    /// The figures within one country of the region (shares of the country's area). Peaks are
    /// given when `trackPeaks(in:)` was called for the country. O(cells).
    public func report(country: String) -> ShareReport {
        let cells = countryPeaks[country]?.cells ?? partition.cells.indices.filter { partition.cells[$0].country == country }
        let area = cells.reduce(0) { $0 + partition.cells[$1].areaKm2 }
        return ShareReport(date: day, country: country, regionKm2: area, factions: scenario.factions,
                           totals: state.totals(of: cells), peaks: countryPeaks[country]?.peaks)
    }

    /// The polygons of every faction's ground on the current day: held ground (uncontested)
    /// in faction order, then contested ground by holder and contesting faction, then areas of
    /// influence. Whole pieces of cells are merged by one coverage union per territory, reused
    /// from earlier days while its pieces do not change; cells a front is crossing are cut
    /// along the front's circle and their parts added to the attacker's and the holder's territories.
    public func territories() throws -> [Territory] {
        let contents = territoryContents()
        let keys = contents.keys.sorted { $0.key.order < $1.key.order }
        return try keys.compactMap { part in
            let content = contents[part]!
            let whole = try builder.territory(part.key, units: content.units, revision: state.revision[part.key.holder])
            guard let geometry = try adding(content.cuts, to: whole, "territory of faction \(part.key.holder)") else { return nil }
            return Territory(key: part.key, geometry: geometry, areaKm2: content.areaKm2, population: content.population,
                             content: content)
        }
    }

    /// What every territory is made of on the current day, without building polygons: per
    /// territory (and per `block` of cells, e.g. a governorate, when given) its whole pieces of
    /// cells, the parts of pieces a front is crossing, its area and population. O(cells).
    public func territoryContents(block: (Int) -> Int = { _ in 0 }) -> [TerritoryPart: TerritoryContent] {
        var groups = [TerritoryPart: TerritoryContent]()
        for c in state.holder.indices {
            let cell = partition.cells[c], h = Int(state.holder[c]), by = Int(state.contestedBy[c]), b = block(c)
            let reachKey = h >= 0 ? TerritoryPart(key: TerritoryKey(holder: h, status: by >= 0 ? .contested(by: by) : .held), block: b) : nil
            let beyondKey = h >= 0 ? TerritoryPart(key: TerritoryKey(holder: h, status: .influence), block: b) : nil
            let pieces = [(key: reachKey, unit: Partition.unit(cell: c, beyond: false), area: cell.reachAreaKm2),
                          (key: beyondKey, unit: Partition.unit(cell: c, beyond: true), area: cell.beyondAreaKm2)]
            guard let (_, radius) = state.front(ofCell: c) else {
                for piece in pieces {
                    guard let key = piece.key, partition.unitGeometry(piece.unit) != nil else { continue }
                    groups[key, default: TerritoryContent()].units.append(piece.unit)
                    groups[key]!.areaKm2 += piece.area
                }
                if let reachKey { groups[reachKey, default: TerritoryContent()].population += cell.population }
                continue
            }
            // A cell under a front: each piece's part the attacker has taken, and the part left.
            let taken = state.frontShare[c], attacker = Int(state.frontFaction(c))
            let offensive = Int(state.frontOf[c])
            for (k, piece) in pieces.enumerated() {
                let share = k == 0 ? taken.reach : taken.beyond
                let attackerKey = TerritoryPart(key: TerritoryKey(holder: attacker, status: k == 0 ? .held : .influence), block: b)
                groups[attackerKey, default: TerritoryContent()].areaKm2 += share * piece.area
                if let key = piece.key { groups[key, default: TerritoryContent()].areaKm2 += (1 - share) * piece.area }
                guard partition.unitGeometry(piece.unit) != nil else { continue }
                if share > 0 {
                    groups[attackerKey]!.cuts.append(.init(unit: piece.unit, offensive: offensive, radius: radius, taken: true))
                }
                if let key = piece.key, share < 1 {
                    groups[key]!.cuts.append(.init(unit: piece.unit, offensive: offensive, radius: radius, taken: false))
                }
            }
            let peopleKey = taken.place ? TerritoryPart(key: TerritoryKey(holder: attacker, status: .held), block: b) : reachKey
            if let peopleKey { groups[peopleKey, default: TerritoryContent()].population += cell.population }
        }
        return groups
    }

    /// The polygons of `content` built afresh (no cache): one coverage union of its whole
    /// pieces, plus the parts of the pieces fronts are crossing. Nil when it has no area.
    public func geometry(of content: TerritoryContent) throws -> Geometry? {
        let parts = content.units.compactMap { partition.unitGeometry($0) }
        var whole: Geometry?
        if !parts.isEmpty {
            let union = try Geometry.collection(copying: parts, in: partition.context).coverageUnion()
            try union.requireValid("territory part")
            whole = union
        }
        return try adding(content.cuts, to: whole, "territory part with the ground its fronts cut")
    }

    /// `whole` with the parts of the pieces a front is crossing that `cuts` name: the circle
    /// cuts each piece; the attacker holds the part outside it when closing in, inside when advancing.
    private func adding(_ cuts: [TerritoryContent.Cut], to whole: Geometry?, _ what: String) throws -> Geometry? {
        guard !cuts.isEmpty else { return whole }
        var discs = [Int: Geometry](), pieces = whole.map { [$0] } ?? []
        for cut in cuts {
            guard let geometry = partition.unitGeometry(cut.unit) else { continue }
            let front = plan.offensives[cut.offensive].front
            if discs[cut.offensive] == nil {
                discs[cut.offensive] = try Geometry.polygon(PolygonCoordinates(exterior: front.circle(radius: cut.radius)),
                                                            in: partition.context)
            }
            let inside = try geometry.intersection(discs[cut.offensive]!), outside = try geometry.difference(discs[cut.offensive]!)
            let (gone, kept) = front.closingIn ? (outside, inside) : (inside, outside)
            let piece = cut.taken ? gone : kept
            if try !piece.isEmpty { pieces.append(piece) }
        }
        guard !pieces.isEmpty else { return nil }
        let union = try Geometry.collection(copying: pieces, in: partition.context).unaryUnion()
        try union.requireValid(what)
        return try union.isEmpty ? nil : union
    }
}

/// A territory, or its part within one block of cells (`Simulation.territoryContents(block:)`).
public struct TerritoryPart: Hashable, Sendable {
    public let key: TerritoryKey
    public let block: Int
}

/// What a territory (or a part of it) is made of on one day, before its polygons are built.
/// Two days with equal contents have the same polygons, area and population.
public struct TerritoryContent: Equatable, Sendable {
    /// A piece of a cell a front is crossing: the part on one side of the front's circle.
    public struct Cut: Equatable, Sendable {
        /// The piece (`Partition.unitGeometry(_:)`).
        public let unit: Int
        /// The offensive (index in `ControlPlan.offensives`) and its front's radius (km) today.
        public let offensive: Int
        public let radius: Double
        /// True: the part the attacker has taken; false: the part the holder keeps.
        public let taken: Bool
    }

    /// Whole pieces of cells (units), ascending.
    public internal(set) var units: [Int] = []
    public internal(set) var cuts: [Cut] = []
    public internal(set) var areaKm2 = 0.0
    public internal(set) var population = 0

    /// The cells with ground in it, ascending. O(units + cuts).
    public var cells: [Int] {
        var cells = Set(units.map { $0 / 2 })
        for cut in cuts { cells.insert(cut.unit / 2) }
        return cells.sorted()
    }
}
