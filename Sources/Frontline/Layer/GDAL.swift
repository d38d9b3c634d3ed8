import CGDAL
import Foundation

// The only code that calls GDAL. Each handle has one Swift owner that releases it in
// `deinit` (a dataset is closed, a feature destroyed, a spatial reference released); a layer
// belongs to its dataset and keeps it alive. Every call that can fail is checked and throws a
// `GDALError` with the message GDAL recorded (`CPLGetLastErrorMsg`, per thread).

/// An error GDAL reported: the call that failed and GDAL's message.
public struct GDALError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let message: String

    public var description: String { "GDAL \(operation) failed" + (message.isEmpty ? "" : ": \(message)") }

    /// The error of `operation`, with the message GDAL recorded on this thread.
    static func last(_ operation: String) -> GDALError {
        GDALError(operation: operation, message: String(cString: CPLGetLastErrorMsg()))
    }
}

/// GDAL's drivers, registered once per process (thread-safe: a lazily initialised global).
/// GDAL's own printing of errors to stderr is silenced: errors are thrown instead.
private let gdalRegistered: Void = {
    GDALAllRegister()
    CPLSetErrorHandler(CPLQuietErrorHandler)
}()

/// The kind of a field of a vector layer.
public enum FieldType: Sendable, Equatable {
    case string, integer64, real, date
}

/// A value of a field; `nil` is written as a null field.
public enum FieldValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case real(Double)
    case date(Day)
}

/// A vector dataset written or read through GDAL (GeoPackage, FlatGeobuf, GeoJSON …).
/// Closed when the last reference goes (`GDALClose` in `deinit`): a written file is complete
/// only then, so writers drop their dataset before renaming the file into place.
public final class VectorDataset {
    let handle: UnsafeMutableRawPointer

    /// Creates the file `path` with the driver named `driver` (`GPKG`, `FlatGeobuf`, …),
    /// replacing nothing: the file must not exist. `options` are `KEY=VALUE` creation options.
    public init(creating path: String, driver: String, options: [String] = []) throws {
        _ = gdalRegistered
        CPLErrorReset()
        guard let drv = GDALGetDriverByName(driver) else { throw GDALError.last("GDALGetDriverByName(\(driver))") }
        let h = Self.withStringList(options) { GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, $0) }
        guard let h else { throw GDALError.last("GDALCreate(\(driver), \(path))") }
        handle = h
    }

    /// Opens the vector dataset `path` read-only.
    public init(reading path: String) throws {
        _ = gdalRegistered
        CPLErrorReset()
        guard let h = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GDALError.last("GDALOpenEx(\(path))")
        }
        handle = h
    }

    deinit { GDALClose(handle) }

    /// The name of the driver that reads or writes this dataset (`GPKG`, `FlatGeobuf`, `GeoJSON` …).
    public var driverName: String {
        String(cString: GDALGetDriverShortName(GDALGetDatasetDriver(handle)))
    }

    /// The geometry type of a layer Frontline writes.
    public enum GeometryKind: Sendable { case multiPolygon }

    /// Creates a layer of `geometry` type (nil: a table without geometry) in `epsg`'s
    /// coordinate reference system, longitude first, with `fields` in order.
    public func createLayer(_ name: String, geometry: GeometryKind?, epsg: Int32 = 4326,
                            fields: [(name: String, type: FieldType)], options: [String] = []) throws -> VectorLayer {
        CPLErrorReset()
        var srs: OGRSpatialReferenceH?
        if geometry != nil {
            guard let s = OSRNewSpatialReference(nil) else { throw GDALError.last("OSRNewSpatialReference") }
            srs = s
            guard OSRImportFromEPSG(s, epsg) == OGRERR_NONE else {
                OSRRelease(s)
                throw GDALError.last("OSRImportFromEPSG(\(epsg))")
            }
            // Longitude, latitude: the order GeoPackage and FlatGeobuf store, whatever EPSG says.
            OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER)
        }
        // The layer keeps its own reference to the spatial reference.
        defer { if let srs { OSRRelease(srs) } }
        let layer = Self.withStringList(options) {
            GDALDatasetCreateLayer(handle, name, srs, geometry == nil ? wkbNone : wkbMultiPolygon, $0)
        }
        guard let layer else { throw GDALError.last("GDALDatasetCreateLayer(\(name))") }
        for field in fields {
            guard let definition = OGR_Fld_Create(field.name, field.type.ogr) else { throw GDALError.last("OGR_Fld_Create") }
            defer { OGR_Fld_Destroy(definition) }
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                throw GDALError.last("OGR_L_CreateField(\(field.name))")
            }
        }
        return VectorLayer(dataset: self, handle: layer)
    }

    /// The dataset's layers, in order.
    public var layers: [VectorLayer] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).map { VectorLayer(dataset: self, handle: $0) }
        }
    }

    /// The layer called `name`.
    public func layer(named name: String) throws -> VectorLayer {
        CPLErrorReset()
        guard let h = GDALDatasetGetLayerByName(handle, name) else { throw GDALError.last("no layer '\(name)'") }
        return VectorLayer(dataset: self, handle: h)
    }

    /// Runs `body` in one transaction where the driver has them (GeoPackage: one SQLite
    /// transaction instead of one per feature); rolled back when `body` throws.
    public func transaction(_ body: () throws -> Void) throws {
        CPLErrorReset()
        let started = GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE
        do { try body() } catch {
            if started { GDALDatasetRollbackTransaction(handle) }
            throw error
        }
        if started, GDALDatasetCommitTransaction(handle) != OGRERR_NONE { throw GDALError.last("CommitTransaction") }
    }

    /// Calls `body` with a NULL-terminated `char **` list of `strings` (GDAL's CSL), freed after.
    static func withStringList<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        for s in strings { list = CSLAddString(list, s) }
        defer { CSLDestroy(list) }
        return try body(list)
    }
}

extension FieldType {
    var ogr: OGRFieldType {
        switch self {
        case .string: return OFTString
        case .integer64: return OFTInteger64
        case .real: return OFTReal
        case .date: return OFTDate
        }
    }

    init?(_ type: OGRFieldType) {
        switch type {
        case OFTString: self = .string
        case OFTInteger, OFTInteger64: self = .integer64
        case OFTReal: self = .real
        case OFTDate: self = .date
        default: return nil
        }
    }
}

/// A layer of a `VectorDataset`; keeps the dataset open while it is used.
public final class VectorLayer {
    let dataset: VectorDataset
    let handle: UnsafeMutableRawPointer

    init(dataset: VectorDataset, handle: UnsafeMutableRawPointer) {
        self.dataset = dataset
        self.handle = handle
    }

    public var name: String { withExtendedLifetime(dataset) { String(cString: OGR_L_GetName(handle)) } }

    /// GDAL's name of the layer's geometry type ("Multi Polygon", "None" …).
    public var geometryTypeName: String {
        withExtendedLifetime(dataset) { String(cString: OGRGeometryTypeToName(OGR_L_GetGeomType(handle))) }
    }

    /// The authority and code of the layer's coordinate reference system ("EPSG", "4326"), if any.
    public var crs: (authority: String, code: String)? {
        withExtendedLifetime(dataset) {
            guard let srs = OGR_L_GetSpatialRef(handle), let name = OSRGetAuthorityName(srs, nil),
                  let code = OSRGetAuthorityCode(srs, nil) else { return nil }
            return (String(cString: name), String(cString: code))
        }
    }

    /// The fields' names and types, in order (types GDAL reports that `FieldType` lacks are nil).
    public var fields: [(name: String, type: FieldType?)] {
        withExtendedLifetime(dataset) {
            let definition = OGR_L_GetLayerDefn(handle)
            return (0..<OGR_FD_GetFieldCount(definition)).map { i in
                let field = OGR_FD_GetFieldDefn(definition, i)
                return (String(cString: OGR_Fld_GetNameRef(field)), FieldType(OGR_Fld_GetType(field)))
            }
        }
    }

    /// Adds one feature: `values` in the order of the layer's fields (nil: null), and a
    /// geometry as WKB (nil for a table without geometry).
    public func add(_ values: [FieldValue?], wkb: [UInt8]?) throws {
        try withExtendedLifetime(dataset) {
            CPLErrorReset()
            guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(handle)) else { throw GDALError.last("OGR_F_Create") }
            defer { OGR_F_Destroy(feature) }
            for (i, value) in values.enumerated() {
                let i = Int32(i)
                switch value {
                case nil: OGR_F_SetFieldNull(feature, i)
                case .string(let s)?: OGR_F_SetFieldString(feature, i, s)
                case .integer(let n)?: OGR_F_SetFieldInteger64(feature, i, GIntBig(n))
                case .real(let x)?: OGR_F_SetFieldDouble(feature, i, x)
                case .date(let d)?:
                    let (y, m, dd) = d.components
                    OGR_F_SetFieldDateTime(feature, i, Int32(y), Int32(m), Int32(dd), 0, 0, 0, 0)
                }
            }
            if let wkb {
                var geometry: OGRGeometryH?
                let status = wkb.withUnsafeBytes { OGR_G_CreateFromWkb($0.baseAddress, nil, &geometry, Int32($0.count)) }
                guard status == OGRERR_NONE, let geometry else { throw GDALError.last("OGR_G_CreateFromWkb") }
                // The feature takes ownership of the geometry (destroyed with it).
                guard OGR_F_SetGeometryDirectly(feature, geometry) == OGRERR_NONE else {
                    throw GDALError.last("OGR_F_SetGeometryDirectly")
                }
            }
            guard OGR_L_CreateFeature(handle, feature) == OGRERR_NONE else { throw GDALError.last("OGR_L_CreateFeature") }
        }
    }

    /// A feature read back: its field values in field order and its geometry as WKB.
    public struct Feature {
        public let values: [FieldValue?]
        public let wkb: [UInt8]?
    }

    /// Every feature, in the layer's order. O(features).
    public func features() throws -> [Feature] {
        try withExtendedLifetime(dataset) {
            let types = fields.map(\.type)
            var result = [Feature]()
            OGR_L_ResetReading(handle)
            while let feature = OGR_L_GetNextFeature(handle) {
                defer { OGR_F_Destroy(feature) }
                let values = types.enumerated().map { (i, type) -> FieldValue? in
                    let i = Int32(i)
                    guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0 else { return nil }
                    switch type {
                    case .integer64?: return .integer(Int(OGR_F_GetFieldAsInteger64(feature, i)))
                    case .real?: return .real(OGR_F_GetFieldAsDouble(feature, i))
                    case .date?:
                        var y: Int32 = 0, m: Int32 = 0, d: Int32 = 0, h: Int32 = 0, mi: Int32 = 0, s: Int32 = 0, tz: Int32 = 0
                        guard OGR_F_GetFieldAsDateTime(feature, i, &y, &m, &d, &h, &mi, &s, &tz) != 0,
                              let day = Day(year: Int(y), month: Int(m), day: Int(d)) else { return nil }
                        return .date(day)
                    case .string?, nil: return .string(String(cString: OGR_F_GetFieldAsString(feature, i)))
                    }
                }
                var wkb: [UInt8]?
                if let geometry = OGR_F_GetGeometryRef(feature) {
                    var bytes = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(geometry)))
                    let status = bytes.withUnsafeMutableBufferPointer { OGR_G_ExportToWkb(geometry, wkbNDR, $0.baseAddress) }
                    guard status == OGRERR_NONE else { throw GDALError.last("OGR_G_ExportToWkb") }
                    wkb = bytes
                }
                result.append(Feature(values: values, wkb: wkb))
            }
            return result
        }
    }
}
