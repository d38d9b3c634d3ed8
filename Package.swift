// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Frontline",
    products: [
        .library(name: "Frontline", targets: ["Frontline"]),
        .executable(name: "frontline", targets: ["frontline"]),
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
        // PROJ's geodesic routines (Karney's geodesic.h from Debian's libproj-dev).
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        // GDAL's C API (Debian's libgdal-dev, GDAL 3.6): writes GeoPackage and FlatGeobuf.
        // Only Sources/Frontline/Layer/GDAL.swift uses it.
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
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
        .testTarget(
            name: "FrontlineTests",
            dependencies: ["Frontline"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
