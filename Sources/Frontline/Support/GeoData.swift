import Foundation

/// The data in `Geo/`: the gazetteer and the country outlines, loaded once.
public struct GeoData: Sendable {
    public let directory: URL
    public let gazetteer: Gazetteer
    /// Country outlines by ISO code (Natural Earth 1:10m admin-0).
    public let outlines: [String: [PolygonCoordinates]]
    /// Governorate outlines (`code`, `name`, `country` properties; Natural Earth admin-1).
    public let governorates: [Boundary]

    public init(directory: URL) throws {
        self.directory = directory
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
    }

    /// The partition of `countries` as Frontline uses it: places' cells plus desert filler
    /// cells every `Partition.defaultFillerSpacingKm`, with their governorates.
    public func partition(of countries: [String], context: GEOSContext = GEOSContext()) throws -> Partition {
        try Partition(gazetteer: gazetteer, outlines: outlines, countries: countries, context: context,
                      fillerSpacingKm: Partition.defaultFillerSpacingKm, governorates: governorates)
    }

    /// Finds the `Geo/` directory: `$FRONTLINE_GEO`, else a `Geo/places.tsv` in the current
    /// directory or one above it, else beside or above the executable.
    public static func locate() throws -> URL {
        if let env = ProcessInfo.processInfo.environment["FRONTLINE_GEO"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let fm = FileManager.default
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
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
        throw DataError(file: "Geo/places.tsv", line: nil,
                        message: "cannot find Frontline's Geo/ data; run from the repository or set FRONTLINE_GEO")
    }

    /// The default scenario: `Scenarios/iraq-syria-2014-2019.yaml` beside the `Geo/` directory.
    public var defaultScenario: URL {
        directory.deletingLastPathComponent().appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml")
    }
}

/// A scenario loaded, checked and ready to replay.
public struct LoadedScenario {
    public let scenario: Scenario
    public let partition: Partition
    public let plan: ControlPlan
    public let warnings: [Diagnostic]

    /// Reads `path` (`-`: standard input), builds the partition of its region and compiles its
    /// events; throws a `ScenarioError` with every problem found.
    public init(path: String, geo: GeoData, context: GEOSContext = GEOSContext()) throws {
        try self.init(parsed: ScenarioParser.read(path: path, countries: Set(geo.outlines.keys)), geo: geo) {
            try geo.partition(of: $0, context: context)
        }
    }

    /// A parsed scenario (`ScenarioParser.read`) compiled against the partition `partition`
    /// gives for its region (the fuzzer reuses partitions across scenarios). The partition is
    /// built only for a scenario whose region parsed.
    public init(parsed: (Scenario?, [Diagnostic]), geo: GeoData, partition: ([String]) throws -> Partition) throws {
        let (parsed, parseDiagnostics) = parsed
        guard let scenario = parsed else { throw ScenarioError(diagnostics: parseDiagnostics) }
        let partition = try partition(scenario.region)
        let (compiled, modelDiagnostics) = ControlModel(gazetteer: geo.gazetteer, partition: partition).compile(scenario)
        let diagnostics = (parseDiagnostics + modelDiagnostics).enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        guard let plan = compiled, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ScenarioError(diagnostics: diagnostics)
        }
        self.scenario = scenario
        self.partition = partition
        self.plan = plan
        self.warnings = diagnostics
    }

    /// A new replay of this scenario from its start.
    public func simulation() -> Simulation {
        Simulation(scenario: scenario, partition: partition, plan: plan)
    }
}
