/// Looks for what is probably a mistake in a scenario by replaying it: warnings, not errors,
/// for `frontline check`. See docs/MODEL.md, "Checks".
///
/// - **An event moving more than `largeHeldShare` of the region as held ground, or more than
///   `largeEventShare` of it in all** (held + influence): one report rarely speaks for that much;
///   a missing `radius_km` or too few named places is the usual cause ("ISIS took Palmyra" giving
///   it most of Syria). A desert town's capture may move much influence and little held ground.
/// - **A cell that never changes hands while its anchor does**: the cell lies in the catchment
///   of a place whose control changes, keeps one holder from the start to the end, and the place
///   is held by other sides for at least `stuckDays` days. Events there probably leave it out
///   (`from:`, `radius_km`), so it stays with a side that lost the ground around it. Reported per
///   anchor and holder, for cells of at least `stuckMinimumKm2`.
/// - **An enclave held for over `enclaveDays` days**: cells of one side entirely surrounded by a
///   single other side's ground (not touching the region's edge). Real enclaves exist (a besieged
///   garrison); long-lived ones are worth a look.
public struct ScenarioAudit {
    public var largeHeldShare = 0.02
    public var largeEventShare = 0.10
    public var stuckMinimumKm2 = 300.0
    public var stuckDays = 365
    public var enclaveDays = 365

    public init() {}

    /// The warnings for `loaded`, each naming the file and line of the event or initial row
    /// concerned. Replays the scenario day by day once. O(days × cells touched + samples × cells).
    public func warnings(_ loaded: LoadedScenario) throws -> [Diagnostic] {
        let scenario = loaded.scenario, partition = loaded.partition, plan = loaded.plan
        let simulation = loaded.simulation()
        let end = max(scenario.end ?? scenario.start,
                      scenario.events.map { $0.until ?? $0.date }.max() ?? scenario.start)
        let (neighbours, onBoundary) = partition.adjacency()
        var changes = [Int](repeating: 0, count: partition.cells.count)
        var previous = simulation.state.holder
        // Days each anchor is held by each side (index factions.count: no one).
        let factionCount = scenario.factions.count
        var anchorDays = [[Int]](repeating: [Int](repeating: 0, count: factionCount + 1), count: plan.anchors.count)
        // Enclaves seen on sampled days: key (faction, smallest cell) → (first day, last day, cells, surrounding side).
        var enclaves = [EnclaveKey: (first: Day, last: Day, cells: [Int], by: Int32, event: Int32)]()
        var day = simulation.day
        var sampled = 0
        while true {
            let now = simulation.state.holder
            for c in now.indices where now[c] != previous[c] { changes[c] += 1 }
            previous = now
            for (a, anchor) in plan.anchors.enumerated() {
                anchorDays[a][now[anchor] >= 0 ? Int(now[anchor]) : factionCount] += 1
            }
            if sampled % 7 == 0 {
                for (key, cells, by) in Self.enclaves(holder: now, neighbours: neighbours, onBoundary: onBoundary) {
                    if let seen = enclaves[key] { enclaves[key] = (seen.first, day, seen.cells, seen.by, seen.event) }
                    else { enclaves[key] = (day, day, cells, by, cells.map { simulation.state.lastEvent[$0] }.max() ?? -1) }
                }
            }
            sampled += 1
            guard day < end else { break }
            day = day.adding(days: 1)
            try simulation.advance(to: day)
        }

        var warnings = [Diagnostic]()
        func warn(_ line: Int?, _ message: String) {
            warnings.append(Diagnostic(file: scenario.file, line: line, severity: .warning, message))
        }
        func km(_ x: Double) -> String { Number.grouped(Int(x.rounded())) }
        func cellName(_ c: Int) -> String {
            let cell = partition.cells[c]
            if let p = cell.placeIndex { return loaded.gazetteer.places[p].asciiName }
            return "the desert cell at \(Number.fixed(cell.site.lat, decimals: 2)) N, \(Number.fixed(cell.site.lon, decimals: 2)) E"
        }

        // Events moving much of the region.
        for (k, change) in plan.changes.enumerated() where k < simulation.moved.count {
            let moved = simulation.moved[k], share = moved.groundKm2 / partition.regionAreaKm2
            guard share > largeEventShare || moved.heldKm2 / partition.regionAreaKm2 > largeHeldShare else { continue }
            let event = scenario.events[change.event]
            warn(event.line, "event \(event.number) (\(event.date), \(event.target)) moves \(Number.fixed(share * 100, decimals: 1))% "
                 + "of the region (\(km(moved.groundKm2)) km² of ground, \(km(moved.heldKm2)) km² of it held): one report rarely "
                 + "speaks for that much; limit it with radius_km or name the places nearer to it")
        }

        // Cells that never change hands while their anchor does.
        for (a, anchor) in plan.anchors.enumerated() where changes[anchor] > 0 {
            let stuck = partition.cells.indices.filter {
                $0 != anchor && plan.catchmentOf[$0] == Int32(a) && changes[$0] == 0 && partition.cells[$0].areaKm2 >= stuckMinimumKm2
            }
            guard let line = firstLine(naming: anchor, loaded) else { continue }
            let totalDays = anchorDays[a].reduce(0, +)
            for holder in Set(stuck.map { plan.initialHolder[$0] }).sorted() {
                let apart = totalDays - anchorDays[a][holder >= 0 ? Int(holder) : factionCount]
                guard apart >= stuckDays else { continue }
                let cells = stuck.filter { plan.initialHolder[$0] == holder }
                let area = cells.reduce(0.0) { $0 + partition.cells[$1].areaKm2 }
                let largest = cells.max { partition.cells[$0].areaKm2 < partition.cells[$1].areaKm2 }!
                let who = holder >= 0 ? scenario.factions[Int(holder)].id : "no one"
                warn(line, "\(cells.count) cell\(cells.count == 1 ? "" : "s") (\(km(area)) km², the largest \(cellName(largest)) "
                     + "of \(km(partition.cells[largest].areaKm2)) km²) in the catchment of \(cellName(anchor)) stay with \(who) "
                     + "from start to end, while \(cellName(anchor)) changes hands \(changes[anchor]) time\(changes[anchor] == 1 ? "" : "s") "
                     + "and is held by others for \(apart) days; its events may leave them out (from:, radius_km)")
            }
        }

        // Long-lived enclaves.
        for (key, seen) in enclaves.sorted(by: { ($0.value.first, $0.key.cell) < ($1.value.first, $1.key.cell) }) {
            let days = seen.first.days(to: seen.last)
            guard days >= enclaveDays else { continue }
            let area = seen.cells.reduce(0.0) { $0 + partition.cells[$1].areaKm2 }
            // The line of a place of the enclave, else of the event that last changed its cells, else
            // of the initial row that gave them.
            let entry = plan.initialEntry.isEmpty ? -1 : plan.initialEntry[key.cell]
            let line = seen.cells.lazy.compactMap { firstLine(naming: $0, loaded) }.first
                ?? (seen.event >= 0 ? scenario.events[Int(seen.event)].line : entry >= 0 ? scenario.initial[Int(entry)].line : nil)
            warn(line, "\(scenario.factions[key.faction].id) holds an enclave of \(seen.cells.count) cell\(seen.cells.count == 1 ? "" : "s") "
                 + "(\(km(area)) km², around \(cellName(key.cell))) surrounded by \(scenario.factions[Int(seen.by)].id) ground "
                 + "from \(seen.first) to \(seen.last) (\(days) days); is that what the sources say?")
        }
        return warnings
    }

    struct EnclaveKey: Hashable { let faction: Int; let cell: Int }

    /// Components of one side's cells whose every neighbour outside the component is held by one
    /// other side, and that do not touch the region's edge. O(cells + edges).
    static func enclaves(holder: [Int32], neighbours: [[Int]], onBoundary: [Bool]) -> [(EnclaveKey, [Int], Int32)] {
        var seen = [Bool](repeating: false, count: holder.count)
        var result = [(EnclaveKey, [Int], Int32)]()
        for start in holder.indices where !seen[start] && holder[start] >= 0 {
            let f = holder[start]
            var component = [start], stack = [start], surrounding = Set<Int32>(), touchesEdge = false
            seen[start] = true
            while let c = stack.popLast() {
                if onBoundary[c] { touchesEdge = true }
                for n in neighbours[c] {
                    if holder[n] == f {
                        if !seen[n] { seen[n] = true; component.append(n); stack.append(n) }
                    } else {
                        surrounding.insert(holder[n])
                    }
                }
            }
            guard !touchesEdge, surrounding.count == 1, let by = surrounding.first, by >= 0 else { continue }
            result.append((EnclaveKey(faction: Int(f), cell: component.min()!), component.sorted(), by))
        }
        return result
    }

    /// The line of the first event or initial row naming the place of cell `c`, if any.
    func firstLine(naming c: Int, _ loaded: LoadedScenario) -> Int? {
        func names(_ target: Target) -> Bool {
            guard case .place(let name) = target, let i = try? loaded.gazetteer.resolveIndex(name) else { return false }
            return loaded.partition.cellOfPlace[i] == c
        }
        return (loaded.scenario.initial.filter { names($0.target) }.map(\.line)
                + loaded.scenario.events.filter { names($0.target) }.map(\.line)).min()
    }
}
