import Testing
@testable import Frontline

/// The control model on the toy country (four 1°×1° cells A B C D in a row, see `Fixtures`):
/// every expected area is a whole number of cells of the closed-form quadrangle area.
@Suite("Control model")
struct ControlModelTests {
    static let cellKm2 = Fixtures.quadrangleKm2(lon1: 0, lon2: 1, lat1: 0, lat2: 1)

    func compile(_ scenario: Scenario, populations: [Int] = [1000, 500, 500, 1000]) throws
        -> (toy: Fixtures.Toy, plan: ControlPlan?, diagnostics: [Diagnostic]) {
        let toy = try Fixtures.toy(populations: populations)
        let (plan, diagnostics) = ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(scenario)
        return (toy, plan, diagnostics)
    }

    func replay(_ scenario: Scenario, populations: [Int] = [1000, 500, 500, 1000], to date: String) throws -> ShareReport {
        let (toy, plan, diagnostics) = try compile(scenario, populations: populations)
        let p = try #require(plan, "\(diagnostics)")
        let simulation = Simulation(scenario: scenario, partition: toy.partition, plan: p)
        try simulation.advance(to: Day(date)!)
        return simulation.report()
    }

    func cells(_ km2: Double) -> Double { (km2 / Self.cellKm2 * 1000).rounded() / 1000 }

    @Test("A place event takes its catchment: the cells nearer to it than to any other named place")
    func catchment() throws {
        // Named: TownA and TownD. TownB is nearer A, TownC nearer D. Capturing A takes A and B.
        let s = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, place: TownA, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-03-01, place: TownD, faction: gov, source: {publication: Test, date: 2015-03-01, claim: test}}
            """)
        let before = try replay(s, to: "2015-01-31")
        #expect(cells(before.factions[0].areaKm2) == 4)
        let after = try replay(s, to: "2015-02-01")
        #expect(cells(after.factions[1].areaKm2) == 2)
        #expect(cells(after.factions[0].areaKm2) == 2)
        #expect(after.factions[1].population == 1500)   // TownA 1000 + TownB 500
    }

    @Test("A radius limits the event to cells within that distance of the place")
    func radius() throws {
        // Only A is named, so its catchment is all four cells; 150 km reaches B (111 km) but not C (222 km).
        let s = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, place: TownA, faction: isis, radius_km: 150, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        #expect(cells(try replay(s, to: "2015-02-01").factions[1].areaKm2) == 2)
    }

    @Test("A town does not fall with a smaller one: a more populous cell stays outside the catchment")
    func hierarchy() throws {
        // TownB (5000) is more populous than TownA (1000): capturing A leaves B; C (500) and D (1000) fall.
        let s = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, place: TownA, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        let r = try replay(s, populations: [1000, 5000, 500, 1000], to: "2015-02-01")
        #expect(cells(r.factions[1].areaKm2) == 3)
        #expect(r.factions[0].population == 5000)
    }

    @Test("A place event takes ground only from the side holding the place")
    func onlyFromLoser() throws {
        // Kurds hold the East governorate (C, D) from the start. Only TownA is named, so its
        // catchment is all four cells, but ISIS takes only the government's A and B.
        let s = try Fixtures.toyScenario(initial: """
              - {country: XX, faction: gov}
              - {governorate: East, faction: kurds}
            """, events: """
              - {date: 2015-02-01, place: TownA, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        let r = try replay(s, to: "2015-02-01")
        #expect(cells(r.factions[1].areaKm2) == 2)
        #expect(cells(r.factions[2].areaKm2) == 2)
        #expect(r.factions[0].areaKm2 < 1e-9)
    }

    @Test("Breaking a siege: a capture by the side holding the place takes the besieger's ground")
    func siegeBroken() throws {
        // The government holds TownA; ISIS holds B, C, D (East and TownB) and besieges A.
        // Only TownA is named: the government's capture of A takes B, C and D back from ISIS.
        let s = try Fixtures.toyScenario(initial: """
              - {country: XX, faction: isis}
              - {place: TownA, faction: gov, radius_km: 1}
            """, events: """
              - {date: 2015-02-01, place: TownA, faction: isis, action: contest, radius_km: 1, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-03-01, place: TownA, faction: gov, source: {publication: Test, date: 2015-03-01, claim: test}}
            """)
        let besieged = try replay(s, to: "2015-02-01")
        #expect(cells(besieged.factions[0].contestedKm2) == 1)
        #expect(cells(besieged.factions[1].areaKm2) == 3)
        let relieved = try replay(s, to: "2015-03-01")
        #expect(cells(relieved.factions[0].areaKm2) == 4)
        #expect(relieved.contestedKm2 < 1e-9)
    }

    @Test("'from' limits a governorate event to the named side's ground")
    func explicitFrom() throws {
        // West: A government, B ISIS. "The Kurds take the West from ISIS" moves B only.
        let s = try Fixtures.toyScenario(initial: """
              - {country: XX, faction: gov}
              - {place: TownB, faction: isis, radius_km: 1}
            """, events: """
              - {date: 2015-02-01, governorate: West, faction: kurds, from: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        let r = try replay(s, to: "2015-02-01")
        #expect(cells(r.factions[2].areaKm2) == 1)
        #expect(cells(r.factions[0].areaKm2) == 3)
        #expect(r.factions[1].areaKm2 < 1e-9)
    }

    @Test("Contested ground is reported apart and never counted twice; a capture settles it")
    func contest() throws {
        let s = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, governorate: East, faction: isis, action: contest, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-03-01, governorate: XX02, faction: gov, source: {publication: Test, date: 2015-03-01, claim: test}}
            """)
        let r = try replay(s, to: "2015-02-15")
        #expect(cells(r.factions[0].areaKm2) == 2)
        #expect(cells(r.factions[0].contestedKm2) == 2)
        #expect(cells(r.contestedKm2) == 2)
        #expect(cells(r.factions[1].areaKm2) == 0)
        let total = r.factions.reduce(0) { $0 + $1.areaKm2 } + r.contestedKm2 + r.unassignedKm2
        #expect(abs(total - r.regionKm2) / r.regionKm2 < 1e-9)
        let settled = try replay(s, to: "2015-03-01")
        #expect(cells(settled.factions[0].areaKm2) == 4)
        #expect(settled.contestedKm2 < 1e-9)
    }

    @Test("Same-day events apply in file order")
    func sameDayOrder() throws {
        let s = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, governorate: West, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-02-01, governorate: West, faction: kurds, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        let r = try replay(s, to: "2015-02-01")
        #expect(cells(r.factions[2].areaKm2) == 2)
        #expect(r.factions[1].areaKm2 == 0)
    }

    @Test("Initial control: governorate overrides country, place overrides governorate, whatever the file order")
    func initialPrecedence() throws {
        let s = try Fixtures.toyScenario(initial: """
              - {place: TownD, faction: kurds, radius_km: 1}
              - {governorate: East, faction: isis}
              - {country: XX, faction: gov}
            """, events: """
              - {date: 2015-02-01, place: TownA, faction: gov, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        let r = try replay(s, to: "2015-01-01")
        #expect(cells(r.factions[0].areaKm2) == 2)
        #expect(cells(r.factions[1].areaKm2) == 1)
        #expect(cells(r.factions[2].areaKm2) == 1)
    }

    @Test("Unknown and ambiguous names are reported with the event's line and suggestions")
    func diagnostics() throws {
        let s = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, place: TownQ, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
              - {date: 2015-02-02, governorate: Middle, faction: isis, source: {publication: Test, date: 2015-02-01, claim: test}}
            """)
        let (_, plan, diagnostics) = try compile(s)
        #expect(plan == nil)
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].line == 11)
        #expect(diagnostics[0].message.contains("unknown place 'TownQ'") && diagnostics[0].message.contains("TownA"))
        #expect(diagnostics[1].line == 12 && diagnostics[1].message.contains("unknown governorate 'Middle'"))
    }
}
