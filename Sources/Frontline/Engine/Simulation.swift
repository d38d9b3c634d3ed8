import Foundation

/// A territory on one day: the polygons of a faction's ground (or of its contested ground).
public struct Territory {
    public let key: TerritoryKey
    public let geometry: Geometry
    public let areaKm2: Double
    public let population: Int
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
        struct Group { var units = [Int](); var pieces = [Geometry](); var areaKm2 = 0.0; var population = 0 }
        var groups = [TerritoryKey: Group]()
        var disc = [Int: Geometry]()
        for c in state.holder.indices {
            let cell = partition.cells[c], h = Int(state.holder[c]), by = Int(state.contestedBy[c])
            let reachKey = h >= 0 ? TerritoryKey(holder: h, status: by >= 0 ? .contested(by: by) : .held) : nil
            let beyondKey = h >= 0 ? TerritoryKey(holder: h, status: .influence) : nil
            let pieces = [(key: reachKey, unit: Partition.unit(cell: c, beyond: false), area: cell.reachAreaKm2),
                          (key: beyondKey, unit: Partition.unit(cell: c, beyond: true), area: cell.beyondAreaKm2)]
            guard let (front, radius) = state.front(ofCell: c) else {
                for piece in pieces {
                    guard let key = piece.key, partition.unitGeometry(piece.unit) != nil else { continue }
                    groups[key, default: Group()].units.append(piece.unit)
                    groups[key]!.areaKm2 += piece.area
                }
                if let reachKey { groups[reachKey, default: Group()].population += cell.population }
                continue
            }
            // A cell under a front: each piece's part the attacker has taken, and the part left.
            let taken = state.frontShare[c], attacker = Int(state.frontFaction(c))
            let offensive = Int(state.frontOf[c])
            if disc[offensive] == nil {
                disc[offensive] = try Geometry.polygon(PolygonCoordinates(exterior: front.circle(radius: radius)), in: partition.context)
            }
            for (k, piece) in pieces.enumerated() {
                let share = k == 0 ? taken.reach : taken.beyond
                let attackerKey = TerritoryKey(holder: attacker, status: k == 0 ? .held : .influence)
                groups[attackerKey, default: Group()].areaKm2 += share * piece.area
                if let key = piece.key { groups[key, default: Group()].areaKm2 += (1 - share) * piece.area }
                guard let geometry = partition.unitGeometry(piece.unit) else { continue }
                let inside = try geometry.intersection(disc[offensive]!), outside = try geometry.difference(disc[offensive]!)
                let (gone, kept) = front.closingIn ? (outside, inside) : (inside, outside)
                if share > 0, try !gone.isEmpty { groups[attackerKey]!.pieces.append(gone) }
                if let key = piece.key, share < 1, try !kept.isEmpty { groups[key]!.pieces.append(kept) }
            }
            let peopleKey = taken.place ? TerritoryKey(holder: attacker, status: .held) : reachKey
            if let peopleKey { groups[peopleKey, default: Group()].population += cell.population }
        }
        let keys = groups.keys.sorted { $0.order < $1.order }
        return try keys.compactMap { key in
            let group = groups[key]!
            var geometry = try builder.territory(key, units: group.units, revision: state.revision[key.holder])
            if !group.pieces.isEmpty {
                let parts = (geometry.map { [$0] } ?? []) + group.pieces
                let union = try Geometry.collection(copying: parts, in: partition.context).unaryUnion()
                try union.requireValid("territory of faction \(key.holder) with the ground its fronts cut")
                geometry = try union.isEmpty ? nil : union
            }
            guard let geometry else { return nil }
            return Territory(key: key, geometry: geometry, areaKm2: group.areaKm2, population: group.population)
        }
    }
}
