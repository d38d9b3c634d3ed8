// swift-tools-version: 6.1
// Benchmarks for Frontline, kept in their own package so that the library package does not
// depend on ordo-one/benchmark. Run with `swift package benchmark` from this directory.
import PackageDescription

import struct Foundation.URL

// SwiftPM names a path dependency after its directory (`main` for a checkout at /work/main), so
// derive that identity from where this manifest lives rather than hard-coding it.
let frontlinePackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "FrontlineBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FrontlineBenchmarks",
            dependencies: [
                .product(name: "Frontline", package: frontlinePackage),
                .product(name: "Benchmark", package: "benchmark"),
                "SyntheticCoverage",
            ],
            path: "FrontlineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Exports cells and territories and times Frontline's builders on them, for
        // scripts/compare_shapely.py (Shapely's coverage_union_all side by side).
        .executableTarget(
            name: "CoverageCompare",
            dependencies: [.product(name: "Frontline", package: frontlinePackage), "SyntheticCoverage"],
            path: "Tools/CoverageCompare"
        ),
        // Synthetic partitions (random points) and territories shared by the two above.
        .target(
            name: "SyntheticCoverage",
            dependencies: [.product(name: "Frontline", package: frontlinePackage)],
            path: "Tools/SyntheticCoverage"
        ),
    ],
    swiftLanguageModes: [.v6]
)
