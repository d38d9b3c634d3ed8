import Foundation

extension GeoData {
    /// The countries around the region for maps (`Geo/neighbours.geojson`: `adm0_a3`, `iso_a2`,
    /// `name`), read with the rest of Geo/ (and kept in `GeoDataCache`); empty when the file
    /// is absent (an older Geo/ directory). O(1).
    public func neighbours() throws -> [Boundary] { neighbourBoundaries }
}
