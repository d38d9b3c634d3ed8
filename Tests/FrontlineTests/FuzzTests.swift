import Foundation
import Testing
@testable import Frontline
import FrontlineFuzzing

/// The mutation fuzzer's own guarantees: mutants are reproducible from (seed, index), and a
/// short run over the shipped scenarios finds nothing. CI runs thousands (`.ci/run`).
@Suite("Mutation fuzzer")
struct FuzzTests {
    static let bases = [Fixtures.seeds, Fixtures.full].map { try! String(contentsOfFile: $0, encoding: .utf8) }

    @Test("Mutant k of a seed is the same bytes every time, and different mutants differ")
    func deterministic() {
        let mutator = Mutator(base: Self.bases[0])
        let a = (0..<50).map { mutator.mutant(seed: 7, index: $0).text }
        let b = (0..<50).reversed().map { mutator.mutant(seed: 7, index: $0).text }.reversed()
        #expect(a == Array(b))
        #expect(Set(a).count == 50)
        #expect(mutator.mutant(seed: 8, index: 0).text != a[0])
    }

    @Test("SplitMix64 gives the published first outputs for seed 0")
    func splitMix() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("Forty mutants of the shipped scenarios: no crash, every error with its line, none taking a minute")
    func shortRun() throws {
        let harness = FuzzHarness(geo: Fixtures.geo)
        let mutators = Self.bases.map(Mutator.init(base:))
        // Warm up (the partition is built once), so each mutant's time is its own. CI's release
        // run holds each mutant to 5 s. In a debug build a mutant that moves a declared place
        // rebuilds the partition with its reach polygons: about 20 s on a loaded machine.
        _ = harness.run(Array(Self.bases[0].utf8))
        var replayed = 0
        for k in 0..<40 {
            let started = Date()
            let outcome = harness.run(mutators[k % 2].mutant(seed: 1, index: k).text)
            #expect(Date().timeIntervalSince(started) < Fixtures.timeLimit(60), "mutant \(k)")
            if case .failure(let what) = outcome { Issue.record("mutant \(k): \(what)") }
            if case .replayed = outcome { replayed += 1 }
        }
        // Some mutants are still valid scenarios and go through the whole replay.
        #expect(replayed > 0)
    }

    @Test("The unmutated scenarios are accepted and replayed")
    func baseAccepted() {
        let harness = FuzzHarness(geo: Fixtures.geo)
        for base in Self.bases {
            guard case .replayed = harness.run(Array(base.utf8)) else { Issue.record("refused"); continue }
        }
    }
}
