/// The rules that decide what one dated change does to one cell, applied by the engine when
/// the change is due (they depend on who holds what that day). See `docs/MODEL.md`.
public enum ControlRules {
    /// The side a change takes ground from, or nil when it takes from any side: the event's
    /// `from:`; else, for a place event, the holder of the place (the side besieging it when
    /// the event's faction already holds it); a governorate event takes from anyone.
    public static func loser(of change: ControlPlan.Change, holder: [Int32], contestedBy: [Int32]) -> Int32? {
        if change.from >= 0 { return change.from }
        guard change.anchorCell >= 0 else { return nil }
        let a = Int(change.anchorCell)
        if holder[a] == Int32(change.faction), contestedBy[a] >= 0 { return contestedBy[a] }
        return holder[a]
    }

    /// The (holder, contesting faction) of cell `c32` after `change`, given its current
    /// `holder` and `contest` (-1: none), or nil when the change leaves it as it is.
    /// Only the loser's ground changes, except the place itself; a capture also settles
    /// contests on the faction's own cells. A faction never contests its own cell.
    @inline(__always)
    public static func outcome(of change: ControlPlan.Change, cell c32: Int32, holder: Int32, contest: Int32,
                               loser: Int32?) -> (holder: Int32, contestedBy: Int32)? {
        let f = Int32(change.faction)
        if let loser, c32 != change.anchorCell, holder != loser, !(change.action == .capture && holder == f) {
            return nil
        }
        let next: (holder: Int32, contestedBy: Int32)
        switch change.action {
        case .capture: next = (f, -1)
        case .contest: next = (holder, holder == f ? contest : f)
        }
        return next == (holder, contest) ? nil : next
    }

    /// Whether the offensive that `change` starts sweeps the cell: the cells a capture would
    /// take from the loser; the faction's own (contested) cells wait for the offensive's end,
    /// when a capture of all its cells settles them.
    public static func frontSweeps(_ change: ControlPlan.Change, cell c32: Int32, holder: Int32, contest: Int32,
                                   loser: Int32?) -> Bool {
        holder != Int32(change.faction) && outcome(of: change, cell: c32, holder: holder, contest: contest, loser: loser) != nil
    }

    /// The capture that ends an offensive: all its cells, from the side it took ground from.
    public static func closingCapture(of change: ControlPlan.Change, day: Day, loser: Int32) -> ControlPlan.Change {
        ControlPlan.Change(day: day, action: .capture, faction: change.faction, cells: change.cells, event: change.event,
                           anchorCell: change.anchorCell, from: loser)
    }
}
