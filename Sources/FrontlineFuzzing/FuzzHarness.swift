import Foundation
import Frontline

/// Runs one scenario text the way `frontline check` and `frontline share` would, in this
/// process: parse, compile against a partition built once per region, and (when it compiles)
/// replay it to its last event, writing the GeoJSON of its middle day for some. What must hold for any input:
///
/// - no crash (a trap ends the process: `frontline-fuzz` reports the mutant first),
/// - no error without `file:line`,
/// - no error other than a `ScenarioError` (for instance an unexpected `DataError`),
/// - (checked by the caller's watchdog) no input taking more than a few seconds.
///
/// Not thread-safe: the partitions' GEOS contexts belong to the calling thread.
public final class FuzzHarness {
    public let geo: GeoData
    /// Partitions by region and declared places (see `partitionKey`).
    private var partitions = [String: Partition]()
    private let countries: Set<String>

    /// Of the inputs the parser already refuses, one in `compileEvery` is compiled anyway (as
    /// `frontline check` does, to report unknown names too); the others stop at the parse.
    /// Compiling costs tens of milliseconds (catchments), parsing a few: this is what makes
    /// a few thousand mutants fit in a minute. 1 compiles them all.
    public let compileEvery: Int
    /// Of the inputs accepted, one in `polygonsEvery` also goes through `check`'s audit and has
    /// its GeoJSON written (GEOS unions, fronts cutting cells) half-way through the replay.
    public let polygonsEvery: Int
    private var refusedByParse = 0, accepted = 0

    public init(geo: GeoData, compileEvery: Int = 8, polygonsEvery: Int = 10) {
        // Partitions are kept here, in memory: mutated declared places must not fill the
        // user's on-disk partition cache.
        var geo = geo
        geo.cacheDirectory = nil
        self.geo = geo
        self.compileEvery = max(1, compileEvery)
        self.polygonsEvery = max(1, polygonsEvery)
        countries = Set(geo.outlines.keys)
    }

    /// What happened to one input.
    public enum Outcome: Equatable, Sendable {
        /// Refused with errors, every one with its line.
        case refused(errors: Int)
        /// Accepted, replayed to its last event.
        case replayed(days: Int)
        /// Something that must not happen.
        case failure(String)
    }

    /// Parses, compiles and replays `bytes` (a scenario file's content, named `file`).
    public func run(_ bytes: [UInt8], file: String = "mutant.yaml") -> Outcome {
        let diagnostics: [Diagnostic]
        let text: String
        switch ScenarioSource.decode(bytes, file: file) {
        case .failure(let problem): return check([problem])
        case .success(let t): text = t
        }
        let parsed = ScenarioParser.read(text, file: file, countries: countries)
        if parsed.1.contains(where: { $0.severity == .error }) {
            refusedByParse += 1
            if refusedByParse % compileEvery != 0 { return check(parsed.1) }
        }
        do {
            let loaded = try LoadedScenario(parsed: parsed, geo: geo) { region, gazetteer in
                let key = Self.partitionKey(region, gazetteer)
                if let cached = partitions[key] { return cached }
                let partition = try geo.partition(of: region, gazetteer: gazetteer)
                partitions[key] = partition
                return partition
            }
            diagnostics = loaded.warnings
            let simulation = loaded.simulation()
            let last = loaded.scenario.events.map { $0.until ?? $0.date }.max() ?? loaded.scenario.start
            accepted += 1
            if accepted % polygonsEvery == 0 {
                // What `check` adds (the audit's warnings), and the polygons of the middle day.
                _ = try ScenarioAudit().warnings(loaded)
                try simulation.advance(to: loaded.scenario.start.adding(days: loaded.scenario.start.days(to: last) / 2))
                _ = try GeoJSONWriter.featureCollection(simulation)
            }
            try simulation.advance(to: last)
            _ = ShareRenderer.render([simulation.report()], as: .csv)
            if case .failure(let f) = check(diagnostics) { return .failure(f) }
            return .replayed(days: loaded.scenario.start.days(to: last))
        } catch let error as ScenarioError {
            return check(error.diagnostics)
        } catch {
            return .failure("unexpected error: \(error)")
        }
    }

    /// What a partition depends on besides Geo/: the region and the scenario's declared
    /// places (ids `scenario:k`: name, position, country, governorate, population).
    static func partitionKey(_ region: [String], _ gazetteer: Gazetteer) -> String {
        region.joined(separator: ",") + gazetteer.places.filter { $0.id.hasPrefix("scenario:") }.map {
            "|\($0.id) \($0.name) \($0.coordinate.lat) \($0.coordinate.lon) \($0.country) \($0.admin1) \($0.population)"
        }.joined()
    }

    /// `.refused` when every error has a line, else `.failure` naming the first that has not.
    private func check(_ diagnostics: [Diagnostic]) -> Outcome {
        let errors = diagnostics.filter { $0.severity == .error }
        if let bare = errors.first(where: { $0.line == nil }) { return .failure("error without a line: \(bare)") }
        return .refused(errors: errors.count)
    }
}
