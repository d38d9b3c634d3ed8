import Foundation

/// The region split into cells, one per gazetteer place: Voronoi cells of the places of each
/// country, clipped to that country's outline.
///
/// Every point of the region lies in exactly one cell, and neighbouring cells share their
/// edges vertex for vertex (the cells are faces of one noded line set), so the cells form a
/// valid polygon coverage that `GEOSCoverageUnion_r` can merge.
///
/// Nearness is measured in a plane where longitude is scaled by the cosine of the region's
/// middle latitude, so a degree east counts as much ground as it covers there.
///
/// Where places are sparse (the Syrian Badia, Anbar's desert), a cell of a place alone can span
/// tens of thousands of km². With `fillerSpacingKm`, *filler* sites on a hexagonal grid of that
/// spacing are added wherever the nearest place of the country is farther than 0.6 × the
/// spacing, so desert ground comes in cells of about (√3/2)·spacing² km² that events with
/// `radius_km` can take or leave (as TerrCtrl's hexagon grid does).
public final class Partition {
    public let countries: [String]
    /// Cells in gazetteer order (only the places of `countries`).
    public let cells: [Cell]
    /// GEOS geometry of each cell (same order as `cells`); nil for an empty cell.
    let geometries: [Geometry?]
    /// Ellipsoidal area of each country outline in km².
    public let countryAreaKm2: [String: Double]
    /// The region's area: the sum of its cells' areas, km² (within 0.01% of the outlines' sum;
    /// defined from the cells so that shares add up to exactly 1).
    public let regionAreaKm2: Double
    /// Cell index of each gazetteer place index (nil for places outside the region).
    public let cellOfPlace: [Int?]
    let context: GEOSContext

    /// Builds the partition of `countries` with GEOS. Costs O(n log n) in the number of places
    /// plus one noding of all Voronoi edges and borders; about a tenth of a second for Syria and Iraq.
    /// The filler grid spacing the CLI uses (km): desert cells of about 540 km².
    public static let defaultFillerSpacingKm = 25.0

    public init(gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]], countries: [String],
                context: GEOSContext, fillerSpacingKm: Double? = nil, governorates: [Boundary] = []) throws {
        guard !countries.isEmpty, Set(countries).count == countries.count else {
            throw DataError(file: "Geo/countries.geojson", line: nil,
                            message: "a partition needs distinct countries, not [\(countries.joined(separator: ", "))]")
        }
        self.context = context
        self.countries = countries
        let geodesic = Geodesic.wgs84
        var areas = [String: Double]()
        var sitesByCountry = [[Int]]()
        for country in countries {
            guard let outline = outlines[country] else {
                throw DataError(file: "Geo/countries.geojson", line: nil, message: "no outline for country '\(country)'")
            }
            areas[country] = geodesic.area(outline) / 1e6
            let sites = gazetteer.places.indices.filter { gazetteer.places[$0].country == country }
            guard !sites.isEmpty else {
                throw DataError(file: "Geo/places.tsv", line: nil, message: "no places in country '\(country)'")
            }
            sitesByCountry.append(sites)
        }
        let fillers = try countries.indices.map { i -> [Coordinate] in
            guard let fillerSpacingKm else { return [] }
            return try Self.fillerSites(outline: outlines[countries[i]]!, places: sitesByCountry[i].map { gazetteer.places[$0].coordinate },
                                        spacingKm: fillerSpacingKm, context: context)
        }
        let faces = try Self.voronoiFaces(outlines: countries.map { outlines[$0]! },
                                          sites: sitesByCountry.indices.map { i in
                                              sitesByCountry[i].map { gazetteer.places[$0].coordinate } + fillers[i] },
                                          names: countries, context: context)
        var cells = [Cell](), geometries = [Geometry?]()
        var cellOfPlace = [Int?](repeating: nil, count: gazetteer.places.count)
        for (i, country) in countries.enumerated() {
            let areas = try governorates.filter { $0.properties["country"] == country }
                .map { ($0.properties["code"] ?? "", try PreparedGeometry(Geometry.multiPolygon($0.polygons, in: context))) }
            let sites: [(place: Int?, site: Coordinate)] = sitesByCountry[i].map { ($0, gazetteer.places[$0].coordinate) }
                + fillers[i].map { (nil, $0) }
            for (k, site) in sites.enumerated() {
                let polygons = faces[i][k]
                let geometry = polygons.isEmpty ? nil : try Geometry.multiPolygon(polygons, in: context)
                let admin1: String, population: Int
                if let placeIndex = site.place {
                    let place = gazetteer.places[placeIndex]
                    try geometry?.requireValid("cell of \(place.qualifiedName)")
                    cellOfPlace[placeIndex] = cells.count
                    (admin1, population) = (place.admin1, place.population)
                } else {
                    try geometry?.requireValid("filler cell at \(site.site)")
                    // The governorate containing the filler point, else that of the nearest place.
                    if let code = try areas.first(where: { try $0.1.intersects(site.site) })?.0 {
                        admin1 = code
                    } else {
                        let nearest = sitesByCountry[i].map { (geodesic.distance(gazetteer.places[$0].coordinate, site.site), $0) }
                            .min { $0.0 < $1.0 }!.1
                        admin1 = gazetteer.places[nearest].admin1
                    }
                    population = 0
                }
                cells.append(Cell(placeIndex: site.place, site: site.site, country: country, admin1: admin1,
                                  polygons: polygons, areaKm2: geodesic.area(polygons) / 1e6, population: population))
                geometries.append(geometry)
            }
        }
        self.cells = cells
        self.geometries = geometries
        self.countryAreaKm2 = areas
        self.regionAreaKm2 = cells.reduce(0) { $0 + $1.areaKm2 }
        self.cellOfPlace = cellOfPlace
    }

    /// Points of a hexagonal grid of `spacingKm` (in the plane x = lon·cos φ, y = lat of the
    /// outline's middle latitude) inside `outline` and farther than 0.6 × `spacingKm` from every
    /// place. O(grid points × places).
    static func fillerSites(outline: [PolygonCoordinates], places: [Coordinate], spacingKm: Double,
                            context: GEOSContext) throws -> [Coordinate] {
        let lats = outline.flatMap { $0.exterior.map(\.lat) }, lons = outline.flatMap { $0.exterior.map(\.lon) }
        guard let minLat = lats.min(), let maxLat = lats.max(), let minLon = lons.min(), let maxLon = lons.max() else { return [] }
        let k = cos((minLat + maxLat) / 2 * .pi / 180), kmPerDegree = 111.195
        let step = spacingKm / kmPerDegree, rowStep = step * 3.0.squareRoot() / 2
        let region = try PreparedGeometry(Geometry.multiPolygon(outline, in: context))
        let minGap2 = pow(0.6 * spacingKm / kmPerDegree, 2)
        var result = [Coordinate]()
        var row = 0
        var lat = minLat + rowStep / 2
        while lat < maxLat {
            var x = minLon * k + (row % 2 == 0 ? step / 2 : step)
            while x < maxLon * k {
                let p = Coordinate(lon: x / k, lat: lat)
                let clear = places.allSatisfy { q in
                    let dx = (q.lon - p.lon) * k, dy = q.lat - p.lat
                    return dx * dx + dy * dy > minGap2
                }
                if clear, try region.intersects(p) { result.append(p) }
                x += step
            }
            lat += rowStep
            row += 1
        }
        return result
    }

    /// The faces of the Voronoi diagrams of each country's sites inside that country, grouped
    /// by the country's site nearest to each face: `result[country][k]` are the polygons of
    /// site `k` of that country.
    ///
    /// All countries' Voronoi edges and borders are noded together in one line set, so cells
    /// on either side of a border share their vertices and the whole region is one coverage.
    private static func voronoiFaces(outlines: [[PolygonCoordinates]], sites: [[Coordinate]], names: [String],
                                     context: GEOSContext) throws -> [[[PolygonCoordinates]]] {
        // Work in the scaled plane (x = lon·cos φ₀, y = lat); undo the scaling at the end.
        let lats = outlines.flatMap { $0.flatMap { $0.exterior.map(\.lat) } }
        let k = cos((lats.min()! + lats.max()!) / 2 * .pi / 180)
        func scale(_ c: Coordinate) -> Coordinate { Coordinate(lon: c.lon * k, lat: c.lat) }
        func unscale(_ c: Coordinate) -> Coordinate { Coordinate(lon: c.lon / k, lat: c.lat) }
        func mapPolygon(_ p: PolygonCoordinates, _ f: (Coordinate) -> Coordinate) -> PolygonCoordinates {
            PolygonCoordinates(exterior: p.exterior.map(f), holes: p.holes.map { $0.map(f) })
        }

        var lines = [Geometry](), regions = [PreparedGeometry]()
        let scaledSites = sites.map { $0.map(scale) }
        for (i, outline) in outlines.enumerated() {
            let region = try Geometry.multiPolygon(outline.map { mapPolygon($0, scale) }, in: context)
            try region.requireValid("outline of \(names[i])")
            regions.append(try PreparedGeometry(region))
            lines.append(try region.boundary())
            let unique = Array(Set(scaledSites[i])).sorted { ($0.lon, $0.lat) < ($1.lon, $1.lat) }
            guard unique.count > 1 else { continue }
            // The Voronoi edges, extended well past the country.
            let all = unique + outline.flatMap { $0.exterior.map(scale) }
            let minX = all.map(\.lon).min()! - 1, maxX = all.map(\.lon).max()! + 1
            let minY = all.map(\.lat).min()! - 1, maxY = all.map(\.lat).max()! + 1
            let envelope = try Geometry.polygon(PolygonCoordinates(exterior: [
                Coordinate(lon: minX, lat: minY), Coordinate(lon: maxX, lat: minY), Coordinate(lon: maxX, lat: maxY),
                Coordinate(lon: minX, lat: maxY), Coordinate(lon: minX, lat: minY),
            ]), in: context)
            lines.append(try Geometry.multiPoint(unique, in: context).voronoiEdges(envelope: envelope))
        }
        let faces = try Geometry.collection(copying: lines, in: context).unaryUnion().polygonize().parts()

        var grouped = sites.map { [[Geometry]](repeating: [], count: $0.count) }
        for face in faces {
            let p = try face.pointOnSurface()
            // The first country containing the face; faces in none (outside, or a gap between
            // outlines) belong to no cell.
            guard let i = try regions.firstIndex(where: { try $0.intersects(p) }) else { continue }
            var best = 0, bestDistance = Double.infinity
            for (j, s) in scaledSites[i].enumerated() {
                let d = (s.lon - p.lon) * (s.lon - p.lon) + (s.lat - p.lat) * (s.lat - p.lat)
                if d < bestDistance { best = j; bestDistance = d }
            }
            grouped[i][best].append(face)
        }
        // A site's faces (split by the other countries' edges) are dissolved into one cell; they
        // share exact edges, so a coverage union does it, and the nodes on the cell's outer
        // edges stay, matching the neighbouring cells vertex for vertex.
        return try grouped.map { country in
            try country.map { faces in
                guard !faces.isEmpty else { return [] }
                let cell = faces.count == 1 ? faces[0] : try Geometry.collection(copying: faces, in: context).coverageUnion()
                return try cell.polygonCoordinates().map { mapPolygon($0, unscale) }
            }
        }
    }

    // MARK: Queries

    /// The GEOS geometry of cell `i` (nil when the cell is empty).
    public func geometry(ofCell i: Int) -> Geometry? { geometries[i] }

    /// The sum of all cells' areas in km². O(cells).
    public var cellAreaSumKm2: Double { cells.reduce(0) { $0 + $1.areaKm2 } }
}
