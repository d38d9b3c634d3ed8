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
                             cellArea: partition.cells.map(\.areaKm2), cellPopulation: partition.cells.map(\.population))
        applyDue()
    }

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

    private func applyDue() {
        while next < plan.changes.count, plan.changes[next].day <= day {
            state.apply(plan.changes[next])
            next += 1
        }
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
        ShareReport(date: day, regionKm2: partition.regionAreaKm2, factions: scenario.factions, state: state)
    }

    /// The polygons of every faction's ground on the current day, uncontested first (in
    /// faction order), then contested ground by holder and contesting faction. Each is one
    /// coverage union, reused from earlier days while its cells do not change.
    public func territories() throws -> [Territory] {
        var groups = [TerritoryKey: [Int]]()
        for c in state.holder.indices where state.holder[c] >= 0 {
            let by = state.contestedBy[c]
            groups[TerritoryKey(holder: Int(state.holder[c]), contestedBy: by >= 0 ? Int(by) : nil), default: []].append(c)
        }
        let keys = groups.keys.sorted { ($0.contestedBy == nil ? 0 : 1, $0.holder, $0.contestedBy ?? -1)
            < ($1.contestedBy == nil ? 0 : 1, $1.holder, $1.contestedBy ?? -1) }
        return try keys.compactMap { key in
            let cells = groups[key]!
            guard let geometry = try builder.territory(key, cells: cells, revision: state.revision[key.holder]) else { return nil }
            return Territory(key: key, geometry: geometry, areaKm2: cells.reduce(0) { $0 + partition.cells[$1].areaKm2 },
                             population: cells.reduce(0) { $0 + partition.cells[$1].population })
        }
    }
}
