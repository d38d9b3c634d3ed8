/// A scenario compiled against a partition: who holds each cell at the start, and the dated
/// changes, each already reduced to the cells it touches. The engine only replays it.
public struct ControlPlan: Sendable {
    /// One dated change: `faction` does `action` to `cells`.
    public struct Change: Sendable {
        public let day: Day
        public let action: ControlAction
        public let faction: Int
        /// Cell indices, ascending.
        public let cells: [Int32]
        /// Index in `Scenario.events` of the event this change comes from.
        public let event: Int
        /// The cell of the named place for a place event, -1 for a governorate event.
        public let anchorCell: Int32
        /// The faction losing ground (from the event's `from:`), or -1 for the default: the
        /// side holding the anchor cell when the change applies (the side besieging it when the
        /// event's faction already holds it), or anyone for a governorate event.
        public let from: Int32
        /// The offensive this change starts (index into `offensives`), or -1 for a change that
        /// applies at once.
        public var offensive: Int32 = -1
    }

    /// An offensive: from its change's day to `front.end`, the faction takes the change's
    /// cells progressively as the front moves; on the last day it holds all that is left.
    public struct Offensive: Sendable {
        public let faction: Int
        /// Index in `Scenario.events`.
        public let event: Int
        /// The cells the front sweeps, ascending (the change's cells); `front` describes them
        /// in the same order.
        public let cells: [Int32]
        public let front: Front
    }

    /// Holder of each cell at the start (faction index), or -1 where the initial control
    /// leaves the cell unassigned.
    public let initialHolder: [Int32]
    /// For each cell, the entry of `Scenario.initial` that gave it its holder at the start, or -1.
    public var initialEntry: [Int32] = []
    /// Changes in the order they apply: by day, same-day changes in file order.
    public let changes: [Change]
    /// The offensives the changes start.
    public var offensives: [Offensive] = []
    /// Cell index of each place the scenario names (its anchors), in order of first mention.
    public let anchors: [Int]
    /// For each cell, the anchor (index into `anchors`) whose catchment it lies in, or -1.
    public let catchmentOf: [Int32]
}
