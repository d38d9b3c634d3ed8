import ArgumentParser
import Foundation
import Frontline

extension TerritoryLayer.Split: ExpressibleByArgument {}

extension Replay {
    /// `replay --from A --to B --every S -o FILE.gpkg|.fgb|.geojson`: the time-enabled layer
    /// (with `--date D` and a .gpkg or .fgb file: the layer of that one day).
    func writeLayer(_ loaded: LoadedScenario, format: LayerFormat) throws {
        if let date {
            guard date >= loaded.scenario.start else {
                throw ValidationError("--date \(date) is before the scenario's start \(loaded.scenario.start)")
            }
            return try TerritoryLayer(loaded, days: [date], split: split).write(to: output, format: format)
        }
        guard let to else { throw ValidationError("a layer needs --to (and --from, --every)") }
        let start = from ?? loaded.scenario.start
        guard start <= to else { throw ValidationError("--from \(start) is after --to \(to)") }
        guard start >= loaded.scenario.start else {
            throw ValidationError("--from \(start) is before the scenario's start \(loaded.scenario.start)")
        }
        let days = every.days(from: start, through: to)
        progress("replay: \(days.count) dates")
        let layer = try TerritoryLayer(loaded, days: days, split: split)
        try layer.write(to: output, format: format)
        progress("")
    }
}

extension Events {
    /// `events --format csv|json`: every event (that passes the filters) with its source,
    /// claim, uncertainty and the ground it moved. `faction`: the id `--faction` names (an id or alias).
    func writeEvents(_ simulation: Simulation, format: ShareFormat, faction: String?) throws {
        let records = EventRecord.all(simulation).filter { r in
            (r.groundKm2?.value ?? 0) >= minKm2 && (faction == nil || r.faction == faction || r.from == faction)
        }
        switch format {
        case .json: writeStdout(try JSONContract.encodeLines(records) + "\n")
        case .csv: writeStdout(EventRecord.csv(records))
        case .table: break
        }
    }
}
