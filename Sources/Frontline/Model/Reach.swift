import Foundation

/// The reach rule: which part of a side's ground it *holds*, as opposed to ground it only
/// *reaches* (its area of influence). See `docs/MODEL.md`, "Held ground and reach".
///
/// A side holds the part of its ground within reach of what is there to hold:
/// - **its settlements**: a place's built-up area (a disc of `population / builtUpDensity`)
///   and `reachKm` beyond its edge, within the place's own cell (the ground around a town
///   belongs to whoever holds the town), and the local roads between neighbouring settlements
///   (`reachKm` either side);
/// - **lines of communication**: ground within `corridorKm` of a main road or a major river
///   (the valley, its villages and the road along it; the open desert a patrol on the road
///   commands).
///
/// The rest of a side's ground is its area of influence (ISW's "support zone"; what the
/// Syrian Observatory counted as control). One rule for every side, country and date: no side
/// holds empty desert by default.
///
/// The rule is static per cell: each cell is split once, when the partition is built, into
/// the piece within reach and the piece beyond it (`Partition`), and whoever holds the cell
/// holds its first piece and has the second as influence. O(1) per cell per day.
public struct ReachModel: Hashable, Sendable {
    /// How far a side's reach extends beyond a settlement's built-up edge and either side of a
    /// local road (km): an hour on foot, the depth of a village's fields. Not fitted.
    public var reachKm: Double
    /// Half-width (km) of the corridor held along a main road or major river. The model's one
    /// fitted number (docs/MODEL.md): `reachKm` when nil.
    public var corridorKm: Double?
    /// People per km² of built-up area, which turns a settlement's population into the
    /// radius of its built-up disc. Aleppo (2.1 million people, about 190 km²) and Mosul
    /// (1.7 million, about 180 km²) are both near 10,000. Not fitted.
    public var builtUpDensity: Double

    public init(reachKm: Double = 5, corridorKm: Double? = nil, builtUpDensity: Double = 10_000) {
        self.reachKm = reachKm
        self.corridorKm = corridorKm
        self.builtUpDensity = builtUpDensity
    }

    /// The parameters Frontline uses: settlements' and local roads' reach 5 km and built-up
    /// density 10,000 people per km², fixed from physical arguments; the corridor of main roads
    /// and rivers 20 km either side, fitted on one published figure, IHS's 90,800 km² for the
    /// Islamic State in January 2015 (docs/VALIDATION.md tests it on every other figure).
    public static let standard = ReachModel(reachKm: 5, corridorKm: 20)

    /// Radius (km) of the ground a settlement of `population` holds: its built-up radius
    /// √(population / (π · density)) plus `reachKm`. 5 km for a village, 6.3 km for a town
    /// of 50,000, 10.5 km for Mosul's 933,000 (east Mosul; west Mosul is a place of its own). O(1).
    public func settlementRadiusKm(population: Int) -> Double {
        (Double(max(population, 0)) / (.pi * builtUpDensity)).squareRoot() + reachKm
    }

    /// Half-width (km) of the ground held along a line: `reachKm` along a local road,
    /// `corridorKm` along a main road or a major river.
    public func corridorHalfWidthKm(_ kind: LineFeature.Kind) -> Double {
        kind == .link ? reachKm : corridorKm ?? reachKm
    }
}
