/// Well-Known Binary (OGC Simple Features, ISO 19125-1 §8.2) of MultiPolygons, little endian:
/// the geometry Frontline hands GDAL. Byte order flag 1, type 6 (MultiPolygon) holding type-3
/// Polygons, each ring closed, coordinates as IEEE-754 doubles, longitude (x) first.
public enum WKB {
    /// `polygons` as one MultiPolygon, even when there is one. O(vertices).
    public static func multiPolygon(_ polygons: [PolygonCoordinates]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(9 + polygons.reduce(0) { $0 + 9 + ([$1.exterior] + $1.holes).reduce(0) { $0 + 4 + 16 * ($1.count + 1) } })
        header(6, count: polygons.count, into: &out)
        for p in polygons {
            let rings = [p.exterior] + p.holes
            header(3, count: rings.count, into: &out)
            for ring in rings {
                let closed = ring.first == ring.last ? ring : ring + ring.prefix(1)
                append(UInt32(closed.count), into: &out)
                for c in closed {
                    append(c.lon.bitPattern, into: &out)
                    append(c.lat.bitPattern, into: &out)
                }
            }
        }
        return out
    }

    /// The polygons of a little-endian WKB Polygon or MultiPolygon; nil for anything else.
    public static func polygons(_ bytes: [UInt8]) -> [PolygonCoordinates]? {
        var reader = Reader(bytes: bytes)
        guard let (type, count) = reader.header() else { return nil }
        if type == 3 { return reader.polygon(rings: count).map { [$0] } }
        guard type == 6 else { return nil }
        var result = [PolygonCoordinates]()
        for _ in 0..<count {
            guard let (t, rings) = reader.header(), t == 3, let p = reader.polygon(rings: rings) else { return nil }
            result.append(p)
        }
        return reader.offset == bytes.count ? result : nil
    }

    private static func header(_ type: UInt32, count: Int, into out: inout [UInt8]) {
        out.append(1)
        append(type, into: &out)
        append(UInt32(count), into: &out)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, into out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func uint32() -> UInt32? {
            guard offset + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(bytes[offset + k]) << (8 * k) }
            offset += 4
            return v
        }

        mutating func double() -> Double? {
            guard offset + 8 <= bytes.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[offset + k]) << (8 * k) }
            offset += 8
            return Double(bitPattern: v)
        }

        mutating func header() -> (UInt32, Int)? {
            guard offset < bytes.count, bytes[offset] == 1 else { return nil }
            offset += 1
            guard let type = uint32(), let count = uint32() else { return nil }
            return (type, Int(count))
        }

        mutating func polygon(rings: Int) -> PolygonCoordinates? {
            var all = [[Coordinate]]()
            for _ in 0..<rings {
                guard let n = uint32() else { return nil }
                var ring = [Coordinate]()
                for _ in 0..<n {
                    guard let x = double(), let y = double() else { return nil }
                    ring.append(Coordinate(lon: x, lat: y))
                }
                all.append(ring)
            }
            guard let exterior = all.first else { return nil }
            return PolygonCoordinates(exterior: exterior, holes: Array(all.dropFirst()))
        }
    }
}
