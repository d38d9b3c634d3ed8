import CGEOS

extension Geometry {
    /// A MultiPolygon of copies of `polygons` (each a Polygon), or a copy of the polygon when
    /// there is one; the originals stay usable. O(total size).
    public static func multiPolygon(copying polygons: [Geometry], in context: GEOSContext) throws -> Geometry {
        if polygons.count == 1 { return try polygons[0].clone() }
        return try collection(taking: polygons.map { try $0.clone() }, type: GEOS_MULTIPOLYGON, in: context)
    }
}
