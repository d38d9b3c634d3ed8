/// Writes the control state as an RFC 7946 FeatureCollection: one MultiPolygon Feature per
/// faction holding uncontested ground (`status: held`), one per (holder, contesting faction)
/// pair (`status: contested`), then one per faction's area of influence (`status: influence`:
/// its ground beyond reach of settlements, main roads and rivers; see docs/MODEL.md).
///
/// Geometries are snapped to a 1e-6° grid with GEOS (so the 6 written decimals still form
/// valid polygons), exterior rings are written counter-clockwise and holes clockwise,
/// longitude first. Properties: `faction`, `name`, `color`, `date`, `status` (`held`,
/// `contested` or `influence`), `contested_by` (contested only), `area_km2`, `share`, `population`,
/// `events` (the numbers of the events that last changed its cells, ascending: where it came from).
public enum GeoJSONWriter {
    /// The grid coordinates are snapped to: 6 decimals, about 0.1 m.
    public static let gridSize = 1e-6

    public static func featureCollection(_ simulation: Simulation) throws -> String {
        let factions = simulation.scenario.factions
        let region = simulation.partition.regionAreaKm2
        var features = [String]()
        for territory in try simulation.territories() {
            let holder = factions[territory.key.holder]
            var properties = [
                "\"faction\":\(Number.jsonString(holder.id))",
                "\"name\":\(Number.jsonString(holder.name))",
                "\"color\":\(Number.jsonString(holder.color))",
                "\"date\":\"\(simulation.day)\"",
                "\"status\":\"\(territory.key.statusName)\"",
            ]
            if let by = territory.key.contestedBy {
                properties.append("\"contested_by\":\(Number.jsonString(factions[by].id))")
            }
            properties += [
                "\"area_km2\":\(Number.format(territory.areaKm2, decimals: 2, significant: 6))",
                "\"share\":\(Number.format(territory.areaKm2 / region, decimals: 6, significant: 6))",
                "\"population\":\(territory.population)",
                "\"events\":[\(eventNumbers(territory, simulation))]",
            ]
            let snapped = try territory.geometry.reducedPrecision(gridSize: gridSize)
            try snapped.requireValid("GeoJSON geometry of \(holder.id)")
            let polygons = try snapped.polygonCoordinates().map { $0.orientedForGeoJSON() }
            guard !polygons.isEmpty else { continue }
            features.append("{\"type\":\"Feature\",\"properties\":{\(properties.joined(separator: ","))},\"geometry\":\(multiPolygon(polygons))}")
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    /// The numbers of the events that last changed the territory's cells, ascending, comma-separated.
    static func eventNumbers(_ territory: Territory, _ simulation: Simulation) -> String {
        let events = Set(territory.content.cells.map { simulation.state.lastEvent[$0] }).filter { $0 >= 0 }.sorted()
        return events.map { "\(simulation.scenario.events[Int($0)].number)" }.joined(separator: ",")
    }

    /// Always a MultiPolygon (one type per layer, as GIS readers expect), 6 decimals.
    static func multiPolygon(_ polygons: [PolygonCoordinates]) -> String {
        func ring(_ r: [Coordinate]) -> String {
            "[" + r.map { "[\(Number.format($0.lon, decimals: 6)),\(Number.format($0.lat, decimals: 6))]" }.joined(separator: ",") + "]"
        }
        func polygon(_ p: PolygonCoordinates) -> String {
            "[" + ([p.exterior] + p.holes).map(ring).joined(separator: ",") + "]"
        }
        return "{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons.map(polygon).joined(separator: ",") + "]}"
    }
}
