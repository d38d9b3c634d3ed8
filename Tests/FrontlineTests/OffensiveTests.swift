import Foundation
import Testing
@testable import Frontline

/// Offensives whose front moves day by day, on the toy country (four 1°×1° cells A B C D in a
/// row along the equator, see `Fixtures`). Distances in the front's plane are R·Δλ·cos φ and
/// R·Δφ with R = 6371.0072 km, so 1° is 111.195 km.
@Suite("Offensives")
struct OffensiveTests {
    static let cellKm2 = Fixtures.quadrangleKm2(lon1: 0, lon2: 1, lat1: 0, lat2: 1)
    static let kmPerDegree = 6371.0072 * Double.pi / 180

    func replay(_ scenario: Scenario, through dates: [String]) throws -> [ShareReport] {
        let toy = try Fixtures.toy()
        let (plan, diagnostics) = ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(scenario)
        let p = try #require(plan, "\(diagnostics)")
        let simulation = Simulation(scenario: scenario, partition: toy.partition, plan: p)
        return try dates.map { try simulation.advance(to: Day($0)!); return simulation.report() }
    }

    static let source = "source: {publication: Test, date: 2015-02-01, claim: test}"

    @Test("An advancing front takes ground at constant speed, passes a place when it reaches it, and holds all by `until`")
    func advance() throws {
        // ISIS holds XX; the government advances from TownA over TownD's catchment (all four cells)
        // from 02-01 to 02-11. The farthest point, corner (4°E, 0°N), is √(3.5² + 0.5²)·111.195
        // = 393.1 km from TownA, so the radius grows 39.3 km a day.
        let s = try Fixtures.toyScenario(initial: "  - {country: XX, faction: isis}", events: """
              - {date: 2015-02-01, until: 2015-02-11, place: TownD, advance_from: TownA, faction: gov, from: isis, \(Self.source)}
            """)
        let r = try replay(s, through: ["2015-02-01", "2015-02-02", "2015-02-04", "2015-02-06", "2015-02-10", "2015-02-11"])
        let country = r[0].regionKm2
        let gov = r.map { $0.factions[0] }, isis = r.map { $0.factions[1] }
        #expect(gov[0].areaKm2 == 0)
        // Day 1: radius 39.3 km, a disc wholly inside cell A: π·39.31² = 4,855 km² (the plane is
        // equal-area; 0.5% allows for the sphere against the ellipsoid).
        let r1 = 393.06 / 10
        #expect(abs(gov[1].areaKm2 / (Double.pi * r1 * r1) - 1) < 0.005, "\(gov[1].areaKm2)")
        // Held + taken always equals the country: nothing is lost or counted twice.
        for k in r.indices { #expect(abs(gov[k].areaKm2 + isis[k].areaKm2 - country) < 1e-6) }
        // TownA (at the centre) is taken at once; TownB, 111.19 km away, once the radius passes it
        // (day 2: 78.6 km, day 3: 117.9 km).
        #expect(gov[1].population == 1000)
        #expect(gov[2].population == 1500)
        #expect(gov[2].areaKm2 > gov[1].areaKm2 && gov[3].areaKm2 > gov[2].areaKm2 && gov[4].areaKm2 > gov[3].areaKm2)
        // Day 9 of 10: the radius is 353.8 km; ISIS keeps the strip of D beyond it, 35–40 km wide
        // and 111 km high (the circle bends from 353.8 km east of TownA at its latitude to 349.4 km
        // at the edges): about 4,100 km², a third of a cell.
        #expect(isis[4].areaKm2 > 0.30 * Self.cellKm2 && isis[4].areaKm2 < 0.36 * Self.cellKm2, "\(isis[4].areaKm2)")
        #expect(abs(gov[5].areaKm2 - country) < 1e-6 && abs(isis[5].areaKm2) < 1e-6 && gov[5].population == 3000)
    }

    @Test("A front closing in on a place shrinks the pocket around it; the place falls last")
    func pocket() throws {
        // The government closes in on TownA (its catchment is all four cells) from 02-01 to 02-11.
        let s = try Fixtures.toyScenario(initial: "  - {country: XX, faction: isis}", events: """
              - {date: 2015-02-01, until: 2015-02-11, place: TownA, faction: gov, from: isis, \(Self.source)}
            """)
        let r = try replay(s, through: ["2015-02-01", "2015-02-10", "2015-02-11"])
        let country = r[0].regionKm2
        #expect(r[0].factions[1].areaKm2 == country)
        // On 02-10 the radius is a tenth of 393.06 km: ISIS keeps a disc of π·39.31² = 4,855 km² around TownA,
        // and TownA's 1,000 people; the other towns were passed long before.
        let pocket = r[1].factions[1]
        let radius = 393.06 / 10
        #expect(abs(pocket.areaKm2 / (Double.pi * radius * radius) - 1) < 0.005, "\(pocket.areaKm2)")
        #expect(pocket.population == 1000)
        #expect(r[1].factions[0].population == 2000)
        #expect(abs(r[2].factions[1].areaKm2) < 1e-6 && abs(r[2].factions[0].areaKm2 - country) < 1e-6)
        // The peak and the change against it: ISIS held everything at the start, so it has lost 100%.
        #expect(r[2].factions[1].peakKm2 == country && r[2].factions[1].peakDate == Day("2015-01-01"))
        #expect(abs(r[2].factions[1].changeFromPeak! + 1) < 1e-12)
    }

    @Test("A progress waypoint fixes the share of the ground taken on its date")
    func waypoint() throws {
        let s = try Fixtures.toyScenario(initial: "  - {country: XX, faction: isis}", events: """
              - date: 2015-02-01
                until: 2015-03-01
                place: TownD
                advance_from: TownA
                faction: gov
                from: isis
                progress: [{date: 2015-02-05, share: 0.5}, {date: 2015-02-20, share: 0.9}]
                \(Self.source)
            """)
        let r = try replay(s, through: ["2015-02-05", "2015-02-20"])
        // Half, then nine tenths, of the four cells (the bisection is exact to 1e-9; the plane's
        // areas differ from the ellipsoid's by well under 0.1% across the country).
        #expect(abs(r[0].factions[0].areaKm2 / r[0].regionKm2 - 0.5) < 1e-3)
        #expect(abs(r[1].factions[0].areaKm2 / r[0].regionKm2 - 0.9) < 1e-3)
    }

    @Test("A later event that takes cells under a front takes them out of the offensive")
    func laterEventWins() throws {
        // The government closes in on TownA (catchment A, B) and the Kurds take TownD's catchment (C, D)
        // from ISIS on 02-05; the government's closing capture on 02-11 leaves the Kurds' cells alone.
        let s = try Fixtures.toyScenario(initial: "  - {country: XX, faction: isis}", events: """
              - {date: 2015-02-01, until: 2015-02-11, place: TownA, faction: gov, from: isis, \(Self.source)}
              - {date: 2015-02-05, place: TownD, faction: kurds, from: isis, \(Self.source)}
            """)
        let r = try replay(s, through: ["2015-02-05", "2015-02-11"])
        // C and D are the eastern half of the country (the cells are symmetric about 2°E).
        let half = r[0].regionKm2 / 2
        #expect(abs(r[0].factions[2].areaKm2 - half) < 1e-6)
        #expect(abs(r[0].factions.reduce(0) { $0 + $1.areaKm2 } - 2 * half) < 1e-6)
        #expect(abs(r[1].factions[0].areaKm2 - half) < 1e-6 && abs(r[1].factions[2].areaKm2 - half) < 1e-6)
    }

    @Test("The map cuts cells along the front: polygons' areas match the figures")
    func polygons() throws {
        let toy = try Fixtures.toy()
        let s = try Fixtures.toyScenario(initial: "  - {country: XX, faction: isis}", events: """
              - {date: 2015-02-01, until: 2015-02-11, place: TownD, advance_from: TownA, faction: gov, from: isis, \(Self.source)}
            """)
        let plan = try #require(ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(s).plan)
        let simulation = Simulation(scenario: s, partition: toy.partition, plan: plan)
        try simulation.advance(to: Day("2015-02-06")!)
        let territories = try simulation.territories()
        #expect(territories.map(\.key.holder) == [0, 1])
        for t in territories {
            // Geodesic area of the polygons (a 256-gon for the circle) against the state's figure.
            let polygons = try t.geometry.polygonCoordinates()
            let area = Geodesic.wgs84.area(polygons) / 1e6
            #expect(abs(area / t.areaKm2 - 1) < 1e-3, "\(t.key): \(area) vs \(t.areaKm2)")
            #expect(try t.geometry.isValid)
        }
    }

    @Test("Malformed offensives are reported with their line", arguments: [
        ("  - {date: 2015-02-01, until: 2015-01-20, place: TownA, faction: gov, \(source)}",
         "event 1: until 2015-01-20 is not after the date 2015-02-01"),
        ("  - {date: 2015-02-01, advance_from: TownB, place: TownA, faction: gov, \(source)}",
         "event 1: advance_from and progress describe an offensive and need 'until'"),
        ("  - {date: 2015-02-01, until: 2015-03-01, place: TownA, faction: gov, progress: [{date: 2015-03-05, share: 0.5}], \(source)}",
         "event 1: progress date 2015-03-05 is not before its end 2015-03-01"),
        ("  - {date: 2015-02-01, until: 2015-03-01, place: TownA, faction: gov, progress: [{date: 2015-02-05, share: 1.5}], \(source)}",
         "event 1: progress share '1.5' is not a number between 0 and 1 (exclusive)"),
    ])
    func malformed(entry: (String, String)) throws {
        #expect(throws: ScenarioError.self) { try Fixtures.toyScenario(events: entry.0) }
        do { _ = try Fixtures.toyScenario(events: entry.0) } catch let error as ScenarioError {
            #expect(error.diagnostics.map(\.message) == [entry.1])
        }
    }

    @Test("An offensive must capture, at a place")
    func compileErrors() throws {
        let toy = try Fixtures.toy()
        let contest = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, until: 2015-03-01, place: TownA, faction: isis, action: contest, \(Self.source)}
            """)
        let d1 = ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(contest).diagnostics
        #expect(d1.map(\.message) == ["event 1 (2015-02-01, offensive until 2015-03-01): an offensive captures; use action: capture"])
        let governorate = try Fixtures.toyScenario(events: """
              - {date: 2015-02-01, until: 2015-03-01, governorate: West, faction: isis, \(Self.source)}
            """)
        let d2 = ControlModel(gazetteer: toy.gazetteer, partition: toy.partition).compile(governorate).diagnostics
        #expect(d2.map(\.message) == ["event 1 (2015-02-01, offensive until 2015-03-01): an offensive needs a place (its front closes in on it)"])
    }
}
