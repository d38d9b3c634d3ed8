import Foundation

/// The front of an offensive: a circle around a centre whose radius moves day by day from the
/// offensive's first day to its last. See `docs/MODEL.md`, "Offensives".
///
/// - *Closing in* (the default, a pocket): the centre is the event's place; the radius shrinks
///   from the farthest point of the offensive's ground to zero, and the attacker holds what
///   lies outside the circle. The place itself falls last.
/// - *Advancing* (`advance_from:`): the centre is where the front starts; the radius grows
///   from the nearest point of the ground to the farthest, and the attacker holds what lies
///   inside the circle.
///
/// Between reported waypoints (`progress:`) the radius moves at constant speed: a front that
/// advances the same distance every day. A waypoint fixes the radius at which the share of
/// the ground it reports is taken.
public struct Front: Sendable {
    /// Polygons in the front's plane.
    struct Shape: Sendable {
        /// The rings in the plane (exteriors counter-clockwise, holes clockwise).
        let rings: [[PlanePoint]]
        let planarAreaKm2: Double
        /// Distances from the centre to the nearest and farthest points.
        let nearestKm: Double
        let farthestKm: Double

        init(_ polygons: [PolygonCoordinates], in plane: LocalPlane) {
            rings = polygons.map { $0.orientedForGeoJSON() }.flatMap { [$0.exterior] + $0.holes }.map { $0.map(plane.project) }
            planarAreaKm2 = LocalPlane.area(rings)
            nearestKm = rings.isEmpty ? 0 : LocalPlane.nearestDistance(rings)
            farthestKm = rings.isEmpty ? 0 : LocalPlane.farthestDistance(rings)
        }

        /// Area (plane km²) within `radius` of the centre. O(vertices) when the circle crosses
        /// the shape, O(1) otherwise.
        func areaInside(_ radius: Double) -> Double {
            if radius <= nearestKm { return 0 }
            if radius >= farthestKm { return planarAreaKm2 }
            return min(planarAreaKm2, LocalPlane.areaWithinCircle(rings, radius: radius))
        }
    }

    /// One cell of the offensive's ground in the front's plane: the whole cell and its piece
    /// within reach (the piece beyond is the difference).
    public struct Ground: Sendable {
        let whole: Shape
        let reach: Shape
        /// Distance from the centre to the cell's place (its population moves when the front passes it).
        let siteKm: Double

        var planarAreaKm2: Double { whole.planarAreaKm2 }
        var nearestKm: Double { whole.nearestKm }
        var farthestKm: Double { whole.farthestKm }
        func areaInside(_ radius: Double) -> Double { whole.areaInside(radius) }
    }

    /// What the attacker holds of one cell the front is crossing: the share (0…1) of its piece
    /// within reach and of its piece beyond, and whether the front has passed its place.
    public struct Taken: Sendable, Equatable {
        public var reach: Double
        public var beyond: Double
        public var place: Bool
        public static let none = Taken(reach: 0, beyond: 0, place: false)
    }

    public let plane: LocalPlane
    public let closingIn: Bool
    public let start: Day
    public let end: Day
    /// Reported (day, share of the ground taken) between start and end, increasing.
    public let waypoints: [(day: Day, share: Double)]
    /// The offensive's cells, in the order of `Offensive.cells`.
    let ground: [Ground]

    /// Describes the front over `cells` (polygons of each cell and of its piece within reach,
    /// with its place) around `centre`. O(cells × vertices).
    public init(centre: Coordinate, closingIn: Bool, start: Day, end: Day,
                cells: [(polygons: [PolygonCoordinates], reach: [PolygonCoordinates], site: Coordinate)],
                waypoints: [(day: Day, share: Double)]) {
        let plane = LocalPlane(centre: centre)
        self.plane = plane
        self.closingIn = closingIn
        self.start = start
        self.end = end
        self.waypoints = waypoints
        ground = cells.map { cell in
            Ground(whole: Shape(cell.polygons, in: plane), reach: Shape(cell.reach, in: plane),
                   siteKm: plane.project(cell.site).length)
        }
    }

    /// The front's radius (km) on each day from `start` (index 0) to `end` when it sweeps the
    /// cells at `slots` (positions in the offensive's cells: those the loser holds when the
    /// offensive starts). It starts at the edge of that ground (the farthest point when closing
    /// in, the nearest when advancing), ends at the centre or the farthest point, passes each
    /// waypoint at the radius where the waypoint's share of that ground is taken, and moves at
    /// constant speed in between. O(slots × vertices × (60 × waypoints + 1)).
    public func radii(sweeping slots: [Int]) -> [Double] {
        let swept = slots.map { ground[$0] }
        let nearest = swept.map(\.nearestKm).min() ?? 0, farthest = swept.map(\.farthestKm).max() ?? 0
        var knots = [(0, closingIn ? farthest : nearest)]
        let total = swept.reduce(0) { $0 + $1.planarAreaKm2 }
        for w in waypoints {
            knots.append((start.days(to: w.day), Self.radius(taking: w.share * total, of: swept, closingIn: closingIn,
                                                               between: 0, and: farthest)))
        }
        knots.append((start.days(to: end), closingIn ? 0 : farthest))
        var radii = [Double]()
        for (k, knot) in knots.enumerated().dropFirst() {
            let (d0, r0) = knots[k - 1], (d1, r1) = knot
            for d in d0..<d1 { radii.append(r0 + (r1 - r0) * Double(d - d0) / Double(d1 - d0)) }
        }
        radii.append(knots.last!.1)
        return radii
    }

    /// What the attacker holds of cell `k` of the ground when the front's radius is `radius`:
    /// the share (0…1) of each of its pieces, and whether the front has passed its place.
    /// O(vertices) when the front crosses the cell, O(1) otherwise.
    public func taken(_ k: Int, radius: Double) -> Taken {
        let g = ground[k]
        let whole = g.whole.areaInside(radius), reach = g.reach.areaInside(radius)
        let beyondArea = g.whole.planarAreaKm2 - g.reach.planarAreaKm2
        // Fractions inside the circle; a piece without area is inside once the circle passes its nearest point.
        let reachInside = g.reach.planarAreaKm2 > 0 ? reach / g.reach.planarAreaKm2 : (radius > g.whole.nearestKm ? 1 : 0)
        let beyondInside = beyondArea > 1e-9 ? min(1, max(0, (whole - reach) / beyondArea)) : reachInside
        return closingIn
            ? Taken(reach: 1 - reachInside, beyond: 1 - beyondInside, place: g.siteKm > radius)
            : Taken(reach: reachInside, beyond: beyondInside, place: g.siteKm <= radius)
    }

    /// The circle of the front at `radius` km, as a ring in longitude/latitude.
    public func circle(radius: Double) -> [Coordinate] {
        plane.circle(radiusKm: max(radius, 1e-6))
    }

    /// The radius at which the attacker holds `area` (km², plane) of `ground`: bisection on
    /// the area taken, which grows as an advancing front widens and as a closing one shrinks.
    static func radius(taking area: Double, of ground: [Ground], closingIn: Bool, between lo: Double,
                       and hi: Double) -> Double {
        func taken(_ r: Double) -> Double {
            ground.reduce(0) { sum, g in sum + (closingIn ? g.planarAreaKm2 - g.areaInside(r) : g.areaInside(r)) }
        }
        var (lo, hi) = (lo, hi)
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if (taken(mid) < area) != closingIn { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
