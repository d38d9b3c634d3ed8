import Foundation

/// The region split into cells, one per gazetteer place: Voronoi cells of the places of each
/// country, clipped to that country's outline.
///
/// Every point of the region lies in exactly one cell, and neighbouring cells share their
/// edges vertex for vertex (the cells are faces of one noded line set), so the cells form a
/// valid polygon coverage that `GEOSCoverageUnion_r` can merge.
///
/// Nearness is measured in a plane where longitude is scaled by the cosine of the country's
/// middle latitude, so a degree east counts as much ground as it covers there.
public final class Partition {
    public let countries: [String]
    /// Cells in gazetteer order (only the places of `countries`).
    public let cells: [Cell]
    /// GEOS geometry of each cell (same order as `cells`); nil for an empty cell.
    let geometries: [Geometry?]
    /// Ellipsoidal area of each country outline in km².
    public let countryAreaKm2: [String: Double]
    /// The region's area: the sum of the country outlines' areas, km².
    public let regionAreaKm2: Double
    /// Cell index of each gazetteer place index (nil for places outside the region).
    public let cellOfPlace: [Int?]
    let context: GEOSContext

    /// Builds the partition of `countries` with GEOS. Costs O(n log n) in the number of places
    /// plus one overlay per country; about a tenth of a second for Syria and Iraq.
    public init(gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]], countries: [String],
                context: GEOSContext) throws {
        self.context = context
        self.countries = countries
        let geodesic = Geodesic.wgs84
        var cells = [Cell](), geometries = [Geometry?](), areas = [String: Double]()
        var cellOfPlace = [Int?](repeating: nil, count: gazetteer.places.count)
        for country in countries {
            guard let outline = outlines[country] else {
                throw DataError(file: "Geo/countries.geojson", line: nil, message: "no outline for country '\(country)'")
            }
            areas[country] = geodesic.area(outline) / 1e6
            let sites = gazetteer.places.indices.filter { gazetteer.places[$0].country == country }
            guard !sites.isEmpty else {
                throw DataError(file: "Geo/places.tsv", line: nil, message: "no places in country '\(country)'")
            }
            let faces = try Self.voronoiFaces(outline: outline, sites: sites.map { gazetteer.places[$0].coordinate },
                                              country: country, context: context)
            for (k, placeIndex) in sites.enumerated() {
                let place = gazetteer.places[placeIndex]
                let polygons = faces[k]
                let geometry = polygons.isEmpty ? nil : try Geometry.multiPolygon(polygons, in: context)
                try geometry?.requireValid("cell of \(place.qualifiedName)")
                cellOfPlace[placeIndex] = cells.count
                cells.append(Cell(placeIndex: placeIndex, site: place.coordinate, country: country, admin1: place.admin1,
                                  polygons: polygons, areaKm2: geodesic.area(polygons) / 1e6,
                                  population: place.population))
                geometries.append(geometry)
            }
        }
        self.cells = cells
        self.geometries = geometries
        self.countryAreaKm2 = areas
        self.regionAreaKm2 = countries.reduce(0) { $0 + areas[$1]! }
        self.cellOfPlace = cellOfPlace
    }

    /// The faces of the Voronoi diagram of `sites` inside `outline`, grouped by the site
    /// nearest to each face: `result[k]` are the polygons of site `k`.
    private static func voronoiFaces(outline: [PolygonCoordinates], sites: [Coordinate], country: String,
                                     context: GEOSContext) throws -> [[PolygonCoordinates]] {
        // Work in the scaled plane (x = lon·cos φ₀, y = lat); undo the scaling at the end.
        let lats = outline.flatMap { $0.exterior.map(\.lat) }
        let k = cos((lats.min()! + lats.max()!) / 2 * .pi / 180)
        func scale(_ c: Coordinate) -> Coordinate { Coordinate(lon: c.lon * k, lat: c.lat) }
        func unscale(_ c: Coordinate) -> Coordinate { Coordinate(lon: c.lon / k, lat: c.lat) }
        func mapPolygon(_ p: PolygonCoordinates, _ f: (Coordinate) -> Coordinate) -> PolygonCoordinates {
            PolygonCoordinates(exterior: p.exterior.map(f), holes: p.holes.map { $0.map(f) })
        }

        let region = try Geometry.multiPolygon(outline.map { mapPolygon($0, scale) }, in: context)
        try region.requireValid("outline of \(country)")
        let scaledSites = sites.map(scale)
        guard sites.count > 1 else {
            return [try region.polygonCoordinates().map { mapPolygon($0, unscale) }]
        }

        // The Voronoi edges, extended well past the country, noded with the country's border.
        let all = scaledSites + outline.flatMap { $0.exterior.map(scale) }
        let minX = all.map(\.lon).min()! - 1, maxX = all.map(\.lon).max()! + 1
        let minY = all.map(\.lat).min()! - 1, maxY = all.map(\.lat).max()! + 1
        let envelope = try Geometry.polygon(PolygonCoordinates(exterior: [
            Coordinate(lon: minX, lat: minY), Coordinate(lon: maxX, lat: minY), Coordinate(lon: maxX, lat: maxY),
            Coordinate(lon: minX, lat: maxY), Coordinate(lon: minX, lat: minY),
        ]), in: context)
        let edges = try Geometry.multiPoint(Array(Set(scaledSites)).sorted { ($0.lon, $0.lat) < ($1.lon, $1.lat) },
                                            in: context).voronoiEdges(envelope: envelope)
        let lines = try Geometry.collection(copying: [edges, try region.boundary()], in: context).unaryUnion()
        let faces = try lines.polygonize().parts()

        let inside = try PreparedGeometry(region)
        var result = [[PolygonCoordinates]](repeating: [], count: sites.count)
        for face in faces {
            let p = try face.pointOnSurface()
            guard try inside.intersects(p) else { continue }
            var best = 0, bestDistance = Double.infinity
            for (i, s) in scaledSites.enumerated() {
                let d = (s.lon - p.lon) * (s.lon - p.lon) + (s.lat - p.lat) * (s.lat - p.lat)
                if d < bestDistance { best = i; bestDistance = d }
            }
            result[best] += try face.polygonCoordinates().map { mapPolygon($0, unscale) }
        }
        return result
    }

    // MARK: Queries

    /// The GEOS geometry of cell `i` (nil when the cell is empty).
    public func geometry(ofCell i: Int) -> Geometry? { geometries[i] }

    /// The sum of all cells' areas in km². O(cells).
    public var cellAreaSumKm2: Double { cells.reduce(0) { $0 + $1.areaKm2 } }
}
