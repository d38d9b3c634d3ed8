import CGEOS

extension Geometry {
    /// A MultiPolygon of copies of `polygons` (each a Polygon), or a copy of the polygon when
    /// there is one; the originals stay usable. O(total size).
    public static func multiPolygon(copying polygons: [Geometry], in context: GEOSContext) throws -> Geometry {
        if polygons.count == 1 { return try polygons[0].clone() }
        return try collection(taking: polygons.map { try $0.clone() }, type: GEOS_MULTIPOLYGON, in: context)
    }
}

extension Geometry {
    /// A polygon from flat rings: `rings[0]` the shell and the others holes, each as closed
    /// `[lon, lat, lon, lat, …]` (first position repeated last). GEOS copies the coordinates;
    /// no intermediate `Coordinate` arrays. O(n).
    static func polygon(flatRings rings: [[Double]], in context: GEOSContext) throws -> Geometry {
        let h = context.handle
        var made = [OpaquePointer?]()
        made.reserveCapacity(rings.count)
        // Rings made so far belong to no geometry yet: destroy them if a later step fails.
        func destroyMade() { for ring in made { GEOSGeom_destroy_r(h, ring) } }
        for flat in rings {
            context.clearError()
            guard let seq = flat.withUnsafeBufferPointer({
                GEOSCoordSeq_copyFromBuffer_r(h, $0.baseAddress, UInt32(flat.count / 2), 0, 0)
            }) else {
                destroyMade()
                throw context.error("GEOSCoordSeq_copyFromBuffer_r")
            }
            // Ownership of `seq` passes to the ring, even when the ring cannot be built.
            guard let ring = GEOSGeom_createLinearRing_r(h, seq) else {
                destroyMade()
                throw context.error("GEOSGeom_createLinearRing_r")
            }
            made.append(ring)
        }
        guard let shell = made.first else { throw GeometryError(operation: "polygon", message: "no shell") }
        var holes = Array(made.dropFirst())
        context.clearError()
        // The polygon takes ownership of the shell and the holes, also when it fails.
        guard let polygon = holes.withUnsafeMutableBufferPointer({
            GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count))
        }) else { throw context.error("GEOSGeom_createPolygon_r") }
        return Geometry(owning: polygon, context: context)
    }
}
