import Foundation

/// Turns the territorial events of an ACLED export into scenario events.
///
/// - **Which rows.** ACLED's changes of control: the sub-event types *Government regains
///   territory*, *Non-state actor overtakes territory* and *Non-violent transfer of territory*
///   (and the `event_type` spellings of exports before 2019: *Battle-Government regains
///   territory*, *Battle-Non-state actor overtakes territory*, *Battle-Rebels overtake
///   territory*, *Non-violent transfer of territory*). Every other row is skipped and counted
///   by its type.
/// - **Who.** `actor1` is the side that takes the ground, `actor2` (when given) the side that
///   loses it (the event's `from:`); each is mapped to a faction by the factions' `acled:` lists
///   (`ACLEDActorMatcher`). Where ACLED's actor types say the order is reversed (a *Government
///   regains territory* row whose `actor1` is not a state force but whose `actor2` is), the two
///   are swapped and the swap reported. An `actor1` that maps to no faction (or to two) leaves
///   the row out, reported with its rows; an unmapped `actor2` leaves `from:` out.
/// - **Where.** The `location` through the gazetteer, qualified by the row's country (and
///   governorate when the name is ambiguous), when the place found lies within
///   `nameToleranceKm` of ACLED's coordinates; otherwise a place the scenario declares at
///   ACLED's latitude/longitude (named as ACLED names it; a gazetteer place within 1 km is used
///   instead). Rows outside the region are left out and counted.
/// - **What.** A `capture` by the faction on the row's date, citing ACLED's `source` (the
///   publication) and `notes` (the claim), with `id:` = `event_id_cnty`; ACLED's time and
///   geographic precision, when not 1, become the event's `uncertain:`.
public struct ACLEDImport: Sendable {
    /// Distance within which a gazetteer place of the row's name is taken to be ACLED's location (km).
    public static let nameToleranceKm = 15.0
    /// A gazetteer place this close to an unknown location's coordinates is used for it (km).
    public static let snapKm = 1.0

    /// ACLED's names of the territorial event types: new sub-event types, old event types.
    public static let territorialSubEventTypes = ["Government regains territory", "Non-state actor overtakes territory",
                                                  "Non-violent transfer of territory"]
    public static let territorialEventTypes = ["Battle-Government regains territory", "Battle-Non-state actor overtakes territory",
                                               "Battle-Rebels overtake territory", "Non-violent transfer of territory"]

    /// An event to write.
    public struct Event: Sendable {
        public let record: ACLEDRecord
        public let faction: String
        public let from: String?
        /// The `place:` value as written (resolves to the place in the output scenario).
        public let place: String
        /// The declared place's name when the event is at one.
        public let declared: String?
        /// How the row became this event (for the event's `note:`).
        public let note: String
        public let uncertain: String?
        public let radiusKm: Double?
    }

    /// A place to declare (`places:`) at ACLED's coordinates.
    public struct DeclaredPlace: Sendable {
        public let name: String
        public let coordinate: Coordinate
        public let record: ACLEDRecord
    }

    /// What happened to each row, for the summary.
    public struct Report: Sendable {
        public var rows = 0
        public var territorial = 0
        /// Rows of other types: type (`Battles / Armed clash`) and count, most frequent first.
        public var skippedTypes = [(type: String, count: Int)]()
        /// Actors (as `actor1`) that map to no faction, each with the rows it is in.
        public var unmapped = [(actor: String, records: [ACLEDRecord])]()
        /// `actor2`s that map to no faction (their rows are imported without `from:`).
        public var unmappedLosers = [(actor: String, records: [ACLEDRecord])]()
        public var ambiguous = [(actor: String, factions: [String], records: [ACLEDRecord])]()
        public var outsideRegion = [ACLEDRecord]()
        /// Rows whose location the gazetteer does not know and that give no coordinates.
        public var unlocated = [ACLEDRecord]()
        public var outsideDates = [ACLEDRecord]()
        /// Rows whose taker and loser map to the same faction (a change within one side).
        public var sameSide = [ACLEDRecord]()
        /// Rows whose `event_id_cnty` the target scenario already has (imported before).
        public var alreadyPresent = [ACLEDRecord]()
        public var swapped = [ACLEDRecord]()
        /// Imported rows with geo_precision 3: ACLED's coordinates are a larger area's centre.
        public var imprecise = [ACLEDRecord]()
        /// Warnings with their rows (a name far from its coordinates …).
        public var warnings = [Diagnostic]()
        public var imported = 0
        public var atGazetteerPlaces = 0
        public var atDeclaredPlaces = 0
    }

    public let events: [Event]
    public let places: [DeclaredPlace]
    public let report: Report

    /// Imports the rows of `file` against `factions` (their `acled:` lists), the region's
    /// countries, the scenario's dates (`end` nil: no limit) and `gazetteer` (the target's
    /// places, declared ones included). `existingIDs`: event ids the target already has.
    /// O(rows × (factions' entries + gazetteer lookup)).
    public init(file: ACLEDFile, factions: [Faction], region: [String], start: Day, end: Day?, gazetteer: Gazetteer,
                outlines: [String: [PolygonCoordinates]], existingIDs: Set<String> = [], radiusKm: Double? = nil) {
        var report = Report()
        let matcher = ACLEDActorMatcher(factions: factions)
        let geodesic = Geodesic.wgs84
        var skipped = [String: Int](), unmapped = [String: [ACLEDRecord]](), unmappedOrder = [String]()
        var losers = [String: [ACLEDRecord]](), loserOrder = [String]()
        var ambiguous = [String: ([String], [ACLEDRecord])](), ambiguousOrder = [String]()
        var events = [Event](), places = [DeclaredPlace]()
        var resolved = [String: Int?]()   // query → place index (nil: not found), cached
        var declaredIndex = [String: Int]()  // key of a declared name → index in `places`
        var nearest = [String: (Int, Double)]()   // "country lat lon" → nearest gazetteer place and distance (m)
        // Every key a gazetteer name folds to, so that a name no place has is known to be
        // unknown without `resolveIndex` computing its closest spellings (O(names) each).
        var knownKeys = Set<String>()
        for p in gazetteer.places {
            for n in [p.name, p.asciiName] + p.alternateNames {
                knownKeys.insert(PlaceName.key(n))
                if let k = PlaceName.keyWithoutArticle(n) { knownKeys.insert(k) }
            }
        }
        /// The gazetteer place a query names (`Name, qualifier`), or nil. Cached per query.
        func resolve(_ query: String) -> Int? {
            if let hit = resolved[query] { return hit }
            let name = String(query.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0])
            let known = knownKeys.contains(PlaceName.key(name)) || PlaceName.keyWithoutArticle(name).map(knownKeys.contains) == true
            let index = known ? try? gazetteer.resolveIndex(query) : nil
            resolved[query] = index
            return index
        }
        /// Whether a name would name a place declared by this import (declared places are preferred
        /// over the gazetteer's namesakes for their own names, in the output scenario as here).
        func isDeclared(_ name: String) -> Bool {
            let n = String(name.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0])
            return declaredIndex[PlaceName.key(n)] != nil || PlaceName.keyWithoutArticle(n).map { declaredIndex[$0] != nil } == true
        }

        for record in file.records {
            report.rows += 1
            let isTerritorial = Self.territorialSubEventTypes.contains(record.subEventType)
                || Self.territorialEventTypes.contains(record.eventType)
            guard isTerritorial else {
                let type = record.subEventType.isEmpty ? record.eventType : "\(record.eventType) / \(record.subEventType)"
                skipped[type.isEmpty ? "(no type)" : type, default: 0] += 1
                continue
            }
            report.territorial += 1
            let label = record.eventID.isEmpty ? "row" : record.eventID
            func warn(_ message: String) {
                report.warnings.append(Diagnostic(file: file.file, line: record.line, severity: .warning, "\(label): \(message)"))
            }
            if !record.eventID.isEmpty, existingIDs.contains(record.eventID) { report.alreadyPresent.append(record); continue }
            guard record.date >= start, end.map({ record.date <= $0 }) ?? true else { report.outsideDates.append(record); continue }

            // Who: the taker (actor1) and the loser (actor2), swapped when ACLED's actor types say so.
            var taker = record.actor1, loser = record.actor2
            if Self.shouldSwap(record) {
                swap(&taker, &loser)
                report.swapped.append(record)
            }
            let faction: String
            switch matcher.match(taker) {
            case .faction(let f): faction = f
            case .none:
                if unmapped[taker] == nil { unmappedOrder.append(taker) }
                unmapped[taker, default: []].append(record)
                continue
            case .ambiguous(let fs):
                if ambiguous[taker] == nil { ambiguousOrder.append(taker) }
                ambiguous[taker, default: (fs, [])].1.append(record)
                continue
            }
            var from: String?
            if !loser.isEmpty {
                if case .faction(let f) = matcher.match(loser) { from = f } else {
                    if losers[loser] == nil { loserOrder.append(loser) }
                    losers[loser, default: []].append(record)
                }
            }
            if from == faction { report.sameSide.append(record); continue }

            // Where: the row's country must be in the region.
            let country = Self.countryCode(iso: record.iso, name: record.country)
                ?? record.coordinate.flatMap { c in region.first { code in (outlines[code] ?? []).contains { $0.contains(c) } } }
            guard let country, region.contains(country) else { report.outsideRegion.append(record); continue }

            let tolerance = Self.nameToleranceKm * 1000
            func distance(_ index: Int) -> Double? {
                record.coordinate.map { geodesic.distance(gazetteer.places[index].coordinate, $0) }
            }
            var placeIndex: Int?
            var how = ""
            let location = record.location
            if !location.isEmpty {
                let queries = ["\(location), \(country)"] + (record.admin1.isEmpty ? [] : ["\(location), \(record.admin1)"])
                for q in queries {
                    guard !isDeclared(q), let i = resolve(q), gazetteer.places[i].country == country else { continue }
                    if let d = distance(i), d > tolerance {
                        warn("location '\(location)' is the gazetteer's \(gazetteer.places[i].qualifiedName), "
                             + "\(Int((d / 1000).rounded())) km from ACLED's coordinates; the coordinates are used")
                        break
                    }
                    placeIndex = i
                    how = "gazetteer \(gazetteer.places[i].qualifiedName)"
                        + (distance(i).map { ", \(Number.fixed($0 / 1000, decimals: 1)) km from ACLED's coordinates" } ?? "")
                    break
                }
            }
            var declared: String?
            if placeIndex == nil {
                guard let c = record.coordinate else {
                    report.unlocated.append(record)
                    continue
                }
                guard Self.inRegion(c, country: country, outlines: outlines) else { report.outsideRegion.append(record); continue }
                // A gazetteer place within 1 km is the place; else the location is declared.
                let cacheKey = "\(country) \(c.lat) \(c.lon)"
                let near = nearest[cacheKey] ?? gazetteer.places.indices.filter { gazetteer.places[$0].country == country }
                    .map { ($0, geodesic.distance(gazetteer.places[$0].coordinate, c)) }.min { $0.1 < $1.1 }
                nearest[cacheKey] = near
                if let near, near.1 <= Self.snapKm * 1000 {
                    placeIndex = near.0
                    how = "not in the gazetteer by name; its coordinates are \(Int(near.1.rounded())) m from the gazetteer's "
                        + gazetteer.places[near.0].qualifiedName
                } else {
                    let base = location.isEmpty ? "ACLED \(label)" : location
                    if let k = declaredIndex[PlaceName.key(base)], geodesic.distance(places[k].coordinate, c) <= Self.snapKm * 1000 {
                        declared = places[k].name
                    } else {
                        var name = base
                        // A name any gazetteer place has (even one it would not resolve to alone) is
                        // left to the gazetteer: declared places win their names in a scenario.
                        if isDeclared(name) || knownKeys.contains(PlaceName.key(name))
                            || PlaceName.keyWithoutArticle(name).map(knownKeys.contains) == true || PlaceName.key(name).isEmpty {
                            name = "\(base) (ACLED \(label))"
                        }
                        declaredIndex[PlaceName.key(name)] = places.count
                        if let k = PlaceName.keyWithoutArticle(name), declaredIndex[k] == nil { declaredIndex[k] = places.count }
                        places.append(DeclaredPlace(name: name, coordinate: c, record: record))
                        declared = name
                    }
                    how = "declared at ACLED's coordinates (\(Self.coordinateText(c)))"
                }
            }
            if record.geoPrecision == 3 { report.imprecise.append(record) }
            let placeText: String
            if let declared { placeText = declared } else {
                let p = gazetteer.places[placeIndex!]
                placeText = [location, "\(location), \(country)", "\(location), \(p.admin1Name)", p.asciiName,
                             "\(p.asciiName), \(country)", "\(p.asciiName), \(p.admin1Name)"]
                    .first { !$0.isEmpty && !$0.hasPrefix(",") && !isDeclared($0) && resolve($0) == placeIndex } ?? "id:\(p.id)"
            }
            if declared == nil { report.atGazetteerPlaces += 1 } else { report.atDeclaredPlaces += 1 }
            let type = record.subEventType.isEmpty ? record.eventType : record.subEventType
            var note = "ACLED \(type), line \(record.line) of \(URL(fileURLWithPath: file.file).lastPathComponent): actor1 '\(record.actor1)'"
            if !record.actor2.isEmpty { note += ", actor2 '\(record.actor2)'" }
            if report.swapped.last == record { note += " (actor1 and actor2 swapped: ACLED's actor types say actor2 took the ground)" }
            note += "; location '\(location)'"
            if let c = record.coordinate { note += " (\(Self.coordinateText(c)), geo_precision \(record.geoPrecision.map(String.init) ?? "?"))" }
            note += ": \(how)"
            events.append(Event(record: record, faction: faction, from: from, place: placeText, declared: declared, note: note,
                                uncertain: Self.uncertainty(record), radiusKm: radiusKm))
            report.imported += 1
        }
        report.skippedTypes = skipped.map { (type: $0.key, count: $0.value) }.sorted { ($0.count, $1.type) > ($1.count, $0.type) }
        report.unmapped = unmappedOrder.map { ($0, unmapped[$0]!) }
        report.unmappedLosers = loserOrder.map { ($0, losers[$0]!) }
        report.ambiguous = ambiguousOrder.map { ($0, ambiguous[$0]!.0, ambiguous[$0]!.1) }
        // Events in date order; rows of the same day in file order.
        self.events = events.enumerated().sorted { ($0.element.record.date, $0.offset) < ($1.element.record.date, $1.offset) }
            .map(\.element)
        self.places = places
        self.report = report
    }

    // MARK: Pieces

    /// ACLED's actor types (`inter1`/`inter2`): the number (1 = state forces) or, in exports
    /// since 2023, the name (`State forces`).
    static func isStateForce(_ inter: String) -> Bool {
        inter == "1" || inter.lowercased() == "state forces"
    }

    /// Whether the row names the side that took the ground as `actor2`: a *Government regains
    /// territory* row whose `actor1` is not a state force but whose `actor2` is, or a
    /// *Non-state actor overtakes territory* row whose `actor1` is a state force and `actor2` not.
    static func shouldSwap(_ r: ACLEDRecord) -> Bool {
        guard !r.actor2.isEmpty, !r.inter1.isEmpty, !r.inter2.isEmpty else { return false }
        let type = r.subEventType.isEmpty ? r.eventType : r.subEventType
        if type.hasSuffix("Government regains territory") { return !isStateForce(r.inter1) && isStateForce(r.inter2) }
        if type.hasSuffix("Non-state actor overtakes territory") || type.hasSuffix("Rebels overtake territory") {
            return isStateForce(r.inter1) && !isStateForce(r.inter2)
        }
        return false
    }

    /// ISO 3166-1 codes of the region's countries and their neighbours: numeric and ACLED's names.
    static let countries: [(alpha2: String, numeric: String, names: [String])] = [
        ("SY", "760", ["syria", "syrian arab republic"]), ("IQ", "368", ["iraq"]), ("TR", "792", ["turkey", "türkiye", "turkiye"]),
        ("LB", "422", ["lebanon"]), ("JO", "400", ["jordan"]), ("IR", "364", ["iran"]), ("IL", "376", ["israel"]),
        ("PS", "275", ["palestine"]), ("SA", "682", ["saudi arabia"]), ("KW", "414", ["kuwait"]),
    ]

    /// The alpha-2 code of an ACLED row's country: from `iso` (numeric) or the `country` name.
    static func countryCode(iso: String, name: String) -> String? {
        let n = iso.split(separator: ".").first.map(String.init) ?? iso   // "760.0" from a spreadsheet
        if let hit = countries.first(where: { $0.numeric == n }) { return hit.alpha2 }
        let lower = name.lowercased()
        if lower.count == 2 { return lower.uppercased() }
        return countries.first { $0.names.contains(lower) }?.alpha2
    }

    /// Whether `c` lies in `country`'s outline or within `GeoData.borderToleranceKm` of it.
    static func inRegion(_ c: Coordinate, country: String, outlines: [String: [PolygonCoordinates]]) -> Bool {
        let polygons = outlines[country] ?? []
        if polygons.contains(where: { $0.contains(c) }) { return true }
        let lonScale = cos(c.lat * .pi / 180)
        return polygons.map { $0.ringDistance(to: c, lonScale: lonScale) }.min().map { $0 * 111.195 <= GeoData.borderToleranceKm } ?? false
    }

    static func coordinateText(_ c: Coordinate) -> String {
        "\(Number.format(c.lat, decimals: 4)) N, \(Number.format(c.lon, decimals: 4)) E"
    }

    /// What ACLED says is uncertain about the row: its time and geographic precision codes.
    static func uncertainty(_ r: ACLEDRecord) -> String? {
        var parts = [String]()
        switch r.timePrecision {
        case 2: parts.append("ACLED time_precision 2: the source gives the week or a few days, not the day")
        case 3: parts.append("ACLED time_precision 3: the source gives only the month")
        default: break
        }
        switch r.geoPrecision {
        case 2: parts.append("ACLED geo_precision 2: near the location or part of a region")
        case 3: parts.append("ACLED geo_precision 3: the coordinates are a larger area's centre")
        default: break
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
