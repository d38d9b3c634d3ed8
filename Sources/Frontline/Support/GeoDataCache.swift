import Foundation

/// Keeps what `GeoData` reads from `Geo/` — the gazetteer with its folded name indexes, the
/// country and governorate outlines, the roads and rivers, the neighbouring countries — in one binary file in the cache
/// directory (`CacheDirectory`), so a command does not parse the GeoJSON files
/// and fold 7,600 names again: loading it back takes about a millisecond, reading `Geo/`
/// about 60.
///
/// - **Key**: the name, size and FNV-1a digest of the content of every file read
///   (`places.tsv`, `aliases.tsv`, `governorate-names.tsv`, `countries.geojson`,
///   `governorates.geojson`, `roads.geojson`, `rivers.geojson`, `neighbours.geojson`; a missing optional file
///   counts as such) and this file's format version. The files are read and digested on
///   every load (about 650 KB, under a millisecond), so an edited file is never missed,
///   whatever its modification time.
/// - **Validated on load**: magic, format version, the full key, a checksum of the content and
///   every length; anything else is read from `Geo/` again and the cache rewritten.
/// - **Written atomically** (a temporary file renamed over the target), best effort.
enum GeoDataCache {
    static let magic: [UInt8] = Array("FLGD".utf8)
    static let formatVersion: UInt32 = 2
    /// The files of `Geo/` that `GeoData` reads.
    static let files = ["places.tsv", "aliases.tsv", "governorate-names.tsv", "countries.geojson", "governorates.geojson",
                        "roads.geojson", "rivers.geojson", "neighbours.geojson"]

    /// What `GeoData` holds, apart from its directory.
    struct Content {
        var gazetteer: Gazetteer
        var outlines: [String: [PolygonCoordinates]]
        var governorates: [Boundary]
        var lines: [LineFeature]
        var neighbours: [Boundary]
    }

    /// The key of `directory`'s files as they are now. O(bytes of the files).
    static func key(directory: URL) -> String {
        var key = "frontline geodata v\(formatVersion)"
        for name in files {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { key += "; \(name) -"; continue }
            var d = Digest()
            d.add(data)
            key += "; \(name) \(data.count) \(d.hex)"
        }
        return key
    }

    /// The file a key is kept in.
    static func file(for key: String, in directory: URL) -> URL {
        CacheDirectory.file("geodata", for: key, in: directory)
    }

    // MARK: Writing

    static func save(_ content: Content, key: String, to url: URL) {
        var body = BinaryWriter()
        let g = content.gazetteer
        body.u32(UInt32(g.places.count))
        for p in g.places {
            body.string(p.id); body.string(p.name); body.string(p.asciiName); body.strings(p.alternateNames)
            body.double(p.coordinate.lon); body.double(p.coordinate.lat)
            body.string(p.country); body.string(p.admin1); body.string(p.admin1Name)
            body.i64(Int64(p.population)); body.string(p.source)
        }
        for index in [g.exact, g.loose] {
            body.u32(UInt32(index.count))
            for (key, places) in index.sorted(by: { $0.key < $1.key }) {
                body.string(key)
                body.u32(UInt32(places.count))
                for p in places { body.u32(UInt32(p)) }
            }
        }
        body.u32(UInt32(g.preferred.count))
        for (key, p) in g.preferred.sorted(by: { $0.key < $1.key }) { body.string(key); body.u32(UInt32(p)) }
        for keys in g.suggestionKeys { body.strings(keys) }
        body.u32(UInt32(g.governorateKeys.count))
        for (key, codes) in g.governorateKeys.sorted(by: { $0.key < $1.key }) { body.string(key); body.strings(codes.sorted()) }
        body.u32(UInt32(g.governorates.count))
        for (code, name) in g.governorates.sorted(by: { $0.key < $1.key }) { body.string(code); body.string(name) }

        body.u32(UInt32(content.outlines.count))
        for (code, polygons) in content.outlines.sorted(by: { $0.key < $1.key }) { body.string(code); body.polygons(polygons) }
        for boundaries in [content.governorates, content.neighbours] {
            body.u32(UInt32(boundaries.count))
            for boundary in boundaries {
                body.u32(UInt32(boundary.properties.count))
                for (k, v) in boundary.properties.sorted(by: { $0.key < $1.key }) { body.string(k); body.string(v) }
                body.polygons(boundary.polygons)
            }
        }
        body.u32(UInt32(content.lines.count))
        for line in content.lines {
            body.string(line.kind.rawValue); body.string(line.name); body.string(line.lineClass)
            body.u32(UInt32(line.parts.count))
            for part in line.parts {
                body.u32(UInt32(part.count))
                for c in part { body.double(c.lon); body.double(c.lat) }
            }
        }

        CacheDirectory.write(body.data, magic: magic, version: formatVersion, key: key, to: url)
    }

    // MARK: Reading

    /// The content kept under `key` at `url`, or nil when there is none or it does not check.
    /// O(bytes).
    static func load(key: String, from url: URL) -> Content? {
        guard var r = CacheDirectory.read(magic: magic, version: formatVersion, key: key, from: url) else { return nil }
        return read(&r)
    }

    private static func read(_ r: inout BinaryReader) -> Content? {
        guard let placeCount = r.count(itemBytes: 40) else { return nil }
        var places = [Place]()
        places.reserveCapacity(placeCount)
        for _ in 0..<placeCount {
            guard let id = r.string(), let name = r.string(), let ascii = r.string(), let alternates = r.strings(),
                  let lon = r.double(), let lat = r.double(), let country = r.string(), let admin1 = r.string(),
                  let admin1Name = r.string(), let population = r.i64(), let source = r.string()
            else { return nil }
            places.append(Place(id: id, name: name, asciiName: ascii, alternateNames: alternates,
                                coordinate: Coordinate(lon: lon, lat: lat), country: country, admin1: admin1,
                                admin1Name: admin1Name, population: Int(population), source: source))
        }
        func placeIndex(_ r: inout BinaryReader) -> Int? {
            guard let p = r.u32(), Int(p) < placeCount else { return nil }
            return Int(p)
        }
        var indexes = [[String: [Int]]]()
        for _ in 0..<2 {
            guard let n = r.count(itemBytes: 8) else { return nil }
            var index = [String: [Int]](minimumCapacity: n)
            for _ in 0..<n {
                guard let key = r.string(), let m = r.count(itemBytes: 4) else { return nil }
                var list = [Int]()
                list.reserveCapacity(m)
                for _ in 0..<m {
                    guard let p = placeIndex(&r) else { return nil }
                    list.append(p)
                }
                index[key] = list
            }
            indexes.append(index)
        }
        guard let preferredCount = r.count(itemBytes: 8) else { return nil }
        var preferred = [String: Int](minimumCapacity: preferredCount)
        for _ in 0..<preferredCount {
            guard let key = r.string(), let p = placeIndex(&r) else { return nil }
            preferred[key] = p
        }
        var suggestionKeys = [[String]]()
        suggestionKeys.reserveCapacity(placeCount)
        for place in places {
            guard let keys = r.strings(), keys.count == 2 + place.alternateNames.count else { return nil }
            suggestionKeys.append(keys)
        }
        guard let keyCount = r.count(itemBytes: 8) else { return nil }
        var governorateKeys = [String: Set<String>](minimumCapacity: keyCount)
        for _ in 0..<keyCount {
            guard let key = r.string(), let codes = r.strings() else { return nil }
            governorateKeys[key] = Set(codes)
        }
        guard let governorateCount = r.count(itemBytes: 8) else { return nil }
        var governorateNames = [String: String]()
        for _ in 0..<governorateCount {
            guard let code = r.string(), let name = r.string() else { return nil }
            governorateNames[code] = name
        }
        let gazetteer = Gazetteer(places: places, exact: indexes[0], loose: indexes[1], preferred: preferred,
                                  suggestionKeys: suggestionKeys, governorateKeys: governorateKeys,
                                  governorates: governorateNames)

        guard let outlineCount = r.count(itemBytes: 8) else { return nil }
        var outlines = [String: [PolygonCoordinates]]()
        for _ in 0..<outlineCount {
            guard let code = r.string(), let polygons = r.polygons() else { return nil }
            outlines[code] = polygons
        }
        func boundaries(_ r: inout BinaryReader) -> [Boundary]? {
            guard let boundaryCount = r.count(itemBytes: 8) else { return nil }
            var list = [Boundary]()
            for _ in 0..<boundaryCount {
                guard let n = r.count(itemBytes: 8) else { return nil }
                var properties = [String: String]()
                for _ in 0..<n {
                    guard let k = r.string(), let v = r.string() else { return nil }
                    properties[k] = v
                }
                guard let polygons = r.polygons() else { return nil }
                list.append(Boundary(properties: properties, polygons: polygons))
            }
            return list
        }
        guard let governorates = boundaries(&r), let neighbours = boundaries(&r) else { return nil }
        guard let lineCount = r.count(itemBytes: 16) else { return nil }
        var lines = [LineFeature]()
        for _ in 0..<lineCount {
            guard let kindText = r.string(), let kind = LineFeature.Kind(rawValue: kindText), let name = r.string(),
                  let lineClass = r.string(), let partCount = r.count(itemBytes: 4) else { return nil }
            var parts = [[Coordinate]]()
            for _ in 0..<partCount {
                guard let part = r.positions(), part.count >= 2 else { return nil }
                parts.append(part)
            }
            lines.append(LineFeature(kind: kind, name: name, lineClass: lineClass, parts: parts))
        }
        guard r.atEnd else { return nil }
        return Content(gazetteer: gazetteer, outlines: outlines, governorates: governorates, lines: lines, neighbours: neighbours)
    }
}
