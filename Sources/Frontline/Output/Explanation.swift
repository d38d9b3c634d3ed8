import Foundation

/// Why a point is held, influence or unassigned on a day, in words a user can check: the cell
/// it lies in, who holds the cell and which events made it so, and which reach (a settlement,
/// a main road, a major river) covers the point or how far each one is. `frontline explain`.
public struct Explanation {
    /// What the point is on the day.
    public enum Status: String, Sendable { case held, contested, influence, unassigned }

    /// One change of the cell's control: the day, the holder after it, and what caused it.
    public struct Step: Sendable {
        public let day: Day
        public let holder: Int32
        public let contestedBy: Int32
        /// Under an offensive's front on that day (the attacker's faction), or -1.
        public let frontFaction: Int32
        /// The event (index in `Scenario.events`) that made the change, or nil for the initial
        /// control (then `initialEntry` says which row).
        public let event: Int?
        public let initialEntry: Int?
    }

    /// A line of communication near the point: its label and kind, and its distance (km).
    public struct NearLine: Sendable {
        public let label: String
        public let kind: LineFeature.Kind
        public let distanceKm: Double
    }

    public let point: Coordinate
    public let day: Day
    public let cell: Int
    public let status: Status
    /// The faction the status is about (the holder, or the attacker holding this part of a
    /// cell a front is crossing); nil when unassigned.
    public let faction: Int?
    /// Distance from the point to the cell's place (km, in the partition's plane) and the
    /// place's reach radius (nil for a filler cell).
    public let siteDistanceKm: Double
    public let settlementRadiusKm: Double?
    /// The nearest main road, major river and local road, if the partition has any.
    public let nearestRoad: NearLine?
    public let nearestRiver: NearLine?
    public let nearestLink: NearLine?
    public let history: [Step]
    /// The anchor whose catchment the cell is in (a cell index), or nil.
    public let anchor: Int?

    /// Explains `point` on `day` by replaying `loaded` from its start. Throws when the day is
    /// before the scenario's start. O(days + cells' vertices + lines' vertices).
    public init(point: Coordinate, day: Day, loaded: LoadedScenario) throws {
        let partition = loaded.partition
        guard let cell = partition.cells.indices.first(where: { c in partition.cells[c].polygons.contains { $0.contains(point) } })
        else { throw ExplanationError.outside(point) }
        let simulation = loaded.simulation()
        func snapshot() -> (Int32, Int32, Int32) {
            (simulation.state.holder[cell], simulation.state.contestedBy[cell], simulation.state.frontFaction(cell))
        }
        var history = [Step]()
        var last = snapshot()
        let entry = loaded.plan.initialEntry.isEmpty ? -1 : loaded.plan.initialEntry[cell]
        history.append(Step(day: simulation.day, holder: last.0, contestedBy: last.1, frontFaction: last.2,
                            event: simulation.state.lastEvent[cell] >= 0 ? Int(simulation.state.lastEvent[cell]) : nil,
                            initialEntry: entry >= 0 ? Int(entry) : nil))
        while simulation.day < day {
            try simulation.advance(to: simulation.day.adding(days: 1))
            let now = snapshot()
            guard now != last else { continue }
            last = now
            let event = simulation.state.lastEvent[cell]
            history.append(Step(day: simulation.day, holder: now.0, contestedBy: now.1, frontFaction: now.2,
                                event: event >= 0 ? Int(event) : nil, initialEntry: nil))
        }
        try simulation.advance(to: day)

        let c = partition.cells[cell]
        let inReach = partition.reach == nil || c.reachPolygons.contains { $0.contains(point) }
        var faction: Int? = c.polygons.isEmpty ? nil : (last.0 >= 0 ? Int(last.0) : nil)
        var contested = last.1 >= 0
        if let (front, radius) = simulation.state.front(ofCell: cell) {
            // The part of the cell the front has taken: outside the circle when closing in.
            let inside = front.plane.project(point).length <= radius
            if inside != front.closingIn { faction = Int(last.2); contested = false }
        }
        let status: Status = faction == nil ? .unassigned : !inReach ? .influence : contested ? .contested : .held

        let k = partition.lonScale
        func planeKm(_ a: Coordinate, _ b: Coordinate) -> Double {
            let dx = (a.lon - b.lon) * k, dy = a.lat - b.lat
            return (dx * dx + dy * dy).squareRoot() * Partition.kmPerUnit
        }
        func nearest(_ kind: LineFeature.Kind) -> NearLine? {
            var best: NearLine?
            for line in partition.lines where line.kind == kind {
                for part in line.parts {
                    for i in part.indices.dropFirst() {
                        let d = Self.segmentDistanceKm(point, part[i - 1], part[i], lonScale: k)
                        if d < (best?.distanceKm ?? .infinity) { best = NearLine(label: line.label, kind: kind, distanceKm: d) }
                    }
                }
            }
            return best
        }
        self.point = point
        self.day = day
        self.cell = cell
        self.status = status
        self.faction = faction
        siteDistanceKm = planeKm(point, c.site)
        settlementRadiusKm = c.settlementRadiusKm
        nearestRoad = nearest(.road)
        nearestRiver = nearest(.river)
        nearestLink = nearest(.link)
        self.history = history
        let a = loaded.plan.catchmentOf[cell]
        anchor = a >= 0 ? loaded.plan.anchors[Int(a)] : nil
    }

    /// Distance (km, in the partition's plane) from `p` to the segment `a`–`b`.
    static func segmentDistanceKm(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate, lonScale k: Double) -> Double {
        let ax = a.lon * k, ay = a.lat, bx = b.lon * k, by = b.lat, px = p.lon * k, py = p.lat
        let dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy
        let t = len2 > 0 ? max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0
        let qx = ax + t * dx - px, qy = ay + t * dy - py
        return (qx * qx + qy * qy).squareRoot() * Partition.kmPerUnit
    }

    /// The explanation as text: status, cell, reasons, history with each event's source.
    public func text(_ loaded: LoadedScenario) -> String {
        let scenario = loaded.scenario, partition = loaded.partition, c = partition.cells[cell]
        func name(_ f: Int32) -> String { f >= 0 ? scenario.factions[Int(f)].name : "no one" }
        func km(_ x: Double) -> String { Number.fixed(x, decimals: x < 10 ? 1 : 0) + " km" }
        func cellName(_ i: Int) -> String {
            let cell = partition.cells[i]
            if let p = cell.placeIndex { return loaded.gazetteer.places[p].qualifiedName }
            return "desert filler cell at \(Number.fixed(cell.site.lat, decimals: 3)) N, \(Number.fixed(cell.site.lon, decimals: 3)) E"
        }
        var out = "\(Number.fixed(point.lat, decimals: 4)) N, \(Number.fixed(point.lon, decimals: 4)) E on \(day) (\(scenario.name))\n\n"
        let who = faction.map { scenario.factions[$0].name } ?? "no one"
        switch status {
        case .held: out += "HELD by \(who).\n"
        case .contested: out += "HELD by \(who), CONTESTED by \(name(history.last?.contestedBy ?? -1)).\n"
        case .influence: out += "INFLUENCE of \(who): its ground, beyond reach of any settlement, main road or river.\n"
        case .unassigned: out += "UNASSIGNED: no side holds this cell.\n"
        }
        out += "\nCell: \(cellName(cell)), \(Number.grouped(Int(c.areaKm2.rounded()))) km²"
        if partition.reach != nil {
            out += " (within reach \(Number.grouped(Int(c.reachAreaKm2.rounded()))) km², beyond \(Number.grouped(Int(c.beyondAreaKm2.rounded()))) km²)"
        }
        out += ", population \(Number.grouped(c.population)).\n"
        if let anchor {
            let named = scenario.events.filter { e in
                if case .place(let n) = e.target, let i = try? loaded.gazetteer.resolveIndex(n) { return partition.cellOfPlace[i] == anchor }
                return false
            }.count
            out += "Catchment: \(anchor == cell ? "the cell's own place" : cellName(anchor)), named by \(named) event\(named == 1 ? "" : "s").\n"
        } else {
            out += "Catchment: none (no place the scenario names is nearer in this country, or this cell's town is more populous than the nearest one named); only governorate events and the initial control move it.\n"
        }

        if let reach = partition.reach {
            out += "\nReach (docs/MODEL.md, \"Held ground and reach\"): \(km(reach.reachKm)) beyond a settlement's built-up edge "
                + "or either side of a local road, \(km(reach.corridorHalfWidthKm(.road))) either side of a main road or major river:\n"
            if let r = settlementRadiusKm {
                let inside = siteDistanceKm <= r
                out += "  \(inside ? "within" : "beyond") the reach of this cell's settlement: \(km(siteDistanceKm)) from it, reach \(km(r))"
                    + " (built-up radius \(km(r - reach.reachKm)) for \(Number.grouped(c.population)) people)\n"
            } else {
                out += "  no settlement in this cell (a desert filler cell; its grid point is \(km(siteDistanceKm)) away)\n"
            }
            for line in [nearestRoad, nearestRiver, nearestLink].compactMap({ $0 }) {
                let width = reach.corridorHalfWidthKm(line.kind)
                let what = ["road": "main road", "river": "major river", "link": "local road"][line.kind.rawValue]!
                out += "  \(line.distanceKm <= width ? "within" : "beyond") the corridor of the nearest \(what), "
                    + "\(line.label): \(km(line.distanceKm)) from it, corridor \(km(width)) either side\n"
            }
            if nearestRoad == nil && nearestRiver == nil && nearestLink == nil { out += "  the partition has no roads or rivers\n" }
        }

        out += "\nHow the cell's control changed up to \(day):\n"
        for step in history {
            var line = "  \(step.day)  \(name(step.holder))"
            if step.contestedBy >= 0 { line += ", contested by \(name(step.contestedBy))" }
            if step.frontFaction >= 0 { line += ", \(name(step.frontFaction))'s front crossing it" }
            if let e = step.event {
                let event = scenario.events[e], s = event.source
                line += "\n      event \(event.number) (\(scenario.file):\(event.line)): \(event.action.rawValue) of \(event.target)"
                    + " by \(event.faction)\(event.until.map { " until \($0)" } ?? "")"
                line += "\n      \(s.publication), \(s.date)\(s.title.map { ", \"\($0)\"" } ?? ""): \"\(s.claim ?? "")\""
                if let url = s.url { line += "\n      \(url)" }
                if let u = event.uncertain { line += "\n      uncertain: \(u)" }
            } else if let k = step.initialEntry {
                let entry = scenario.initial[k]
                line += "\n      initial control (\(scenario.file):\(entry.line)): \(entry.target)"
                if let s = entry.source { line += "\n      \(s.publication), \(s.date): \"\(s.claim ?? "")\"" }
            } else if step.holder < 0 {
                line += "\n      no initial control covers it"
            }
            out += line + "\n"
        }
        return out
    }
}

/// Why a point cannot be explained.
public enum ExplanationError: Error, CustomStringConvertible, Sendable {
    case outside(Coordinate)

    public var description: String {
        switch self {
        case .outside(let c): return "\(c.lat) N, \(c.lon) E is outside the scenario's region"
        }
    }
}
