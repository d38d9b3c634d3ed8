import ArgumentParser
import Foundation
import Frontline

// MARK: - import

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn events kept elsewhere into scenario events.",
        subcommands: [ImportACLED.self])
}

struct ImportACLED: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acled",
        abstract: "Import the changes of territorial control of an ACLED export (CSV) as scenario events.",
        discussion: """
            Examples:
              frontline import acled export.csv -o acled.yaml
              frontline import acled export.csv --append-to Scenarios/iraq-syria-2014-2019.yaml -o merged.yaml
              frontline import acled export.csv --factions-from my-sides.yaml -o -

            Reads ACLED's export layout (31 columns; event_date as 2017-10-17 or 17 October 2017) and keeps the territorial events: the sub-event types "Government regains territory", "Non-state actor overtakes territory" and "Non-violent transfer of territory" (and the pre-2019 event types "Battle-Government regains territory", "Battle-Non-state actor overtakes territory", "Battle-Rebels overtake territory", "Non-violent transfer of territory"). Other rows are skipped and counted.

            actor1 (the side taking the ground) and actor2 (the side losing it) are mapped to factions by the acled: lists of the factions of --factions-from (default: the shipped scenario); an actor that maps to no faction is reported with its rows. The location is found in the gazetteer (within 15 km of ACLED's coordinates) or declared at ACLED's latitude/longitude (places:). Each event cites ACLED's source and notes and has id: = event_id_cnty.

            Without --append-to the output is a new scenario with the region, factions, declared places and initial control of --factions-from and the imported events. With --append-to the events are appended to that scenario's text (rows whose event_id_cnty it already has are left out, so importing again adds only new rows). The output is checked as 'frontline check' would before it is written.
            """)

    @Argument(help: "The ACLED export (CSV; - reads standard input).") var file: String
    @Option(name: .shortAndLong, help: "Output scenario (YAML; default and -: standard output).") var output: String?
    @Option(name: .customLong("factions-from"), help: "Scenario whose factions (and their acled: lists) the actors are mapped to (default: the shipped scenario, or --append-to's).")
    var factionsFrom: String?
    @Option(name: .customLong("append-to"), help: "Scenario to append the events to (its text is kept as it is).")
    var appendTo: String?
    @Option(name: .customLong("radius-km"), help: "radius_km for every imported event (default: none: each place's catchment).")
    var radiusKm: Double?
    @Option(name: .customLong("geo"), help: "Directory with places.tsv and countries.geojson (default: ./Geo).")
    var geoDirectory: String?
    @Flag(help: "Exit with status 1 when a territorial row is not imported (an unmapped actor, no place, outside the region or the dates).")
    var strict = false

    func validate() throws {
        if let radiusKm, !(radiusKm > 0 && radiusKm.isFinite) { throw ValidationError("--radius-km must be a positive number") }
        if let output { try checkOutputFormat(output, allowed: ["yaml", "yml"], what: "a scenario (YAML)") }
    }

    func run() throws {
        try reporting {
            let geo = try GeoData(directory: geoDirectory.map { URL(fileURLWithPath: $0) } ?? GeoData.locate())
            let targetPath = appendTo ?? factionsFrom ?? geo.defaultScenario.path
            let factionsPath = factionsFrom ?? targetPath
            let target = try Self.scenario(targetPath)
            let factionScenario = factionsPath == targetPath ? target : try Self.scenario(factionsPath)
            let factions = factionScenario.factions
            if ACLEDActorMatcher(factions: factions).isEmpty {
                throw ValidationError("no faction of \(factionsPath) lists ACLED actor names (an acled: list); add them or give --factions-from")
            }
            if factionsPath != targetPath {
                let missing = factions.map(\.id).filter { target.factionIndex($0) == nil }
                if !missing.isEmpty {
                    throw ValidationError("\(targetPath) has no faction \(missing.joined(separator: ", ")) of \(factionsPath)")
                }
            }

            let text: String
            if file == "-" { text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) } else {
                do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                    throw ValidationError("cannot read \(file): \(error.localizedDescription)")
                }
            }
            let name = file == "-" ? "standard input" : file
            let acled = try ACLEDFile(text: text, file: name)
            let declared = geo.declaredPlaces(of: target).places
            let appending = appendTo != nil
            let result = ACLEDImport(file: acled, factions: factions, region: target.region, start: target.start,
                                     end: appending ? target.end : nil, gazetteer: geo.gazetteer.adding(declared),
                                     outlines: geo.outlines,
                                     existingIDs: appending ? Set(target.events.compactMap(\.id)) : [], radiusKm: radiusKm)
            Self.printReport(result.report, problems: acled.problems, file: name, appending: appending)
            let baseText = try String(contentsOfFile: targetPath, encoding: .utf8)
            if result.events.isEmpty, appending, !result.report.alreadyPresent.isEmpty {
                // Imported before: the scenario is written unchanged.
                try writeOutput(baseText, to: output)
                Self.note("nothing new: every territorial row is already in \(targetPath)")
                return
            }
            guard !result.events.isEmpty else {
                throw ValidationError("no event to import from \(name); nothing written")
            }

            var replacing: (header: String, scalars: [(key: String, value: String)])?
            if !appending {
                let last = result.events.map(\.record.date).max()!
                let end = max(target.end ?? last, last)
                let header = """
                    # Imported from \(URL(fileURLWithPath: name).lastPathComponent) by `frontline import acled` (Frontline \(FrontlineVersion.current)):
                    # \(result.events.count) territorial events of ACLED, \(result.places.count) places declared at ACLED's coordinates.
                    # Region, factions (with their ACLED actor names), places and initial control: \(targetPath).
                    # ACLED data: see ACLED's terms of use (https://acleddata.com) before sharing this file.

                    """
                replacing = (header, [("name", ScenarioText.quoted("ACLED import: \(URL(fileURLWithPath: name).lastPathComponent)")),
                                      ("description", ScenarioText.quoted("Territorial events of an ACLED export (\(result.events.count) events, \(result.events.first!.record.date) to \(last)), on the control at \(target.start) of \(target.name).")),
                                      ("end", "\(end)")])
            }
            let merged = try ScenarioText.merged(base: baseText, events: result.events, places: result.places, replacing: replacing)
            try Self.check(merged, as: output ?? "standard output", geo: geo)
            try writeOutput(merged, to: output)
            let where_ = output.map { $0 == "-" ? "standard output" : $0 } ?? "standard output"
            Self.note("wrote \(where_): \(result.events.count) event\(result.events.count == 1 ? "" : "s")"
                 + (result.places.isEmpty ? "" : ", \(result.places.count) declared place\(result.places.count == 1 ? "" : "s")")
                 + (appending ? " appended to \(targetPath)" : "") + " (checked)")
            let r = result.report
            if strict, !(r.unmapped.isEmpty && r.ambiguous.isEmpty && r.outsideRegion.isEmpty && r.outsideDates.isEmpty
                         && r.unlocated.isEmpty) {
                throw ExitCode(1)
            }
        }
    }

    /// A scenario that parses without errors (names are not resolved yet).
    static func scenario(_ path: String) throws -> Scenario {
        try ScenarioParser.load(path: path)
    }

    /// Loads `text` as `frontline check` would (through a temporary file); throws its problems.
    static func check(_ text: String, as name: String, geo: GeoData) throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("frontline-import-\(ProcessInfo.processInfo.processIdentifier).yaml")
        try AtomicFile.write(text, to: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        do { _ = try LoadedScenario(path: temporary.path, geo: geo) } catch let error as ScenarioError {
            throw ImportCheckFailed(diagnostics: error.diagnostics.filter { $0.severity == .error }.map {
                Diagnostic(file: name, line: $0.line, severity: $0.severity, "the imported scenario does not check: \($0.message)")
            })
        }
    }

    static func note(_ message: String) {
        printError("frontline: import acled: \(message)")
    }

    static func rows(_ records: [ACLEDRecord], limit: Int = 8) -> String {
        let shown = records.prefix(limit).map { "line \($0.line)" + ($0.eventID.isEmpty ? "" : " \($0.eventID)") }
        return shown.joined(separator: ", ") + (records.count > limit ? ", … (\(records.count) rows)" : "")
    }

    /// The summary on stderr: rows read, skipped by type, imported, and every row left out with why.
    static func printReport(_ r: ACLEDImport.Report, problems: [Diagnostic], file: String, appending: Bool) {
        for p in problems { printError("\(p)") }
        let skipped = r.rows - r.territorial
        note("\(file): \(r.rows) row\(r.rows == 1 ? "" : "s"), \(r.territorial) territorial"
             + (skipped == 0 ? "" : "; \(skipped) of other types skipped: "
                + r.skippedTypes.map { "\($0.type) \($0.count)" }.joined(separator: ", ")))
        note("\(r.imported) event\(r.imported == 1 ? "" : "s") imported: \(r.atGazetteerPlaces) at gazetteer places, "
             + "\(r.atDeclaredPlaces) at places declared at ACLED's coordinates")
        for (actor, records) in r.unmapped {
            note("not imported: actor1 '\(actor)' maps to no faction (\(rows(records))); add it to a faction's acled: list")
        }
        for (actor, factions, records) in r.ambiguous {
            note("not imported: actor1 '\(actor)' matches the acled: lists of \(factions.joined(separator: " and ")) equally (\(rows(records)))")
        }
        for (actor, records) in r.unmappedLosers {
            note("actor2 '\(actor)' maps to no faction (\(rows(records))): imported without from:, so the ground is taken from the side holding the place")
        }
        if !r.outsideRegion.isEmpty { note("not imported: outside the region (\(rows(r.outsideRegion)))") }
        if !r.unlocated.isEmpty {
            note("not imported: the location is not in the gazetteer and the row gives no coordinates (\(rows(r.unlocated)))")
        }
        if !r.outsideDates.isEmpty { note("not imported: outside the scenario's dates (\(rows(r.outsideDates)))") }
        if !r.sameSide.isEmpty { note("not imported: actor1 and actor2 are the same faction (\(rows(r.sameSide)))") }
        if !r.alreadyPresent.isEmpty {
            note("not imported: already in the scenario (same event_id_cnty) (\(rows(r.alreadyPresent)))")
        }
        if !r.imprecise.isEmpty {
            note("warning: geo_precision 3 (ACLED's coordinates are the centre of a larger area, so the event's place is approximate): \(rows(r.imprecise))")
        }
        if !r.swapped.isEmpty { note("actor1 and actor2 swapped as ACLED's actor types say (\(rows(r.swapped)))") }
        for w in r.warnings { printError("\(w)") }
    }
}

/// The scenario an import made does not pass `check` (a bug or a data problem the import did
/// not catch): its problems, and nothing written.
struct ImportCheckFailed: Error, CustomStringConvertible {
    let diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") + "\nnothing written" }
}
