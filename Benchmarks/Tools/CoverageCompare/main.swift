import Foundation
import Frontline
import SyntheticCoverage

// Territory polygons side by side: Frontline's CoverageEdgeBuilder and CoverageUnionBuilder
// (GEOS coverage union) on the same cells and territories, timed here; the cells and
// territories are exported as JSON for Benchmarks/scripts/compare_shapely.py, which times
// shapely.coverage_union_all on them and prints the ratios.
//
//   swift run -c release CoverageCompare real OUT.json          # the full scenario's units, six dates
//   swift run -c release CoverageCompare synthetic N OUT.json   # N random points in SY+IQ
//
// Prints one JSON object per line on stdout: {"set", "territories", "cells", "units", "builder", "ms"}.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CoverageCompare: \(message)\n".utf8))
    exit(1)
}

func must<T>(_ what: String, _ body: () throws -> T) -> T {
    do { return try body() } catch { fail("\(what): \(error)") }
}

let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first, ["real", "synthetic"].contains(mode) else {
    fail("usage: CoverageCompare real OUT.json | synthetic N OUT.json")
}
// <repo>/Benchmarks/Tools/CoverageCompare/main.swift → <repo>
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let geoDirectory = ProcessInfo.processInfo.environment["FRONTLINE_GEO"].map { URL(fileURLWithPath: $0) }
    ?? repository.appendingPathComponent("Geo")
let geo = must("load \(geoDirectory.path)") { try GeoData(directory: geoDirectory) }
let region = ["SY", "IQ"]

/// Milliseconds of `body`, the median of `repeats` runs (after one warm-up run).
func time(_ repeats: Int, _ body: () throws -> Void) -> Double {
    must("warm up") { try body() }
    var samples = [Double]()
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        must("run") { try body() }
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return samples.sorted()[samples.count / 2]
}

// MARK: The cells and the territories

let partition: Partition
/// Named sets of territories: each territory is the ascending list of its cells.
var sets = [(name: String, territories: [[Int]])]()

if mode == "real" {
    let path = repository.appendingPathComponent("Scenarios/iraq-syria-2014-2019.yaml").path
    let loaded = must("load the full scenario") { try LoadedScenario(path: path, geo: geo) }
    partition = loaded.partition
    for date in ["2014-01-01", "2014-06-15", "2015-05-21", "2016-08-01", "2017-10-17", "2019-03-22"] {
        let simulation = loaded.simulation()
        must("advance") { try simulation.advance(to: Day(date)!) }
        sets.append((date, SyntheticCoverage.territories(of: simulation).map(\.units)))
    }
} else {
    guard arguments.count == 3, let n = Int(arguments[arguments.index(after: arguments.startIndex)]) else {
        fail("usage: CoverageCompare synthetic N OUT.json")
    }
    let start = DispatchTime.now().uptimeNanoseconds
    partition = must("partition") { try SyntheticCoverage.partition(points: n, geo: geo) }
    FileHandle.standardError.write(Data("partition of \(n) random points: \(partition.cells.count) cells in \(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) s\n".utf8))
    for (name, anchors, seed) in [("anchors-370", 370, UInt64(1)), ("anchors-40", 40, UInt64(2))] {
        sets.append((name, SyntheticCoverage.territories(of: partition, anchors: anchors, seed: seed).map(\.units)))
    }
}

// MARK: Export

let output = URL(fileURLWithPath: String(arguments.last!))
// The units: the pieces of the cells (`Partition.unitGeometry(_:)`), two per cell.
let unitPolygons = must("read the units") {
    try (0..<(2 * partition.cells.count)).map { try partition.unitGeometry($0)?.polygonCoordinates() ?? [] }
}
var json = "{\"units\":["
for (u, polygons) in unitPolygons.enumerated() {
    if u > 0 { json += "," }
    json += "[" + polygons.map { polygon in
        "[" + ([polygon.exterior] + polygon.holes).map { ring in
            "[" + ring.map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",") + "]"
        }.joined(separator: ",") + "]"
    }.joined(separator: ",") + "]"
}
json += "],\"sets\":[" + sets.map { set in
    "{\"name\":\"\(set.name)\",\"territories\":[" + set.territories.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
        .joined(separator: ",") + "]}"
}.joined(separator: ",") + "]}\n"
must("write \(output.path)") { try json.write(to: output, atomically: true, encoding: .utf8) }

// MARK: Timing

let repeats = partition.cells.count > 50_000 ? 5 : partition.cells.count > 5_000 ? 9 : 31
@MainActor func report(_ set: String, _ territories: Int, _ builder: String, _ ms: Double) {
    print("{\"set\":\"\(set)\",\"territories\":\(territories),\"cells\":\(partition.cells.count),\"units\":\(unitPolygons.filter { !$0.isEmpty }.count),\"builder\":\"\(builder)\",\"ms\":\(ms)}")
}
var edges: CoverageEdgeBuilder!
let graphMs = time(repeats) { edges = try CoverageEdgeBuilder(partition: partition) }
report("graph", 0, "edge graph build (once per partition)", graphMs)
for set in sets {
    let keys = set.territories.indices.map { TerritoryKey(holder: $0, status: .held) }
    let union = time(repeats) {
        let builder = CoverageUnionBuilder(partition: partition)
        for (key, cells) in zip(keys, set.territories) { _ = try builder.territory(key, units: cells, revision: 0) }
    }
    report(set.name, set.territories.count, "frontline coverage union (GEOS 3.11)", union)
    let edge = time(repeats) {
        edges.forgetTerritories()
        for (key, cells) in zip(keys, set.territories) { _ = try edges.territory(key, units: cells, revision: 0) }
    }
    report(set.name, set.territories.count, "frontline edge graph", edge)
    if edges.fallbacks > 0 { fail("\(edges.fallbacks) territories needed the coverage-union fallback") }
}
