import CPROJ

/// Why PROJ could not make a projection.
public struct ProjectionError: Error, CustomStringConvertible, Sendable {
    public let definition: String
    public let message: String
    public var description: String { "PROJ cannot use '\(definition)': \(message)" }
}

/// A map projection through PROJ (`proj.h`): geographic WGS84 degrees to projected metres.
///
/// Owns one PROJ context and one `PJ` object, both freed in `deinit`; a projection is used by
/// one thread at a time (PROJ contexts are not thread-safe), like `GEOSContext`. The definition
/// is a PROJ pipeline that takes degrees (longitude, latitude), so no database (`proj.db`) or
/// grid is needed. Forward projection costs O(1) a point; `project(_:)` does a whole ring in
/// one `proj_trans_generic` call.
public final class Projection {
    private let context: OpaquePointer
    private let pj: OpaquePointer
    /// The PROJ string (`+proj=lcc …`) of the projection, without the degree conversion.
    public let definition: String
    /// The standard parallels of a conic projection (degrees), nil for other projections.
    public let standardParallels: (Double, Double)?

    /// A projection from a PROJ string such as `+proj=lcc +lat_1=30 +lat_2=36 +lon_0=42 +ellps=WGS84`.
    /// Throws a `ProjectionError` with PROJ's message when PROJ rejects it.
    public init(_ definition: String, standardParallels: (Double, Double)? = nil) throws {
        try Self.loadLibrary(for: definition)
        guard let context = proj_context_create() else {
            throw ProjectionError(definition: definition, message: "no PROJ context (out of memory)")
        }
        _ = proj_log_level(context, PJ_LOG_NONE)
        let pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step \(definition)"
        guard let pj = proj_create(context, pipeline) else {
            let code = proj_context_errno(context)
            let message = proj_context_errno_string(context, code).map { String(cString: $0) } ?? "error \(code)"
            proj_context_destroy(context)
            throw ProjectionError(definition: definition, message: message)
        }
        self.context = context
        self.pj = pj
        self.definition = definition
        self.standardParallels = standardParallels
    }

    /// Opens libproj (once per process; `CPROJ/proj_loader.c`), or throws a `ProjectionError`
    /// saying why it cannot be loaded, instead of the loader's abort on the first call.
    static func loadLibrary(for definition: String) throws {
        var reason = [CChar](repeating: 0, count: 512)
        guard fl_proj_load(&reason, reason.count) == 0 else {
            throw ProjectionError(definition: definition, message: String(cString: reason))
        }
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// A Lambert conformal conic projection fitted to a region spanning `latitudes` and
    /// `longitudes` (degrees) on the WGS84 ellipsoid: standard parallels one sixth of the
    /// latitude range inside its edges (the classic rule that spreads the scale error evenly:
    /// within 0.15% over Syria and Iraq, 8.3° tall), central meridian and origin at the middle.
    /// A range that straddles the equator symmetrically (where a conic is undefined) gets
    /// Mercator, also conformal.
    public static func conformalConic(latitudes: ClosedRange<Double>, longitudes: ClosedRange<Double>) throws -> Projection {
        let span = latitudes.upperBound - latitudes.lowerBound
        let lat1 = latitudes.lowerBound + span / 6, lat2 = latitudes.upperBound - span / 6
        let lon0 = (longitudes.lowerBound + longitudes.upperBound) / 2, lat0 = (latitudes.lowerBound + latitudes.upperBound) / 2
        if abs(lat1 + lat2) < 1e-6 || span < 1e-9 {
            return try Projection("+proj=merc +lon_0=\(lon0) +ellps=WGS84")
        }
        return try Projection("+proj=lcc +lat_1=\(lat1) +lat_2=\(lat2) +lat_0=\(lat0) +lon_0=\(lon0) +x_0=0 +y_0=0 +ellps=WGS84 +units=m",
                              standardParallels: (lat1, lat2))
    }

    /// Projected position in metres (x east, y north) of a coordinate; NaNs when PROJ cannot
    /// project it (beyond the projection's domain).
    public func project(_ c: Coordinate) -> (x: Double, y: Double) {
        let out = proj_trans(pj, PJ_FWD, proj_coord(c.lon, c.lat, 0, 0))
        return out.xy.x.isFinite && out.xy.x != Double.infinity ? (out.xy.x, out.xy.y) : (.nan, .nan)
    }

    /// Projected positions of many coordinates, in one call to PROJ. O(n).
    public func project(_ coordinates: [Coordinate]) -> [(x: Double, y: Double)] {
        guard !coordinates.isEmpty else { return [] }
        var xs = coordinates.map(\.lon), ys = coordinates.map(\.lat)
        let n = coordinates.count, stride = MemoryLayout<Double>.stride
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                _ = proj_trans_generic(pj, PJ_FWD, x.baseAddress, stride, n, y.baseAddress, stride, n,
                                       nil, 0, 0, nil, 0, 0)
            }
        }
        return (0..<n).map { xs[$0].isFinite && abs(xs[$0]) < 1e30 ? (xs[$0], ys[$0]) : (.nan, .nan) }
    }
}
