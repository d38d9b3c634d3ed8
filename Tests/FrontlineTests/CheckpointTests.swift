import Foundation
import Testing
@testable import Frontline

/// The full scenario against what the seed reports say (docs/VALIDATION.md explains each
/// tolerance). The scenario is fitted by its events, never by these figures: a failure here
/// means an edit to the scenario or the model moved the replay away from the published record.
@Suite("Checkpoints of the full scenario")
struct CheckpointTests {
    /// A replay per test: it owns a GEOS context, never shared between threads.
    func load() throws -> LoadedScenario { try LoadedScenario(path: Fixtures.full, geo: Fixtures.geo) }

    func simulation() throws -> Simulation { try load().simulation() }

    func isis(_ s: Simulation) throws -> ShareReport.FactionShare {
        let i = try #require(s.scenario.factionIndex("isis"))
        return s.report().factions[i]
    }

    @Test("The scenario passes the check; every event cites a publication, a date and a claim")
    func checks() throws {
        let loaded = try load()
        #expect(loaded.scenario.events.count >= 150)
        #expect(loaded.scenario.events.allSatisfy { !$0.source.publication.isEmpty && !($0.source.claim ?? "").isEmpty })
        #expect(loaded.warnings.filter { $0.severity == .error }.isEmpty)
        // Every side the issue lists holds ground at some point.
        let s = try simulation()
        var held = Set<Int>()
        try s.run(from: s.scenario.start, to: Day("2019-12-31")!, every: .months(1)) { sim in
            for (i, f) in sim.report().factions.enumerated() where f.areaKm2 > 0 { held.insert(i) }
        }
        #expect(held.count == s.scenario.factions.count)
    }

    /// Seed 004 (Boston Herald, 2017-10-18): "ISIS has lost 87 percent of its territory".
    /// ±4 points: the sources' own figures for those weeks spread that much (DoD 87% on
    /// 17 October, AP's count "more than 96 percent" on 3 November, McGurk 95% on 15 November),
    /// and the replay's peak is its own (ground including desert, like SOHR's count).
    @Test("2017-10-17: the Islamic State has lost 87% ± 4 points of its peak territory")
    func lost87Percent() throws {
        let s = try simulation()
        try s.advance(to: Day("2017-10-17")!)
        let change = try #require(try isis(s).changeFromPeak)
        #expect(change <= -0.83 && change >= -0.91, "lost \(-change * 100)%")
    }

    /// Seed 003: "the last leg of the offensive reduced its territory to tents and buildings over
    /// just 1.5 square miles in Baghouz" (3.9 km²). AP and AFP gave that figure ("4 square
    /// kilometers (1.5 square miles)") when the last assault began on 9–12 February 2019; by
    /// 1 March AFP reported "less than half a square kilometre". So from 12 February to the
    /// declaration the pocket is at most 1.5 sq mi (+10% for the AP/AFP rounding of 4 km²),
    /// still held the day before, and gone on 23 March.
    @Test("Baghouz: at most 1.5 sq mi from 2019-02-12, still held on 2019-03-22, nothing on 2019-03-23")
    func baghouzPocket() throws {
        let s = try simulation()
        let limit = 1.5 * 2.589988 * 1.1
        try s.advance(to: Day("2019-02-12")!)
        let atStart = try isis(s).areaKm2
        #expect(atStart > 1 && atStart <= limit, "\(atStart) km² on 2019-02-12")
        try s.advance(to: Day("2019-03-01")!)
        let march = try isis(s).areaKm2
        #expect(march <= 0.6, "under half a square kilometre (AFP, 1 March): \(march)")
        try s.advance(to: Day("2019-03-22")!)
        #expect(try isis(s).areaKm2 > 0)
        try s.advance(to: Day("2019-03-23")!)
        let end = try isis(s)
        #expect(abs(end.areaKm2) < 1e-6 && abs(end.contestedKm2) < 1e-6)   // zero up to the incremental sums' rounding
    }

    /// Seed 002: ISIS held Mosul "for over a thousand days" (10 June 2014 to the victory
    /// declared on 10 July 2017: 1,126 days). The city is two gazetteer places, Mosul (east) and
    /// Al Mawsil al Jadidah (west); the replay must hold one of them without a break from its
    /// fall to the last day of the battle.
    @Test("Mosul: held by the Islamic State from 2014-06-10 to 2017-07-09, over 1,000 days")
    func mosul() throws {
        let s = try simulation()
        let g = Fixtures.geo.gazetteer
        let cells = try ["Mosul", "Al Mawsil al Jadidah"].map { try #require(s.partition.cellOfPlace[try g.resolveIndex($0)]) }
        let i = Int32(try #require(s.scenario.factionIndex("isis")))
        var first: Day?, last: Day?, gap = false
        try s.run(from: s.scenario.start, to: Day("2017-12-31")!, every: .days(1)) { sim in
            let holds = cells.contains { sim.state.holder[$0] == i }
            if holds { if first == nil { first = sim.day } else if let l = last, l.adding(days: 1) != sim.day { gap = true }; last = sim.day }
        }
        #expect(first == Day("2014-06-10"))
        #expect(last == Day("2017-07-09"))
        #expect(!gap)
        let (from, to) = (try #require(first), try #require(last))
        #expect(from.days(to: to) > 1000)
    }

    /// The peak: the replay's Islamic State ground is largest on 21 May 2015, the day it took
    /// Palmyra and al-Sab Biyar (the day SOHR said it held "more than half" of Syria, 95,000 km²).
    /// IHS's first estimate, January 2015, came earlier; its series falls from there, while
    /// this replay, which counts the Badia desert as SOHR did, rises until Palmyra.
    @Test("The timeline's Islamic State peak is on 2015-05-21")
    func peakDate() throws {
        let s = try simulation()
        try s.advance(to: Day("2019-12-31")!)
        let peak = try isis(s)
        #expect(peak.peakDate == Day("2015-05-21"))
        let peakKm2 = try #require(peak.peakKm2)
        #expect(peakKm2 > 120_000 && peakKm2 < 160_000)
    }
}
