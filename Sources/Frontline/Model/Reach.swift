import Foundation

/// The reach rule: which part of a side's ground it *holds*, as opposed to ground it only
/// *reaches* (its area of influence). See `docs/MODEL.md`, "Held ground and reach".
///
/// A side holds the part of its ground within reach of what is there to hold:
/// - **its settlements**: a place's built-up area (a disc of `population / builtUpDensity`)
///   and `reachKm` beyond its edge, within the place's own cell (the ground around a town
///   belongs to whoever holds the town);
/// - **lines of communication**: ground within `reachKm` of a main road or a major river
///   (the valley, its villages and the roads along it).
///
/// The rest of a side's ground is its area of influence (ISW's "support zone"; what the
/// Syrian Observatory counted as control). One rule for every side, country and date: no side
/// holds empty desert by default.
///
/// The rule is static per cell: each cell is split once, when the partition is built, into
/// the piece within reach and the piece beyond it (`Partition`), and whoever holds the cell
/// holds its first piece and has the second as influence. O(1) per cell per day.
public struct ReachModel: Hashable, Sendable {
    /// How far a side's reach extends beyond a settlement's built-up edge and on either side
    /// of a road or river (km): an hour on foot, the depth of a village's fields, the range
    /// at which a garrison or a patrol on the road controls movement.
    public var reachKm: Double
    /// People per km² of built-up area, which turns a settlement's population into the
    /// radius of its built-up disc. Aleppo (2.1 million people, about 190 km²) and Mosul
    /// (1.7 million, about 180 km²) are both near 10,000.
    public var builtUpDensity: Double

    public init(reachKm: Double = 5, builtUpDensity: Double = 10_000) {
        self.reachKm = reachKm
        self.builtUpDensity = builtUpDensity
    }

    /// The parameters Frontline uses, fixed before any comparison with published figures.
    public static let standard = ReachModel()

    /// Radius (km) of the ground a settlement of `population` holds: its built-up radius
    /// √(population / (π · density)) plus `reachKm`. 5 km for a village, 7.5 km for a town
    /// of 20,000, 12.4 km for Mosul. O(1).
    public func settlementRadiusKm(population: Int) -> Double {
        (Double(max(population, 0)) / (.pi * builtUpDensity)).squareRoot() + reachKm
    }

    /// Half-width (km) of the corridor held along a line of communication.
    public func corridorHalfWidthKm(_ kind: LineFeature.Kind) -> Double { reachKm }
}
