import ArgumentParser
import Foundation
import Frontline

extension TerritoryLayer.Split: ExpressibleByArgument {}

extension Replay {
    /// `replay --from A --to B --every S -o FILE.gpkg|.fgb|.geojson`: the time-enabled layer
    /// (with `--date D` and a .gpkg or .fgb file: the layer of that one day).
    func writeLayer(_ loaded: LoadedScenario, format: LayerFormat, progress: RunProgress) throws {
        if let date {
            guard date >= loaded.scenario.start else {
                throw ValidationError("--date \(date) is before the scenario's start \(loaded.scenario.start)")
            }
            try checkDate(date, loaded, option: "--date")
            try TerritoryLayer(loaded, days: [date], split: split).write(to: output, format: format)
            progress.finish("wrote \(output) (\(date), \(RunProgress.size(Self.fileSize(output))))")
            return
        }
        guard let to else { throw ValidationError("a layer needs --to (and --from, --every)") }
        let start = from ?? loaded.scenario.start
        guard start <= to else { throw ValidationError("--from \(start) is after --to \(to)") }
        guard start >= loaded.scenario.start else {
            throw ValidationError("--from \(start) is before the scenario's start \(loaded.scenario.start)")
        }
        try checkDate(to, loaded, option: "--to")
        let count = every.count(from: start, through: to)
        guard count <= maximumSeriesFiles else {
            throw ValidationError("the layer would have \(count) dates; one run takes at most \(maximumSeriesFiles) (use a larger --every or a shorter range)")
        }
        progress.total = count
        progress.step(0, "building the layer")
        let layer = try TerritoryLayer(loaded, days: every.days(from: start, through: to), split: split)
        try layer.write(to: output, format: format)
        progress.finish("wrote \(output) (\(count) date\(count == 1 ? "" : "s"), \(start) to \(to), every \(every), "
                        + "\(RunProgress.size(Self.fileSize(output))))")
    }

    /// The size of the file at `path` in bytes (0 when it cannot be read).
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
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
        case .json: try writeStdout(try JSONContract.encodeLines(records) + "\n")
        case .csv: try writeStdout(EventRecord.csv(records))
        case .table: break
        }
    }
}
