import Foundation

/// How dated events become territory. See `docs/MODEL.md`, which this file implements.
///
/// - The region is split into cells, one per gazetteer place (`Partition`).
/// - The places a scenario names are its *anchors*. Each cell belongs to the catchment of the
///   anchor nearest to its place (geodesic distance), within the same country: a report about
///   a town speaks for the ground around it up to the next town the scenario mentions.
/// - A town does not fall with a smaller one: a cell whose own place is more populous than
///   the nearest anchor is in no catchment (only a governorate or its own event moves it).
/// - A place event takes ground only from the side that holds the place when it applies:
///   "ISIS took Palmyra" moves the government's ground around Palmyra, not a third side's.
///   When the event's faction already holds the place (a siege broken), it takes the
///   besieger's ground. An event's `from:` names the losing side explicitly (also for
///   governorate events, which otherwise take from every side).
/// - Initial control applies countries first, then governorates, then places (each place to
///   its catchment), each group in file order: the more specific statement wins.
/// - An event at a place applies to its catchment, limited to `radius_km` of the place when
///   given (the place's own cell always counts). An event naming a governorate applies to every
///   cell whose place lies in that governorate.
/// - `capture`: the faction becomes the holder and any contest ends. `contest`: the cells
///   stay with their holder but count as contested until a capture settles them; cells the
///   faction already holds are not contested by it.
public struct ControlModel {
    public let gazetteer: Gazetteer
    public let partition: Partition

    public init(gazetteer: Gazetteer, partition: Partition) {
        self.gazetteer = gazetteer
        self.partition = partition
    }

    /// Resolves every name in `scenario` and reduces it to a `ControlPlan`. Problems are
    /// returned as diagnostics (unknown or ambiguous places with suggestions, unknown
    /// governorates, countries outside the region); the plan is nil when any is an error.
    public func compile(_ scenario: Scenario) -> (plan: ControlPlan?, diagnostics: [Diagnostic]) {
        let span = Profile.start(.compile)
        defer { span.end() }
        var diagnostics = [Diagnostic]()
        func error(_ line: Int?, _ message: String) {
            diagnostics.append(Diagnostic(file: scenario.file, line: line, message))
        }
        for code in scenario.region where !partition.countries.contains(code) {
            error(nil, "region country '\(code)' is not in the partition (\(partition.countries.joined(separator: ", ")))")
        }

        // Resolve every named place to its cell; anchors in order of first mention.
        var anchors = [Int](), anchorIndex = [Int: Int]()
        func resolvePlace(_ name: String, line: Int, what: String) -> Int? {
            do {
                let placeIndex = try gazetteer.resolveIndex(name)
                guard let cell = partition.cellOfPlace[placeIndex] else {
                    error(line, "\(what): '\(name)' (\(gazetteer.places[placeIndex].qualifiedName)) is outside the region")
                    return nil
                }
                if anchorIndex[cell] == nil { anchorIndex[cell] = anchors.count; anchors.append(cell) }
                return cell
            } catch {
                diagnostics.append(Diagnostic(file: scenario.file, line: line, "\(what): \(error)"))
                return nil
            }
        }
        func resolveGovernorate(_ name: String, line: Int, what: String) -> String? {
            guard let code = gazetteer.governorateCode(name), partition.cells.contains(where: { $0.admin1 == code }) else {
                let known = partition.cells.reduce(into: Set<String>()) { $0.insert($1.admin1) }.sorted()
                    .map { "\(gazetteer.governorates[$0] ?? $0) (\($0))" }
                error(line, "\(what): unknown governorate '\(name)'; known: \(known.joined(separator: ", "))")
                return nil
            }
            return code
        }

        enum Resolved { case cells([Int]), anchor(cell: Int, radiusKm: Double?) }
        func resolve(_ target: Target, radiusKm: Double?, line: Int, what: String) -> Resolved? {
            switch target {
            case .country(let code):
                guard partition.countries.contains(code) else {
                    error(line, "\(what): country '\(code)' is not in the region"); return nil
                }
                return .cells(partition.cells.indices.filter { partition.cells[$0].country == code })
            case .governorate(let name):
                guard let code = resolveGovernorate(name, line: line, what: what) else { return nil }
                return .cells(partition.cells.indices.filter { partition.cells[$0].admin1 == code })
            case .place(let name):
                return resolvePlace(name, line: line, what: what).map { .anchor(cell: $0, radiusKm: radiusKm) }
            }
        }

        // First pass: resolve all names, so the anchors (and catchments) are known.
        let initial = scenario.initial.map { entry in
            resolve(entry.target, radiusKm: entry.radiusKm, line: entry.line, what: "initial control of \(entry.target)")
        }
        let events = scenario.events.map { event in
            resolve(event.target, radiusKm: event.radiusKm, line: event.line, what: "event \(event.number) (\(event.date))")
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }

        let catchmentOf = Self.catchments(partition: partition, anchors: anchors)
        var members = [[Int]](repeating: [], count: anchors.count)
        for (cell, a) in catchmentOf.enumerated() where a >= 0 { members[Int(a)].append(cell) }

        func cells(of resolved: Resolved) -> [Int] {
            switch resolved {
            case .cells(let cells): return cells
            case .anchor(let cell, let radiusKm):
                let all = members[anchorIndex[cell]!]
                guard let radiusKm else { return all }
                let centre = partition.cells[cell].site
                return all.filter { $0 == cell || Geodesic.wgs84.distance(centre, partition.cells[$0].site) <= radiusKm * 1000 }
            }
        }

        // The control at the start: countries, then governorates, then places.
        var holder = [Int32](repeating: -1, count: partition.cells.count)
        var initialEntry = holder
        for rank in 0..<3 {
            for (k, (entry, resolved)) in zip(scenario.initial, initial).enumerated() {
                let entryRank: Int
                switch entry.target { case .country: entryRank = 0; case .governorate: entryRank = 1; case .place: entryRank = 2 }
                guard entryRank == rank, let resolved, let f = scenario.factionIndex(entry.faction) else { continue }
                for c in cells(of: resolved) { holder[c] = Int32(f); initialEntry[c] = Int32(k) }
            }
        }
        let unassigned = holder.indices.filter { holder[$0] < 0 }.reduce(0.0) { $0 + partition.cells[$1].areaKm2 }
        if unassigned > 0 {
            diagnostics.append(Diagnostic(file: scenario.file, line: nil, severity: .warning,
                                          "the initial control leaves \(Int(unassigned.rounded())) km² unassigned"))
        }

        // Events: stable sort by day keeps same-day events in file order. An event with `until`
        // starts an offensive whose front is compiled here.
        var offensives = [ControlPlan.Offensive]()
        var unsorted = [ControlPlan.Change]()
        for (index, resolved) in zip(scenario.events.indices, events) {
            let event = scenario.events[index]
            guard let resolved, let f = scenario.factionIndex(event.faction) else { continue }
            let eventCells = cells(of: resolved).sorted()
            var anchorCell: Int32 = -1
            if case .anchor(let cell, _) = resolved { anchorCell = Int32(cell) }
            var change = ControlPlan.Change(day: event.date, action: event.action, faction: f,
                                            cells: eventCells.map(Int32.init), event: index, anchorCell: anchorCell,
                                            from: Int32(event.from.flatMap(scenario.factionIndex) ?? -1))
            if let until = event.until {
                let what = "event \(event.number) (\(event.date), offensive until \(until))"
                guard event.action == .capture else { error(event.line, "\(what): an offensive captures; use action: capture"); continue }
                guard anchorCell >= 0 else { error(event.line, "\(what): an offensive needs a place (its front closes in on it)"); continue }
                var centre = partition.cells[Int(anchorCell)].site
                if let origin = event.advanceFrom {
                    do { centre = gazetteer.places[try gazetteer.resolveIndex(origin)].coordinate } catch {
                        diagnostics.append(Diagnostic(file: scenario.file, line: event.line, "\(what): advance_from: \(error)"))
                        continue
                    }
                }
                let front = Front(centre: centre, closingIn: event.advanceFrom == nil, start: event.date, end: until,
                                  cells: eventCells.map { (partition.cells[$0].polygons, partition.cells[$0].reachPolygons,
                                                           partition.cells[$0].site) },
                                  waypoints: event.progress.map { ($0.date, $0.share) })
                change.offensive = Int32(offensives.count)
                offensives.append(ControlPlan.Offensive(faction: f, event: index, cells: change.cells, front: front))
            }
            unsorted.append(change)
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let changes = unsorted.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)

        var plan = ControlPlan(initialHolder: holder, changes: changes, anchors: anchors, catchmentOf: catchmentOf)
        plan.initialEntry = initialEntry
        plan.offensives = offensives
        return (plan, diagnostics)
    }

    /// For each cell, the index of the nearest anchor of the same country (geodesic distance
    /// between the cell's place and the anchor's place), or -1 when its country has none or
    /// when the cell's own place is more populous than that anchor. O(cells × anchors).
    static func catchments(partition: Partition, anchors: [Int]) -> [Int32] {
        let geodesic = Geodesic.wgs84
        let isAnchor = Set(anchors)
        let sites = anchors.map { partition.cells[$0].site }, countries = anchors.map { partition.cells[$0].country }
        var planar = [Double](repeating: .infinity, count: anchors.count)
        return partition.cells.indices.map { c in
            let cell = partition.cells[c]
            // A cheap distance first (equirectangular at the pair's mean latitude on a sphere of the
            // mean radius: within 1% of the geodesic distance at these latitudes and distances), then
            // Karney's geodesic only for the anchors within 3% + 1 km of the nearest by it, in anchor
            // order, so the result (ties included) is the full scan's.
            var nearest = Double.infinity
            for k in anchors.indices {
                guard countries[k] == cell.country else { planar[k] = .infinity; continue }
                planar[k] = Self.approximateDistance(cell.site, sites[k])
                nearest = min(nearest, planar[k])
            }
            var best: Int32 = -1, bestDistance = Double.infinity
            for k in anchors.indices where planar[k] <= nearest * 1.03 + 1000 {
                let d = geodesic.distance(cell.site, sites[k])
                if d < bestDistance { best = Int32(k); bestDistance = d }
            }
            if best >= 0, !isAnchor.contains(c), cell.population > partition.cells[anchors[Int(best)]].population {
                return -1
            }
            return best
        }
    }

    /// Distance in metres on a sphere of the Earth's mean radius, equirectangular at the mean
    /// latitude: a fast stand-in for the geodesic distance when ranking candidates. O(1).
    @inline(__always)
    static func approximateDistance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let r = 6_371_008.8, k = Double.pi / 180
        let x = (b.lon - a.lon) * k * cos((a.lat + b.lat) * 0.5 * k), y = (b.lat - a.lat) * k
        return (x * x + y * y).squareRoot() * r
    }
}
