import Foundation
import Frontline
import SyntheticCoverage

// Building a partition of N points side by side with Shapely: this tool writes the points (the
// benchmarks' random points in Syria and Iraq, with their countries) as JSON, times
// `Partition(points:outlines:countries:)` on them (Voronoi cells clipped to the outlines, one
// exact coverage, ellipsoidal areas), and compiles a 370-event scenario naming them;
// Benchmarks/scripts/compare_partition.py times Shapely's Voronoi + clip + pyproj areas on the
// same points and prints the ratios.
//
//   swift run -c release PartitionCompare N POINTS.json [REPEATS]
//
// Prints one JSON object on stdout: {"points", "cells", "build_ms" (median), "build_runs",
// "compile_ms", "area_km2", "build_peak_rss_mb" (the process's peak after the builds),
// "peak_rss_mb" (after the compile, with the points' gazetteer)}.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("PartitionCompare: \(message)\n".utf8))
    exit(1)
}

func must<T>(_ what: String, _ body: () throws -> T) -> T {
    do { return try body() } catch { fail("\(what): \(error)") }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, let count = Int(arguments[0]), count > 0 else {
    fail("usage: PartitionCompare N POINTS.json [REPEATS]")
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 3 : (count >= 50_000 ? 1 : 3)
// <repo>/Benchmarks/Tools/PartitionCompare/main.swift → <repo>
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let geoDirectory = ProcessInfo.processInfo.environment["FRONTLINE_GEO"].map { URL(fileURLWithPath: $0) }
    ?? repository.appendingPathComponent("Geo")
let geo = must("load \(geoDirectory.path)") { try GeoData(directory: geoDirectory) }
let region = ["SY", "IQ"]

let points = must("make the points") { try SyntheticCoverage.points(count, geo: geo, countries: region) }
let json = "[" + points.map { "[\($0.coordinate.lon),\($0.coordinate.lat),\"\($0.country)\"]" }.joined(separator: ",") + "]"
must("write \(arguments[1])") { try json.write(toFile: arguments[1], atomically: true, encoding: .utf8) }

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

var samples = [Double]()
var partition: Partition?
for _ in 0..<repeats {
    partition = nil
    let start = now()
    partition = must("build the partition") {
        try Partition(points: points.map(\.coordinate), outlines: geo.outlines, countries: region)
    }
    samples.append(now() - start)
}
let built = partition!
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let buildPeakMB = Double(usage.ru_maxrss) / 1024

// A 370-event scenario over the points (as the benchmarks' synthetic scenarios), compiled on
// the same cells: the gazetteer of the points, in the same order (place i is point i), names them.
let places = SyntheticCoverage.places(points)
let gazetteer = must("index the points") { try Gazetteer(places: places) }
let named = built
let scenario = must("parse the scenario") {
    try ScenarioParser.parse(SyntheticCoverage.scenarioYAML(events: 370, places: places), file: "synthetic-370.yaml")
}
let compileStart = now()
let (plan, diagnostics) = ControlModel(gazetteer: gazetteer, partition: named).compile(scenario)
let compileMs = now() - compileStart
guard plan != nil else { fail("the scenario does not compile: \(diagnostics.prefix(3))") }

getrusage(RUSAGE_SELF.rawValue, &usage)
let area = built.cells.reduce(0) { $0 + $1.areaKm2 }
print("{\"points\":\(count),\"cells\":\(built.cells.filter { !$0.polygons.isEmpty }.count),\"build_ms\":\(samples.sorted()[samples.count / 2]),"
      + "\"build_runs\":\(samples),\"compile_ms\":\(compileMs),\"area_km2\":\(area),\"build_peak_rss_mb\":\(buildPeakMB),"
      + "\"peak_rss_mb\":\(Double(usage.ru_maxrss) / 1024)}")
