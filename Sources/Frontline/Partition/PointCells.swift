import Foundation

extension Partition {
    /// The cells of a partition of arbitrary points without a reach rule or filler cells
    /// (`init(points:…)`), built for scale: the Voronoi diagram of each country's points comes
    /// from a Delaunay triangulation in Swift (`Delaunay`; GEOS 3.11's took 3.5 s for 100,000
    /// points), a cell far from every outline is the polygon of its triangles' circumcentres
    /// as it is, and only the cells near an outline go through GEOS: their Voronoi edges, cut a
    /// little beyond their country, are noded with all the outlines and polygonized, and each
    /// face goes to the nearest point of the country it lies in (`SiteGrid`).
    ///
    /// Neighbouring cells share their vertices exactly: a circumcentre is computed once per
    /// triangle, an edge between a cell near an outline and one far from it is nothing GEOS
    /// splits (no outline, and no other country's edge, comes within `margin` of a far cell),
    /// and every crossing of an outline is a node of the one noded line set. A far cell is
    /// taken only when its ring is strictly convex and counter-clockwise (a rounding error
    /// in the triangulation sends it through GEOS instead), and the cells' planar areas must
    /// add up to the outlines' (else nil: the caller builds the usual way).
    /// O(n log n) in the points, plus GEOS on the cells along the outlines (about √n of them
    /// per outline's length).
    static func pointCells(places: [Place], outlines: [String: [PolygonCoordinates]], countries: [String],
                           context: GEOSContext) throws -> PartitionCache.Stored? {
        let geodesic = Geodesic.wgs84
        let lats = countries.flatMap { outlines[$0]!.flatMap { $0.exterior.map(\.lat) } }
        guard let minLat = lats.min(), let maxLat = lats.max() else { return nil }
        let k = cos((minLat + maxLat) / 2 * .pi / 180)
        func mapPolygon(_ p: PolygonCoordinates, _ f: (Coordinate) -> Coordinate) -> PolygonCoordinates {
            PolygonCoordinates(exterior: p.exterior.map(f), holes: p.holes.map { $0.map(f) })
        }
        let scaledOutlines = countries.map { outlines[$0]!.map { mapPolygon($0, { Coordinate(lon: $0.lon * k, lat: $0.lat) }) } }

        // The outlines' segments mark the grid cells a far cell must not touch.
        var outlineSegments = [(Coordinate, Coordinate)]()
        for polygons in scaledOutlines {
            for p in polygons {
                for ring in [p.exterior] + p.holes where ring.count > 1 {
                    for i in 1..<ring.count { outlineSegments.append((ring[i - 1], ring[i])) }
                }
            }
        }
        let all = scaledOutlines.flatMap { $0.flatMap(\.exterior) }
        let minX = all.map(\.lon).min()!, maxX = all.map(\.lon).max()!, minY = all.map(\.lat).min()!, maxY = all.map(\.lat).max()!
        let siteCount = max(1, places.filter { countries.contains($0.country) }.count)
        let meanCell = ((maxX - minX) * (maxY - minY) / Double(siteCount)).squareRoot()
        let margin = meanCell / 8
        let near = NearGrid(minX: minX - 1, minY: minY - 1, maxX: maxX + 1, maxY: maxY + 1,
                            cell: max(meanCell, (maxX - minX + 2) / 4096, (maxY - minY + 2) / 4096))
        for (a, b) in outlineSegments {
            near.mark(min(a.lon, b.lon) - margin, min(a.lat, b.lat) - margin, max(a.lon, b.lon) + margin, max(a.lat, b.lat) + margin)
        }

        var stored = PartitionCache.Stored()
        stored.countries = countries
        stored.lonScale = k
        var cellPolygons = [[PolygonCoordinates]]()
        var cellSites = [(place: Int, country: String)]()
        var lines = [Geometry]()
        var regions = [PreparedGeometry]()
        var countrySites = [[Coordinate]](), countryPlaces = [[Int]](), farCell = [[Bool]]()
        var planarCells = 0.0, planarOutlines = 0.0

        for (i, country) in countries.enumerated() {
            stored.countryAreaKm2[country] = geodesic.area(outlines[country]!) / 1e6
            let region = try Geometry.multiPolygon(scaledOutlines[i], in: context)
            try region.requireValid("outline of \(country)")
            regions.append(try PreparedGeometry(region))
            planarOutlines += try region.planarArea
            let sites = places.indices.filter { places[$0].country == country }
            guard sites.count >= 3 else { return nil }
            let xs = sites.map { places[$0].coordinate.lon * k }, ys = sites.map { places[$0].coordinate.lat }
            countrySites.append(zip(xs, ys).map { Coordinate(lon: $0, lat: $1) })
            countryPlaces.append(sites)
            let delaunay = Delaunay(xs: xs, ys: ys)
            guard !delaunay.isDegenerate else { return nil }
            let triangles = delaunay.triangles, halfedges = delaunay.halfedges
            let centres = stride(from: 0, to: triangles.count, by: 3).map { t in
                let a = Int(triangles[t]), b = Int(triangles[t + 1]), c = Int(triangles[t + 2])
                let o = Delaunay.circumcenter(xs[a], ys[a], xs[b], ys[b], xs[c], ys[c])
                return Coordinate(lon: o.x, lat: o.y)
            }
            // An incoming half-edge of each point (the hull's, for a point on the hull).
            var incoming = [Int32](repeating: -1, count: sites.count)
            var onHull = [Bool](repeating: false, count: sites.count)
            for e in triangles.indices {
                let end = Int(triangles[e - e % 3 + (e % 3 + 1) % 3])
                if halfedges[e] == -1 { onHull[end] = true; onHull[Int(triangles[e])] = true }
                if incoming[end] == -1 || halfedges[e] == -1 { incoming[end] = Int32(e) }
            }
            // Far cells: a full fan whose ring is strictly convex, counter-clockwise and clear of the outlines.
            var far = [Bool](repeating: false, count: sites.count)
            var rings = [[Coordinate]?](repeating: nil, count: sites.count)
            for j in sites.indices where !onHull[j] && incoming[j] >= 0 {
                var ring = [Coordinate]()
                let start = Int(incoming[j])
                var e = start
                var complete = false
                while ring.count <= triangles.count {
                    ring.append(centres[e / 3])
                    let out = e - e % 3 + (e % 3 + 1) % 3
                    let next = Int(halfedges[out])
                    if next == -1 { break }
                    e = next
                    if e == start { complete = true; break }
                }
                guard complete, ring.count >= 3 else { continue }
                if Self.signedArea(ring) < 0 { ring.reverse() }
                guard Self.isStrictlyConvex(ring) else { continue }
                let xs = ring.map(\.lon), ys = ring.map(\.lat)
                guard !near.touches(xs.min()!, ys.min()!, xs.max()!, ys.max()!) else { continue }
                ring.append(ring[0])
                rings[j] = ring
                far[j] = true
            }
            // The Voronoi edges of the other cells (once per pair of triangles; hull edges as
            // rays to well past the outlines), cut a margin beyond the country.
            var edges = [[Coordinate]]()
            let reach = 4 * max(maxX - minX, maxY - minY) + 4
            for e in triangles.indices {
                let a = Int(triangles[e]), b = Int(triangles[e - e % 3 + (e % 3 + 1) % 3])
                if far[a] && far[b] { continue }
                let opposite = Int(halfedges[e])
                if opposite >= 0 {
                    guard e < opposite else { continue }
                    let p = centres[e / 3], q = centres[opposite / 3]
                    if p != q { edges.append([p, q]) }
                } else {
                    // A hull edge a→b: the ray from the circumcentre away from the triangle.
                    let p = centres[e / 3]
                    var dx = ys[b] - ys[a], dy = -(xs[b] - xs[a])
                    let c = Int(triangles[e - e % 3 + (e % 3 + 2) % 3])
                    if (xs[c] - xs[a]) * dx + (ys[c] - ys[a]) * dy > 0 { dx = -dx; dy = -dy }
                    let length = (dx * dx + dy * dy).squareRoot()
                    guard length > 0 else { return nil }
                    edges.append([p, Coordinate(lon: p.lon + dx / length * reach, lat: p.lat + dy / length * reach)])
                }
            }
            if !edges.isEmpty {
                let band = try region.buffer(margin, quadrantSegments: 2)
                lines.append(try Geometry.multiLineString(edges, in: context).intersection(band))
            }
            lines.append(try region.boundary())
            farCell.append(far)
            cellSites += sites.map { ($0, country) }
            for j in sites.indices {
                cellPolygons.append(rings[j].map { [PolygonCoordinates(exterior: $0)] } ?? [])
                if let ring = rings[j] { planarCells += Self.signedArea(ring) }
            }
        }

        // The cells near the outlines: faces of the noded line set, each to the nearest point of
        // the country it lies in, dissolved per point.
        let faces = try Geometry.collection(copying: lines, in: context).unaryUnion().polygonize().parts()
        let grids = countrySites.map { SiteGrid($0) }
        var grouped = countrySites.map { [[Geometry]](repeating: [], count: $0.count) }
        for face in faces {
            let p = try face.pointOnSurface()
            guard let i = try regions.firstIndex(where: { try $0.intersects(p) }),
                  let j = grids[i].nearest(to: p, among: countrySites[i]), !farCell[i][j] else { continue }
            grouped[i][j].append(face)
        }
        var offset = 0
        for (i, country) in grouped.enumerated() {
            for (j, pieces) in country.enumerated() where !pieces.isEmpty {
                let union = pieces.count == 1 ? pieces[0] : try Geometry.collection(copying: pieces, in: context).coverageUnion()
                try union.requireValid("cell of point \(countryPlaces[i][j])")
                planarCells += try union.planarArea
                cellPolygons[offset + j] = try union.polygonCoordinates()
            }
            offset += country.count
        }
        guard abs(planarCells - planarOutlines) <= 1e-9 * planarOutlines else { return nil }

        // Back to degrees; the areas on the ellipsoid.
        for (c, polygons) in cellPolygons.enumerated() {
            let unscaled = polygons.map { mapPolygon($0, { Coordinate(lon: $0.lon / k, lat: $0.lat) }) }
            let place = places[cellSites[c].place]
            let area = geodesic.area(unscaled) / 1e6
            stored.cells.append(Cell(placeIndex: cellSites[c].place, site: place.coordinate, country: cellSites[c].country,
                                     admin1: place.admin1, polygons: unscaled, areaKm2: area, reachPolygons: unscaled,
                                     reachAreaKm2: area, settlementRadiusKm: nil, population: place.population))
            stored.beyond.append([])
        }
        stored.regionAreaKm2 = stored.cells.reduce(0) { $0 + $1.areaKm2 }
        return stored
    }

    /// The signed planar area of a ring (positive counter-clockwise), closed or not. O(n).
    static func signedArea(_ ring: [Coordinate]) -> Double {
        var sum = 0.0
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            sum += a.lon * b.lat - b.lon * a.lat
        }
        return sum / 2
    }

    /// Whether an open counter-clockwise ring turns left at every vertex. O(n).
    static func isStrictlyConvex(_ ring: [Coordinate]) -> Bool {
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count], c = ring[(i + 2) % ring.count]
            if (b.lon - a.lon) * (c.lat - b.lat) - (b.lat - a.lat) * (c.lon - b.lon) <= 0 { return false }
        }
        return true
    }

    /// Grid cells marked as near an outline. Not thread-safe (a class for its marks' storage).
    final class NearGrid {
        let minX: Double, minY: Double, cell: Double, columns: Int, rows: Int
        private var marks: [Bool]

        init(minX: Double, minY: Double, maxX: Double, maxY: Double, cell: Double) {
            self.minX = minX
            self.minY = minY
            self.cell = cell
            columns = Int(((maxX - minX) / cell).rounded(.up)) + 1
            rows = Int(((maxY - minY) / cell).rounded(.up)) + 1
            marks = [Bool](repeating: false, count: columns * rows)
        }

        private func range(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (ClosedRange<Int>, ClosedRange<Int>) {
            func clamp(_ v: Double, _ n: Int) -> Int { min(n - 1, max(0, Int(v.rounded(.down)))) }
            return (clamp((x0 - minX) / cell, columns)...clamp((x1 - minX) / cell, columns),
                    clamp((y0 - minY) / cell, rows)...clamp((y1 - minY) / cell, rows))
        }

        /// Marks every grid cell the box meets.
        func mark(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
            let (xr, yr) = range(x0, y0, x1, y1)
            for y in yr { for x in xr { marks[y * columns + x] = true } }
        }

        /// Whether the box meets a marked grid cell (a box outside the grid counts as near).
        func touches(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Bool {
            if x0 < minX || y0 < minY || x1 > minX + Double(columns) * cell || y1 > minY + Double(rows) * cell { return true }
            let (xr, yr) = range(x0, y0, x1, y1)
            for y in yr { for x in xr where marks[y * columns + x] { return true } }
            return false
        }
    }
}
