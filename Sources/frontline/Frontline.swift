import ArgumentParser
import Foundation
import Frontline

@main
struct FrontlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Replay dated territorial-control events into maps and area figures.",
        discussion: """
            Reads a scenario (factions, control at the start, dated events), splits Syria and Iraq into one cell per gazetteer place, and replays the events day by day.

            Examples:
              frontline share --date 2017-10-17
              frontline timeline --from 2014-06-01 --to 2019-12-31 --every 1m --format csv
              frontline replay --date 2015-05-21 -o palmyra.geojson
              frontline map --date 2017-10-17 -o raqqa.svg
              frontline places "Deir Ezzor"
              frontline map --date 2015-05-21 -o map.svg
              frontline events --faction isis --min-km2 1000
              frontline check Scenarios/seeds.yaml
              frontline import acled export.csv -o acled.yaml

            Without a SCENARIO argument the default scenario Scenarios/iraq-syria-2014-2019.yaml is used (Scenarios/seeds.yaml holds the events of the five seed reports); "-" reads the scenario from standard input. "-o -" writes to standard output. Frontline finds its data in Geo/ of the current directory or above, or where make install put it (PREFIX/share/frontline/Geo); set FRONTLINE_GEO to use another directory.
            """,
        version: "frontline \(FrontlineVersion.current)",
        subcommands: [Share.self, Timeline.self, Events.self, Replay.self, MapCommand.self, Viewer.self, Explain.self, Check.self,
                      Places.self, Cells.self, ImportCommand.self]
    )
}

// MARK: - Shared options and helpers

struct ScenarioOptions: ParsableArguments {
    @Argument(help: "Scenario file (YAML); - reads standard input. Default: Scenarios/iraq-syria-2014-2019.yaml.")
    var scenario: String?

    @Option(name: .customLong("geo"), help: "Directory with places.tsv and countries.geojson (default: ./Geo).")
    var geoDirectory: String?
    @Flag(help: ProfileOption.help) var profile = false

    @Option(name: .customLong("reach-km"),
            help: "The reach rule's distance (km) beyond a settlement's built-up edge and either side of a local road (default \(Int(ReachModel.standard.reachKm)); docs/MODEL.md).")
    var reachKm: Double?
    @Option(name: .customLong("corridor-km"),
            help: "Half-width (km) of the corridor held along a main road or major river (default \(Int(ReachModel.standard.corridorKm ?? 0))).")
    var corridorKm: Double?

    @Flag(name: .shortAndLong, help: "No progress or summary line on stderr.")
    var quiet = false

    func geo() throws -> GeoData {
        var geo = try GeoData(directory: geoDirectory.map { URL(fileURLWithPath: $0) } ?? GeoData.locate())
        if reachKm != nil || corridorKm != nil {
            for value in [reachKm, corridorKm].compactMap({ $0 }) where !(value >= 0 && value <= 500) {
                throw ValidationError("--reach-km and --corridor-km must be from 0 to 500")
            }
            let standard = ReachModel.standard
            geo.reach = ReachModel(reachKm: reachKm ?? standard.reachKm, corridorKm: corridorKm ?? standard.corridorKm,
                                   builtUpDensity: standard.builtUpDensity)
        }
        return geo
    }

    func load() throws -> (GeoData, LoadedScenario) {
        let geo = try self.geo()
        let path = scenario ?? geo.defaultScenario.path
        if path == "-", isatty(0) == 1 { warn("reading the scenario from standard input (end it with Ctrl-D)") }
        let loaded = try LoadedScenario(path: path, geo: geo)
        return (geo, loaded)
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Step: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ShareFormat: ExpressibleByArgument {}

extension Step {
    /// `--every`: a step, or an error saying why the text is not one.
    static func argument(_ text: String) throws -> Step {
        do { return try Step(parsing: text) } catch let error as StepError { throw ValidationError(error.reason) }
    }
}

/// Fails when `date` is after the scenario's end (it says nothing about later days); warns
/// when the scenario gives no end and `date` is after its last event.
func checkDate(_ date: Day, _ loaded: LoadedScenario, option: String) throws {
    let s = loaded.scenario
    if let end = s.end {
        guard date <= end else {
            throw ValidationError("\(option) \(date) is after the scenario's end \(end); \(ScenarioSource.displayName(s.file)) says nothing about later days")
        }
    } else if let last = s.events.map({ $0.until ?? $0.date }).max(), date > last {
        warn("\(option) \(date) is after the scenario's last event (\(last)) and it gives no end: the control of \(last) is carried forward")
    }
}

/// The most dates one `replay` series writes (one GeoJSON file each) and one SVG chart shows.
let maximumSeriesFiles = 10_000
let maximumChartDates = 20_000

// MARK: - share

struct Share: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Area (km2), share, population and change against its own peak per faction on a date.",
        discussion: """
            Examples:
              frontline share --date 2017-10-17
              frontline share --date 2017-10-17 --country SY --format json
              frontline share --date 2015-05-21 --faction ISIS --faction sdf

            "vs peak" compares each faction's ground (held and contested) with the most it held on any day since the scenario's start (the peak date is shown), so "-87%" reads "lost 87% of its territory". With --country the figures, shares and peaks are those within that country. --faction (an id or alias, in any case: isis, ISIS, ISIL, Daesh) keeps that side's rows; the region's contested and unassigned totals stay.
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(help: "The date (YYYY-MM-DD).") var date: Day
    @Option(help: "Limit the figures to one country of the region (ISO code, e.g. SY).") var country: String?
    @Option(help: "table, csv or json.") var format: ShareFormat = .table
    @Option(name: .customLong("faction"), help: ArgumentHelp("Only this faction's rows: an id or alias, any case (repeatable).", valueName: "name"))
    var factions: [String] = []

    func run() throws {
        try reporting {
            let (_, loaded) = try options.load()
            let simulation = loaded.simulation()
            try checkCountry(country, loaded)
            try checkDate(date, loaded, option: "--date")
            if let country { simulation.trackPeaks(in: country) }
            try simulation.advance(to: date)
            let report = country.map(simulation.report(country:)) ?? simulation.report()
            let only = try factionFilter(factions, loaded.scenario)
            try writeStdout(ShareRenderer.render([only.map(report.keeping) ?? report], as: format))
        }
    }
}

/// Fails with a clear message when `country` is given and not in the scenario's region.
func checkCountry(_ country: String?, _ loaded: LoadedScenario) throws {
    if let country, !loaded.scenario.region.contains(country) {
        throw ValidationError("--country \(Diagnostic.quoted(country)) is not in the scenario's region (\(loaded.scenario.region.joined(separator: ", ")))")
    }
}

// MARK: - events

struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the scenario's events with the ground each one moved when it applied.",
        discussion: """
            Replays the whole scenario and prints, per event: its number, date (and end, for an offensive), line, faction, action, what it names, and the ground it changed (for an offensive, the ground put under its front) in both measures: "held km2" is the part within reach of settlements, main roads and rivers, "ground km2" all of it (held + influence). Use it to see which events shape the figures.
            Example: frontline events --faction isis --min-km2 1000
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(help: "Only events by or from this faction (an id or alias, any case).") var faction: String?
    @Option(help: "Only events that moved at least this many km2 of ground (held + influence).") var minKm2: Double = 0
    @Option(help: "table, csv or json (csv and json add the source, claim, uncertainty, label and note).") var format: ShareFormat = .table

    func validate() throws {
        guard minKm2.isFinite, minKm2 >= 0 else { throw ValidationError("--min-km2 must be a number of km², 0 or more (not \(minKm2))") }
    }

    func run() throws {
        try reporting {
            let (_, loaded) = try options.load()
            let simulation = loaded.simulation()
            let faction = try factionFilter(self.faction.map { [$0] } ?? [], loaded.scenario)?.first
            let last = loaded.scenario.events.map { $0.until ?? $0.date }.max() ?? loaded.scenario.start
            try simulation.advance(to: last)
            if format != .table { return try writeEvents(simulation, format: format, faction: faction) }
            var rows = [["#", "date", "until", "line", "faction", "from", "action", "target", "radius", "held km²", "ground km²"]]
            for (k, change) in simulation.plan.changes.enumerated() where k < simulation.moved.count {
                let e = loaded.scenario.events[change.event], moved = simulation.moved[k]
                guard moved.groundKm2 >= minKm2, faction == nil || e.faction == faction || e.from == faction else { continue }
                rows.append(["\(e.number)", "\(e.date)", e.until.map { "\($0)" } ?? "", "\(e.line)", e.faction, e.from ?? "",
                             e.action.rawValue, "\(e.target)", e.radiusKm.map { "\(Int($0))" } ?? "",
                             String(Int(moved.heldKm2.rounded())), String(Int(moved.groundKm2.rounded()))])
            }
            try writeStdout(TextTableRenderer.render(rows))
        }
    }
}

// MARK: - timeline

struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share of territory per faction at regular dates, as a table, CSV, JSON or an SVG chart.",
        discussion: """
            Examples:
              frontline timeline --from 2014-06-01 --to 2019-06-01 --every 1m --format csv
              frontline timeline --from 2014-06-01 --to 2019-12-31 --every 7d -o chart.svg --mark "2017-10-17=Raqqa falls"
              frontline timeline --to 2019-12-31 --every 7d --layout per-side -o sides.png
              frontline timeline --to 2019-12-31 --every 7d --faction ISIS --country IQ -o isis-iraq.svg

            The format follows -o's extension (.csv, .json, .txt for the table, .svg, .png) unless --format says otherwise; an extension that names another format is an error. The SVG chart shows held ground, all ground (held + influence) and population per faction over time, contested ground as a dashed series, and a marker for every event with a label plus each --mark. --layout per-side draws one row of panels per side, each on its own scale, so that a side with a hundredth of another's ground stays readable; --faction (repeatable; an id or alias) keeps those sides' rows, or draws only their series on axes scaled to them. With --country the figures are within that country, the chart says so and keeps the sides and labelled events there.
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case csv, json, table, svg, png }

    @OptionGroup var options: ScenarioOptions
    @Option(help: "First date (default: the scenario's start).") var from: Day?
    @Option(help: "Last date (YYYY-MM-DD).") var to: Day
    @Option(help: "Step: Nd (days), Nw (weeks), Nm (months) or Ny (years), e.g. 1d, 7d, 1m.", transform: Step.argument)
    var every: Step = .months(1)
    @Option(name: .customLong("format"), help: "csv, json, table, svg or png (default: from -o's extension, else csv).") var formatOption: Format?
    @Option(help: "Limit the figures to one country of the region (ISO code, e.g. IQ).") var country: String?
    @Option(name: .shortAndLong, help: "Output file, written atomically (default and -: stdout).") var output: String?
    @Option(name: .customLong("mark"), help: ArgumentHelp("A marker on the SVG chart: YYYY-MM-DD=Caption (repeatable).", valueName: "date=caption"))
    var marks: [ChartMarker] = []
    @Option(name: .customLong("faction"), help: ArgumentHelp("Only this side: its rows, or its series on the chart (repeatable; an id or alias, any case).", valueName: "name"))
    var factions: [String] = []
    @Option(help: "The chart's layout: combined (all sides in three panels) or per-side (one row of panels per side, each on its own scale).")
    var layout: ChartOptions.Layout = .combined
    @Option(help: "Width of the chart in pixels.") var width: Int = 1200

    /// The format: --format, else -o's extension, else CSV (validate() has checked they agree).
    var format: Format { (try? Format.resolve(formatOption, output: output)) ?? .csv }

    func validate() throws {
        let format = try Format.resolve(formatOption, output: output)
        let drawing = format == .svg || format == .png
        if !marks.isEmpty && !drawing { throw ValidationError("--mark applies to the chart (--format svg or png) only") }
        if layout != .combined && !drawing { throw ValidationError("--layout applies to the chart (--format svg or png) only") }
        guard (400...10_000).contains(width) else { throw ValidationError("--width must be between 400 and 10000") }
    }

    func run() throws {
        try reporting {
            // No progress line between the rows when they go to the same terminal.
            let progress = RunProgress("timeline", quiet: options.quiet || (isStandardOutput(output) && isatty(1) == 1))
            let (_, loaded) = try options.load()
            let simulation = loaded.simulation()
            let start = from ?? loaded.scenario.start
            guard start <= to else { throw ValidationError("--from \(start) is after --to \(to)") }
            guard start >= loaded.scenario.start else { throw SimulationError.beforeStart(start, start: loaded.scenario.start) }
            try checkCountry(country, loaded)
            try checkDate(to, loaded, option: "--to")
            let count = every.count(from: start, through: to)
            if (format == .svg || format == .png) && count > maximumChartDates {
                throw ValidationError("the chart would have \(count) dates; it shows at most \(maximumChartDates) (use a larger --every)")
            }
            if let country { simulation.trackPeaks(in: country) }
            let only = try factionFilter(factions, loaded.scenario)
            let drawing = format == .svg || format == .png
            // CSV, JSON and tables are written date by date as the replay goes; the chart needs them all.
            let out = drawing ? nil : try OutputTarget.open(output)
            progress.total = count
            var reports = [ShareReport]()
            var stream = ShareStream(format: ShareFormat(rawValue: format.rawValue) ?? .csv, count: count)
            var done = 0
            try simulation.run(from: start, to: to, every: every) {
                let report = country.map($0.report(country:)) ?? $0.report()
                if drawing { reports.append(report) } else { try out?.write(stream.next(only.map(report.keeping) ?? report)) }
                done += 1
                progress.step(done, "\($0.day)")
            }
            let bytes: Int
            if drawing {
                bytes = try writeDrawing(chart(reports, simulation: simulation, from: start, only: only),
                                         format: format == .png ? .png : .svg, width: width, to: output)
            } else {
                try out?.write(stream.end())
                try out?.finish()
                bytes = out?.byteCount ?? 0
            }
            progress.finish(isStandardOutput(output) ? nil
                            : "wrote \(output!) (\(count) date\(count == 1 ? "" : "s"), \(start) to \(to), \(RunProgress.size(bytes)))")
        }
    }
}

extension ChartMarker: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

// MARK: - replay

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the control polygons as GeoJSON for a date or a series of dates.",
        discussion: """
            One date:    frontline replay --date 2015-05-21 -o palmyra.geojson
            A layer:     frontline replay --to 2019-12-31 --every 1d -o territories.gpkg   (or .fgb, .geojson)
                         one MultiPolygon feature per territory part (around a named place, in a governorate)
                         while it stays the same,
                         valid from valid_from to the day before valid_to, with the events that made it
            A series:    frontline replay --from 2016-01-01 --to 2016-12-31 --every 1m -o out/2016
                         (one YYYY-MM-DD.geojson per date and an index.json)
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(help: "The date of a single map.") var date: Day?
    @Option(help: "First date of a series.") var from: Day?
    @Option(help: "Last date of a series.") var to: Day?
    @Option(help: "Step of a series: Nd, Nw, Nm or Ny.", transform: Step.argument) var every: Step = .months(1)
    @Option(name: .shortAndLong, help: "Output: a .geojson file for --date (- for standard output); for a series a .gpkg, .fgb or .geojson layer, or a directory (one file per date).")
    var output: String
    @Option(help: "Layer features: a territory's part around each named 'place' in each governorate (default), in each 'governorate', or the whole 'territory'.")
    var split: TerritoryLayer.Split = .place

    func validate() throws {
        if date != nil && (from != nil || to != nil) { throw ValidationError("give either --date or --from/--to, not both") }
        if date == nil && to == nil { throw ValidationError("give --date D, or --to D (with --from/--every) for a series") }
        try checkOutputFormat(output, allowed: date != nil ? ["geojson", "json", "gpkg", "fgb"] : ["geojson", "gpkg", "fgb"],
                              what: "GeoJSON, a GeoPackage or FlatGeobuf layer" + (date == nil ? " or a directory" : ""))
        if date == nil && output == "-" { throw ValidationError("a series is written to a directory (one file per date), not to standard output") }
    }

    func run() throws {
        try reporting {
            let progress = RunProgress("replay", quiet: options.quiet)
            let (_, loaded) = try options.load()
            if let format = LayerFormat(path: output), date == nil || format != .geojson {
                return try writeLayer(loaded, format: format, progress: progress)
            }
            let simulation = loaded.simulation()
            if let date {
                try checkDate(date, loaded, option: "--date")
                try simulation.advance(to: date)
                let bytes = try writeOutput(try GeoJSONWriter.featureCollection(simulation), to: output)
                progress.finish(isStandardOutput(output) ? nil : "wrote \(output) (\(date), \(RunProgress.size(bytes)))")
                return
            }
            let start = from ?? loaded.scenario.start, to = to!
            guard start <= to else { throw ValidationError("--from \(start) is after --to \(to)") }
            guard start >= loaded.scenario.start else { throw SimulationError.beforeStart(start, start: loaded.scenario.start) }
            try checkDate(to, loaded, option: "--to")
            let count = every.count(from: start, through: to)
            guard count <= maximumSeriesFiles else {
                throw ValidationError("the series would have \(count) dates; one run writes at most \(maximumSeriesFiles) files (use a larger --every or a shorter range)")
            }
            guard !isStandardOutput(output) else { throw ValidationError("a series is written to a directory, not to standard output") }
            // The series is written beside the directory and swapped in whole at the end.
            let series = try SeriesDirectory(output)
            let index = try series.file("index.json")
            try index.write("[\n")
            progress.total = count
            var bytes = 0
            for (i, day) in every.days(from: start, through: to).enumerated() {
                try simulation.advance(to: day)
                let name = "\(day).geojson"
                let text = try GeoJSONWriter.featureCollection(simulation)
                try series.write(name, text)
                bytes += text.utf8.count
                try index.write((i == 0 ? "" : ",\n") + "{\"date\":\"\(day)\",\"file\":\"\(name)\",\"share\":\(ShareRenderer.json(simulation.report()))}")
                progress.step(i + 1, "\(day)")
            }
            try index.write("\n]\n")
            try index.finish()
            try series.commit()
            progress.finish("wrote \(count) GeoJSON file\(count == 1 ? "" : "s") and index.json to \(output) "
                            + "(\(start) to \(to), every \(every), \(RunProgress.size(bytes + index.byteCount)))")
        }
    }
}

// MARK: - map

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw the control map of a date as SVG (or PNG).",
        discussion: """
            Examples:
              frontline map --date 2017-10-17 -o raqqa.svg
              frontline map --date 2015-05-21 --country SY --width 800 -o syria.png

            Each faction's ground is filled in its colour (its area of influence stippled), contested ground hatched in the holder's and the attacker's colours; neighbouring countries in grey, major rivers in blue, country borders thick, governorate borders dashed. Reference cities (Baghdad, Damascus, Erbil, Mosul, Aleppo, Palmyra, Kobani ...) are always labelled with their English names; the scenario's places named in an event in the 90 days before the date are labelled in bold, its larger places (50,000 people or more) where there is room. The legend gives each faction's held area, share, influence, population and change against its peak on the date; a line says how many cited reports the map is modelled from. Lambert conformal conic projection (PROJ) fitted to what is shown.

            With --country the map shows that country only: its territories, figures and places, the title naming it. -o FILE.png renders the SVG to PNG with rsvg-convert (librsvg); any other extension than .svg or .png is an error.
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(help: "The date (YYYY-MM-DD).") var date: Day
    @Option(name: .shortAndLong, help: "Output .svg or .png file, written atomically (default and -: stdout).") var output: String?
    @Option(help: "Width of the drawing in pixels.") var width: Int = 1200
    @Option(help: "Limit the map to one country of the region (ISO code, e.g. SY).") var country: String?
    @Option(help: "svg or png (default: from -o's extension, else svg).") var format: DrawingFormat?

    func validate() throws {
        guard (400...10_000).contains(width) else { throw ValidationError("--width must be between 400 and 10000") }
        _ = try DrawingFormat.resolve(format, output: output)
    }

    func run() throws {
        try reporting {
            let progress = RunProgress("map", quiet: options.quiet)
            let (geo, loaded) = try options.load()
            let simulation = loaded.simulation()
            try checkCountry(country, loaded)
            try checkDate(date, loaded, option: "--date")
            if let country { simulation.trackPeaks(in: country) }
            try simulation.advance(to: date)
            let content = try MapContent(simulation: simulation, gazetteer: loaded.gazetteer, outlines: geo.outlines,
                                         governorates: geo.governorates, country: country, neighbours: try geo.neighbours(),
                                         lines: geo.lines)
            let bytes = try writeDrawing(MapRenderer.render(content, width: Double(width)), format: try DrawingFormat.resolve(format, output: output),
                                         width: width, to: output)
            progress.finish(isStandardOutput(output) ? nil : "wrote \(output!) (\(date), \(RunProgress.size(bytes)))")
        }
    }
}

// MARK: - explain

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a point is held, influence or unassigned on a date: its cell, the reach that covers it, and the events that made it so.",
        discussion: """
            Examples:
              frontline explain --date 2015-05-21 --at 34.55,38.27
              frontline explain --date 2017-10-17 --place Raqqa

            Prints the point's status (held, contested, influence, unassigned), its cell and catchment, its distance to the cell's settlement, the nearest main road and the nearest major river against their reach (docs/MODEL.md), and every change of the cell's control up to the date with the event and source that made it.
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(help: "The date (YYYY-MM-DD).") var date: Day
    @Option(help: ArgumentHelp("The point: latitude,longitude in degrees (e.g. 34.55,38.27).", valueName: "lat,lon"))
    var at: String?
    @Option(help: "A place name instead of --at (its gazetteer position).") var place: String?

    func validate() throws {
        if (at == nil) == (place == nil) { throw ValidationError("give --at LAT,LON or --place NAME") }
        if let place, place.count > ScenarioParser.maximumNameLength {
            throw ValidationError("the name is \(place.count) characters long; place names have at most \(ScenarioParser.maximumNameLength)")
        }
        if let at, Self.coordinate(at) == nil { throw ValidationError("--at '\(at)' is not latitude,longitude in degrees") }
    }

    static func coordinate(_ text: String) -> Coordinate? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
              (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return Coordinate(lon: lon, lat: lat)
    }

    func run() throws {
        try reporting {
            let (_, loaded) = try options.load()
            let point = try at.flatMap(Self.coordinate) ?? loaded.gazetteer.resolve(place ?? "").coordinate
            guard date >= loaded.scenario.start else {
                throw ValidationError("--date \(date) is before the scenario's start \(loaded.scenario.start)")
            }
            try checkDate(date, loaded, option: "--date")
            try writeStdout(try Explanation(point: point, day: date, loaded: loaded).text(loaded))
        }
    }
}

// MARK: - check

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report every problem in a scenario (file:line: what is wrong); exit 1 if there is any error.",
        discussion: "Example: frontline check Scenarios/seeds.yaml")

    @OptionGroup var options: ScenarioOptions

    func run() throws {
        try reporting {
            let geo = try options.geo()
            let path = options.scenario ?? geo.defaultScenario.path
            do {
                if path == "-", isatty(0) == 1 { warn("reading the scenario from standard input (end it with Ctrl-D)") }
                let loaded = try LoadedScenario(path: path, geo: geo)
                for w in loaded.warnings + (try ScenarioAudit().warnings(loaded)) { printError(w.description) }
                let s = loaded.scenario
                let dates = s.events.map(\.date)
                try writeStdout("\(ScenarioSource.displayName(path)): ok: \(s.factions.count) factions, \(s.initial.count) initial entries, "
                            + "\(s.events.count) events from \(dates.min() ?? s.start) to \(dates.max() ?? s.start), "
                            + "\(loaded.plan.anchors.count) places named, "
                            + "\(loaded.partition.cells.count) cells (\(loaded.partition.cells.filter(\.isFiller).count) desert fillers)\n")
            } catch let error as ScenarioError {
                for d in error.diagnostics { printError(d.description) }
                let n = error.diagnostics.filter { $0.severity == .error }.count
                printError("\(ScenarioSource.displayName(path)): \(n) error\(n == 1 ? "" : "s")")
                throw ExitCode(1)
            }
        }
    }
}

// MARK: - places

struct Places: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look a place up in the gazetteer, the way a scenario would, or search for the nearest names.",
        discussion: """
            Examples:
              frontline places Shingal
              frontline places "Hit, IQ" --format json
              frontline places Raqa

            A name that resolves prints its place. An ambiguous name lists its places (qualify it with a country or governorate after a comma); a name the gazetteer does not know lists the nearest names (the query starting a name, or a few letters apart). Exit status 0 when anything is listed, 1 when nothing is near.
            """)

    enum Format: String, ExpressibleByArgument { case table, json }

    @Argument(help: "A place name, optionally qualified: 'Hit, IQ', 'Suran, Hama'.") var query: String
    @Option(name: .customLong("geo"), help: "Directory with places.tsv.") var geoDirectory: String?
    @Flag(help: ProfileOption.help) var profile = false
    @Option(help: "table or json.") var format: Format = .table

    func run() throws {
        try reporting {
            guard query.count <= ScenarioParser.maximumNameLength else {
                throw ValidationError("the name is \(query.count) characters long; place names have at most \(ScenarioParser.maximumNameLength)")
            }
            let directory = try geoDirectory.map { URL(fileURLWithPath: $0) } ?? GeoData.locate()
            try PlaceLookup.run(query: query, json: format == .json, directory: directory)
        }
    }
}
