import CGEOS

/// Owns one `GEOSGeometry*` and destroys it in `deinit`; keeps its `GEOSContext` alive.
///
/// Every call that hands `pointer` to GEOS runs inside `withExtendedLifetime(self)` so the
/// geometry cannot be freed before GEOS has finished with it (GEOSwift issues 280/285).
public final class Geometry {
    let context: GEOSContext
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`, which must come from `context`.
    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit {
        if !released { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    private var h: GEOSContextHandle_t { context.handle }

    // MARK: Construction

    /// A (closed) linear ring; GEOS copies the coordinates. O(n).
    static func ring(_ ring: [Coordinate], in context: GEOSContext) throws -> Geometry {
        var flat = [Double]()
        flat.reserveCapacity(ring.count * 2)
        for c in ring { flat.append(c.lon); flat.append(c.lat) }
        if let first = ring.first, first != ring.last { flat.append(first.lon); flat.append(first.lat) }
        let count = UInt32(flat.count / 2)
        context.clearError()
        guard let seq = flat.withUnsafeBufferPointer({
            GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, count, 0, 0)
        }) else { throw context.error("GEOSCoordSeq_copyFromBuffer_r") }
        // Ownership of `seq` passes to the ring, even when the ring cannot be built.
        return try context.make("GEOSGeom_createLinearRing_r") {
            GEOSGeom_createLinearRing_r(context.handle, seq)
        }
    }

    /// A polygon from plain coordinates. O(n).
    public static func polygon(_ polygon: PolygonCoordinates, in context: GEOSContext) throws -> Geometry {
        let shell = try ring(polygon.exterior, in: context)
        let holes = try polygon.holes.map { try ring($0, in: context) }
        var holePointers: [OpaquePointer?] = holes.map { $0.pointer }
        let result = try withExtendedLifetime((shell, holes)) {
            try context.make("GEOSGeom_createPolygon_r") {
                holePointers.withUnsafeMutableBufferPointer {
                    GEOSGeom_createPolygon_r(context.handle, shell.pointer, $0.baseAddress, UInt32($0.count))
                }
            }
        }
        // The polygon now owns the rings: release them without destroying.
        shell.release()
        holes.forEach { $0.release() }
        return result
    }

    /// A MultiPolygon (or a Polygon when there is one part) from plain coordinates.
    public static func multiPolygon(_ polygons: [PolygonCoordinates], in context: GEOSContext) throws -> Geometry {
        if polygons.count == 1 { return try polygon(polygons[0], in: context) }
        let parts = try polygons.map { try polygon($0, in: context) }
        return try collection(taking: parts, type: GEOS_MULTIPOLYGON, in: context)
    }

    /// A MultiLineString of the given paths (each of at least two positions). O(n).
    static func multiLineString(_ paths: [[Coordinate]], in context: GEOSContext) throws -> Geometry {
        let parts = try paths.map { path -> Geometry in
            var flat = [Double]()
            flat.reserveCapacity(path.count * 2)
            for c in path { flat.append(c.lon); flat.append(c.lat) }
            context.clearError()
            guard let seq = flat.withUnsafeBufferPointer({
                GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32(path.count), 0, 0)
            }) else { throw context.error("GEOSCoordSeq_copyFromBuffer_r") }
            // Ownership of `seq` passes to the line, even when the line cannot be built.
            return try context.make("GEOSGeom_createLineString_r") { GEOSGeom_createLineString_r(context.handle, seq) }
        }
        return try collection(taking: parts, type: GEOS_MULTILINESTRING, in: context)
    }

    /// A MultiPoint of the given positions.
    static func multiPoint(_ points: [Coordinate], in context: GEOSContext) throws -> Geometry {
        let parts = try points.map { p in
            try context.make("GEOSGeom_createPointFromXY_r") {
                GEOSGeom_createPointFromXY_r(context.handle, p.lon, p.lat)
            }
        }
        return try collection(taking: parts, type: GEOS_MULTIPOINT, in: context)
    }

    /// A collection of `type` that takes over the given geometries (which must not be used
    /// afterwards). O(n).
    static func collection(taking parts: [Geometry], type: GEOSGeomTypes, in context: GEOSContext) throws -> Geometry {
        var pointers: [OpaquePointer?] = parts.map { $0.pointer }
        let result = try withExtendedLifetime(parts) {
            try context.make("GEOSGeom_createCollection_r") {
                pointers.withUnsafeMutableBufferPointer {
                    GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
                }
            }
        }
        parts.forEach { $0.release() }
        return result
    }

    /// A GeometryCollection of copies of `parts` (the originals stay usable). O(total size).
    public static func collection(copying parts: [Geometry], in context: GEOSContext) throws -> Geometry {
        try collection(taking: parts.map { try $0.clone() }, type: GEOS_GEOMETRYCOLLECTION, in: context)
    }

    /// Marks the pointer as owned elsewhere: `deinit` will not destroy it.
    private var released = false
    fileprivate func release() { released = true }

    // MARK: Operations

    public func clone() throws -> Geometry {
        try withExtendedLifetime(self) { try context.make("GEOSGeom_clone_r") { GEOSGeom_clone_r(h, pointer) } }
    }

    public func intersection(_ other: Geometry) throws -> Geometry {
        try withExtendedLifetime((self, other)) {
            try context.make("GEOSIntersection_r") { GEOSIntersection_r(h, pointer, other.pointer) }
        }
    }

    /// The part of this geometry outside `other`.
    public func difference(_ other: Geometry) throws -> Geometry {
        try withExtendedLifetime((self, other)) {
            try context.make("GEOSDifference_r") { GEOSDifference_r(h, pointer, other.pointer) }
        }
    }

    /// The union of all parts of this geometry (robust overlay).
    public func unaryUnion() throws -> Geometry {
        try withExtendedLifetime(self) { try context.make("GEOSUnaryUnion_r") { GEOSUnaryUnion_r(h, pointer) } }
    }

    /// The union of a collection of polygons that form a coverage (edges shared exactly,
    /// no overlaps). Much faster than `unaryUnion`; GEOS reports an error if the input is
    /// not a valid coverage.
    public func coverageUnion() throws -> Geometry {
        try withExtendedLifetime(self) { try context.make("GEOSCoverageUnion_r") { GEOSCoverageUnion_r(h, pointer) } }
    }

    /// The area within `distance` (in the geometry's units) of this geometry, arcs drawn
    /// with `quadrantSegments` segments per quarter circle.
    func buffer(_ distance: Double, quadrantSegments: Int32 = 8) throws -> Geometry {
        try withExtendedLifetime(self) {
            try context.make("GEOSBuffer_r") { GEOSBuffer_r(h, pointer, distance, quadrantSegments) }
        }
    }

    public func boundary() throws -> Geometry {
        try withExtendedLifetime(self) { try context.make("GEOSBoundary_r") { GEOSBoundary_r(h, pointer) } }
    }

    /// The edges of the Voronoi diagram of this geometry's vertices, extended to `envelope`.
    func voronoiEdges(envelope: Geometry) throws -> Geometry {
        try withExtendedLifetime((self, envelope)) {
            try context.make("GEOSVoronoiDiagram_r") { GEOSVoronoiDiagram_r(h, pointer, envelope.pointer, 0, 1) }
        }
    }

    /// The polygons formed by a fully noded set of lines.
    func polygonize() throws -> Geometry {
        try withExtendedLifetime(self) {
            var p: OpaquePointer? = pointer
            return try context.make("GEOSPolygonize_r") {
                withUnsafePointer(to: &p) { GEOSPolygonize_r(h, $0, 1) }
            }
        }
    }

    /// This geometry snapped to a grid of `gridSize` degrees, kept valid. Used so that
    /// written coordinates (6 decimals) still form valid polygons.
    public func reducedPrecision(gridSize: Double) throws -> Geometry {
        try withExtendedLifetime(self) {
            try context.make("GEOSGeom_setPrecision_r") { GEOSGeom_setPrecision_r(h, pointer, gridSize, 0) }
        }
    }

    /// A point guaranteed to lie in the interior of this (areal) geometry.
    func pointOnSurface() throws -> Coordinate {
        let point = try withExtendedLifetime(self) {
            try context.make("GEOSPointOnSurface_r") { GEOSPointOnSurface_r(h, pointer) }
        }
        return try point.firstCoordinate()
    }

    private func firstCoordinate() throws -> Coordinate {
        try withExtendedLifetime(self) {
            context.clearError()
            guard let seq = GEOSGeom_getCoordSeq_r(h, pointer) else { throw context.error("GEOSGeom_getCoordSeq_r") }
            var x = 0.0, y = 0.0
            guard GEOSCoordSeq_getXY_r(h, seq, 0, &x, &y) != 0 else { throw context.error("GEOSCoordSeq_getXY_r") }
            return Coordinate(lon: x, lat: y)
        }
    }

    // MARK: Predicates and measures

    public var isEmpty: Bool {
        get throws { try withExtendedLifetime(self) { try context.predicate("GEOSisEmpty_r") { GEOSisEmpty_r(h, pointer) } } }
    }

    public var isValid: Bool {
        get throws { try withExtendedLifetime(self) { try context.predicate("GEOSisValid_r") { GEOSisValid_r(h, pointer) } } }
    }

    /// GEOS's explanation of why the geometry is invalid ("Valid Geometry" when it is valid).
    public var validityReason: String {
        get throws {
            try withExtendedLifetime(self) {
                context.clearError()
                guard let cString = GEOSisValidReason_r(h, pointer) else { throw context.error("GEOSisValidReason_r") }
                defer { GEOSFree_r(h, cString) }
                return String(cString: cString)
            }
        }
    }

    /// Throws a `GeometryError` naming `what` unless the geometry is valid.
    public func requireValid(_ what: String) throws {
        if try !isValid { throw GeometryError(operation: what, message: try validityReason) }
    }

    /// Planar area in square degrees (for sanity checks only; real areas come from `Geodesic`).
    public var planarArea: Double {
        get throws {
            try withExtendedLifetime(self) {
                var area = 0.0
                try context.status("GEOSArea_r") { GEOSArea_r(h, pointer, &area) }
                return area
            }
        }
    }

    var typeID: Int32 { withExtendedLifetime(self) { GEOSGeomTypeId_r(h, pointer) } }

    // MARK: Reading back

    /// The parts of a collection as owned copies. O(total size).
    func parts() throws -> [Geometry] {
        try withExtendedLifetime(self) {
            let n = GEOSGetNumGeometries_r(h, pointer)
            guard n >= 0 else { throw context.error("GEOSGetNumGeometries_r") }
            return try (0..<n).map { i in
                try context.make("GEOSGetGeometryN_r") {
                    guard let child = GEOSGetGeometryN_r(h, pointer, i) else { return nil }
                    return GEOSGeom_clone_r(h, child)
                }
            }
        }
    }

    /// The polygons of a Polygon, MultiPolygon or collection as plain coordinates; other
    /// kinds of parts (points, lines left by an overlay) are skipped. O(n).
    public func polygonCoordinates() throws -> [PolygonCoordinates] {
        try withExtendedLifetime(self) { try Self.polygons(of: pointer, context: context) }
    }

    private static func polygons(of g: OpaquePointer, context: GEOSContext) throws -> [PolygonCoordinates] {
        let h = context.handle
        switch GEOSGeomTypeId_r(h, g) {
        case Int32(GEOS_POLYGON.rawValue):
            if GEOSisEmpty_r(h, g) == 1 { return [] }
            guard let shell = GEOSGetExteriorRing_r(h, g) else { throw context.error("GEOSGetExteriorRing_r") }
            let exterior = try ringCoordinates(shell, context: context)
            let holeCount = GEOSGetNumInteriorRings_r(h, g)
            guard holeCount >= 0 else { throw context.error("GEOSGetNumInteriorRings_r") }
            let holes = try (0..<holeCount).map { i -> [Coordinate] in
                guard let ring = GEOSGetInteriorRingN_r(h, g, i) else { throw context.error("GEOSGetInteriorRingN_r") }
                return try ringCoordinates(ring, context: context)
            }
            return [PolygonCoordinates(exterior: exterior, holes: holes)]
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(h, g)
            guard n >= 0 else { throw context.error("GEOSGetNumGeometries_r") }
            var result = [PolygonCoordinates]()
            for i in 0..<n {
                guard let child = GEOSGetGeometryN_r(h, g, i) else { throw context.error("GEOSGetGeometryN_r") }
                result += try polygons(of: child, context: context)
            }
            return result
        default:
            return []
        }
    }

    private static func ringCoordinates(_ ring: OpaquePointer, context: GEOSContext) throws -> [Coordinate] {
        let h = context.handle
        guard let seq = GEOSGeom_getCoordSeq_r(h, ring) else { throw context.error("GEOSGeom_getCoordSeq_r") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, seq, &size) != 0 else { throw context.error("GEOSCoordSeq_getSize_r") }
        var flat = [Double](repeating: 0, count: Int(size) * 2)
        let ok = flat.withUnsafeMutableBufferPointer { GEOSCoordSeq_copyToBuffer_r(h, seq, $0.baseAddress, 0, 0) }
        guard ok != 0 else { throw context.error("GEOSCoordSeq_copyToBuffer_r") }
        return (0..<Int(size)).map { Coordinate(lon: flat[2 * $0], lat: flat[2 * $0 + 1]) }
    }
}

// MARK: - Prepared geometry

/// A geometry prepared for repeated point-in-polygon tests. Keeps the base geometry alive.
public final class PreparedGeometry {
    let base: Geometry
    let pointer: OpaquePointer

    public init(_ base: Geometry) throws {
        self.base = base
        let context = base.context
        context.clearError()
        guard let p = withExtendedLifetime(base, { GEOSPrepare_r(context.handle, base.pointer) }) else {
            throw context.error("GEOSPrepare_r")
        }
        self.pointer = p
    }

    deinit {
        GEOSPreparedGeom_destroy_r(base.context.handle, pointer)
    }

    /// Whether the point lies inside or on the boundary of the base geometry.
    public func intersects(_ c: Coordinate) throws -> Bool {
        let context = base.context
        let point = try context.make("GEOSGeom_createPointFromXY_r") {
            GEOSGeom_createPointFromXY_r(context.handle, c.lon, c.lat)
        }
        return try withExtendedLifetime((self, point)) {
            try context.predicate("GEOSPreparedIntersects_r") { GEOSPreparedIntersects_r(context.handle, pointer, point.pointer) }
        }
    }
}
