import Testing
@testable import Frontline

@Suite("Partition")
struct PartitionTests {
    /// A partition per test: it owns a GEOS context, which is never shared between threads.
    /// As the CLI builds it: with filler cells on a 25 km grid in the desert.
    let partition = try! Fixtures.geo.partition(of: ["SY", "IQ"])

    @Test("One cell per gazetteer place of the region, plus filler cells")
    func oneCellPerPlace() {
        let places = partition.cells.filter { !$0.isFiller }
        #expect(places.count == Fixtures.geo.gazetteer.places.count)
        #expect(places.allSatisfy { partition.cellOfPlace[$0.placeIndex!] != nil })
    }

    @Test("Filler cells: sites farther than 15 km from every place, hexagons of about 541 km², with a governorate")
    func fillers() throws {
        let fillers = partition.cells.filter(\.isFiller)
        let places = Fixtures.geo.gazetteer.places.map(\.coordinate)
        #expect(fillers.count > 300, "\(fillers.count)")
        // 0.6 × 25 km in the grid's plane; 14 km leaves room for its approximation of geodesic distance.
        for f in fillers.prefix(100) {
            #expect(places.allSatisfy { Geodesic.wgs84.distance($0, f.site) > 14_000 })
        }
        // A regular hexagon of spacing s has area (√3/2)·s² = 541 km² for s = 25 km; interior
        // fillers (the median) are such hexagons to within the plane's approximation.
        let median = fillers.map(\.areaKm2).sorted()[fillers.count / 2]
        #expect(abs(median / 541.3 - 1) < 0.05, "\(median)")
        #expect(fillers.allSatisfy { $0.population == 0 && !$0.admin1.isEmpty })
        // No cell of the desert spans more than a few thousand km² any more (the Rutba cell alone was 51,000).
        #expect(partition.cells.map(\.areaKm2).max()! < 6_000, "\(partition.cells.map(\.areaKm2).max()!)")
    }

    @Test("The cells' areas add up to the area of the country outlines within 0.01%")
    func cellsCoverRegion() {
        let p = partition
        let outlines = p.countryAreaKm2.values.reduce(0, +)   // Natural Earth: 185,939 + 437,367 km²
        #expect(abs(p.cellAreaSumKm2 - outlines) / outlines < 1e-4)
        #expect(abs(outlines - 623_306) < 1)
    }

    /// Official areas: Syria 185,180 km², Iraq 438,317 km² (CIA World Factbook).
    @Test("Each country's area is within 0.5% of its official area", arguments: [("SY", 185_180.0), ("IQ", 438_317.0)])
    func officialArea(_ entry: (String, Double)) throws {
        let area = try #require(partition.countryAreaKm2[entry.0])
        #expect(abs(area - entry.1) / entry.1 < 0.005, "\(entry.0): \(area) km²")
    }

    @Test("Every cell is a valid geometry and no two cells overlap (their union has the sum of their areas)")
    func validAndDisjoint() throws {
        let p = partition
        let geometries = p.cells.indices.compactMap { p.geometry(ofCell: $0) }
        for g in geometries { try g.requireValid("cell") }
        let union = try Geometry.collection(copying: geometries, in: p.context).coverageUnion()
        let unionArea = Geodesic.wgs84.area(try union.polygonCoordinates()) / 1e6
        #expect(abs(unionArea - p.cellAreaSumKm2) / p.cellAreaSumKm2 < 1e-6)
    }

    @Test("Toy country: four places in a row give four 1°×1° squares of the closed-form area")
    func toySquares() throws {
        let toy = try Fixtures.toy()
        let expected = Fixtures.quadrangleKm2(lon1: 0, lon2: 1, lat1: 0, lat2: 1)   // ≈ 12,308 km²
        #expect(toy.partition.cells.count == 4)
        for cell in toy.partition.cells {
            #expect(abs(cell.areaKm2 - expected) / expected < 1e-4, "\(cell.areaKm2) vs \(expected)")
        }
        #expect(abs(toy.partition.regionAreaKm2 - 4 * expected) / (4 * expected) < 1e-4)
    }
}
