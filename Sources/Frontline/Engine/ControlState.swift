/// Who holds every cell on one day, with the totals per faction kept up to date as cells
/// change hands. Applying a change costs O(cells it touches), never O(region).
public struct ControlState: Sendable {
    /// Holder of each cell (faction index), -1 when unassigned.
    public private(set) var holder: [Int32]
    /// The faction contesting each cell, -1 when the cell is not contested.
    public private(set) var contestedBy: [Int32]
    /// Per faction: area (km²) and population it holds uncontested.
    public private(set) var areaKm2: [Double]
    public private(set) var population: [Int]
    /// Per faction: area and population it holds that another faction contests (reported as
    /// contested, not in `areaKm2`).
    public private(set) var contestedAreaKm2: [Double]
    public private(set) var contestedPopulation: [Int]
    /// Area and population of cells no faction holds.
    public private(set) var unassignedAreaKm2: Double
    public private(set) var unassignedPopulation: Int
    /// Bumped each time a faction's territory (held or contested) changes; lets the
    /// territory builder reuse polygons while a faction's cells stay the same.
    public private(set) var revision: [UInt64]

    private let cellArea: [Double]
    private let cellPopulation: [Int]

    /// The state with `holder` as the control, nothing contested. O(cells).
    public init(holder: [Int32], factionCount: Int, cellArea: [Double], cellPopulation: [Int]) {
        self.holder = holder
        self.contestedBy = [Int32](repeating: -1, count: holder.count)
        self.cellArea = cellArea
        self.cellPopulation = cellPopulation
        areaKm2 = [Double](repeating: 0, count: factionCount)
        population = [Int](repeating: 0, count: factionCount)
        contestedAreaKm2 = areaKm2
        contestedPopulation = population
        unassignedAreaKm2 = 0
        unassignedPopulation = 0
        revision = [UInt64](repeating: 0, count: factionCount)
        for c in holder.indices { add(c) }
    }

    /// Applies one change, cell by cell as `ControlRules` decides. O(change.cells.count).
    public mutating func apply(_ change: ControlPlan.Change) {
        let loser = ControlRules.loser(of: change, holder: holder, contestedBy: contestedBy)
        for c32 in change.cells {
            let c = Int(c32)
            let (oldHolder, oldContest) = (holder[c], contestedBy[c])
            guard let next = ControlRules.outcome(of: change, cell: c32, holder: oldHolder, contest: oldContest,
                                                  loser: loser) else { continue }
            remove(c)
            holder[c] = next.holder
            contestedBy[c] = next.contestedBy
            add(c)
            for touched in [oldHolder, next.holder] where touched >= 0 { revision[Int(touched)] &+= 1 }
        }
    }

    private mutating func add(_ c: Int) { account(c, sign: 1) }
    private mutating func remove(_ c: Int) { account(c, sign: -1) }

    private mutating func account(_ c: Int, sign: Int) {
        let h = Int(holder[c])
        let area = Double(sign) * cellArea[c], people = sign * cellPopulation[c]
        if h < 0 {
            unassignedAreaKm2 += area
            unassignedPopulation += people
        } else if contestedBy[c] >= 0 {
            contestedAreaKm2[h] += area
            contestedPopulation[h] += people
        } else {
            areaKm2[h] += area
            population[h] += people
        }
    }
}
