import Benchmark
import Foundation
import Frontline
import SyntheticCoverage

// Benchmarks of Frontline on its real data: Geo/ (gazetteer + country outlines) and
// Scenarios/seeds.yaml. See Benchmarks/README.md for what each one measures.
//
// Expensive inputs (GeoData, the partition, compiled plans, synthetic scenarios) are built
// once, lazily, by `Fixtures` the first time a benchmark needs them; each benchmark then does
// its per-iteration preparation before `benchmark.startMeasurement()` so only the operation
// named in the benchmark's title is measured.

// MARK: - Fixtures

/// Inputs shared by the benchmarks, built on first use (so `benchmark list` stays cheap).
/// Not thread-safe; the benchmark runner runs benchmarks one at a time.
final class Fixtures {
    static let region = ["SY", "IQ"]
    /// The date the single-date benchmarks look at: the SDF declared Raqqa taken.
    static let date = Day("2017-10-17")!

    /// `$FRONTLINE_GEO`, else `Geo/` of the repository this file lives in.
    static let geoDirectory: URL = {
        if let env = ProcessInfo.processInfo.environment["FRONTLINE_GEO"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // <repo>/Benchmarks/FrontlineBenchmarks/FrontlineBenchmarks.swift → <repo>/Geo
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Geo")
    }()

    private static func must<T>(_ what: String, _ body: () throws -> T) -> T {
        do { return try body() } catch { fatalError("FrontlineBenchmarks: cannot \(what): \(error)") }
    }

    lazy var geo: GeoData = Self.must("load \(Self.geoDirectory.path)") { try GeoData(directory: Self.geoDirectory) }

    lazy var partition: Partition = Self.must("build the SY+IQ partition") {
        try geo.partition(of: Self.region)
    }

    lazy var model = ControlModel(gazetteer: geo.gazetteer, partition: partition)

    lazy var seeds: Scenario = Self.must("read the seeds scenario") {
        try ScenarioParser.load(path: Self.geoDirectory.deletingLastPathComponent().appendingPathComponent("Scenarios/seeds.yaml").path)
    }

    lazy var seedsPlan: ControlPlan = compile(seeds)

    /// The full Iraq–Syria 2014–2019 scenario (Scenarios/ beside Geo/), with its offensives and
    /// the places it declares (so its partition has their cells).
    lazy var fullLoaded: LoadedScenario = Self.must("load the full scenario") {
        try LoadedScenario(path: Self.geoDirectory.deletingLastPathComponent()
            .appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml").path, geo: geo)
    }
    lazy var full: Scenario = fullLoaded.scenario
    lazy var fullPlan: ControlPlan = fullLoaded.plan
    lazy var fullModel = ControlModel(gazetteer: fullLoaded.gazetteer, partition: fullLoaded.partition)

    func fullSimulation() -> Simulation { fullLoaded.simulation() }

    /// The full scenario's share reports for every day 2014-01-01 → 2019-12-31 (what
    /// `frontline timeline --every 1d` renders).
    lazy var fullDailyReports: [ShareReport] = Self.must("replay the full scenario daily") {
        var reports = [ShareReport]()
        let simulation = fullSimulation()
        try simulation.run(from: full.start, to: full.end!, every: .days(1)) { reports.append($0.report()) }
        return reports
    }

    /// Every (value, decimals) the daily timeline CSV formats, in order.
    lazy var timelineNumbers: [(Double, Int)] = fullDailyReports.flatMap { r in
        r.factions.flatMap { f -> [(Double, Int)] in
            [(f.areaKm2, 2), (f.share, 6), (f.contestedKm2, 2)] + (f.peakKm2.map { [($0, 2)] } ?? [])
                + (f.changeFromPeak.map { [($0, 6)] } ?? [])
        } + [(r.contestedKm2, 2), (r.contestedShare, 6)]
    }

    /// The full scenario replayed to `Fixtures.date` with its territories computed (cached).
    lazy var fullAtDate: Simulation = Self.must("replay the full scenario to \(Self.date)") {
        let simulation = fullSimulation()
        try simulation.advance(to: Self.date)
        _ = try simulation.territories()
        return simulation
    }

    /// Every coordinate the GeoJSON of `Fixtures.date` writes (snapped to the 1e-6° grid).
    lazy var geoJSONCoordinates: [Double] = Self.must("collect the GeoJSON coordinates") {
        try fullAtDate.territories().flatMap { t in
            try t.geometry.reducedPrecision(gridSize: GeoJSONWriter.gridSize).polygonCoordinates().flatMap { p in
                ([p.exterior] + p.holes).flatMap { $0.flatMap { [$0.lon, $0.lat] } }
            }
        }
    }

    /// The full scenario's YAML text.
    lazy var fullYAML: String = Self.must("read the full scenario") {
        try String(contentsOf: Self.geoDirectory.deletingLastPathComponent()
            .appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml"), encoding: .utf8)
    }

    /// The full scenario's whole-cell territories on `Fixtures.date`.
    lazy var fullTerritories: [(key: TerritoryKey, units: [Int])] = SyntheticCoverage.territories(of: fullAtDate)

    /// The full scenario's territories (with each holder's revision) on every day of
    /// 2014-06-01 … 2014-12-31, when the Islamic State's ground changed most.
    lazy var fullDailyTerritories: [[(key: TerritoryKey, units: [Int], revision: UInt64)]] = Self.must("replay") {
        var days = [[(key: TerritoryKey, units: [Int], revision: UInt64)]]()
        let simulation = fullSimulation()
        try simulation.run(from: Day("2014-06-01")!, to: Day("2014-12-31")!, every: .days(1)) { s in
            days.append(SyntheticCoverage.territories(of: s).map { ($0.key, $0.units, s.state.revision[$0.key.holder]) })
        }
        return days
    }

    /// Partitions of `n` random points in SY+IQ and territories of 370 anchors on them, by n.
    private var syntheticPartitions = [Int: (partition: Partition, territories: [(key: TerritoryKey, units: [Int])])]()

    func syntheticPartition(_ n: Int) -> (partition: Partition, territories: [(key: TerritoryKey, units: [Int])]) {
        if let cached = syntheticPartitions[n] { return cached }
        let partition = Self.must("build the \(n)-point partition") { try SyntheticCoverage.partition(points: n, geo: geo) }
        let result = (partition, SyntheticCoverage.territories(of: partition, anchors: 370, seed: 1))
        syntheticPartitions[n] = result
        return result
    }

    /// `n` random points in SY+IQ (`SyntheticCoverage.points`), by n.
    private var points = [Int: [(coordinate: Coordinate, country: String)]]()

    func syntheticPoints(_ n: Int) -> [(coordinate: Coordinate, country: String)] {
        if let cached = points[n] { return cached }
        let result = Self.must("make \(n) points") { try SyntheticCoverage.points(n, geo: geo) }
        points[n] = result
        return result
    }

    /// The partition of `n` random points with the points' gazetteer (place i is point i), and a
    /// 370-event scenario naming them, by n.
    private var pointScenarios = [Int: (model: ControlModel, scenario: Scenario)]()

    func syntheticPointsScenario(_ n: Int) -> (model: ControlModel, scenario: Scenario) {
        if let cached = pointScenarios[n] { return cached }
        let points = syntheticPoints(n)
        let places = SyntheticCoverage.places(points)
        let result = Self.must("compile setup for \(n) points") { () throws -> (ControlModel, Scenario) in
            let partition = try Partition(points: points.map(\.coordinate), outlines: geo.outlines, countries: Self.region)
            let scenario = try ScenarioParser.parse(SyntheticCoverage.scenarioYAML(events: 370, places: places), file: "synthetic-370.yaml")
            return (ControlModel(gazetteer: try Gazetteer(places: places), partition: partition), scenario)
        }
        pointScenarios[n] = result
        return result
    }

    /// Synthetic scenarios with `factor` × the seeds' event count, by factor.
    private var synthetic = [Int: (scenario: Scenario, plan: ControlPlan)]()

    func compile(_ scenario: Scenario) -> ControlPlan {
        let (plan, diagnostics) = model.compile(scenario)
        guard let plan else { fatalError("FrontlineBenchmarks: \(scenario.file) does not compile: \(diagnostics)") }
        return plan
    }

    func simulation(_ scenario: Scenario, _ plan: ControlPlan) -> Simulation {
        Simulation(scenario: scenario, partition: partition, plan: plan)
    }

    /// A new replay of the seeds advanced to `Fixtures.date`.
    func seedsSimulation(at day: Day = Fixtures.date) -> Simulation {
        let simulation = simulation(seeds, seedsPlan)
        Self.must("advance to \(day)") { try simulation.advance(to: day) }
        return simulation
    }

    func syntheticScenario(factor: Int) -> (scenario: Scenario, plan: ControlPlan) {
        if let cached = synthetic[factor] { return cached }
        let scenario = Self.must("parse the synthetic \(factor)× scenario") {
            try ScenarioParser.parse(Self.syntheticYAML(events: seeds.events.count * factor, places: geo.gazetteer.places),
                                     file: "synthetic-\(factor)x.yaml")
        }
        let result = (scenario, compile(scenario))
        precondition(scenario.events.count == seeds.events.count * factor && result.1.changes.count == scenario.events.count,
                     "the synthetic \(factor)× scenario lost events")
        synthetic[factor] = result
        return result
    }

    /// A scenario of `events` events over every place of SY and IQ (`SyntheticCoverage.scenarioYAML`).
    static func syntheticYAML(events count: Int, places: [Place]) -> String {
        SyntheticCoverage.scenarioYAML(events: count, places: places.filter { region.contains($0.country) })
    }
}

/// Replays `simulation` day by day from its start to `last`, taking a share report each day.
func replayDaily(_ simulation: Simulation, through last: Day) {
    do {
        try simulation.run(from: simulation.day, to: last, every: .days(1)) { blackHole($0.report()) }
    } catch {
        fatalError("FrontlineBenchmarks: replay failed: \(error)")
    }
}

/// What `frontline share|replay|map|cells --date D` does once its arguments are parsed (the
/// process start aside), with the caches warm: the same library calls, measured into `profile`
/// by the library itself, as `--profile` shows them.
enum Command: String, CaseIterable {
    case share, replay, map, cells

    func run(date: Day, geoDirectory: URL, scenario: String, profile: Profile) throws {
        try Profile.$current.withValue(profile) {
            let geo = try GeoData(directory: geoDirectory)
            let loaded = try LoadedScenario(path: scenario, geo: geo)
            let simulation = loaded.simulation()
            try simulation.advance(to: date)
            let text: String
            switch self {
            case .share: text = Profile.measure(.write) { ShareRenderer.render([simulation.report()], as: .table) }
            case .replay: text = try GeoJSONWriter.featureCollection(simulation)
            case .map:
                let content = try MapContent(simulation: simulation, gazetteer: loaded.gazetteer, outlines: geo.outlines,
                                             governorates: geo.governorates)
                text = Profile.measure(.write) { MapRenderer.render(content, width: 1200) }
            case .cells: text = try CellWriter.featureCollection(simulation, gazetteer: loaded.gazetteer)
            }
            blackHole(text)
        }
    }
}

/// The phases of `profile` as the benchmark's custom metrics (µs), named as `--profile` names them.
func record(_ profile: Profile, in benchmark: Benchmark) {
    for phase in Profile.Phase.allCases {
        benchmark.measurement(.custom("\(phase.name) µs", polarity: .prefersSmaller, useScalingFactor: false),
                              Int((profile.seconds(phase) * 1e6).rounded()))
    }
}

let phaseMetrics: [BenchmarkMetric] = Profile.Phase.allCases.map {
    .custom("\($0.name) µs", polarity: .prefersSmaller, useScalingFactor: false)
}

// MARK: - Benchmarks

let benchmarks: @Sendable () -> Void = {
    let fixtures = Fixtures()
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]
    // Each benchmark stops at whichever limit it reaches first; the slowest (partition build,
    // 100× replay) get a few dozen samples, the whole suite runs in well under three minutes.
    Benchmark.defaultConfiguration = .init(metrics: metrics, warmupIterations: 1,
                                           maxDuration: .seconds(8), maxIterations: 200)

    // 1. The Voronoi partition of Syria and Iraq, clipped to the country outlines, each cell
    //    split within and beyond reach (GEOS), built from scratch: the cache is bypassed (a copy
    //    of the fixture's GeoData with no cache directory). "Partition from the cache" (14.)
    //    measures what commands pay once the cache holds it.
    Benchmark("Partition build (SY+IQ, no cache)",
              configuration: .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        var geo = fixtures.geo
        geo.cacheDirectory = nil
        let gazetteer = fixtures.fullLoaded.gazetteer
        benchmark.startMeasurement()
        let partition = try geo.partition(of: Fixtures.region, gazetteer: gazetteer)
        benchmark.stopMeasurement()
        blackHole(partition)
    }

    // 2. Resolving the seeds' names and reducing them to a ControlPlan (catchments included).
    Benchmark("Compile seeds scenario") { benchmark in
        let model = fixtures.model, scenario = fixtures.seeds
        benchmark.startMeasurement()
        let (plan, _) = model.compile(scenario)
        benchmark.stopMeasurement()
        blackHole(plan)
    }

    // 3. A whole replay of the seeds, one share report per day, start to last event.
    Benchmark("Replay seeds daily, all events") { benchmark in
        let scenario = fixtures.seeds, plan = fixtures.seedsPlan
        let last = plan.changes.last!.day
        benchmark.startMeasurement()
        replayDaily(fixtures.simulation(scenario, plan), through: last)
        benchmark.stopMeasurement()
    }

    // 4. The figures for one date: a new replay stepped to 2017-10-17 and its share report.
    Benchmark("Share for one date") { benchmark in
        let scenario = fixtures.seeds, plan = fixtures.seedsPlan
        benchmark.startMeasurement()
        let simulation = fixtures.simulation(scenario, plan)
        try simulation.advance(to: Fixtures.date)
        blackHole(simulation.report())
        benchmark.stopMeasurement()
    }

    // 4b. Only report() on a replay already at the date (O(factions)), 1000 per sample.
    Benchmark("Share report only (×1000)",
              configuration: .init(metrics: [.wallClock, .mallocCountTotal], scalingFactor: .kilo,
                                   maxDuration: .seconds(3))) { benchmark in
        let simulation = fixtures.seedsSimulation()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(simulation.report())
        }
        benchmark.stopMeasurement()
    }

    // 5. The polygons for one date with an empty union cache: one coverage union per territory.
    Benchmark("Polygons for one date (cold)") { benchmark in
        let simulation = fixtures.seedsSimulation()
        benchmark.startMeasurement()
        let territories = try simulation.territories()
        benchmark.stopMeasurement()
        blackHole(territories)
    }

    // 6. GeoJSON for one date: snapping to the 1e-6° grid, validity checks and text. The
    //    territories are computed (and cached) before the measurement, so this excludes
    //    benchmark 5's unions; cold GeoJSON ≈ benchmark 5 + this.
    Benchmark("GeoJSON for one date") { benchmark in
        let simulation = fixtures.seedsSimulation()
        blackHole(try simulation.territories())
        benchmark.startMeasurement()
        let json = try GeoJSONWriter.featureCollection(simulation)
        benchmark.stopMeasurement()
        blackHole(json)
    }

    // 8. The full scenario: compile (names, catchments, fronts), then the whole daily replay
    //    2014-01-01 → 2019-12-31 with a share report each day (fronts move every day).
    Benchmark("Compile full scenario (2014–2019)") { benchmark in
        let model = fixtures.fullModel, scenario = fixtures.full
        benchmark.startMeasurement()
        let (plan, _) = model.compile(scenario)
        benchmark.stopMeasurement()
        blackHole(plan)
    }

    Benchmark("Replay full scenario daily 2014–2019") { benchmark in
        let scenario = fixtures.full, plan = fixtures.fullPlan
        let last = scenario.end ?? plan.changes.last!.day
        benchmark.startMeasurement()
        replayDaily(fixtures.fullSimulation(), through: last)
        benchmark.stopMeasurement()
        blackHole(scenario)
    }

    // 8b. Polygons on a day when fronts cut cells (Raqqa and Deir ez-Zor, 2017-09-15), cold.
    Benchmark("Polygons full scenario, one date with fronts (cold)") { benchmark in
        let simulation = fixtures.fullSimulation()
        try simulation.advance(to: Day("2017-09-15")!)
        benchmark.startMeasurement()
        let territories = try simulation.territories()
        benchmark.stopMeasurement()
        blackHole(territories)
    }

    // 7. Synthetic scale: 10× and 100× the seeds' event count, daily replay with reports.
    for factor in [10, 100] {
        Benchmark("Replay synthetic \(factor)× events daily") { benchmark in
            let (scenario, plan) = fixtures.syntheticScenario(factor: factor)
            let last = plan.changes.last!.day
            benchmark.startMeasurement()
            replayDaily(fixtures.simulation(scenario, plan), through: last)
            benchmark.stopMeasurement()
        }
    }

    // 9. Writing numbers: the daily timeline CSV (2,191 days × 9 rows) and one date's GeoJSON.
    Benchmark("Timeline CSV daily 2014–2019 (render)") { benchmark in
        let reports = fixtures.fullDailyReports
        benchmark.startMeasurement()
        let csv = ShareRenderer.render(reports, as: .csv)
        benchmark.stopMeasurement()
        blackHole(csv)
    }

    Benchmark("Number formatting: daily timeline CSV values") { benchmark in
        let numbers = fixtures.timelineNumbers
        benchmark.startMeasurement()
        for (value, decimals) in numbers { blackHole(Number.format(value, decimals: decimals)) }
        benchmark.stopMeasurement()
    }

    Benchmark("GeoJSON full scenario 2017-10-17 (territories cached)") { benchmark in
        let simulation = fixtures.fullAtDate
        benchmark.startMeasurement()
        let json = try GeoJSONWriter.featureCollection(simulation)
        benchmark.stopMeasurement()
        blackHole(json)
    }

    Benchmark("Number formatting: GeoJSON 2017-10-17 coordinates") { benchmark in
        let coordinates = fixtures.geoJSONCoordinates
        benchmark.startMeasurement()
        for c in coordinates { blackHole(Number.format(c, decimals: 6)) }
        benchmark.stopMeasurement()
    }

    // 10. Loading: the gazetteer (name folding and indexes) and the full scenario's YAML.
    Benchmark("Gazetteer load (Geo/places.tsv, aliases, governorate names)") { benchmark in
        benchmark.startMeasurement()
        let gazetteer = try Gazetteer(directory: Fixtures.geoDirectory)
        benchmark.stopMeasurement()
        blackHole(gazetteer)
    }

    Benchmark("Parse full scenario YAML") { benchmark in
        let text = fixtures.fullYAML
        benchmark.startMeasurement()
        let (scenario, diagnostics) = ScenarioParser.read(text, file: "iraq-syria-2014-2019.yaml")
        benchmark.stopMeasurement()
        precondition(scenario != nil && diagnostics.isEmpty, "the full scenario does not parse: \(diagnostics)")
        blackHole(scenario)
    }

    // 11. Territory polygons: the GEOS coverage union (CoverageUnionBuilder) against the
    //     coverage's own edges (CoverageEdgeBuilder), cold and updated day by day.
    Benchmark("Edge graph build (full scenario partition)") { benchmark in
        let partition = fixtures.fullLoaded.partition
        benchmark.startMeasurement()
        let builder = try CoverageEdgeBuilder(partition: partition)
        benchmark.stopMeasurement()
        blackHole(builder)
    }

    Benchmark("Territories 2017-10-17, coverage union (cold)") { benchmark in
        let territories = fixtures.fullTerritories
        let builder = CoverageUnionBuilder(partition: fixtures.fullLoaded.partition)
        benchmark.startMeasurement()
        for t in territories { blackHole(try builder.territory(t.key, units: t.units, revision: 0)) }
        benchmark.stopMeasurement()
    }

    Benchmark("Territories 2017-10-17, edge graph (cold)") { benchmark in
        let territories = fixtures.fullTerritories
        let builder = try CoverageEdgeBuilder(partition: fixtures.fullLoaded.partition)
        benchmark.startMeasurement()
        for t in territories { blackHole(try builder.territory(t.key, units: t.units, revision: 0)) }
        benchmark.stopMeasurement()
    }

    Benchmark("Territories daily 2014-06-01…12-31, coverage union (reused while unchanged)") { benchmark in
        let days = fixtures.fullDailyTerritories
        let builder = CoverageUnionBuilder(partition: fixtures.fullLoaded.partition)
        benchmark.startMeasurement()
        for day in days { for t in day { blackHole(try builder.territory(t.key, units: t.units, revision: t.revision)) } }
        benchmark.stopMeasurement()
    }

    Benchmark("Territories daily 2014-06-01…12-31, edge graph (incremental)") { benchmark in
        let days = fixtures.fullDailyTerritories
        let builder = try CoverageEdgeBuilder(partition: fixtures.fullLoaded.partition)
        benchmark.startMeasurement()
        for day in days { for t in day { blackHole(try builder.territory(t.key, units: t.units, revision: t.revision)) } }
        benchmark.stopMeasurement()
    }

    // 12. The same at scale: partitions of 1,000, 20,000 and 100,000 random points
    //     (`Partition(points:)`, built once per run: about 0.03, 0.2 and 1 s), territories of 370
    //     anchors. Benchmarks/scripts/compare_shapely.py times shapely.coverage_union_all on the same cells.
    for n in [1_000, 20_000, 100_000] {
        let label = "\(n / 1000)k"
        let few = Benchmark.Configuration(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(8),
                                         maxIterations: n > 50_000 ? 10 : 30)
        Benchmark("Edge graph build (synthetic \(label) cells)", configuration: few) { benchmark in
            let partition = fixtures.syntheticPartition(n).partition
            benchmark.startMeasurement()
            let builder = try CoverageEdgeBuilder(partition: partition)
            benchmark.stopMeasurement()
            blackHole(builder)
        }
        Benchmark("Territories synthetic \(label) cells, coverage union (cold)", configuration: few) { benchmark in
            let (partition, territories) = fixtures.syntheticPartition(n)
            let builder = CoverageUnionBuilder(partition: partition)
            benchmark.startMeasurement()
            for t in territories { blackHole(try builder.territory(t.key, units: t.units, revision: 0)) }
            benchmark.stopMeasurement()
        }
        Benchmark("Territories synthetic \(label) cells, edge graph (cold)", configuration: few) { benchmark in
            let (partition, territories) = fixtures.syntheticPartition(n)
            let builder = try CoverageEdgeBuilder(partition: partition)
            benchmark.startMeasurement()
            for t in territories { blackHole(try builder.territory(t.key, units: t.units, revision: 0)) }
            benchmark.stopMeasurement()
        }
    }

    // 13. Commands as the CLI runs them for one date (in process: process start aside, ~15 ms),
    //     caches warm, with the time of each phase (the same Profile `--profile` prints).
    let full = Fixtures.geoDirectory.deletingLastPathComponent().appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml").path
    for command in Command.allCases {
        Benchmark("Command \(command.rawValue) --date 2017-10-17 (in process, caches warm)",
                  configuration: .init(metrics: metrics + phaseMetrics, warmupIterations: 2, maxDuration: .seconds(8),
                                       maxIterations: 100)) { benchmark in
            let profile = Profile()
            benchmark.startMeasurement()
            try command.run(date: Fixtures.date, geoDirectory: Fixtures.geoDirectory, scenario: full, profile: profile)
            benchmark.stopMeasurement()
            record(profile, in: benchmark)
        }
    }

    // 14. The load phase's parts: Geo/ from its cache, the partition from its cache.
    Benchmark("Geo/ load (through the cache)") { benchmark in
        benchmark.startMeasurement()
        let geo = try GeoData(directory: Fixtures.geoDirectory)
        benchmark.stopMeasurement()
        blackHole(geo)
    }

    Benchmark("Partition from the cache (full scenario's)") { benchmark in
        let geo = fixtures.geo, gazetteer = fixtures.fullLoaded.gazetteer
        benchmark.startMeasurement()
        let partition = try geo.partition(of: Fixtures.region, gazetteer: gazetteer)
        benchmark.stopMeasurement()
        blackHole(partition)
    }

    Benchmark("Snap to the 1e-6° grid, 2017-10-17 territories (rounding, checks)") { benchmark in
        let territories = try fixtures.fullAtDate.territories()
        benchmark.startMeasurement()
        for t in territories { blackHole(try t.geometry.snappedToGrid(GeoJSONWriter.gridSize)) }
        benchmark.stopMeasurement()
    }

    Benchmark("Snap to the 1e-6° grid, 2017-10-17 territories (GEOS snap rounding)") { benchmark in
        let territories = try fixtures.fullAtDate.territories()
        benchmark.startMeasurement()
        for t in territories { blackHole(try t.geometry.reducedPrecision(gridSize: GeoJSONWriter.gridSize)) }
        benchmark.stopMeasurement()
    }

    // 15. Partitions of random points (`Partition(points:)`, no reach rule) at 1k, 20k and 100k,
    //     and a 370-event scenario compiled on them. scripts/compare_partition.py times Shapely's
    //     Voronoi + clip + pyproj areas on the same points.
    for n in [1_000, 20_000, 100_000] {
        let label = "\(n / 1000)k"
        let few = Benchmark.Configuration(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(8),
                                         maxIterations: n > 50_000 ? 5 : n > 5_000 ? 20 : 100)
        Benchmark("Partition of \(label) random points (build)", configuration: few) { benchmark in
            let points = fixtures.syntheticPoints(n).map(\.coordinate)
            let outlines = fixtures.geo.outlines
            benchmark.startMeasurement()
            let partition = try Partition(points: points, outlines: outlines, countries: Fixtures.region)
            benchmark.stopMeasurement()
            blackHole(partition)
        }
        Benchmark("Compile a 370-event scenario on \(label) random points", configuration: few) { benchmark in
            let (model, scenario) = fixtures.syntheticPointsScenario(n)
            benchmark.startMeasurement()
            let (plan, _) = model.compile(scenario)
            benchmark.stopMeasurement()
            precondition(plan != nil, "the synthetic scenario does not compile")
            blackHole(plan)
        }
    }

    // 7b. Compiling the synthetic 100× scenario: every place becomes an anchor, so this shows
    //     the O(cells × anchors) catchment cost.
    Benchmark("Compile synthetic 100× scenario",
              configuration: .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(8), maxIterations: 50)) { benchmark in
        let (scenario, _) = fixtures.syntheticScenario(factor: 100)
        let model = fixtures.model
        benchmark.startMeasurement()
        let (plan, _) = model.compile(scenario)
        benchmark.stopMeasurement()
        blackHole(plan)
    }
}
