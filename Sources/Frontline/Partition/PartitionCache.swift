import Foundation

/// Keeps built partitions on disk, so that a command does not rebuild the one it built last
/// time: building Syria and Iraq with the reach rule takes most of a second (GEOS noding and
/// polygonizing), loading it back a few milliseconds.
///
/// - **Where** and **how**: in `CacheDirectory` (`partition-<digest of the key>.bin`), framed,
///   written atomically and bounded as it says.
/// - **Key**: a digest of everything the partition depends on: the places (gazetteer and the
///   scenario's declared places: id, position, country, governorate, population), the country and
///   governorate outlines, the roads and rivers, the region, the filler spacing, the reach rule, the
///   GEOS version and this file's format version. Any change gives another file.
/// - **Validated on load**: the frame (magic, format version, the full key, a checksum of the
///   content), then every length and the cells' areas adding up to the region; anything else is
///   rebuilt and written again.
public enum PartitionCache {
    static let magic: [UInt8] = Array("FLPC".utf8)
    static let formatVersion: UInt32 = 2

    /// The key of a partition: a readable description of its inputs, whose digest names the file.
    public static func key(gazetteer: Gazetteer, outlines: [String: [PolygonCoordinates]], countries: [String],
                           fillerSpacingKm: Double?, governorates: [Boundary], lines: [LineFeature],
                           reach: ReachModel?) -> String {
        var places = Digest(), shapes = Digest(), roads = Digest()
        for p in gazetteer.places where countries.contains(p.country) {
            places.add(p.id); places.add(p.coordinate.lon); places.add(p.coordinate.lat)
            places.add(p.country); places.add(p.admin1); places.add(Double(p.population))
        }
        for code in countries {
            shapes.add(code)
            for polygon in outlines[code] ?? [] { shapes.add(polygon) }
        }
        for g in governorates {
            for k in g.properties.keys.sorted() { shapes.add(k); shapes.add(g.properties[k] ?? "") }
            for polygon in g.polygons { shapes.add(polygon) }
        }
        for line in lines {
            roads.add(line.kind.rawValue); roads.add(line.name); roads.add(line.lineClass)
            for part in line.parts { for c in part { roads.add(c.lon); roads.add(c.lat) } }
        }
        let reachText = reach.map { "reach \($0.reachKm) corridor \($0.corridorKm.map { "\($0)" } ?? "-") density \($0.builtUpDensity)" } ?? "no reach"
        return "frontline partition v\(formatVersion); GEOS \(GEOSContext.libraryVersion); region \(countries.joined(separator: ","))"
            + "; fillers \(fillerSpacingKm.map { "\($0)" } ?? "-"); \(reachText); places \(places.hex); shapes \(shapes.hex); lines \(roads.hex)"
    }

    /// The file a key is kept in.
    public static func file(for key: String, in directory: URL) -> URL {
        CacheDirectory.file("partition", for: key, in: directory)
    }

    // MARK: Writing

    /// Writes `partition` under `key` (best effort: a cache that cannot be written is no error).
    /// O(vertices).
    static func save(_ partition: Partition, key: String, to url: URL) {
        var body = BinaryWriter()
        body.u32(UInt32(partition.countries.count))
        for c in partition.countries { body.string(c); body.double(partition.countryAreaKm2[c] ?? 0) }
        body.double(partition.regionAreaKm2)
        body.double(partition.lonScale)
        body.u32(partition.isCheckedCoverage ? 1 : 0)
        body.u32(UInt32(partition.cells.count))
        for (c, cell) in partition.cells.enumerated() {
            body.i64(Int64(cell.placeIndex ?? -1))
            body.double(cell.site.lon); body.double(cell.site.lat)
            body.string(cell.country); body.string(cell.admin1)
            body.i64(Int64(cell.population))
            body.double(cell.areaKm2); body.double(cell.reachAreaKm2)
            body.double(cell.settlementRadiusKm ?? -1)
            body.polygons(cell.polygons)
            body.polygons(cell.reachPolygons)
            body.polygons(partition.beyondPolygons[c])
        }
        CacheDirectory.write(body.data, magic: magic, version: formatVersion, key: key, to: url)
    }

    // MARK: Reading

    /// What a cache file holds, once checked.
    struct Stored {
        var countries: [String] = []
        var countryAreaKm2: [String: Double] = [:]
        var regionAreaKm2 = 0.0
        var lonScale = 0.0
        var cells: [Cell] = []
        var beyond: [[PolygonCoordinates]] = []
        /// The units were found an exact coverage before they were written (`CoverageEdgeBuilder`).
        var checkedCoverage = false
    }

    /// The partition kept under `key` at `url`, or nil when there is none or it does not check.
    /// O(vertices).
    static func load(key: String, from url: URL, placeCount: Int) -> Stored? {
        guard var r = CacheDirectory.read(magic: magic, version: formatVersion, key: key, from: url) else { return nil }
        var s = Stored()
        guard let countryCount = r.u32(), countryCount < 1000 else { return nil }
        for _ in 0..<countryCount {
            guard let code = r.string(), let area = r.double() else { return nil }
            s.countries.append(code)
            s.countryAreaKm2[code] = area
        }
        guard let region = r.double(), let lonScale = r.double(), let checked = r.u32(), let cellCount = r.u32() else { return nil }
        s.checkedCoverage = checked == 1
        s.regionAreaKm2 = region
        s.lonScale = lonScale
        for _ in 0..<cellCount {
            guard let place = r.i64(), let lon = r.double(), let lat = r.double(), let country = r.string(),
                  let admin1 = r.string(), let population = r.i64(), let area = r.double(), let reachArea = r.double(),
                  let radius = r.double(), let polygons = r.polygons(), let reach = r.polygons(), let beyond = r.polygons(),
                  place < placeCount
            else { return nil }
            s.cells.append(Cell(placeIndex: place >= 0 ? Int(place) : nil, site: Coordinate(lon: lon, lat: lat), country: country,
                                admin1: admin1, polygons: polygons, areaKm2: area, reachPolygons: reach, reachAreaKm2: reachArea,
                                settlementRadiusKm: radius >= 0 ? radius : nil, population: Int(population)))
            s.beyond.append(beyond)
        }
        guard r.atEnd, abs(s.cells.reduce(0) { $0 + $1.areaKm2 } - region) <= 1e-6 * max(region, 1) else { return nil }
        return s
    }
}
