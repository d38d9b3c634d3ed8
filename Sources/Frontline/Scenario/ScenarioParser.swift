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

    /// The longest name (place, governorate, country) a scenario may give: 200 characters.
    /// Real names are far shorter; the bound keeps lookups and suggestions fast.
    public static let maximumNameLength = 200

    /// Reads and parses the file at `path` (`-`: standard input); throws a `ScenarioError`
    /// listing every problem found.
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
    /// a usable scenario at all: no valid region or start) and every problem found, so that
    /// `check` can go on to resolve the names of the entries that did parse. `countries`, when
    /// given, are the country codes the region may name (those with an outline).
    public static func read(_ text: String, file: String, countries: Set<String>? = nil) -> (Scenario?, [Diagnostic]) {
        var reader = Reader(file: file, countries: countries)
        let scenario = reader.read(text)
        return (scenario, reader.diagnostics)
    }

    /// Reads the file at `path` (`-`: standard input) with `ScenarioSource`; see `read(_:file:countries:)`.
    /// What it makes of a file is kept in the cache directory (`ScenarioCache`) while the text,
    /// the countries and the executable stay the same.
    public static func read(path: String, countries: Set<String>? = nil) -> (Scenario?, [Diagnostic]) {
        let span = Profile.start(.load)
        defer { span.end() }
        switch ScenarioSource.read(path: path) {
        case .success(let text):
            let file = ScenarioSource.displayName(path)
            let variant = countries.map { "countries " + $0.sorted().joined(separator: ",") } ?? "any country"
            return ScenarioCache.read(text, path: file, variant: variant, in: CacheDirectory.url()) {
                read(text, file: file, countries: countries)
            }
        case .failure(let problem): return (nil, [problem])
        }
    }

    private struct Reader {
        let file: String
        let countries: Set<String>?
        var diagnostics = [Diagnostic]()
        /// The declared faction ids, for O(1) lookups.
        var factionIDs = Set<String>()
        /// Folded ids and aliases → id (`factionID`).
        var factionKeys: (ids: [String: String], aliases: [String: String])?

        mutating func error(_ node: Node?, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: node?.mark?.line, message))
        }

        mutating func read(_ text: String) -> Scenario? {
            // Alias bombs, duplicate keys and syntax errors first, with their lines.
            let yamlProblems = YAMLGuard.check(text, file: file)
            guard yamlProblems.isEmpty else {
                diagnostics += yamlProblems
                return nil
            }
            let root: Node?
            do { root = try ScenarioParser.compose(text) } catch let e as YamlError {
                diagnostics.append(Diagnostic(file: file, line: Self.line(of: e), "malformed YAML: \(Self.problem(of: e))"))
                return nil
            } catch {
                diagnostics.append(Diagnostic(file: file, line: nil, "malformed YAML: \(error)"))
                return nil
            }
            guard let root else {
                diagnostics.append(Diagnostic(file: file, line: 1, "the scenario is empty"))
                return nil
            }
            guard let top = mapping(root, "the scenario") else { return nil }
            checkKeys(top, allowed: ScenarioParser.topKeys, in: "the scenario")

            let name = string(top["name"], "name", required: true, owner: root) ?? ""
            let description = string(top["description"], "description", required: false)
            let start = day(top["start"], "start", required: true, owner: root)
            let end = day(top["end"], "end", required: false, owner: root)
            if let start, let end, end < start { error(top["end"], "end \(end) is before start \(start)") }

            // The region: without a valid one there is no partition to check names against,
            // so the scenario is not returned.
            var region = [String](), regionValid = true
            if let node = top["region"], let seq = sequence(node, "region") {
                for item in seq {
                    guard case .scalar = item, let code = item.string,
                          code.unicodeScalars.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                        let shown = item.string.map { " '\(Diagnostic.quoted($0))'" } ?? ""
                        error(item, "region entry\(shown) is not a two-letter country code in capitals (SY, IQ)")
                        regionValid = false; continue
                    }
                    if region.contains(code) {
                        error(item, "region lists \(code) twice"); regionValid = false; continue
                    }
                    if let countries, !countries.contains(code) {
                        error(item, "region country '\(code)' has no outline in Geo/countries.geojson (known: \(countries.sorted().joined(separator: ", ")))")
                        regionValid = false; continue
                    }
                    region.append(code)
                }
                if seq.isEmpty { error(node, "region lists no country"); regionValid = false }
            } else {
                if top["region"] == nil { error(root, "missing 'region' (the country codes, e.g. [SY, IQ])") }
                regionValid = false
            }

            var factions = [Faction]()
            if let node = top["factions"], let seq = sequence(node, "factions") {
                for item in seq {
                    guard let m = mapping(item, "a faction") else { continue }
                    checkKeys(m, allowed: ScenarioParser.factionKeys, in: "a faction")
                    guard let id = string(m["id"], "faction id", required: true, owner: item) else { continue }
                    if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                        error(m["id"], "faction id '\(Diagnostic.quoted(id))' must be lowercase letters, digits or _")
                    }
                    if factionIDs.contains(id) { error(m["id"], "faction '\(Diagnostic.quoted(id))' is declared twice") }
                    let fname = string(m["name"], "faction name", required: true, owner: item) ?? id
                    let color = string(m["color"], "faction color", required: true, owner: item) ?? "#888888"
                    if !Self.isHexColor(color) { error(m["color"], "color '\(Diagnostic.quoted(color))' is not #rrggbb (six hexadecimal digits 0-9, a-f)") }
                    factions.append(Faction(id: id, name: fname, color: color))
                    factionIDs.insert(id)
                }
                if factions.isEmpty { error(node, "no factions declared") }
            } else if top["factions"] == nil { error(root, "missing 'factions'") }
            diagnostics += FactionNames.readNames(top["factions"], into: &factions, file: file)

            var places = [ScenarioPlace]()
            var placeNameKeys = Set<String>()   // O(1) per place: a list of thousands stays linear
            if let node = top["places"], let seq = sequence(node, "places") {
                for item in seq {
                    guard let m = mapping(item, "a place") else { continue }
                    checkKeys(m, allowed: ScenarioParser.placeKeys, in: "a place")
                    guard let name = string(m["name"], "place name", required: true, owner: item), !name.isEmpty else { continue }
                    guard name.count <= ScenarioParser.maximumNameLength else {
                        error(m["name"], "place name is \(name.count) characters long; names have at most \(ScenarioParser.maximumNameLength)")
                        continue
                    }
                    let what = "place '\(Diagnostic.quoted(name))'"
                    if !placeNameKeys.insert(PlaceName.key(name)).inserted {
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
                        placeName(m["country"], "country").map(Target.country),
                        placeName(m["governorate"], "governorate").map(Target.governorate),
                        placeName(m["place"], "place").map(Target.place),
                    ].compactMap { $0 }
                    // Counted by key, so a value already reported (too long, not a string) is not reported twice.
                    guard ["country", "governorate", "place"].filter({ m[$0] != nil }).count == 1 else {
                        error(item, "an initial control entry names exactly one of country, governorate or place"); continue
                    }
                    guard targets.count == 1 else { continue }
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
                        placeName(m["governorate"], "governorate").map(Target.governorate),
                        placeName(m["place"], "place").map(Target.place),
                    ].compactMap { $0 }
                    if ["governorate", "place"].filter({ m[$0] != nil }).count != 1 {
                        error(item, "\(what) names exactly one of place or governorate")
                    }
                    let faction = factionRef(m["faction"], factions, owner: item)
                    var action = ControlAction.capture
                    if let a = string(m["action"], "action", required: false) {
                        if let parsed = ControlAction(rawValue: a) { action = parsed } else {
                            error(m["action"], "\(what): unknown action '\(Diagnostic.quoted(a))' (expected \(ControlAction.allCases.map(\.rawValue).joined(separator: " or ")))")
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
                    let advanceFrom = placeName(m["advance_from"], "advance_from")
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

            guard let start, regionValid else { return nil }
            var scenario = Scenario(file: file, name: name, description: description, region: region, start: start, end: end,
                                    factions: factions, initial: initial, events: events)
            scenario.places = places
            return scenario
        }

        // MARK: Pieces

        mutating func mapping(_ node: Node, _ what: String) -> Fields? {
            guard case .mapping(let m) = node else { error(node, "\(what) must be a mapping of keys to values"); return nil }
            return Fields(m)
        }

        mutating func sequence(_ node: Node, _ what: String) -> Node.Sequence? {
            guard case .sequence(let s) = node else { error(node, "'\(what)' must be a list"); return nil }
            return s
        }

        mutating func checkKeys(_ m: Fields, allowed: Set<String>, in what: String) {
            for (key, _) in m {
                guard let k = key.string else { error(key, "\(what): keys must be plain words"); continue }
                if !allowed.contains(k) {
                    error(key, "\(what): unknown key '\(Diagnostic.quoted(k))' (expected one of \(allowed.sorted().joined(separator: ", ")))")
                }
            }
        }

        mutating func string(_ node: Node?, _ what: String, required: Bool, owner: Node? = nil) -> String? {
            guard let node else {
                if required { error(owner, "missing '\(what)'") }
                return nil
            }
            guard case .scalar(let s) = node else { error(node, "'\(what)' must be a single value"); return nil }
            let value = Gazetteer.trimmingSpaces(s.string)
            if value.isEmpty && required { error(node, "'\(what)' is empty") }
            return value
        }

        /// A place, governorate or country name: a string of at most `maximumNameLength` characters.
        mutating func placeName(_ node: Node?, _ what: String) -> String? {
            guard let value = string(node, what, required: false) else { return nil }
            guard value.count <= ScenarioParser.maximumNameLength else {
                error(node, "\(what) name is \(value.count) characters long; names have at most \(ScenarioParser.maximumNameLength)")
                return nil
            }
            return value
        }

        mutating func day(_ node: Node?, _ what: String, required: Bool, owner: Node?) -> Day? {
            guard let text = string(node, what, required: required, owner: owner) else { return nil }
            guard let d = Day(text) else { error(node, "\(what) '\(Diagnostic.quoted(text))' is not a date (YYYY-MM-DD)"); return nil }
            return d
        }

        mutating func factionRef(_ node: Node?, _ factions: [Faction], owner: Node) -> String? {
            guard let given = string(node, "faction", required: true, owner: owner) else { return nil }
            let id = factionIDs.contains(given) ? given : factionID(given, factions) ?? given
            guard factionIDs.contains(id) else {
                let declared = factions.prefix(20).map(\.id).joined(separator: ", ") + (factions.count > 20 ? ", …" : "")
                error(node, "unknown faction '\(Diagnostic.quoted(given))' (declared: \(declared))")
                return nil
            }
            return id
        }

        /// `FactionNames.id(name, in: factions)` in O(1): its id keys first, then its aliases',
        /// built once (after the factions and their aliases are read). FactionNames.id folds
        /// every id and alias per lookup, O(references × factions).
        mutating func factionID(_ name: String, _ factions: [Faction]) -> String? {
            if factionKeys == nil {
                var ids = [String: String](), aliases = [String: String]()
                for f in factions {
                    if ids[FactionNames.key(f.id)] == nil { ids[FactionNames.key(f.id)] = f.id }
                    for alias in f.aliases where aliases[FactionNames.key(alias)] == nil { aliases[FactionNames.key(alias)] = f.id }
                }
                factionKeys = (ids, aliases)
            }
            let k = FactionNames.key(name)
            return factionKeys!.ids[k] ?? factionKeys!.aliases[k]
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
            guard let r = Double(text), r > 0, r.isFinite else { error(node, "radius_km '\(Diagnostic.quoted(text))' is not a positive number"); return nil }
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
                    error(m["share"], "\(what): progress share '\(Diagnostic.quoted(text))' is not a number between 0 and 1 (exclusive)"); continue
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

        /// `#rrggbb` in ASCII (`Character.isHexDigit` would also take full-width digits).
        static func isHexColor(_ s: String) -> Bool {
            let scalars = Array(s.unicodeScalars)
            return scalars.count == 7 && scalars[0] == "#"
                && scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
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

/// A YAML mapping's entries, looked up by key in O(1). Yams' `Node.Mapping[String]` compares
/// each key through its resolved tag, a chain of regular expressions per lookup: it was most
/// of the time spent reading a scenario. Keys are unique (`YAMLGuard` refuses duplicates).
struct Fields: Sequence {
    let pairs: [(key: Node, value: Node)]
    private let byKey: [String: Node]

    init(_ mapping: Node.Mapping) {
        pairs = mapping.map { ($0.key, $0.value) }
        var byKey = [String: Node](minimumCapacity: pairs.count)
        for pair in pairs { if case .scalar(let key) = pair.key { byKey[key.string] = pair.value } }
        self.byKey = byKey
    }

    subscript(_ key: String) -> Node? { byKey[key] }

    func makeIterator() -> IndexingIterator<[(key: Node, value: Node)]> { pairs.makeIterator() }
}
