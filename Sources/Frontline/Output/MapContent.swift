import Foundation

// MARK: - What a map shows

/// Everything a control map shows, in geographic coordinates: the territories, the borders,
/// the countries around, the rivers, the places to label and the figures for the legend.
/// `MapRenderer` turns it into SVG without touching the engine, so tests can build one by hand.
public struct MapContent {
    /// One territory: a faction's uncontested held ground, held ground that `contestedBy`
    /// contests, or (`influence`) its area of influence (indices into `factions`).
    public struct Area {
        public let holder: Int
        public let contestedBy: Int?
        public let influence: Bool
        public let polygons: [PolygonCoordinates]
        public let areaKm2: Double
        public let population: Int

        public init(holder: Int, contestedBy: Int?, influence: Bool = false, polygons: [PolygonCoordinates],
                    areaKm2: Double, population: Int) {
            self.holder = holder
            self.contestedBy = contestedBy
            self.influence = influence
            self.polygons = polygons
            self.areaKm2 = areaKm2
            self.population = population
        }
    }

    /// A place to label with a dot. `recent`: named in an event shortly before the date (drawn
    /// bold); `reference`: one of the `ReferenceCities`, labelled first with its English name;
    /// `capital`: drawn with a square; `muted`: outside the country a `--country` map is of (grey).
    public struct Label {
        public let name: String
        public let coordinate: Coordinate
        public let recent: Bool
        public var reference = false
        public var capital = false
        public var muted = false

        public init(name: String, coordinate: Coordinate, recent: Bool) {
            self.name = name
            self.coordinate = coordinate
            self.recent = recent
        }
    }

    /// One line of the legend's table: held ground (uncontested) and area of influence for a
    /// faction (`influenceOf` is the faction whose stipple to show beside its colour), contested
    /// ground for a holder/attacker pair, or unassigned ground.
    public struct LegendRow {
        public enum Swatch { case color(String), hatch(holder: Int, attacker: Int), unassigned }
        public let swatch: Swatch
        public let name: String
        public let areaKm2: Double
        public let share: Double
        public let population: Int
        public var influenceOf: Int? = nil
        public var influenceKm2: Double? = nil
        /// Held ground (held + contested) against the faction's peak: −0.87 = "lost 87%".
        public var changeFromPeak: Double? = nil
    }

    /// A country drawn in grey around the map's subject, with its name.
    public struct Neighbour {
        public let name: String
        public let polygons: [PolygonCoordinates]

        public init(name: String, polygons: [PolygonCoordinates]) {
            self.name = name
            self.polygons = polygons
        }
    }

    /// Scenario name (subtitle) and the date (title).
    public var scenarioName: String
    public var date: Day
    /// The area the shares are of: the region's, or the country's on a `--country` map.
    public var regionKm2: Double
    public var factions: [Faction]
    public var areas: [Area]
    /// Country outlines (drawn thick) and governorate outlines (thin, dashed).
    public var countries: [PolygonCoordinates]
    public var governorates: [PolygonCoordinates]
    /// Places to label, most important first: when labels collide the later one is left out.
    public var labels: [Label]
    public var legend: [LegendRow]
    /// Countries around, drawn in grey (`Geo/neighbours.geojson`; on a `--country` map also the
    /// region's other countries). With neighbours the background is sea.
    public var neighbours: [Neighbour] = []
    /// Major rivers (`Geo/rivers.geojson`), drawn within `countries`.
    public var rivers: [LineFeature] = []
    /// The country a `--country` map is of (its English name), nil for the whole region.
    public var countryName: String? = nil
    /// How many cited reports the map is modelled from (distinct sources of the events up to the
    /// date and of the initial control); nil when not known.
    public var citedReports: Int? = nil

    public init(scenarioName: String, date: Day, regionKm2: Double, factions: [Faction], areas: [Area],
                countries: [PolygonCoordinates], governorates: [PolygonCoordinates], labels: [Label], legend: [LegendRow]) {
        self.scenarioName = scenarioName
        self.date = date
        self.regionKm2 = regionKm2
        self.factions = factions
        self.areas = areas
        self.countries = countries
        self.governorates = governorates
        self.labels = labels
        self.legend = legend
    }

    /// The legend of a day: every faction with its held area (uncontested), share, area of
    /// influence, population and change against its peak (from `report`), then each contested
    /// holder/attacker pair, then unassigned ground.
    public static func legend(report: ShareReport, areas: [Area]) -> [LegendRow] {
        var rows = report.factions.enumerated().map { i, f in
            LegendRow(swatch: .color(f.faction.color), name: f.faction.name, areaKm2: f.areaKm2, share: f.share,
                      population: f.population, influenceOf: i, influenceKm2: f.influenceKm2,
                      changeFromPeak: f.changeFromPeak)
        }
        for a in areas where !a.influence {
            guard let by = a.contestedBy else { continue }
            rows.append(LegendRow(swatch: .hatch(holder: a.holder, attacker: by),
                                  name: "Contested: \(report.factions[a.holder].faction.name) ground, attacked by \(report.factions[by].faction.name)",
                                  areaKm2: a.areaKm2, share: a.areaKm2 / report.regionKm2, population: a.population))
        }
        if report.unassignedKm2 > 0 {
            rows.append(LegendRow(swatch: .unassigned, name: "Unassigned", areaKm2: report.unassignedKm2,
                                  share: report.unassignedKm2 / report.regionKm2, population: report.unassignedPopulation))
        }
        return rows
    }
}

extension MapContent {
    /// The map of `simulation`'s current day.
    ///
    /// Labels: the `ReferenceCities` (the core ones first, then the places named in an event
    /// dated within `recentDays` days before the day, the latest first, then the other reference
    /// cities), then the scenario's named places (its anchors) with at least `minimumPopulation`
    /// people. A reference city is labelled with its English name; another place as the scenario
    /// spells it (`Suran, Hama` → `Suran`). `outlines`: country outlines by ISO code
    /// (`GeoData.outlines`); `governorates`: the features of `Geo/governorates.geojson` (those
    /// of other countries are left out); `neighbours`: `Geo/neighbours.geojson`; `lines`: the
    /// rivers of `GeoData.lines` are drawn.
    ///
    /// `country` (an ISO code of the region) limits the map to that country: its territories
    /// (clipped to its outline), its governorates, legend rows of the sides with ground there and
    /// figures within it, its places; the region's other countries are drawn as neighbours.
    /// O(cells + changes) plus the polygons.
    public init(simulation: Simulation, gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]],
                governorates: [Boundary], minimumPopulation: Int = 50_000, recentDays: Int = 90,
                country: String? = nil, neighbours: [Boundary] = [], lines: [LineFeature] = []) throws {
        let scenario = simulation.scenario, partition = simulation.partition, day = simulation.day
        let report = country.map(simulation.report(country:)) ?? simulation.report()
        let cells = partition.cells
        func inFocus(_ cell: Int) -> Bool { country == nil || cells[cell].country == country }

        // Territories, clipped to the country on a --country map.
        var areas = [Area]()
        let clip = try country.flatMap { c in try outlines[c].map { try Geometry.multiPolygon($0, in: partition.context) } }
        var contested = [Int: (area: Double, population: Int)]()   // holder * factions + attacker → in the country
        if country != nil {
            for c in cells.indices where inFocus(c) {
                let h = Int(simulation.state.holder[c]), by = Int(simulation.state.contestedBy[c])
                guard h >= 0, by >= 0 else { continue }
                let key = h * scenario.factions.count + by
                contested[key, default: (0, 0)].area += cells[c].reachAreaKm2
                contested[key, default: (0, 0)].population += cells[c].population
            }
        }
        for t in try simulation.territories() {
            var geometry = t.geometry
            if let clip {
                geometry = try geometry.intersection(clip)
                if try geometry.isEmpty { continue }
            }
            let polygons = try geometry.polygonCoordinates()
            guard !polygons.isEmpty else { continue }
            var area = t.areaKm2, population = t.population
            if country != nil {
                area = Geodesic.wgs84.area(polygons) / 1e6
                if let by = t.key.contestedBy {
                    let c = contested[t.key.holder * scenario.factions.count + by]
                    area = c?.area ?? area
                    population = c?.population ?? 0
                } else if !t.key.isInfluence {
                    population = report.factions[t.key.holder].population
                }
            }
            areas.append(Area(holder: t.key.holder, contestedBy: t.key.contestedBy, influence: t.key.isInfluence,
                              polygons: polygons, areaKm2: area, population: population))
        }

        // Places: the reference cities, the places named recently, the populous anchors.
        let places = gazetteer.places
        var spelling = [Int: String]()
        for target in scenario.initial.map(\.target) + scenario.events.map(\.target) {
            guard case .place(let text) = target, let index = try? gazetteer.resolveIndex(text), spelling[index] == nil
            else { continue }
            let name = text.hasPrefix("id:") ? places[index].asciiName
                : String(text.split(separator: ",", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            spelling[index] = name.isEmpty ? places[index].asciiName : name
        }
        let references = ReferenceCities.resolved(in: gazetteer)
        let referenceOf = Dictionary(references.map { ($0.place, $0.city) }, uniquingKeysWith: { a, _ in a })
        // The latest event within the window naming each anchor cell.
        let windowStart = day.adding(days: -recentDays)
        var lastNamed = [Int: Day]()
        for change in simulation.plan.changes where change.anchorCell >= 0 && change.day > windowStart && change.day <= day {
            let cell = Int(change.anchorCell)
            lastNamed[cell] = max(lastNamed[cell] ?? change.day, change.day)
        }
        func label(_ placeIndex: Int, recent: Bool) -> Label {
            let place = places[placeIndex]
            let city = referenceOf[placeIndex]
            var l = Label(name: city?.name ?? spelling[placeIndex] ?? place.asciiName, coordinate: place.coordinate, recent: recent)
            l.reference = city != nil
            l.capital = city?.capital ?? false
            l.muted = country.map { place.country != $0 } ?? false
            return l
        }
        var recent = [(label: Label, day: Day)](), populous = [(label: Label, population: Int)]()
        var used = Set<Int>()
        for cell in Set(simulation.plan.anchors) where inFocus(cell) {
            guard let placeIndex = cells[cell].placeIndex else { continue }
            if let d = lastNamed[cell] {
                recent.append((label(placeIndex, recent: true), d))
                used.insert(placeIndex)
            } else if places[placeIndex].population >= minimumPopulation, referenceOf[placeIndex] == nil {
                populous.append((label(placeIndex, recent: false), places[placeIndex].population))
            }
        }
        recent.sort { ($0.day, $1.label.name) > ($1.day, $0.label.name) }
        populous.sort { ($0.population, $1.label.name) > ($1.population, $0.label.name) }
        let core = references.filter { $0.city.core && !used.contains($0.place) }.map { label($0.place, recent: false) }
        let other = references.filter { !$0.city.core && !used.contains($0.place) }.map { label($0.place, recent: false) }
        let labels = core + recent.map(\.label) + other + populous.map(\.label)

        let focusCountries = country.map { [$0] } ?? scenario.region
        self.init(scenarioName: scenario.name, date: day, regionKm2: report.regionKm2, factions: scenario.factions,
                  areas: areas, countries: focusCountries.flatMap { outlines[$0] ?? [] },
                  governorates: governorates.filter { focusCountries.contains($0.properties["country"] ?? "") }
                      .flatMap(\.polygons),
                  labels: labels, legend: [])
        var legend = Self.legend(report: report, areas: areas)
        if country != nil {
            // Only the sides with ground in the country.
            legend = legend.filter { row in
                guard let i = row.influenceOf else { return true }
                let f = report.factions[i]
                return f.areaKm2 + f.contestedKm2 + f.influenceKm2 > 0
            }
        }
        self.legend = legend
        self.neighbours = neighbours.compactMap { b in
            let code = b.properties["iso_a2"] ?? ""
            let name = ReferenceCities.countryNames[code] ?? b.properties["name"] ?? code
            return b.polygons.isEmpty ? nil : Neighbour(name: name, polygons: b.polygons)
        } + scenario.region.filter { $0 != (country ?? "") && country != nil }.map {
            Neighbour(name: ReferenceCities.countryName($0), polygons: outlines[$0] ?? [])
        }
        self.rivers = lines.filter { $0.kind == .river }
        self.countryName = country.map(ReferenceCities.countryName)
        self.citedReports = Self.citedReports(simulation: simulation, gazetteer: gazetteer, country: country)
    }

    /// The distinct reports (publication, date and title, url or claim) cited by the events
    /// applied up to the simulation's day and by the initial control; within `country` only those
    /// about it. O(events + initial entries).
    public static func citedReports(simulation: Simulation, gazetteer: Gazetteer, country: String?) -> Int {
        let scenario = simulation.scenario, cells = simulation.partition.cells
        func key(_ c: Citation) -> String {
            "\(c.publication)|\(c.date)|\(c.url ?? c.title ?? c.claim ?? "")"
        }
        var sources = Set<String>()
        for change in simulation.plan.changes where change.day <= simulation.day {
            if let country {
                let cell = change.anchorCell >= 0 ? Int(change.anchorCell) : change.cells.first.map(Int.init)
                guard let cell, cells[cell].country == country else { continue }
            }
            sources.insert(key(scenario.events[change.event].source))
        }
        for entry in scenario.initial {
            guard let source = entry.source else { continue }
            if let country {
                let c: String?
                switch entry.target {
                case .country(let code): c = code
                case .governorate(let name): c = gazetteer.governorateCode(name).map { String($0.prefix(2)) }
                case .place(let name): c = (try? gazetteer.resolve(name))?.country
                }
                guard c == country else { continue }
            }
            sources.insert(key(source))
        }
        return sources.count
    }
}
