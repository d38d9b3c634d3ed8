import Foundation

/// The data in `Geo/`: the gazetteer and the country outlines, loaded once.
public struct GeoData: Sendable {
    public let directory: URL
    public let gazetteer: Gazetteer
    /// Country outlines by ISO code (Natural Earth 1:10m admin-0).
    public let outlines: [String: [PolygonCoordinates]]
    /// Governorate outlines (`code`, `name`, `country` properties; Natural Earth admin-1).
    public let governorates: [Boundary]
    /// Lines of communication: main roads (`roads.geojson`) and major rivers (`rivers.geojson`).
    public let lines: [LineFeature]
    /// The countries around the region, for maps (`neighbours.geojson`; empty when absent).
    let neighbourBoundaries: [Boundary]
    /// The reach rule partitions are split by (`ReachModel.standard`).
    public var reach: ReachModel? = .standard
    /// Where built partitions and what Geo/ holds are kept (`CacheDirectory.url()`,
    /// `GeoDataCache`); nil reads and builds every time.
    public var cacheDirectory: URL? = CacheDirectory.url()

    /// Reads `directory` (through `GeoDataCache` in `cacheDirectory` when it is not nil).
    public init(directory: URL, cacheDirectory: URL? = CacheDirectory.url()) throws {
        let span = Profile.start(.load)
        defer { span.end() }
        self.directory = directory
        self.cacheDirectory = cacheDirectory
        // What Geo/ holds, from the cache when it has it for these files' content.
        let cache = cacheDirectory.map { (GeoDataCache.key(directory: directory), $0) }
        if let (key, dir) = cache, let content = GeoDataCache.load(key: key, from: GeoDataCache.file(for: key, in: dir)) {
            (gazetteer, outlines, governorates, lines) = (content.gazetteer, content.outlines, content.governorates, content.lines)
            neighbourBoundaries = content.neighbours
            return
        }
        gazetteer = try Gazetteer(directory: directory)
        var outlines = [String: [PolygonCoordinates]]()
        let file = directory.appendingPathComponent("countries.geojson")
        for boundary in try BoundaryFile.read(file) {
            guard let code = boundary.properties["iso_a2"] else {
                throw DataError(file: file.path, line: nil, message: "a feature has no iso_a2 property")
            }
            outlines[code, default: []] += boundary.polygons
        }
        self.outlines = outlines
        governorates = try BoundaryFile.read(directory.appendingPathComponent("governorates.geojson"))
        var lines = [LineFeature]()
        for (name, kind) in [("roads.geojson", LineFeature.Kind.road), ("rivers.geojson", .river)] {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { lines += try LineFile.read(url, defaultKind: kind) }
        }
        self.lines = lines
        let neighboursFile = directory.appendingPathComponent("neighbours.geojson")
        neighbourBoundaries = FileManager.default.fileExists(atPath: neighboursFile.path) ? try BoundaryFile.read(neighboursFile) : []
        if let (key, dir) = cache {
            GeoDataCache.save(GeoDataCache.Content(gazetteer: gazetteer, outlines: outlines, governorates: governorates, lines: lines,
                                                   neighbours: neighbourBoundaries),
                              key: key, to: GeoDataCache.file(for: key, in: dir))
        }
    }

    /// The partition of `countries` as Frontline uses it: places' cells plus desert filler
    /// cells every `Partition.defaultFillerSpacingKm`, with their governorates.
    /// `gazetteer` defaults to Geo/'s; pass one with a scenario's declared places added.
    public func partition(of countries: [String], gazetteer: Gazetteer? = nil,
                          context: GEOSContext = GEOSContext()) throws -> Partition {
        let span = Profile.start(.partition)
        defer { span.end() }
        return try Partition.cached(in: cacheDirectory, gazetteer: gazetteer ?? self.gazetteer, outlines: outlines,
                             countries: countries, context: context, fillerSpacingKm: Partition.defaultFillerSpacingKm,
                             governorates: governorates, lines: lines, reach: reach)
    }

    /// How far outside its country's outline a declared place may lie (km): Natural Earth's
    /// 1:10m outlines leave some border towns (Kobani, Tall Abyad) just outside.
    public static let borderToleranceKm = 5.0

    /// The places `scenario` declares (`places:`) as gazetteer places, ids `scenario:1`, …:
    /// each one's country is the region's country whose outline contains it (or lies within
    /// `borderToleranceKm` of it), its governorate the Natural Earth admin-1 area containing
    /// it (else that of the country's nearest gazetteer place). A place outside the region is
    /// an error naming its line; one within 1 km of a gazetteer place gets a warning (it is
    /// probably that place). O(declared places × (outline vertices + places)).
    public func declaredPlaces(of scenario: Scenario) -> (places: [Place], diagnostics: [Diagnostic]) {
        let span = Profile.start(.load)
        defer { span.end() }
        var places = [Place](), diagnostics = [Diagnostic]()
        let geodesic = Geodesic.wgs84
        for (k, declared) in scenario.places.enumerated() {
            let c = declared.coordinate
            let lonScale = cos(c.lat * .pi / 180)
            let country = scenario.region.first { outlines[$0]?.contains { $0.contains(c) } ?? false }
                ?? scenario.region.first { code in
                    (outlines[code] ?? []).map { $0.ringDistance(to: c, lonScale: lonScale) }.min().map {
                        $0 * 111.195 <= Self.borderToleranceKm } ?? false }
            guard let country else {
                diagnostics.append(Diagnostic(file: scenario.file, line: declared.line,
                    "place '\(declared.name)' at \(c.lat) N, \(c.lon) E is outside the region (\(scenario.region.joined(separator: ", ")))"))
                continue
            }
            let inCountry = gazetteer.places.filter { $0.country == country }
            // The nearest by geodesic distance; Karney's only for the places a cheap distance
            // puts within 3% + 1 km of the nearest (as `ControlModel.catchments`), in file order.
            let approximate = inCountry.map { ControlModel.approximateDistance($0.coordinate, c) }
            let bound = (approximate.min() ?? 0) * 1.03 + 1000
            var nearest: Place?, nearestDistance = Double.infinity
            for (place, d) in zip(inCountry, approximate) where d <= bound {
                let exact = geodesic.distance(place.coordinate, c)
                if exact < nearestDistance { (nearest, nearestDistance) = (place, exact) }
            }
            if let nearest, geodesic.distance(nearest.coordinate, c) < 1000 {
                diagnostics.append(Diagnostic(file: scenario.file, line: declared.line, severity: .warning,
                    "place '\(declared.name)' is within 1 km of the gazetteer's \(nearest.qualifiedName); name that place instead?"))
            }
            let admin1 = governorates.first { $0.properties["country"] == country && $0.polygons.contains { $0.contains(c) } }?
                .properties["code"] ?? nearest?.admin1 ?? country
            let s = declared.source
            places.append(Place(id: "scenario:\(k + 1)", name: declared.name, asciiName: PlaceName.ascii(declared.name),
                                alternateNames: [], coordinate: c, country: country, admin1: admin1,
                                admin1Name: gazetteer.governorates[admin1] ?? admin1, population: declared.population,
                                source: "\(scenario.file):\(declared.line) (\(s.publication), \(s.date))"))
        }
        return (places, diagnostics)
    }

    /// Finds the `Geo/` directory: `$FRONTLINE_GEO`, else a `Geo/places.tsv` in the current
    /// directory or one above it, else beside or above the executable, else in
    /// `share/frontline/Geo` beside the executable's `bin/` (where `make install` puts it).
    public static func locate() throws -> URL {
        // The running executable, even when the shell found it on the PATH (argv[0] is then a bare name).
        let proc = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = proc.path != "/proc/self/exe" ? proc
            : URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if let env = ProcessInfo.processInfo.environment["FRONTLINE_GEO"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let fm = FileManager.default
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        starts.append(executable.deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Geo")
                if fm.fileExists(atPath: candidate.appendingPathComponent("places.tsv").path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let installed = starts[1].deletingLastPathComponent().appendingPathComponent("share/frontline/Geo")
        if fm.fileExists(atPath: installed.appendingPathComponent("places.tsv").path) { return installed.standardizedFileURL }
        throw DataError(file: "Geo/places.tsv", line: nil,
                        message: "cannot find Frontline's Geo/ data; run from the repository, install it (make install) or set FRONTLINE_GEO")
    }

    /// The default scenario: `Scenarios/iraq-syria-2014-2019.yaml` beside the `Geo/` directory.
    public var defaultScenario: URL {
        directory.deletingLastPathComponent().appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml")
    }
}

/// A scenario loaded, checked and ready to replay.
public struct LoadedScenario {
    public let scenario: Scenario
    /// Geo/'s gazetteer with the scenario's declared places added.
    public let gazetteer: Gazetteer
    public let partition: Partition
    public let plan: ControlPlan
    public let warnings: [Diagnostic]

    /// Reads `path` (`-`: standard input), builds the partition of its region and compiles its
    /// events; throws a `ScenarioError` with every problem found.
    public init(path: String, geo: GeoData, context: GEOSContext = GEOSContext()) throws {
        try self.init(parsed: ScenarioParser.read(path: path, countries: Set(geo.outlines.keys)), geo: geo) {
            try geo.partition(of: $0, gazetteer: $1, context: context)
        }
    }

    /// A parsed scenario (`ScenarioParser.read`) compiled against the partition `partition`
    /// gives for its region and gazetteer (Geo/'s with the scenario's declared places; the
    /// fuzzer reuses partitions across scenarios). The partition is built only for a scenario
    /// whose region parsed.
    public init(parsed: (Scenario?, [Diagnostic]), geo: GeoData,
                partition: (_ region: [String], _ gazetteer: Gazetteer) throws -> Partition) throws {
        let (parsed, parseDiagnostics) = parsed
        guard let scenario = parsed else { throw ScenarioError(diagnostics: parseDiagnostics) }
        let (declared, placeDiagnostics) = geo.declaredPlaces(of: scenario)
        guard !placeDiagnostics.contains(where: { $0.severity == .error }) else {
            throw ScenarioError(diagnostics: parseDiagnostics + placeDiagnostics)
        }
        let gazetteer = geo.gazetteer.adding(declared)
        let partition = try partition(scenario.region, gazetteer)
        let (compiled, modelDiagnostics) = ControlModel(gazetteer: gazetteer, partition: partition).compile(scenario)
        let diagnostics = (parseDiagnostics + placeDiagnostics + modelDiagnostics).enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        guard let plan = compiled, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ScenarioError(diagnostics: diagnostics)
        }
        self.scenario = scenario
        self.gazetteer = gazetteer
        self.partition = partition
        self.plan = plan
        self.warnings = diagnostics
    }

    /// A new replay of this scenario from its start.
    public func simulation() -> Simulation {
        Simulation(scenario: scenario, partition: partition, plan: plan)
    }
}
