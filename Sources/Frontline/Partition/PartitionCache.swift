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
/// - **Bounded**: the most recently used files of each kind are kept (`retention`), the rest
///   removed when a new one is written.
public enum PartitionCache {
    static let magic: [UInt8] = Array("FLPC".utf8)
    static let formatVersion: UInt32 = 2

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
        var out = BinaryWriter()
        out.bytes(magic)
        out.u32(formatVersion)
        out.string(key)
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
        var check = Digest()
        check.add(body.data)
        out.string(check.hex)
        out.data.append(body.data)
        writeAtomically(out.data, to: url)
    }

    /// Writes a cache file: a temporary file of this process renamed over `url` in one step,
    /// so a reader sees a whole file or none. Best effort: a read-only or full cache directory
    /// only costs the next command a rebuild.
    static func writeAtomically(_ data: Data, to url: URL) {
        do {
            // OutputTarget: a temporary file renamed over the target, removed on an error or a
            // signal (and, if a run was killed, by the next one).
            // (Not AtomicFile, which `--profile` counts as the command's output.)
            let out = try OutputTarget.open(url.path)
            try out.write(data)
            try out.finish()
        } catch {
            // A read-only or full cache directory only costs the next command a rebuild; so does
            // another thread of this process writing the same file at the same moment.
        }
        prune(url.deletingLastPathComponent(), kind: kind(of: url.lastPathComponent))
    }

    // MARK: Size

    /// How many files of each kind (`partition-`, `geodata-`, `scenario-`) the cache directory
    /// keeps: the most recently used; older ones are removed when a new one is written. A
    /// partition file is about 0.8 MB, Geo/'s 0.7 MB, a scenario's up to its text's size, so
    /// the directory stays under about 30 MB however many Geo/ versions, scenarios and
    /// temporary paths it has seen.
    static let retention = ["partition-": 8, "geodata-": 4, "scenario-": 32]

    /// The kind of a cache file: its name up to the first `-` included.
    static func kind(of name: String) -> String {
        name.firstIndex(of: "-").map { String(name[...$0]) } ?? name
    }

    /// Marks a cache file used now (its modification time), so that pruning keeps what is read
    /// and drops what is not. Best effort.
    static func markUsed(_ url: URL) {
        _ = utimes(url.path, nil)
    }

    /// Removes the files of `kind` beyond the `retention` most recently used (modification
    /// time) from `directory`. Temporary files (names starting with `.`) are left to their
    /// writers. Another process reading a removed file keeps what it opened; one looking for
    /// it rebuilds it. Best effort. O(files in the directory).
    static func prune(_ directory: URL, kind: String) {
        guard let keep = retention[kind],
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        var files = [(name: String, modified: Double)]()
        for name in names where name.hasPrefix(kind) {
            var info = stat()
            guard stat(directory.appendingPathComponent(name).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            files.append((name, Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9))
        }
        guard files.count > keep else { return }
        files.sort { ($0.modified, $0.name) > ($1.modified, $1.name) }
        for file in files[keep...] { try? FileManager.default.removeItem(at: directory.appendingPathComponent(file.name)) }
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
        guard let data = try? Data(contentsOf: url) else { return nil }
        var r = BinaryReader(data)
        guard r.bytes(4) == magic, r.u32() == formatVersion, r.string() == key, let sum = r.string() else { return nil }
        var check = Digest()
        r.bytes.withUnsafeBytes { check.add(UnsafeRawBufferPointer(rebasing: $0[r.offset...])) }
        guard check.hex == sum else { return nil }
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
