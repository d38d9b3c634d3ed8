import Foundation

/// Keeps built partitions on disk, so that a command does not rebuild the one it built last
/// time: building Syria and Iraq with the reach rule takes most of a second (GEOS noding and
/// polygonizing), loading it back a few milliseconds.
///
/// - **Where**: `$FRONTLINE_CACHE` if set (`off` disables the cache), else
///   `$XDG_CACHE_HOME/frontline`, else `~/.cache/frontline`; never the repository.
/// - **Key**: a digest of everything the partition depends on: the places (gazetteer and the
///   scenario's declared places: id, position, country, governorate, population), the country and
///   governorate outlines, the roads and rivers, the region, the filler spacing, the reach rule, the
///   GEOS version and this file's format version. Any change gives another file.
/// - **Validated on load**: magic, format version, the full key (not only its digest), a checksum
///   of the content, and the cells' areas adding up to the region; anything else is rebuilt and
///   written again.
/// - **Safe with several processes**: each writes a temporary file of its own and renames it over
///   the target in one step, so a reader sees a whole file or none.
public enum PartitionCache {
    static let magic: [UInt8] = Array("FLPC".utf8)
    static let formatVersion: UInt32 = 1

    /// The cache directory, or nil when disabled (`FRONTLINE_CACHE=off`).
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let value = environment["FRONTLINE_CACHE"], !value.isEmpty {
            return value == "off" ? nil : URL(fileURLWithPath: value)
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("frontline")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/frontline")
    }

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
        var d = Digest()
        d.add(key)
        return directory.appendingPathComponent("partition-\(d.hex).bin")
    }

    // MARK: Writing

    /// Writes `partition` under `key` (best effort: a cache that cannot be written is no error).
    /// O(vertices).
    static func save(_ partition: Partition, key: String, to url: URL) {
        var out = Writer()
        out.bytes(magic)
        out.u32(formatVersion)
        out.string(key)
        var body = Writer()
        body.u32(UInt32(partition.countries.count))
        for c in partition.countries { body.string(c); body.double(partition.countryAreaKm2[c] ?? 0) }
        body.double(partition.regionAreaKm2)
        body.double(partition.lonScale)
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
        var check = Digest()
        check.add(body.data)
        out.string(check.hex)
        out.data.append(body.data)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temp = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
            try out.data.write(to: temp)
            if rename(temp.path, url.path) != 0 { try? FileManager.default.removeItem(at: temp) }
        } catch {
            // A read-only or full cache directory only costs the next command a rebuild.
        }
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
    }

    /// The partition kept under `key` at `url`, or nil when there is none or it does not check.
    /// O(vertices).
    static func load(key: String, from url: URL, placeCount: Int) -> Stored? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        var r = Reader(data: data)
        guard r.bytes(4) == magic, r.u32() == formatVersion, r.string() == key, let sum = r.string() else { return nil }
        var check = Digest()
        check.add(data.suffix(from: data.startIndex + r.offset))
        guard check.hex == sum else { return nil }
        var s = Stored()
        guard let countryCount = r.u32(), countryCount < 1000 else { return nil }
        for _ in 0..<countryCount {
            guard let code = r.string(), let area = r.double() else { return nil }
            s.countries.append(code)
            s.countryAreaKm2[code] = area
        }
        guard let region = r.double(), let lonScale = r.double(), let cellCount = r.u32() else { return nil }
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

    // MARK: Bytes

    /// FNV-1a, 64 bits: a stable digest (Swift's `Hasher` is seeded per process).
    struct Digest {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes { state = (state ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        mutating func add(_ s: String) { add(s.utf8); add([0]) }
        mutating func add(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { add($0) } }
        mutating func add(_ p: PolygonCoordinates) {
            for ring in [p.exterior] + p.holes { for c in ring { add(c.lon); add(c.lat) }; add([1]) }
        }
        var hex: String { String(state, radix: 16) }
    }

    struct Writer {
        var data = Data()
        mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
        mutating func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { data.append(contentsOf: $0) } }
        mutating func i64(_ x: Int64) { withUnsafeBytes(of: x.littleEndian) { data.append(contentsOf: $0) } }
        mutating func double(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        mutating func string(_ s: String) { let u = Array(s.utf8); u32(UInt32(u.count)); data.append(contentsOf: u) }
        mutating func polygons(_ ps: [PolygonCoordinates]) {
            u32(UInt32(ps.count))
            for p in ps {
                let rings = [p.exterior] + p.holes
                u32(UInt32(rings.count))
                for ring in rings {
                    u32(UInt32(ring.count))
                    for c in ring { double(c.lon); double(c.lat) }
                }
            }
        }
    }

    struct Reader {
        let data: Data
        var offset = 0
        var atEnd: Bool { offset == data.count }

        mutating func take(_ n: Int) -> Data? {
            guard n >= 0, data.count - offset >= n else { return nil }
            defer { offset += n }
            return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + n))
        }
        mutating func bytes(_ n: Int) -> [UInt8]? { take(n).map(Array.init) }
        mutating func u32() -> UInt32? {
            guard let d = take(4) else { return nil }
            return d.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        }
        mutating func i64() -> Int64? {
            guard let d = take(8) else { return nil }
            return d.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
        }
        mutating func double() -> Double? {
            guard let d = take(8) else { return nil }
            return d.withUnsafeBytes { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        }
        mutating func string() -> String? {
            guard let n = u32(), n < 1 << 20, let d = take(Int(n)) else { return nil }
            return String(data: d, encoding: .utf8)
        }
        mutating func polygons() -> [PolygonCoordinates]? {
            guard let count = u32(), count < 1 << 20 else { return nil }
            var result = [PolygonCoordinates]()
            for _ in 0..<count {
                guard let ringCount = u32(), ringCount > 0, ringCount < 1 << 20 else { return nil }
                var rings = [[Coordinate]]()
                for _ in 0..<ringCount {
                    guard let n = u32(), n >= 4, Int(n) * 16 <= data.count - offset, let raw = take(Int(n) * 16) else { return nil }
                    let ring: [Coordinate] = raw.withUnsafeBytes { b in
                        (0..<Int(n)).map { i in
                            Coordinate(lon: Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 16 * i, as: UInt64.self))),
                                       lat: Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 16 * i + 8, as: UInt64.self))))
                        }
                    }
                    guard ring.first == ring.last else { return nil }
                    rings.append(ring)
                }
                result.append(PolygonCoordinates(exterior: rings[0], holes: Array(rings.dropFirst())))
            }
            return result
        }
    }
}
