import Foundation

// The byte layout of Frontline's cache files (`PartitionCache`, `GeoDataCache`): little-endian
// integers and IEEE doubles, strings and arrays prefixed by their count, polygons as rings of
// (lon, lat) pairs. The reader checks every length against what is left, so a damaged file
// gives nil, never a crash.

/// A stable 64-bit digest (Swift's `Hasher` is seeded per process): FNV-1a's xor and multiply,
/// eight bytes (little-endian) at a time with a shift folding high bits down, then byte by byte
/// for the tail. For cache keys and checksums, not for security. O(bytes), about 0.2 ns a byte.
struct Digest {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var s = state
        let words = bytes.count / 8
        for i in 0..<words {
            s = (s ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) &* 0x100_0000_01b3
            s ^= s &>> 29
        }
        for b in bytes[(8 * words)...] { s = (s ^ UInt64(b)) &* 0x100_0000_01b3 }
        state = s
    }
    mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }
    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }
    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        add([0])
    }
    mutating func add(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { add($0) } }
    mutating func add(_ p: PolygonCoordinates) {
        for ring in [p.exterior] + p.holes { for c in ring { add(c.lon); add(c.lat) }; add([1]) }
    }
    var hex: String { String(state, radix: 16) }
}

/// Appends values in the cache layout.
struct BinaryWriter {
    var data = Data()

    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { data.append(contentsOf: $0) } }
    mutating func i64(_ x: Int64) { withUnsafeBytes(of: x.littleEndian) { data.append(contentsOf: $0) } }
    mutating func double(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    mutating func string(_ s: String) { let u = Array(s.utf8); u32(UInt32(u.count)); data.append(contentsOf: u) }
    mutating func strings(_ s: [String]) { u32(UInt32(s.count)); for x in s { string(x) } }
    mutating func ring(_ ring: [Coordinate]) {
        u32(UInt32(ring.count))
        for c in ring { double(c.lon); double(c.lat) }
    }
    mutating func polygons(_ ps: [PolygonCoordinates]) {
        u32(UInt32(ps.count))
        for p in ps {
            u32(UInt32(1 + p.holes.count))
            ring(p.exterior)
            for hole in p.holes { ring(hole) }
        }
    }
}

/// Reads values in the cache layout from bytes held in memory; every read returns nil when
/// the bytes left are too few. O(1) per value (O(n) for a string or ring of n).
struct BinaryReader {
    let bytes: [UInt8]
    private(set) var offset = 0
    var atEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ data: Data) { bytes = [UInt8](data) }

    @inline(__always)
    private mutating func load<T: FixedWidthInteger>(_: T.Type) -> T? {
        let n = MemoryLayout<T>.size
        guard remaining >= n else { return nil }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += n
        return T(littleEndian: value)
    }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, remaining >= n else { return nil }
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }
    mutating func byte() -> UInt8? { load(UInt8.self) }
    mutating func u32() -> UInt32? { load(UInt32.self) }
    mutating func i64() -> Int64? { load(Int64.self) }
    mutating func double() -> Double? { load(UInt64.self).map(Double.init(bitPattern:)) }
    /// A count that cannot exceed what is left when each item takes at least `itemBytes`.
    mutating func count(itemBytes: Int = 1) -> Int? {
        guard let n = u32(), Int(n) * max(itemBytes, 1) <= remaining else { return nil }
        return Int(n)
    }
    mutating func string() -> String? {
        guard let n = count() else { return nil }
        defer { offset += n }
        return bytes.withUnsafeBytes { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]), as: UTF8.self)
        }
    }
    mutating func strings() -> [String]? {
        guard let n = count(itemBytes: 4) else { return nil }
        var result = [String]()
        result.reserveCapacity(n)
        for _ in 0..<n {
            guard let s = string() else { return nil }
            result.append(s)
        }
        return result
    }
    /// A closed ring of at least four positions.
    mutating func ring() -> [Coordinate]? {
        guard let ring = positions(), ring.count >= 4, ring.first == ring.last else { return nil }
        return ring
    }
    /// A list of positions.
    mutating func positions() -> [Coordinate]? {
        guard let n = count(itemBytes: 16) else { return nil }
        let start = offset
        offset += 16 * n
        let ring = bytes.withUnsafeBytes { b in
            [Coordinate](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n {
                    let lon = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start + 16 * i, as: UInt64.self))
                    let lat = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start + 16 * i + 8, as: UInt64.self))
                    buffer[i] = Coordinate(lon: Double(bitPattern: lon), lat: Double(bitPattern: lat))
                }
                initialized = n
            }
        }
        return ring
    }
    mutating func polygons() -> [PolygonCoordinates]? {
        guard let count = count(itemBytes: 4) else { return nil }
        var result = [PolygonCoordinates]()
        result.reserveCapacity(count)
        for _ in 0..<count {
            guard let ringCount = self.count(itemBytes: 4), ringCount > 0, let exterior = ring() else { return nil }
            var holes = [[Coordinate]]()
            for _ in 1..<ringCount {
                guard let hole = ring() else { return nil }
                holes.append(hole)
            }
            result.append(PolygonCoordinates(exterior: exterior, holes: holes))
        }
        return result
    }
}
