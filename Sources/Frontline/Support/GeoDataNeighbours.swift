import Foundation

extension GeoData {
    /// The countries around the region for maps (`Geo/neighbours.geojson`: `adm0_a3`, `iso_a2`,
    /// `name`), read when asked for; empty when the file is absent (an older Geo/ directory).
    /// O(size of the file).
    public func neighbours() throws -> [Boundary] {
        let url = directory.appendingPathComponent("neighbours.geojson")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try BoundaryFile.read(url)
    }
}
