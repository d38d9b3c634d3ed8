import ArgumentParser
import Foundation
import Frontline

// MARK: - cells

struct Cells: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the partition's cells on a date as GeoJSON, each with its holder, ground and the event that last changed it.",
        discussion: """
            Example: frontline cells --date 2017-10-17 -o cells.geojson

            One Feature per cell (a place's cell, or a desert filler cell): its place, country and governorate; the faction holding it and the faction contesting it; status (held, contested, unassigned) and, when an offensive's front is crossing it, the front's event and the shares taken; its area, the piece within reach (held or contested ground) and the piece beyond (the holder's influence), in km²; its population; the place whose catchment it is in; and the event that last changed it with its date, faction, action, uncertainty and source (publication, date, title, url, claim), or the row of initial: that set it. Keys are described by docs/schema/cells.schema.json.
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(help: "The date (YYYY-MM-DD).") var date: Day
    @Option(name: .shortAndLong, help: "Output .geojson file, written atomically (default: stdout).") var output: String?

    func validate() throws {
        if let output { try checkOutputFormat(output, allowed: ["geojson", "json"], what: "GeoJSON (.geojson)") }
    }

    func run() throws {
        try reporting {
            let (_, loaded) = try options.load()
            guard date >= loaded.scenario.start else {
                throw ValidationError("--date \(date) is before the scenario's start \(loaded.scenario.start)")
            }
            try checkDate(date, loaded, option: "--date")
            let simulation = loaded.simulation()
            try simulation.advance(to: date)
            try writeOutput(try CellWriter.featureCollection(simulation, gazetteer: loaded.gazetteer), to: output)
        }
    }
}
