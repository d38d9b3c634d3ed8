// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Frontline",
    products: [
        .library(name: "Frontline", targets: ["Frontline"]),
        .executable(name: "frontline", targets: ["frontline"]),
        .executable(name: "frontline-fuzz", targets: ["frontline-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GEOS's reentrant C API (Debian's libgeos-dev, GEOS 3.11). Only Sources/Frontline/Geometry uses it.
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        // PROJ: Karney's geodesic routines copied from PROJ 9.1.1 (ellipsoidal areas and
        // distances), and proj.h from Debian's libproj-dev with libproj opened on first use
        // (Sources/CPROJ/include/CPROJ.h), not linked, so commands start fast.
        .target(
            name: "CPROJ",
            exclude: ["LICENSE-geodesic.txt"],
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("m")]
        ),
        // GDAL's C API (Debian's libgdal-dev, GDAL 3.6): writes GeoPackage and FlatGeobuf.
        // Only Sources/Frontline/Layer/GDAL.swift uses it. Not linked: libgdal is opened on
        // first use (Sources/CGDAL/gdal_loader.c), so commands that write no layer start fast.
        .target(
            name: "CGDAL",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(
            name: "Frontline",
            dependencies: [
                "CGEOS", "CPROJ", "CGDAL",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "frontline",
            dependencies: [
                "Frontline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Mutation fuzzing of the scenario path (see Sources/frontline-fuzz/main.swift).
        .target(
            name: "FrontlineFuzzing",
            dependencies: ["Frontline"]
        ),
        .executableTarget(
            name: "frontline-fuzz",
            dependencies: ["Frontline", "FrontlineFuzzing"]
        ),
        .testTarget(
            name: "FrontlineTests",
            dependencies: ["Frontline", "FrontlineFuzzing"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
