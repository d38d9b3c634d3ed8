/// The control state on one day in figures: per faction the ground it holds (uncontested and
/// contested), its area of influence, its share and population. Two measures:
/// - *held* = held + contested: the ground within reach of a side's settlements, main roads
///   and river valleys (what IHS, ISW's control zones and the coalition measured);
/// - *held + influence*: all the ground nearer to a side's places than to another's (what the
///   Syrian Observatory and Jusoor counted).
/// For every faction held + contested + influence, plus unassigned, add up to the region.
public struct ShareReport: Sendable {
    public struct FactionShare: Sendable {
        public let faction: Faction
        /// Uncontested ground held (within reach), km², and its share of the region (0…1).
        public let areaKm2: Double
        public let share: Double
        public let population: Int
        /// Ground held but contested by another faction (not counted in `areaKm2`).
        public let contestedKm2: Double
        public let contestedPopulation: Int
        /// Area of influence: the faction's ground beyond reach, km² (not counted in `areaKm2`).
        public let influenceKm2: Double
        /// The most held ground (held + contested) the faction had from the scenario's start to
        /// this date, and the first day it had that much; nil when it never held any.
        public let peakKm2: Double?
        public let peakDate: Day?
        /// Held ground (held + contested).
        public var heldKm2: Double { areaKm2 + contestedKm2 }
        /// All its ground: held, contested and influence.
        public var groundKm2: Double { areaKm2 + contestedKm2 + influenceKm2 }
        /// Its held ground (held + contested) on this date relative to that peak: −0.87 = "lost 87%".
        public var changeFromPeak: Double? {
            guard let peakKm2, peakKm2 > 0 else { return nil }
            return (areaKm2 + contestedKm2) / peakKm2 - 1
        }
    }

    public let date: Day
    /// The country the figures are limited to (ISO code), nil for the whole region.
    public let country: String?
    /// The area the shares are of: the region's, or the country's.
    public let regionKm2: Double
    public internal(set) var factions: [FactionShare]
    /// All contested ground: km², share of the region, population.
    public let contestedKm2: Double
    public let contestedShare: Double
    public let contestedPopulation: Int
    /// All factions' areas of influence (km²).
    public var influenceKm2: Double { factions.reduce(0) { $0 + $1.influenceKm2 } }
    /// Ground no faction holds.
    public let unassignedKm2: Double
    public let unassignedPopulation: Int

    init(date: Day, country: String? = nil, regionKm2: Double, factions: [Faction], totals: ControlState.Totals,
         peaks: [Simulation.Peak]?) {
        self.date = date
        self.country = country
        self.regionKm2 = regionKm2
        self.factions = factions.indices.map { i in
            let peak = peaks.map { $0[i] }
            return FactionShare(faction: factions[i], areaKm2: totals.areaKm2[i], share: totals.areaKm2[i] / regionKm2,
                                population: totals.population[i], contestedKm2: totals.contestedAreaKm2[i],
                                contestedPopulation: totals.contestedPopulation[i],
                                influenceKm2: totals.influenceAreaKm2[i],
                                peakKm2: peak.flatMap { $0.areaKm2 > 0 ? $0.areaKm2 : nil },
                                peakDate: peak.flatMap { $0.areaKm2 > 0 ? $0.day : nil })
        }
        contestedKm2 = totals.contestedAreaKm2.reduce(0, +)
        contestedShare = contestedKm2 / regionKm2
        contestedPopulation = totals.contestedPopulation.reduce(0, +)
        unassignedKm2 = totals.unassignedAreaKm2
        unassignedPopulation = totals.unassignedPopulation
    }
}
