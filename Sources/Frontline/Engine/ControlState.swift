/// Who holds every cell on one day, with the totals per faction kept up to date as cells
/// change hands. Applying a change costs O(cells it touches), never O(region).
public struct ControlState: Sendable {
    /// Holder of each cell (faction index), -1 when unassigned.
    public private(set) var holder: [Int32]
    /// The faction contesting each cell, -1 when the cell is not contested.
    public private(set) var contestedBy: [Int32]
    /// The region's totals, kept up to date as cells change hands.
    public private(set) var totals: Totals
    /// Per faction: area (km²) it holds uncontested (the pieces of its cells within reach),
    /// and the population of those cells.
    public var areaKm2: [Double] { totals.areaKm2 }
    public var population: [Int] { totals.population }
    /// Per faction: area and population it holds that another faction contests (reported as
    /// contested, not in `areaKm2`).
    public var contestedAreaKm2: [Double] { totals.contestedAreaKm2 }
    public var contestedPopulation: [Int] { totals.contestedPopulation }
    /// Area and population of cells no faction holds.
    public var unassignedAreaKm2: Double { totals.unassignedAreaKm2 }
    public var unassignedPopulation: Int { totals.unassignedPopulation }
    /// Bumped each time a faction's territory (held or contested) changes; lets the
    /// territory builder reuse polygons while a faction's cells stay the same.
    public private(set) var revision: [UInt64]
    /// The event (index in `Scenario.events`) that last changed each cell's holder, contest or
    /// front, or -1 when none has since the start: where a cell's control comes from.
    public private(set) var lastEvent: [Int32]

    /// The offensive whose front is crossing each cell (index into the plan's offensives), or -1.
    /// Such a cell is split: the offensive's faction holds `frontShare` of it (and its
    /// population once the front has passed its place), `holder` the rest. The share of each
    /// of the cell's pieces (within reach and beyond) is kept apart.
    public private(set) var frontOf: [Int32]
    public private(set) var frontShare: [Front.Taken]
    public var frontPassedPlace: [Bool] { frontShare.map(\.place) }
    /// Position of each cell in its offensive's `cells` (valid where `frontOf` ≥ 0).
    private var frontSlot: [Int32]
    /// An offensive under way.
    public struct ActiveOffensive: Sendable {
        public let offensive: Int
        /// The side it takes ground from (-1: anyone).
        public let loser: Int32
        /// The change that started it (its cells, anchor and faction).
        let change: ControlPlan.Change
        /// Its front's radius on each of its days (`Front.radii`), and the radius today.
        let radii: [Double]
        public fileprivate(set) var radius: Double
    }
    /// Offensives under way, in start order.
    public private(set) var activeOffensives: [ActiveOffensive] = []

    /// Area (km²) of each cell's piece within reach, and of its piece beyond.
    private let reachArea: [Double]
    private let beyondArea: [Double]
    private let cellPopulation: [Int]
    private let offensives: [ControlPlan.Offensive]

    /// The state with `holder` as the control, nothing contested. `reachArea` and
    /// `beyondArea` are each cell's pieces within reach and beyond (km²). O(cells).
    public init(holder: [Int32], factionCount: Int, reachArea: [Double], beyondArea: [Double], cellPopulation: [Int],
                offensives: [ControlPlan.Offensive] = []) {
        self.holder = holder
        self.contestedBy = [Int32](repeating: -1, count: holder.count)
        frontOf = contestedBy
        frontSlot = contestedBy
        lastEvent = contestedBy
        frontShare = [Front.Taken](repeating: .none, count: holder.count)
        self.offensives = offensives
        self.reachArea = reachArea
        self.beyondArea = beyondArea
        self.cellPopulation = cellPopulation
        totals = Totals(factionCount: factionCount)
        revision = [UInt64](repeating: 0, count: factionCount)
        for c in holder.indices { add(c) }
    }

    /// Applies one change, cell by cell as `ControlRules` decides; a change that starts an
    /// offensive puts the cells it sweeps under its front instead (`advanceFronts` moves it).
    /// A cell a change takes leaves any front crossing it. O(change.cells.count).
    /// Returns the area (km²) of the cells it changed, whole and within reach (for an
    /// offensive: the cells put under its front).
    @discardableResult
    public mutating func apply(_ change: ControlPlan.Change) -> Moved {
        let loser = ControlRules.loser(of: change, holder: holder, contestedBy: contestedBy)
        if change.offensive >= 0 {
            return startOffensive(Int(change.offensive), change: change, loser: loser)
        }
        var moved = Moved()
        for c32 in change.cells {
            let c = Int(c32)
            let (oldHolder, oldContest) = (holder[c], contestedBy[c])
            guard let next = ControlRules.outcome(of: change, cell: c32, holder: oldHolder, contest: oldContest,
                                                  loser: loser) else { continue }
            leaveFront(c)
            remove(c)
            holder[c] = next.holder
            contestedBy[c] = next.contestedBy
            add(c)
            moved.add(reach: reachArea[c], beyond: beyondArea[c])
            for touched in [oldHolder, next.holder] where touched >= 0 { revision[Int(touched)] &+= 1 }
            lastEvent[c] = Int32(change.event)
        }
        return moved
    }

    // MARK: Offensives

    /// Ground a change moved: whole cells' areas, and their pieces within reach (km²).
    public struct Moved: Sendable, Equatable {
        public var groundKm2 = 0.0
        public var heldKm2 = 0.0
        mutating func add(reach: Double, beyond: Double) { groundKm2 += reach + beyond; heldKm2 += reach }
    }

    private mutating func startOffensive(_ o: Int, change: ControlPlan.Change, loser: Int32?) -> Moved {
        var slots = [Int](), swept = Moved()
        for (slot, c32) in change.cells.enumerated() {
            let c = Int(c32)
            guard ControlRules.frontSweeps(change, cell: c32, holder: holder[c], contest: contestedBy[c], loser: loser) else { continue }
            leaveFront(c)
            remove(c)
            frontOf[c] = Int32(o)
            frontSlot[c] = Int32(slot)
            lastEvent[c] = Int32(change.event)
            add(c)
            slots.append(slot)
            swept.add(reach: reachArea[c], beyond: beyondArea[c])
        }
        let radii = offensives[o].front.radii(sweeping: slots)
        activeOffensives.append(ActiveOffensive(offensive: o, loser: loser ?? -1, change: change, radii: radii,
                                                radius: radii[0]))
        return swept
    }

    /// Moves every front under way to its position on `day`; an offensive whose last day it
    /// is ends with a capture of all its cells from the side it fought (`ControlRules`).
    /// O(cells under fronts), plus O(vertices) for each cell a front crosses that day.
    public mutating func advanceFronts(to day: Day) {
        guard !activeOffensives.isEmpty else { return }
        var ended = [ActiveOffensive]()
        for (k, active) in activeOffensives.enumerated() {
            let offensive = offensives[active.offensive]
            if day >= offensive.front.end { ended.append(active); continue }
            let radius = active.radii[min(max(offensive.front.start.days(to: day), 0), active.radii.count - 1)]
            activeOffensives[k].radius = radius
            let attacker = offensive.faction
            for c32 in offensive.cells where frontOf[Int(c32)] == Int32(active.offensive) {
                let c = Int(c32)
                let taken = offensive.front.taken(Int(frontSlot[c]), radius: radius)
                guard taken != frontShare[c] else { continue }
                remove(c)
                frontShare[c] = taken
                add(c)
                revision[attacker] &+= 1
                if holder[c] >= 0 { revision[Int(holder[c])] &+= 1 }
            }
        }
        for active in ended {
            activeOffensives.removeAll { $0.offensive == active.offensive }
            let offensive = offensives[active.offensive]
            for c32 in offensive.cells where frontOf[Int(c32)] == Int32(active.offensive) { leaveFront(Int(c32)) }
            apply(ControlRules.closingCapture(of: active.change, day: day, loser: active.loser))
        }
    }

    /// Takes cell `c` out of the front crossing it: it is whole again, held by its holder.
    private mutating func leaveFront(_ c: Int) {
        guard frontOf[c] >= 0 else { return }
        remove(c)
        let attacker = offensives[Int(frontOf[c])].faction
        frontOf[c] = -1
        frontShare[c] = .none
        add(c)
        revision[attacker] &+= 1
        if holder[c] >= 0 { revision[Int(holder[c])] &+= 1 }
    }

    /// The faction holding the part of cell `c` a front has taken, or -1.
    public func frontFaction(_ c: Int) -> Int32 {
        frontOf[c] >= 0 ? Int32(offensives[Int(frontOf[c])].faction) : -1
    }

    /// The front crossing cell `c` and its radius today, if any.
    public func front(ofCell c: Int) -> (front: Front, radius: Double)? {
        guard frontOf[c] >= 0, let active = activeOffensives.first(where: { $0.offensive == Int(frontOf[c]) }) else { return nil }
        return (offensives[active.offensive].front, active.radius)
    }

    /// Area and population per faction (held, held but contested, influence) and unassigned.
    /// Held + contested + influence of every faction + unassigned = the region.
    public struct Totals: Sendable {
        /// Held uncontested: the pieces within reach of the faction's cells.
        public var areaKm2: [Double]
        public var population: [Int]
        /// Held but contested by another faction: the pieces within reach of its contested cells.
        public var contestedAreaKm2: [Double]
        public var contestedPopulation: [Int]
        /// Area of influence: the pieces beyond reach of the faction's cells (contested or not).
        public var influenceAreaKm2: [Double]
        public var unassignedAreaKm2 = 0.0
        public var unassignedPopulation = 0

        init(factionCount: Int) {
            areaKm2 = [Double](repeating: 0, count: factionCount)
            population = [Int](repeating: 0, count: factionCount)
            contestedAreaKm2 = areaKm2
            contestedPopulation = population
            influenceAreaKm2 = areaKm2
        }

        /// What one cell adds to the totals (see `ControlState.share(of:)`).
        struct CellShare {
            var holder: Int
            var contested: Bool
            var reachKm2: Double
            var beyondKm2: Double
            var population: Int
            var attacker = -1
            var attackerReachKm2 = 0.0
            var attackerBeyondKm2 = 0.0
            var attackerPopulation = 0
        }

        /// Adds (`sign` 1) or removes (−1) one cell's share.
        @inline(__always)
        mutating func add(_ k: CellShare, sign: Int) {
            let s = Double(sign), people = sign * k.population
            if k.attacker >= 0 {
                areaKm2[k.attacker] += s * k.attackerReachKm2
                influenceAreaKm2[k.attacker] += s * k.attackerBeyondKm2
                population[k.attacker] += sign * k.attackerPopulation
            }
            if k.holder < 0 {
                unassignedAreaKm2 += s * (k.reachKm2 + k.beyondKm2)
                unassignedPopulation += people
                return
            }
            influenceAreaKm2[k.holder] += s * k.beyondKm2
            if k.contested {
                contestedAreaKm2[k.holder] += s * k.reachKm2
                contestedPopulation[k.holder] += people
            } else {
                areaKm2[k.holder] += s * k.reachKm2
                population[k.holder] += people
            }
        }
    }

    /// The totals of the cells `cells` only (e.g. one country's), counted afresh. O(cells).
    public func totals(of cells: [Int]) -> Totals {
        var t = Totals(factionCount: totals.areaKm2.count)
        for c in cells { t.add(share(of: c), sign: 1) }
        return t
    }

    private mutating func add(_ c: Int) { account(c, sign: 1) }
    private mutating func remove(_ c: Int) { account(c, sign: -1) }

    private mutating func account(_ c: Int, sign: Int) { totals.add(share(of: c), sign: sign) }

    /// How cell `c` counts: its piece within reach and its population to its holder (as
    /// contested ground when contested, as unassigned when no one holds it), its piece beyond
    /// reach to the holder's influence; less the share of each piece a front has taken, which
    /// goes to the front's faction with the population once the front has passed the cell's place.
    @inline(__always)
    private func share(of c: Int) -> Totals.CellShare {
        var k = Totals.CellShare(holder: Int(holder[c]), contested: contestedBy[c] >= 0,
                                 reachKm2: reachArea[c], beyondKm2: beyondArea[c], population: cellPopulation[c])
        if frontOf[c] >= 0 {
            let taken = frontShare[c]
            k.attacker = offensives[Int(frontOf[c])].faction
            k.attackerReachKm2 = k.reachKm2 * taken.reach
            k.attackerBeyondKm2 = k.beyondKm2 * taken.beyond
            k.reachKm2 -= k.attackerReachKm2
            k.beyondKm2 -= k.attackerBeyondKm2
            if taken.place {
                k.attackerPopulation = k.population
                k.population = 0
            }
        }
        return k
    }
}
