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
///
/// With a `ReachModel`, each cell is split into two *pieces*: the part within reach (within its
/// settlement's radius, or within a corridor along a main road or river) and the part beyond.
/// The settlements' discs and the corridors' outlines are noded with the Voronoi edges and
/// borders, so the pieces of all cells still form one exact coverage (unit `2c` is cell `c`'s
/// piece within reach, unit `2c + 1` the piece beyond; see `unitGeometry(_:)`).
public final class Partition {
    public let countries: [String]
    /// Cells in gazetteer order (only the places of `countries`).
    public let cells: [Cell]
    /// GEOS geometry of each cell (same order as `cells`), made on first use; nil for an
    /// empty cell. `geometryMade[c]` tells whether it was made.
    private var geometries: [Geometry?]
    private var geometryMade: [Bool]
    /// GEOS geometry of each unit, made on first use: `2c` the piece of cell `c` within reach,
    /// `2c + 1` the piece beyond it; nil when a piece is empty.
    private var units: [Geometry?]
    private var unitMade: [Bool]
    /// The piece of each cell beyond reach, as plain polygons (`Cell.reachPolygons` is the other).
    public let beyondPolygons: [[PolygonCoordinates]]
    /// The reach rule the cells were split by (nil: every cell is within reach whole).
    public let reach: ReachModel?
    /// The lines of communication the corridors follow.
    public let lines: [LineFeature]
    /// The plane the partition is built in: x = longitude · `lonScale`, y = latitude, so that a
    /// unit is about 111.195 km in both directions at the region's middle latitude.
    public let lonScale: Double
    /// Ellipsoidal area of each country outline in km².
    public let countryAreaKm2: [String: Double]
    /// The region's area: the sum of its cells' areas, km² (within 0.01% of the outlines' sum;
    /// defined from the cells so that shares add up to exactly 1).
    public let regionAreaKm2: Double
    /// Cell index of each gazetteer place index (nil for places outside the region).
    public let cellOfPlace: [Int?]
    /// Whether the units are known to be an exact coverage (`CoverageEdgeBuilder.checkCoverage()`
    /// passed on them before the partition was cached), so builders need not check again.
    public internal(set) var isCheckedCoverage = false
    let context: GEOSContext

    /// Builds the partition of `countries` with GEOS. Costs O(n log n) in the number of places
    /// plus one noding of all Voronoi edges and borders; about a tenth of a second for Syria and Iraq.
    /// The filler grid spacing the CLI uses (km): desert cells of about 540 km².
    public static let defaultFillerSpacingKm = 25.0

    /// Kilometres per unit of the partition's plane (a degree of latitude; a degree of
    /// longitude times `lonScale`).
    public static let kmPerUnit = 111.195

    public init(gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]], countries: [String],
                context: GEOSContext, fillerSpacingKm: Double? = nil, governorates: [Boundary] = [],
                lines: [LineFeature] = [], reach: ReachModel? = nil) throws {
        guard !countries.isEmpty, Set(countries).count == countries.count else {
            throw DataError(file: "Geo/countries.geojson", line: nil,
                            message: "a partition needs distinct countries, not [\(countries.joined(separator: ", "))]")
        }
        self.context = context
        self.countries = countries
        self.reach = reach
        self.lines = lines
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
        let radii = sitesByCountry.indices.map { i in
            sitesByCountry[i].map { reach?.settlementRadiusKm(population: gazetteer.places[$0].population) }
                + fillers[i].map { _ in nil }
        }
        let lats = countries.flatMap { outlines[$0]!.flatMap { $0.exterior.map(\.lat) } }
        guard let minLat = lats.min(), let maxLat = lats.max() else {
            throw DataError(file: "Geo/countries.geojson", line: nil, message: "no outline for the region \(countries)")
        }
        let lonScale = cos((minLat + maxLat) / 2 * .pi / 180)
        self.lonScale = lonScale
        let faces = try Self.voronoiFaces(outlines: countries.map { outlines[$0]! },
                                          sites: sitesByCountry.indices.map { i in
                                              sitesByCountry[i].map { gazetteer.places[$0].coordinate } + fillers[i] },
                                          radiiKm: radii, corridors: try reach.map { try Self.corridors(lines, reach: $0,
                                              lonScale: lonScale, context: context) },
                                          names: countries, lonScale: lonScale, context: context)
        var cells = [Cell](), geometries = [Geometry?](), units = [Geometry?](), beyond = [[PolygonCoordinates]]()
        var cellOfPlace = [Int?](repeating: nil, count: gazetteer.places.count)
        for (i, country) in countries.enumerated() {
            let areas = try governorates.filter { $0.properties["country"] == country }
                .map { ($0.properties["code"] ?? "", try PreparedGeometry(Geometry.multiPolygon($0.polygons, in: context))) }
            let sites: [(place: Int?, site: Coordinate)] = sitesByCountry[i].map { ($0, gazetteer.places[$0].coordinate) }
                + fillers[i].map { (nil, $0) }
            for (k, site) in sites.enumerated() {
                let (polygons, reachPolygons, beyondPolygons) = faces[i][k]
                let pieces = try [reachPolygons, beyondPolygons].map { piece -> Geometry? in
                    let g = piece.isEmpty ? nil : try Geometry.multiPolygon(piece, in: context)
                    try g?.requireValid("piece of the cell at \(site.site)")
                    return g
                }
                units += pieces
                // A cell of one piece is that piece (same polygons, already checked).
                let single = reachPolygons.isEmpty ? pieces[1] : beyondPolygons.isEmpty ? pieces[0] : nil
                let geometry = polygons.isEmpty ? nil : try single ?? Geometry.multiPolygon(polygons, in: context)
                let admin1: String, population: Int
                if let placeIndex = site.place {
                    let place = gazetteer.places[placeIndex]
                    if single == nil { try geometry?.requireValid("cell of \(place.qualifiedName)") }
                    cellOfPlace[placeIndex] = cells.count
                    (admin1, population) = (place.admin1, place.population)
                } else {
                    if single == nil { try geometry?.requireValid("filler cell at \(site.site)") }
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
                let reachArea = geodesic.area(reachPolygons) / 1e6, beyondArea = geodesic.area(beyondPolygons) / 1e6
                cells.append(Cell(placeIndex: site.place, site: site.site, country: country, admin1: admin1,
                                  polygons: polygons, areaKm2: reachArea + beyondArea, reachPolygons: reachPolygons,
                                  reachAreaKm2: reachArea, settlementRadiusKm: radii[i][k], population: population))
                geometries.append(geometry)
                beyond.append(beyondPolygons)
            }
        }
        self.cells = cells
        self.geometries = geometries
        geometryMade = [Bool](repeating: true, count: geometries.count)
        self.units = units
        unitMade = [Bool](repeating: true, count: units.count)
        self.beyondPolygons = beyond
        self.countryAreaKm2 = areas
        self.regionAreaKm2 = cells.reduce(0) { $0 + $1.areaKm2 }
        self.cellOfPlace = cellOfPlace
    }

    /// A partition of `countries` into the Voronoi cells of arbitrary `points` (random points,
    /// a grid, another gazetteer's settlements): the same construction as the gazetteer's
    /// partition (cells among the points of the same country, clipped to its outline, one exact
    /// coverage), without filler cells. `Cell.placeIndex` is the index of the cell's point;
    /// a point in none of the countries' outlines gets no cell (`cellOfPlace[i]` nil), and of
    /// points at the same position the first gets the cell (the others' cells are empty).
    ///
    /// The reach rule is opt-in: with `reach` nil (the default) every cell is within reach
    /// whole, one unit per cell, as a Voronoi diagram clipped to the outlines is. With `reach`,
    /// each point holds a disc of `reach.settlementRadiusKm(population:)` (`populations[i]`,
    /// else 0: the reach distance) and `lines` give the corridors, as for the real partition;
    /// at 100,000 points that is 3.2 million disc vertices more to node.
    ///
    /// Without a reach rule the cells come from `pointCells` (a Delaunay triangulation in Swift;
    /// GEOS only along the outlines): O(n log n), about 1.5 s for 100,000 points. With one,
    /// the gazetteer's construction (GEOS's Voronoi diagram, noding and polygonizing of
    /// everything; faces matched to their points through a grid, `SiteGrid`). Plus the
    /// ellipsoidal area of every cell either way.
    public convenience init(points: [Coordinate], outlines: [String: [PolygonCoordinates]], countries: [String],
                            context: GEOSContext = GEOSContext(), populations: [Int]? = nil, reach: ReachModel? = nil,
                            lines: [LineFeature] = []) throws {
        if let populations, populations.count != points.count {
            throw DataError(file: "points", line: nil, message: "\(populations.count) populations for \(points.count) points")
        }
        let regions = try countries.map { code -> PreparedGeometry in
            guard let outline = outlines[code] else {
                throw DataError(file: "Geo/countries.geojson", line: nil, message: "no outline for country '\(code)'")
            }
            return try PreparedGeometry(Geometry.multiPolygon(outline, in: context))
        }
        var places = [Place]()
        places.reserveCapacity(points.count)
        for (i, point) in points.enumerated() {
            let country = try regions.firstIndex { try $0.intersects(point) }.map { countries[$0] } ?? ""
            places.append(Place(id: "\(i)", name: "point \(i)", asciiName: "point \(i)", alternateNames: [], coordinate: point,
                                country: country, admin1: country, admin1Name: country,
                                population: populations?[i] ?? 0, source: "points"))
        }
        if reach == nil, let stored = try Self.pointCells(places: places, outlines: outlines, countries: countries, context: context) {
            try self.init(restoring: stored, placeCount: places.count, lines: lines, reach: nil, context: context)
            return
        }
        try self.init(gazetteer: Gazetteer(unindexed: places), outlines: outlines, countries: countries, context: context,
                      fillerSpacingKm: nil, governorates: [], lines: lines, reach: reach)
    }

    /// A partition read back from `PartitionCache`: the cells as stored; their GEOS geometries
    /// are made from the coordinates when first asked for (a share table needs none). O(cells).
    init(restoring stored: PartitionCache.Stored, placeCount: Int, lines: [LineFeature], reach: ReachModel?,
         context: GEOSContext) throws {
        self.context = context
        countries = stored.countries
        self.reach = reach
        self.lines = lines
        lonScale = stored.lonScale
        cells = stored.cells
        beyondPolygons = stored.beyond
        countryAreaKm2 = stored.countryAreaKm2
        regionAreaKm2 = stored.regionAreaKm2
        isCheckedCoverage = stored.checkedCoverage
        var cellOfPlace = [Int?](repeating: nil, count: placeCount)
        for (c, cell) in stored.cells.enumerated() {
            if let p = cell.placeIndex { cellOfPlace[p] = c }
        }
        self.cellOfPlace = cellOfPlace
        geometries = [Geometry?](repeating: nil, count: stored.cells.count)
        geometryMade = [Bool](repeating: false, count: stored.cells.count)
        units = [Geometry?](repeating: nil, count: 2 * stored.cells.count)
        unitMade = [Bool](repeating: false, count: 2 * stored.cells.count)
    }

    /// The partition for these inputs from the cache in `cacheDirectory` when it holds one that
    /// checks, else built (and then written to the cache). `cacheDirectory` nil: always built.
    public static func cached(in cacheDirectory: URL?, gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]],
                              countries: [String], context: GEOSContext, fillerSpacingKm: Double?,
                              governorates: [Boundary], lines: [LineFeature], reach: ReachModel?) throws -> Partition {
        guard let cacheDirectory else {
            return try Partition(gazetteer: gazetteer, outlines: outlines, countries: countries, context: context,
                                 fillerSpacingKm: fillerSpacingKm, governorates: governorates, lines: lines, reach: reach)
        }
        let key = PartitionCache.key(gazetteer: gazetteer, outlines: outlines, countries: countries,
                                     fillerSpacingKm: fillerSpacingKm, governorates: governorates, lines: lines, reach: reach)
        let url = PartitionCache.file(for: key, in: cacheDirectory)
        if let stored = PartitionCache.load(key: key, from: url, placeCount: gazetteer.places.count), stored.countries == countries,
           let partition = try? Partition(restoring: stored, placeCount: gazetteer.places.count, lines: lines, reach: reach,
                                          context: context) {
            return partition
        }
        let partition = try Partition(gazetteer: gazetteer, outlines: outlines, countries: countries, context: context,
                                      fillerSpacingKm: fillerSpacingKm, governorates: governorates, lines: lines, reach: reach)
        // Checked once here, kept with the partition: the builders read from the cache skip it.
        partition.isCheckedCoverage = (try? CoverageEdgeBuilder(partition: partition)) != nil
        PartitionCache.save(partition, key: key, to: url)
        return partition
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

    /// The corridors along `lines` in the partition's plane: every road and river buffered by
    /// its half-width (`ReachModel.corridorHalfWidthKm`), all merged into one (multi)polygon.
    static func corridors(_ lines: [LineFeature], reach: ReachModel, lonScale: Double,
                          context: GEOSContext) throws -> Geometry? {
        var buffers = [Geometry]()
        for kind in LineFeature.Kind.allCases {
            let paths = lines.filter { $0.kind == kind }.flatMap(\.parts)
                .map { $0.map { Coordinate(lon: $0.lon * lonScale, lat: $0.lat) } }
            guard !paths.isEmpty else { continue }
            buffers.append(try Geometry.multiLineString(paths, in: context)
                .buffer(reach.corridorHalfWidthKm(kind) / kmPerUnit, quadrantSegments: 4))
        }
        guard !buffers.isEmpty else { return nil }
        let union = try Geometry.collection(copying: buffers, in: context).unaryUnion()
        try union.requireValid("corridors along roads and rivers")
        return union
    }

    /// The vertices of the disc a settlement holds, in the partition's plane: a regular
    /// 32-gon inscribed in the circle of `radius` (plane units) around `centre`, closed.
    static func disc(_ centre: Coordinate, radius: Double) -> [Coordinate] {
        let n = 32
        return (0...n).map { i in
            let a = Double(i % n) / Double(n) * 2 * .pi
            return Coordinate(lon: centre.lon + radius * cos(a), lat: centre.lat + radius * sin(a))
        }
    }

    /// The faces of the Voronoi diagrams of each country's sites inside that country, grouped
    /// by the country's site nearest to each face: `result[country][k]` are the polygons of
    /// site `k` of that country, whole and split into the piece within reach (inside the site's
    /// disc of `radiiKm[country][k]`, or inside `corridors`) and the piece beyond.
    ///
    /// All countries' Voronoi edges and borders, the discs and the corridors' outlines are noded
    /// together in one line set, so cells on either side of a border share their vertices, a
    /// cell's two pieces share theirs, and the whole region is one coverage.
    private static func voronoiFaces(outlines: [[PolygonCoordinates]], sites: [[Coordinate]], radiiKm: [[Double?]],
                                     corridors: Geometry??, names: [String], lonScale k: Double,
                                     context: GEOSContext) throws
        -> [[(whole: [PolygonCoordinates], reach: [PolygonCoordinates], beyond: [PolygonCoordinates])]] {
        // Work in the scaled plane (x = lon·cos φ₀, y = lat); undo the scaling at the end.
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
        // The reach: each settlement's disc and the corridors' outlines join the line set.
        let discs = zip(scaledSites, radiiKm).map { sites, radii in
            zip(sites, radii).map { site, r in r.map { disc(site, radius: $0 / kmPerUnit) } }
        }
        let rings = discs.flatMap { $0.compactMap { $0 } }
        if !rings.isEmpty { lines.append(try Geometry.multiLineString(rings, in: context)) }
        var corridorTest: PreparedGeometry?
        if let corridors = corridors ?? nil {
            lines.append(try corridors.boundary())
            corridorTest = try PreparedGeometry(corridors)
        }
        let faces = try Geometry.collection(copying: lines, in: context).unaryUnion().polygonize().parts()

        // grouped[country][site][0: within reach, 1: beyond]
        var grouped = sites.map { [[[Geometry]]](repeating: [[], []], count: $0.count) }
        let grids = scaledSites.map { SiteGrid($0) }
        for face in faces {
            let p = try face.pointOnSurface()
            // The first country containing the face; faces in none (outside, or a gap between
            // outlines) belong to no cell.
            guard let i = try regions.firstIndex(where: { try $0.intersects(p) }) else { continue }
            // The country's site nearest to the face (the first in site order on a tie).
            guard let best = grids[i].nearest(to: p, among: scaledSites[i]) else { continue }
            // Within reach: inside the site's own disc (a face lies wholly inside or outside
            // each disc, whose outline is noded), or inside a corridor; everything is within
            // reach when the partition has no reach rule.
            let inDisc = discs[i][best].map { PolygonCoordinates(exterior: $0).contains(p) } ?? false
            let inReach = try corridors == nil || inDisc || (corridorTest?.intersects(p) ?? false)
            grouped[i][best][inReach ? 0 : 1].append(face)
        }
        // A site's faces are dissolved into its pieces and its cell; they share exact edges, so
        // a coverage union does it, and the nodes on the outer edges stay, matching the
        // neighbouring cells and pieces vertex for vertex.
        func dissolve(_ faces: [Geometry]) throws -> [PolygonCoordinates] {
            guard !faces.isEmpty else { return [] }
            let union = faces.count == 1 ? faces[0] : try Geometry.collection(copying: faces, in: context).coverageUnion()
            return try union.polygonCoordinates().map { mapPolygon($0, unscale) }
        }
        return try grouped.map { country in
            try country.map { pieces in
                let reach = try dissolve(pieces[0]), beyond = try dissolve(pieces[1])
                // A cell with one piece is that piece: no second union.
                let whole = pieces[1].isEmpty ? reach : pieces[0].isEmpty ? beyond : try dissolve(pieces[0] + pieces[1])
                return (whole: whole, reach: reach, beyond: beyond)
            }
        }
    }

    /// The sites of one country bucketed in a uniform grid (about two sites a cell), for the
    /// site nearest to a point: the rings of cells around the point's cell are searched until
    /// the nearest site found is closer than any cell not yet searched. The same site as a scan
    /// of all sites (equal squared distances, first in site order on a tie), in O(1) expected
    /// for evenly spread sites instead of O(sites).
    struct SiteGrid {
        let minX: Double, minY: Double, cell: Double
        let columns: Int, rows: Int
        /// Sites of cell `k` are `items[start[k]..<start[k + 1]]`, ascending.
        let start: [Int32]
        let items: [Int32]

        init(_ sites: [Coordinate]) {
            let xs = sites.map(\.lon), ys = sites.map(\.lat)
            minX = xs.min() ?? 0
            minY = ys.min() ?? 0
            let width = max((xs.max() ?? 0) - minX, 1e-9), height = max((ys.max() ?? 0) - minY, 1e-9)
            var cell = (width * height / Double(max(sites.count, 1)) * 2).squareRoot()
            if !(cell > 0) { cell = max(width, height) }
            // At most about four cells per site, whatever the spread.
            cell = max(cell, max(width, height) / Double(max(1, 2 * Int(Double(sites.count).squareRoot()))))
            self.cell = cell
            columns = max(1, Int((width / cell).rounded(.down)) + 1)
            rows = max(1, Int((height / cell).rounded(.down)) + 1)
            var counts = [Int32](repeating: 0, count: columns * rows + 1)
            var home = [Int](repeating: 0, count: sites.count)
            for (j, s) in sites.enumerated() {
                let cx = min(columns - 1, max(0, Int(((s.lon - minX) / cell).rounded(.down))))
                let cy = min(rows - 1, max(0, Int(((s.lat - minY) / cell).rounded(.down))))
                home[j] = cy * columns + cx
                counts[home[j] + 1] += 1
            }
            for k in 0..<(columns * rows) { counts[k + 1] += counts[k] }
            var fill = counts, items = [Int32](repeating: 0, count: sites.count)
            for j in sites.indices {
                items[Int(fill[home[j]])] = Int32(j)
                fill[home[j]] += 1
            }
            start = counts
            self.items = items
        }

        /// The index of the site of `sites` (the ones the grid was made of) nearest to `p`.
        func nearest(to p: Coordinate, among sites: [Coordinate]) -> Int? {
            guard !sites.isEmpty else { return nil }
            let cx = min(columns - 1, max(0, Int(((p.lon - minX) / cell).rounded(.down))))
            let cy = min(rows - 1, max(0, Int(((p.lat - minY) / cell).rounded(.down))))
            var best = -1, bestDistance = Double.infinity
            func visit(_ x: Int, _ y: Int) {
                guard x >= 0, x < columns, y >= 0, y < rows else { return }
                let k = y * columns + x
                for item in items[Int(start[k])..<Int(start[k + 1])] {
                    let j = Int(item), s = sites[j]
                    let d = (s.lon - p.lon) * (s.lon - p.lon) + (s.lat - p.lat) * (s.lat - p.lat)
                    if d < bestDistance || (d == bestDistance && j < best) { best = j; bestDistance = d }
                }
            }
            var r = 0
            while true {
                if r == 0 { visit(cx, cy) } else {
                    for x in (cx - r)...(cx + r) { visit(x, cy - r); visit(x, cy + r) }
                    for y in (cy - r + 1)...(cy + r - 1) { visit(cx - r, y); visit(cx + r, y) }
                }
                // Every site not yet visited is at least r cells away (the point may lie outside
                // the grid, which only makes it farther); stop once the best is nearer than that.
                let reach = Double(r) * cell
                if best >= 0, bestDistance < reach * reach * 0.999 { return best }
                if cx - r <= 0, cy - r <= 0, cx + r >= columns - 1, cy + r >= rows - 1 { return best }
                r += 1
            }
        }
    }

    // MARK: Queries

    /// The GEOS geometry of cell `i` (nil when the cell is empty). Made on first use. O(1) after.
    public func geometry(ofCell i: Int) -> Geometry? {
        if !geometryMade[i] {
            geometries[i] = Self.make(cells[i].polygons, context)
            geometryMade[i] = true
        }
        return geometries[i]
    }

    /// The GEOS geometry of unit `u` of the coverage of pieces: `2c` is the piece of cell `c`
    /// within reach, `2c + 1` the piece beyond it (nil when that piece is empty). Made on first
    /// use. O(1) after.
    public func unitGeometry(_ u: Int) -> Geometry? {
        if !unitMade[u] {
            units[u] = Self.make(unitPolygons(u), context)
            unitMade[u] = true
        }
        return units[u]
    }

    /// The polygons of unit `u` (`unitGeometry(_:)`), as coordinates; empty when the piece is. O(1).
    public func unitPolygons(_ u: Int) -> [PolygonCoordinates] {
        u % 2 == 0 ? cells[u / 2].reachPolygons : beyondPolygons[u / 2]
    }

    /// Whether unit `u` has ground (its piece is not empty), without making its geometry. O(1).
    public func hasUnit(_ u: Int) -> Bool { !unitPolygons(u).isEmpty }

    /// The GEOS (multi)polygon of polygons that were valid when the partition was built.
    private static func make(_ polygons: [PolygonCoordinates], _ context: GEOSContext) -> Geometry? {
        guard !polygons.isEmpty else { return nil }
        do { return try Geometry.multiPolygon(polygons, in: context) } catch {
            fatalError("GEOS cannot make a polygon of the partition it built: \(error)")
        }
    }

    /// The unit of cell `c`'s piece within reach (`beyond: false`) or beyond it.
    @inline(__always)
    public static func unit(cell c: Int, beyond: Bool) -> Int { 2 * c + (beyond ? 1 : 0) }

    /// Which cells share an edge with which (the cells form an exact coverage, so neighbours
    /// share their edges vertex for vertex), and which cells have an edge on the region's
    /// outer boundary. O(vertices).
    public func adjacency() -> (neighbours: [[Int]], onBoundary: [Bool]) {
        struct Edge: Hashable { let a: Coordinate, b: Coordinate }
        var owners = [Edge: [Int]]()
        for (c, cell) in cells.enumerated() {
            for polygon in cell.polygons {
                for ring in [polygon.exterior] + polygon.holes {
                    for i in ring.indices.dropFirst() where ring[i - 1] != ring[i] {
                        let (p, q) = (ring[i - 1], ring[i])
                        let edge = (p.lon, p.lat) < (q.lon, q.lat) ? Edge(a: p, b: q) : Edge(a: q, b: p)
                        owners[edge, default: []].append(c)
                    }
                }
            }
        }
        var neighbours = [Set<Int>](repeating: [], count: cells.count)
        var onBoundary = [Bool](repeating: false, count: cells.count)
        for (_, cs) in owners {
            if cs.count == 1 { onBoundary[cs[0]] = true; continue }
            for x in cs { for y in cs where x != y { neighbours[x].insert(y) } }
        }
        return (neighbours.map { $0.sorted() }, onBoundary)
    }

    /// The sum of all cells' areas in km². O(cells).
    public var cellAreaSumKm2: Double { cells.reduce(0) { $0 + $1.areaKm2 } }
}
