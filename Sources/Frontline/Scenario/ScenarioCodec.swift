import Foundation

/// The binary form `ScenarioCache` keeps a parsed scenario and its diagnostics in: every field
/// of the scenario's types in declaration order, with `BinaryWriter`/`BinaryReader` (lengths
/// before strings and lists, a flag byte before optionals). Decoding the shipped scenario takes
/// well under a millisecond; `JSONDecoder` through the synthesized `Codable` conformances took
/// about 6 ms of every command.
///
/// A field added to `Scenario`, `Faction`, `Citation`, `InitialControl`, `ControlEvent`,
/// `Progress`, `ScenarioPlace` or `Diagnostic` must be added here too, and `formatVersion`
/// raised: the round-trip test (`ScenarioCacheTests`) compares every field of the shipped
/// scenario read back with the one parsed, so a field left out fails it.
enum ScenarioCodec {
    static let formatVersion: UInt32 = 1

    // MARK: Writing

    static func encode(_ scenario: Scenario?, _ diagnostics: [Diagnostic]) -> Data {
        var w = BinaryWriter()
        w.u32(formatVersion)
        w.u32(UInt32(diagnostics.count))
        for d in diagnostics {
            w.string(d.file); w.optionalInt(d.line); w.string(d.severity.rawValue); w.string(d.message)
        }
        guard let s = scenario else {
            w.u32(0)
            return w.data
        }
        w.u32(1)
        w.string(s.file); w.string(s.name); w.optionalString(s.description); w.strings(s.region)
        w.day(s.start); w.optionalDay(s.end)
        w.u32(UInt32(s.factions.count))
        for f in s.factions { w.string(f.id); w.string(f.name); w.string(f.color); w.strings(f.aliases); w.strings(f.acled) }
        w.u32(UInt32(s.places.count))
        for p in s.places {
            w.string(p.name); w.double(p.coordinate.lon); w.double(p.coordinate.lat); w.i64(Int64(p.population))
            w.citation(p.source); w.optionalString(p.note); w.i64(Int64(p.line))
        }
        w.u32(UInt32(s.initial.count))
        for i in s.initial {
            w.target(i.target); w.string(i.faction); w.optionalDouble(i.radiusKm)
            w.flag(i.source != nil); if let c = i.source { w.citation(c) }
            w.i64(Int64(i.line))
        }
        w.u32(UInt32(s.events.count))
        for e in s.events {
            w.day(e.date); w.target(e.target); w.string(e.faction); w.string(e.action.rawValue); w.optionalDouble(e.radiusKm)
            w.optionalString(e.from); w.citation(e.source); w.optionalString(e.note); w.optionalDay(e.until)
            w.optionalString(e.advanceFrom)
            w.u32(UInt32(e.progress.count))
            for p in e.progress {
                w.day(p.date); w.double(p.share)
                w.flag(p.source != nil); if let c = p.source { w.citation(c) }
                w.i64(Int64(p.line))
            }
            w.optionalString(e.label); w.optionalString(e.uncertain); w.i64(Int64(e.line)); w.i64(Int64(e.number))
            w.optionalString(e.id)
        }
        return w.data
    }

    // MARK: Reading

    /// What `encode` wrote, or nil when `data` is not such a record (another version, cut short,
    /// a value out of range). O(bytes).
    static func decode(_ data: Data) -> (Scenario?, [Diagnostic])? {
        var r = BinaryReader(data)
        return decode(&r)
    }

    /// What `encode` wrote, read from `r` to its end; nil as for `decode(_:)`.
    static func decode(_ r: inout BinaryReader) -> (Scenario?, [Diagnostic])? {
        guard r.u32() == formatVersion, let diagnosticCount = r.count(itemBytes: 4) else { return nil }
        var diagnostics = [Diagnostic]()
        diagnostics.reserveCapacity(diagnosticCount)
        for _ in 0..<diagnosticCount {
            guard let file = r.string(), let line = r.optionalInt(), let severityText = r.string(),
                  let severity = Diagnostic.Severity(rawValue: severityText), let message = r.string() else { return nil }
            diagnostics.append(Diagnostic(file: file, line: line, severity: severity, message))
        }
        guard let present = r.u32() else { return nil }
        guard present == 1 else { return present == 0 && r.atEnd ? (nil, diagnostics) : nil }
        guard let file = r.string(), let name = r.string(), let description = r.optionalString(), let region = r.strings(),
              let start = r.day(), let end = r.optionalDay(), let factionCount = r.count(itemBytes: 4) else { return nil }
        var factions = [Faction]()
        for _ in 0..<factionCount {
            guard let id = r.string(), let fname = r.string(), let color = r.string(), let aliases = r.strings(),
                  let acled = r.strings() else { return nil }
            factions.append(Faction(id: id, name: fname, color: color, aliases: aliases, acled: acled))
        }
        guard let placeCount = r.count(itemBytes: 4) else { return nil }
        var places = [ScenarioPlace]()
        for _ in 0..<placeCount {
            guard let pname = r.string(), let lon = r.double(), let lat = r.double(), let population = r.i64(),
                  let source = r.citation(), let note = r.optionalString(), let line = r.i64() else { return nil }
            places.append(ScenarioPlace(name: pname, coordinate: Coordinate(lon: lon, lat: lat), population: Int(population),
                                        source: source, note: note, line: Int(line)))
        }
        guard let initialCount = r.count(itemBytes: 4) else { return nil }
        var initial = [InitialControl]()
        for _ in 0..<initialCount {
            guard let target = r.target(), let faction = r.string(), let radius = r.optionalDouble(),
                  let hasSource = r.flag() else { return nil }
            var source: Citation?
            if hasSource { guard let c = r.citation() else { return nil }; source = c }
            guard let line = r.i64() else { return nil }
            initial.append(InitialControl(target: target, faction: faction, radiusKm: radius, source: source, line: Int(line)))
        }
        guard let eventCount = r.count(itemBytes: 4) else { return nil }
        var events = [ControlEvent]()
        events.reserveCapacity(eventCount)
        for _ in 0..<eventCount {
            guard let date = r.day(), let target = r.target(), let faction = r.string(), let actionText = r.string(),
                  let action = ControlAction(rawValue: actionText), let radius = r.optionalDouble(), let from = r.optionalString(),
                  let source = r.citation(), let note = r.optionalString(), let until = r.optionalDay(),
                  let advanceFrom = r.optionalString(), let progressCount = r.count(itemBytes: 4) else { return nil }
            var progress = [Progress]()
            for _ in 0..<progressCount {
                guard let pdate = r.day(), let share = r.double(), let hasSource = r.flag() else { return nil }
                var psource: Citation?
                if hasSource { guard let c = r.citation() else { return nil }; psource = c }
                guard let line = r.i64() else { return nil }
                progress.append(Progress(date: pdate, share: share, source: psource, line: Int(line)))
            }
            guard let label = r.optionalString(), let uncertain = r.optionalString(), let line = r.i64(), let number = r.i64(),
                  let id = r.optionalString() else { return nil }
            events.append(ControlEvent(date: date, target: target, faction: faction, action: action, radiusKm: radius, from: from,
                                       source: source, note: note, until: until, advanceFrom: advanceFrom, progress: progress,
                                       label: label, uncertain: uncertain, line: Int(line), number: Int(number), id: id))
        }
        guard r.atEnd else { return nil }
        let scenario = Scenario(file: file, name: name, description: description, region: region, start: start, end: end,
                                factions: factions, places: places, initial: initial, events: events)
        return (scenario, diagnostics)
    }
}

// Optionals, days, targets and citations on the cache's writer and reader. Each optional is a
// flag (0 absent, 1 present) and then its value; a reader's optional accessors return nil on a
// malformed record and `.some(nil)` for an absent value.
extension BinaryWriter {
    mutating func flag(_ present: Bool) { data.append(present ? 1 : 0) }
    mutating func day(_ d: Day) { i64(Int64(d.ordinal)) }
    mutating func optionalString(_ s: String?) { flag(s != nil); if let s { string(s) } }
    mutating func optionalDouble(_ x: Double?) { flag(x != nil); if let x { double(x) } }
    mutating func optionalInt(_ n: Int?) { flag(n != nil); if let n { i64(Int64(n)) } }
    mutating func optionalDay(_ d: Day?) { flag(d != nil); if let d { day(d) } }

    mutating func target(_ t: Target) {
        switch t {
        case .country(let c): data.append(0); string(c)
        case .governorate(let g): data.append(1); string(g)
        case .place(let p): data.append(2); string(p)
        }
    }

    mutating func citation(_ c: Citation) {
        string(c.publication); day(c.date)
        optionalString(c.author); optionalString(c.title); optionalString(c.url); optionalString(c.claim)
    }
}

extension BinaryReader {
    mutating func flag() -> Bool? {
        switch byte() {
        case 0?: return false
        case 1?: return true
        default: return nil
        }
    }
    mutating func day() -> Day? {
        guard let n = i64(), abs(n) < 10_000_000 else { return nil }
        return Day(ordinal: Int(n))
    }
    mutating func optionalString() -> String?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let s = string() else { return nil }
        return .some(s)
    }
    mutating func optionalDouble() -> Double?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let x = double() else { return nil }
        return .some(x)
    }
    mutating func optionalInt() -> Int?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let n = i64() else { return nil }
        return .some(Int(n))
    }
    mutating func optionalDay() -> Day?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let d = day() else { return nil }
        return .some(d)
    }

    mutating func target() -> Target? {
        guard let kind = byte(), let text = string() else { return nil }
        switch kind {
        case 0: return .country(text)
        case 1: return .governorate(text)
        case 2: return .place(text)
        default: return nil
        }
    }

    mutating func citation() -> Citation? {
        guard let publication = string(), let date = day(), let author = optionalString(), let title = optionalString(),
              let url = optionalString(), let claim = optionalString() else { return nil }
        return Citation(publication: publication, date: date, author: author, title: title, url: url, claim: claim)
    }
}
