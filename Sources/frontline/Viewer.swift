import ArgumentParser
import Foundation
import Frontline

// MARK: - viewer

struct Viewer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an interactive map of the replay: a static site that works offline.",
        discussion: """
            Example: frontline viewer -o site && open site/index.html   (or serve the folder from any static host)

            The page shows the map of the territories on a date chosen with a slider (or played), each side's held ground solid, contested ground hatched and its area of influence stippled in its colour; the share table of that date; the timeline of each side's ground with a tick for every event; a click on a territory lists the events that made it (date, claim, source with link, uncertainty). Everything is in the folder (Leaflet 1.9.4 is vendored): the page makes no network request. index.html#date=2017-10-17 opens on a date.
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(name: .shortAndLong, help: "Output directory (created if needed; a previous site there is replaced whole).") var output: String
    @Option(help: "Last day of the replay (default: the scenario's end, or its last event).") var to: Day?

    func run() throws {
        try reporting {
            let progress = RunProgress("viewer", quiet: options.quiet)
            let (geo, loaded) = try options.load()
            let s = loaded.scenario
            let end = to ?? s.end ?? s.events.map { $0.until ?? $0.date }.max() ?? s.start
            guard end >= s.start else { throw ValidationError("--to \(end) is before the scenario's start \(s.start)") }
            try checkDate(end, loaded, option: "--to")
            guard !isStandardOutput(output) else { throw ValidationError("the viewer is a directory of files, not standard output") }
            progress.total = 1
            progress.step(0, "replaying \(s.start) to \(end)")
            let data = try ViewerData(loaded, geo: geo, end: end)
            let bytes = try ViewerSite.write(data, assets: ViewerSite.assets(geo), to: URL(fileURLWithPath: output))
            progress.finish("wrote \(output)/index.html (\(data.territories.count) territory intervals, \(s.start) to \(end), data.js \(RunProgress.size(bytes)))")
        }
    }
}
