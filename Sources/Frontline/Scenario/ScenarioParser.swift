import Foundation
import Yams

/// Reads a scenario YAML file, collecting every problem with its line instead of stopping
/// at the first. Names (places, governorates) are checked later by `ControlModel`.
public enum ScenarioParser {
    static let topKeys: Set<String> = ["name", "description", "region", "start", "end", "factions", "places", "initial", "events"]
    static let placeKeys: Set<String> = ["name", "lat", "lon", "population", "source", "note"]
    static let factionKeys: Set<String> = ["id", "name", "color", "aliases", "acled"]
    static let initialKeys: Set<String> = ["country", "governorate", "place", "faction", "radius_km", "source", "note"]
    static let eventKeys: Set<String> = ["date", "place", "governorate", "faction", "from", "action", "radius_km", "source", "note",
                                         "until", "advance_from", "progress", "label", "uncertain", "id"]
    static let progressKeys: Set<String> = ["date", "share", "source", "note"]
    static let sourceKeys: Set<String> = ["publication", "author", "date", "title", "url", "claim"]

    /// Reads and parses the file at `path`; throws a `ScenarioError` listing every problem found.
    public static func load(path: String) throws -> Scenario {
        try usable(read(path: path))
    }

    /// Parses scenario text; throws a `ScenarioError` listing every problem found.
    public static func parse(_ text: String, file: String) throws -> Scenario {
        try usable(read(text, file: file))
    }

    /// The scenario of a `read` result, or a `ScenarioError` when any problem is an error.
    private static func usable(_ result: (Scenario?, [Diagnostic])) throws -> Scenario {
        guard let scenario = result.0, !result.1.contains(where: { $0.severity == .error }) else {
            throw ScenarioError(diagnostics: result.1)
        }
        return scenario
    }

    /// Parses what it can: the scenario with every well-formed entry (nil when the file is not
    /// a usable scenario at all) and every problem found, so that `check` can go on to
    /// resolve the names of the entries that did parse.
    public static func read(_ text: String, file: String) -> (Scenario?, [Diagnostic]) {
        var reader = Reader(file: file)
        let scenario = reader.read(text)
        return (scenario, reader.diagnostics)
    }

    /// Reads the file at `path`; see `read(_:file:)`.
    public static func read(path: String) -> (Scenario?, [Diagnostic]) {
        do { return read(try String(contentsOfFile: path, encoding: .utf8), file: path) } catch {
            return (nil, [Diagnostic(file: path, line: nil, "cannot read the scenario: \(error.localizedDescription)")])
        }
    }

    private struct Reader {
        let file: String
        var diagnostics = [Diagnostic]()

        mutating func error(_ node: Node?, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: node?.mark?.line, message))
        }

        mutating func read(_ text: String) -> Scenario? {
            let root: Node?
            do { root = try ScenarioParser.compose(text) } catch let e as YamlError {
                diagnostics.append(Diagnostic(file: file, line: Self.line(of: e), "malformed YAML: \(Self.problem(of: e))"))
                return nil
            } catch {
                diagnostics.append(Diagnostic(file: file, line: nil, "malformed YAML: \(error)"))
                return nil
            }
            guard let root else {
                diagnostics.append(Diagnostic(file: file, line: nil, "the scenario is empty"))
                return nil
            }
            guard let top = mapping(root, "the scenario") else { return nil }
            checkKeys(top, allowed: ScenarioParser.topKeys, in: "the scenario")

            let name = string(top["name"], "name", required: true) ?? ""
            let description = string(top["description"], "description", required: false)
            let start = day(top["start"], "start", required: true, owner: root)
            let end = day(top["end"], "end", required: false, owner: root)
            if let start, let end, end < start { error(top["end"], "end \(end) is before start \(start)") }

            var region = [String]()
            if let node = top["region"], let seq = sequence(node, "region") {
                for item in seq {
                    guard let code = item.string, code.count == 2, code == code.uppercased() else {
                        error(item, "region entries are two-letter country codes (SY, IQ)"); continue
                    }
                    region.append(code)
                }
                if region.isEmpty { error(node, "region lists no country") }
            } else if top["region"] == nil { error(root, "missing 'region' (the country codes, e.g. [SY, IQ])") }

            var factions = [Faction]()
            if let node = top["factions"], let seq = sequence(node, "factions") {
                for item in seq {
                    guard let m = mapping(item, "a faction") else { continue }
                    checkKeys(m, allowed: ScenarioParser.factionKeys, in: "a faction")
                    guard let id = string(m["id"], "faction id", required: true, owner: item) else { continue }
                    if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                        error(m["id"], "faction id '\(id)' must be lowercase letters, digits or _")
                    }
                    if factions.contains(where: { $0.id == id }) { error(m["id"], "faction '\(id)' is declared twice") }
                    let fname = string(m["name"], "faction name", required: true, owner: item) ?? id
                    let color = string(m["color"], "faction color", required: true, owner: item) ?? "#888888"
                    if !Self.isHexColor(color) { error(m["color"], "color '\(color)' is not #rrggbb") }
                    factions.append(Faction(id: id, name: fname, color: color))
                }
                if factions.isEmpty { error(node, "no factions declared") }
            } else if top["factions"] == nil { error(root, "missing 'factions'") }
            diagnostics += FactionNames.readNames(top["factions"], into: &factions, file: file)

            var places = [ScenarioPlace]()
            var placeKeys = Set<String>()   // folded names of the places declared so far: O(1) duplicate checks
            if let node = top["places"], let seq = sequence(node, "places") {
                for item in seq {
                    guard let m = mapping(item, "a place") else { continue }
                    checkKeys(m, allowed: ScenarioParser.placeKeys, in: "a place")
                    guard let name = string(m["name"], "place name", required: true, owner: item), !name.isEmpty else { continue }
                    let what = "place '\(name)'"
                    if !placeKeys.insert(PlaceName.key(name)).inserted {
                        error(m["name"], "\(what) is declared twice")
                    }
                    let lat = number(m["lat"], "\(what) lat", in: -90...90, owner: item)
                    let lon = number(m["lon"], "\(what) lon", in: -180...180, owner: item)
                    var population = 0
                    if let text = string(m["population"], "population", required: false) {
                        if let p = Int(text), p >= 0 { population = p } else {
                            error(m["population"], "\(what): population '\(text)' is not a whole number of people")
                        }
                    }
                    var source: Citation?
                    if let s = m["source"] {
                        source = citation(s)
                        if let source, source.claim?.isEmpty ?? true {
                            error(s, "\(what): the source has no 'claim' (what the source says of the place's position)")
                        }
                    } else { error(item, "\(what) has no source (where its coordinates come from)") }
                    guard let lat, let lon, let source else { continue }
                    places.append(ScenarioPlace(name: name, coordinate: Coordinate(lon: lon, lat: lat), population: population,
                                                source: source, note: string(m["note"], "note", required: false),
                                                line: item.mark?.line ?? 0))
                }
            }

            var initial = [InitialControl]()
            if let node = top["initial"], let seq = sequence(node, "initial") {
                for item in seq {
                    guard let m = mapping(item, "an initial control entry") else { continue }
                    checkKeys(m, allowed: ScenarioParser.initialKeys, in: "an initial control entry")
                    let targets: [Target] = [
                        string(m["country"], "country", required: false).map(Target.country),
                        string(m["governorate"], "governorate", required: false).map(Target.governorate),
                        string(m["place"], "place", required: false).map(Target.place),
                    ].compactMap { $0 }
                    guard targets.count == 1 else {
                        error(item, "an initial control entry names exactly one of country, governorate or place"); continue
                    }
                    guard let faction = factionRef(m["faction"], factions, owner: item) else { continue }
                    let radius = radiusKm(m["radius_km"])
                    let source = m["source"].flatMap { citation($0) }
                    initial.append(InitialControl(target: targets[0], faction: faction, radiusKm: radius, source: source,
                                                  line: item.mark?.line ?? 0))
                }
            }

            var events = [ControlEvent]()
            if let node = top["events"], let seq = sequence(node, "events") {
                for (k, item) in seq.enumerated() {
                    guard let m = mapping(item, "event \(k + 1)") else { continue }
                    let what = "event \(k + 1)"
                    checkKeys(m, allowed: ScenarioParser.eventKeys, in: what)
                    let date = day(m["date"], "\(what) date", required: true, owner: item)
                    if let date, let start, date < start { error(m["date"], "\(what): date \(date) is before the scenario's start \(start)") }
                    if let date, let end, date > end { error(m["date"], "\(what): date \(date) is after the scenario's end \(end)") }
                    let targets: [Target] = [
                        string(m["governorate"], "governorate", required: false).map(Target.governorate),
                        string(m["place"], "place", required: false).map(Target.place),
                    ].compactMap { $0 }
                    if targets.count != 1 { error(item, "\(what) names exactly one of place or governorate") }
                    let faction = factionRef(m["faction"], factions, owner: item)
                    var action = ControlAction.capture
                    if let a = string(m["action"], "action", required: false) {
                        if let parsed = ControlAction(rawValue: a) { action = parsed } else {
                            error(m["action"], "\(what): unknown action '\(a)' (expected \(ControlAction.allCases.map(\.rawValue).joined(separator: " or ")))")
                        }
                    }
                    let radius = radiusKm(m["radius_km"])
                    let from = m["from"] == nil ? nil : factionRef(m["from"], factions, owner: item)
                    if let from, from == faction { error(m["from"], "\(what): 'from' names the event's own faction '\(from)'") }
                    var source: Citation?
                    if let s = m["source"] {
                        source = citation(s)
                        if let source, source.claim?.isEmpty ?? true {
                            error(s, "\(what): the source has no 'claim' (what the report says that supports the event)")
                        }
                    } else { error(item, "\(what) has no source (publication, date and claim)") }
                    let note = string(m["note"], "note", required: false)
                    let until = day(m["until"], "\(what) until", required: false, owner: item)
                    if let until, let date, until <= date { error(m["until"], "\(what): until \(until) is not after the date \(date)") }
                    if let until, let end, until > end { error(m["until"], "\(what): until \(until) is after the scenario's end \(end)") }
                    let advanceFrom = string(m["advance_from"], "advance_from", required: false)
                    let progress = m["progress"].map { self.progress($0, what: what, from: date, until: until) } ?? []
                    if until == nil, m["until"] == nil, advanceFrom != nil || !progress.isEmpty {
                        error(item, "\(what): advance_from and progress describe an offensive and need 'until'")
                    }
                    if let advanceFrom, targets.first.map({ if case .place = $0 { return false }; return true }) ?? false {
                        error(m["advance_from"], "\(what): advance_from '\(advanceFrom)' needs a place event (a governorate offensive closes in on no place)")
                    }
                    guard let date, targets.count == 1, let faction, let source else { continue }
                    var event = ControlEvent(date: date, target: targets[0], faction: faction, action: action,
                                             radiusKm: radius, from: from, source: source, note: note,
                                             line: item.mark?.line ?? 0, number: k + 1)
                    event.until = until
                    event.advanceFrom = advanceFrom
                    event.progress = progress
                    event.label = string(m["label"], "label", required: false)
                    event.uncertain = string(m["uncertain"], "uncertain", required: false)
                    event.id = string(m["id"], "\(what) id", required: false)
                    events.append(event)
                }
                if seq.isEmpty { error(node, "the scenario has no events") }
            } else if top["events"] == nil { error(root, "missing 'events'") }
            diagnostics += FactionNames.duplicateEventIDs(events, file: file)

            guard let start else { return nil }
            var scenario = Scenario(file: file, name: name, description: description, region: region, start: start, end: end,
                                    factions: factions, initial: initial, events: events)
            scenario.places = places
            return scenario
        }

        // MARK: Pieces

        mutating func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
            guard case .mapping(let m) = node else { error(node, "\(what) must be a mapping of keys to values"); return nil }
            return m
        }

        mutating func sequence(_ node: Node, _ what: String) -> Node.Sequence? {
            guard case .sequence(let s) = node else { error(node, "'\(what)' must be a list"); return nil }
            return s
        }

        mutating func checkKeys(_ m: Node.Mapping, allowed: Set<String>, in what: String) {
            for (key, _) in m {
                guard let k = key.string else { error(key, "\(what): keys must be plain words"); continue }
                if !allowed.contains(k) {
                    error(key, "\(what): unknown key '\(k)' (expected one of \(allowed.sorted().joined(separator: ", ")))")
                }
            }
        }

        mutating func string(_ node: Node?, _ what: String, required: Bool, owner: Node? = nil) -> String? {
            guard let node else {
                if required { error(owner, "missing '\(what)'") }
                return nil
            }
            guard case .scalar(let s) = node else { error(node, "'\(what)' must be a single value"); return nil }
            let value = s.string.trimmingCharacters(in: .whitespaces)
            if value.isEmpty && required { error(node, "'\(what)' is empty") }
            return value
        }

        mutating func day(_ node: Node?, _ what: String, required: Bool, owner: Node?) -> Day? {
            guard let text = string(node, what, required: required, owner: owner) else { return nil }
            guard let d = Day(text) else { error(node, "\(what) '\(text)' is not a date (YYYY-MM-DD)"); return nil }
            return d
        }

        mutating func factionRef(_ node: Node?, _ factions: [Faction], owner: Node) -> String? {
            guard let given = string(node, "faction", required: true, owner: owner) else { return nil }
            let id = FactionNames.id(given, in: factions) ?? given
            guard factions.contains(where: { $0.id == id }) else {
                error(node, "unknown faction '\(id)' (declared: \(factions.map(\.id).joined(separator: ", ")))")
                return nil
            }
            return id
        }

        /// A finite number within `range`; an error names `what` when it is missing or out of range.
        mutating func number(_ node: Node?, _ what: String, in range: ClosedRange<Double>, owner: Node) -> Double? {
            guard let text = string(node, what, required: true, owner: owner) else { return nil }
            guard let x = Double(text), x.isFinite, range.contains(x) else {
                error(node, "\(what) '\(text)' is not a number from \(range.lowerBound) to \(range.upperBound)"); return nil
            }
            return x
        }

        mutating func radiusKm(_ node: Node?) -> Double? {
            guard let text = string(node, "radius_km", required: false) else { return nil }
            guard let r = Double(text), r > 0, r.isFinite else { error(node, "radius_km '\(text)' is not a positive number"); return nil }
            return r
        }

        /// The `progress:` waypoints of an offensive: dates strictly inside (date, until), shares
        /// in (0, 1) increasing with the date.
        mutating func progress(_ node: Node, what: String, from start: Day?, until: Day?) -> [Progress] {
            guard let seq = sequence(node, "\(what) progress") else { return [] }
            var result = [Progress]()
            for item in seq {
                guard let m = mapping(item, "\(what): a progress waypoint") else { continue }
                checkKeys(m, allowed: ScenarioParser.progressKeys, in: "\(what): a progress waypoint")
                let date = day(m["date"], "\(what) progress date", required: true, owner: item)
                let text = string(m["share"], "share", required: true, owner: item)
                let source = m["source"].flatMap { citation($0) }
                guard let date, let text else { continue }
                guard let share = Double(text), share > 0, share < 1 else {
                    error(m["share"], "\(what): progress share '\(text)' is not a number between 0 and 1 (exclusive)"); continue
                }
                if let start, date <= start { error(m["date"], "\(what): progress date \(date) is not after the offensive's start \(start)"); continue }
                if let until, date >= until { error(m["date"], "\(what): progress date \(date) is not before its end \(until)"); continue }
                if let last = result.last, date <= last.date || share <= last.share {
                    error(item, "\(what): progress waypoints must go forward in date and share (\(last.date): \(last.share), then \(date): \(share))"); continue
                }
                result.append(Progress(date: date, share: share, source: source, line: item.mark?.line ?? 0))
            }
            return result
        }

        mutating func citation(_ node: Node) -> Citation? {
            guard let m = mapping(node, "source") else { return nil }
            checkKeys(m, allowed: ScenarioParser.sourceKeys, in: "source")
            let publication = string(m["publication"], "source publication", required: true, owner: node)
            let date = day(m["date"], "source date", required: true, owner: node)
            guard let publication, !publication.isEmpty, let date else { return nil }
            return Citation(publication: publication, date: date,
                            author: string(m["author"], "author", required: false),
                            title: string(m["title"], "title", required: false),
                            url: string(m["url"], "url", required: false),
                            claim: string(m["claim"], "claim", required: false))
        }

        static func isHexColor(_ s: String) -> Bool {
            s.count == 7 && s.first == "#" && s.dropFirst().allSatisfy(\.isHexDigit)
        }

        static func line(of e: YamlError) -> Int? {
            switch e {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
            default: return nil
            }
        }

        static func problem(of e: YamlError) -> String {
            switch e {
            case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
                 .composer(let context, let problem, _, _):
                return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
            default: return "\(e)"
            }
        }
    }
}
