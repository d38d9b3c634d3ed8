/// The control state on one day in figures: per faction area, share and population.
public struct ShareReport: Sendable {
    public struct FactionShare: Sendable {
        public let faction: Faction
        /// Uncontested ground held, km², and its share of the region (0…1).
        public let areaKm2: Double
        public let share: Double
        public let population: Int
        /// Ground held but contested by another faction (not counted in `areaKm2`).
        public let contestedKm2: Double
        public let contestedPopulation: Int
        /// The most ground (held, contested or not) the faction held from the scenario's start to
        /// this date, and the first day it held that much; nil when it never held any.
        public let peakKm2: Double?
        public let peakDate: Day?
        /// Its ground (held + contested) on this date relative to that peak: −0.87 = "lost 87%".
        public var changeFromPeak: Double? {
            guard let peakKm2, peakKm2 > 0 else { return nil }
            return (areaKm2 + contestedKm2) / peakKm2 - 1
        }
    }

    public let date: Day
    public let regionKm2: Double
    public let factions: [FactionShare]
    /// All contested ground: km², share of the region, population.
    public let contestedKm2: Double
    public let contestedShare: Double
    public let contestedPopulation: Int
    /// Ground no faction holds.
    public let unassignedKm2: Double
    public let unassignedPopulation: Int

    init(date: Day, regionKm2: Double, factions: [Faction], state: ControlState, peaks: [Simulation.Peak]) {
        self.date = date
        self.regionKm2 = regionKm2
        self.factions = factions.indices.map { i in
            FactionShare(faction: factions[i], areaKm2: state.areaKm2[i], share: state.areaKm2[i] / regionKm2,
                         population: state.population[i], contestedKm2: state.contestedAreaKm2[i],
                         contestedPopulation: state.contestedPopulation[i],
                         peakKm2: peaks[i].areaKm2 > 0 ? peaks[i].areaKm2 : nil,
                         peakDate: peaks[i].areaKm2 > 0 ? peaks[i].day : nil)
        }
        contestedKm2 = state.contestedAreaKm2.reduce(0, +)
        contestedShare = contestedKm2 / regionKm2
        contestedPopulation = state.contestedPopulation.reduce(0, +)
        unassignedKm2 = state.unassignedAreaKm2
        unassignedPopulation = state.unassignedPopulation
    }
}
