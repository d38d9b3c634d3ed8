import Foundation
import Testing
@testable import Frontline

/// `Number` writes decimals by integer arithmetic; these tests hold it to the bytes the
/// previous implementation produced through C's `printf` (`String(format:)`), on edge values.
@Suite("Number formatting")
struct NumberTests {
    /// The previous implementation of `Number.format(_:decimals:)`, through `String(format:)`.
    static func reference(_ value: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", value)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// The previous implementation of `Number.fixed(_:decimals:)`.
    static func referenceFixed(_ value: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", value)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    static let edgeValues: [Double] = [
        0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 0.125, 0.375, -0.125, 0.0625, 1.005, 2.675,
        1e-7, -1e-7, 5e-7, 4.9999999e-7, 5.0000001e-7, 1e-6, 0.0000015, 0.0000025, 0.049999999999999996,
        0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 99.995, 99.9949999, 999_999.9999995, 0.999_999_5,
        36.320_9, 41.876_56, -0.000_000_4, -0.000_000_5, -0.000_000_6,
        123_456.5, 1e15 + 0.3, 4_503_599_627_370_495.5, 9_007_199_254_740_992, 1e16, 1.8e19, 1e20, 1e21, 1e22, 1e23,
        123_456_789_012_345_683_968, 1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .ulpOfOne,
        Double(UInt64.max), Double(Int64.max), 18_446_744_073_709_551_615.0 / 1e6, 623_306.123_456_789,
        .nan, -.nan, .infinity, -.infinity,
    ]

    @Test("format(_:decimals:) equals String(format:) with zeros trimmed, on edge values", arguments: 0...20)
    func formatEdges(decimals: Int) {
        for v in Self.edgeValues {
            #expect(Number.format(v, decimals: decimals) == Self.reference(v, decimals: decimals), "\(v) to \(decimals) decimals")
        }
    }

    @Test("fixed(_:decimals:) equals String(format:) without a minus on zero, on edge values", arguments: 0...20)
    func fixedEdges(decimals: Int) {
        for v in Self.edgeValues {
            #expect(Number.fixed(v, decimals: decimals) == Self.referenceFixed(v, decimals: decimals), "\(v) to \(decimals) decimals")
        }
    }

    @Test("Exact ties round half to even, like printf")
    func ties() {
        #expect(Number.fixed(0.5, decimals: 0) == "0")
        #expect(Number.fixed(1.5, decimals: 0) == "2")
        #expect(Number.fixed(2.5, decimals: 0) == "2")
        #expect(Number.fixed(0.125, decimals: 2) == "0.12")
        #expect(Number.fixed(0.375, decimals: 2) == "0.38")
        #expect(Number.format(-0.000_000_4, decimals: 6) == "0")
        #expect(Number.fixed(-0.001, decimals: 2) == "0.00")
        #expect(Number.format(1e-7, decimals: 6) == "0")
        #expect(Number.format(.nan, decimals: 2) == "nan")
        #expect(Number.format(-.infinity, decimals: 2) == "-inf")
    }

    /// 50,000 values over many magnitudes (a fixed linear congruential sequence, so the run is
    /// reproducible), in the decimals the outputs use.
    @Test("format and fixed equal String(format:) on 50,000 pseudo-random values")
    func pseudoRandom() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var mismatches = [String]()
        for i in 0..<50_000 {
            let r = next()
            let v: Double
            switch i % 4 {
            case 0: v = Double(bitPattern: r)  // any double
            case 1: v = (Double(r >> 11) / Double(1 << 53) - 0.5) * 1_000  // coordinates, shares
            case 2: v = Double(r >> 40) / 1_000 + 0.000_5  // near ties at 3 decimals
            default: v = Double(Int64(bitPattern: r) >> Int64(r % 60)) / 1e6
            }
            let decimals = [0, 1, 2, 3, 6, 12][Int(r % 6)]
            if Number.format(v, decimals: decimals) != Self.reference(v, decimals: decimals)
                || Number.fixed(v, decimals: decimals) != Self.referenceFixed(v, decimals: decimals) {
                mismatches.append("\(v) @\(decimals)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("format(_:decimals:significant:) keeps small values' digits")
    func significant() {
        #expect(Number.format(0.204_2, decimals: 2, significant: 6) == "0.2042")
        #expect(Number.format(22305.123_456, decimals: 2, significant: 6) == "22305.12")
        #expect(Number.format(0.000_012_345_678, decimals: 6, significant: 6) == "0.0000123457")
        #expect(Number.format(0, decimals: 2, significant: 6) == "0")
    }

    @Test("grouped and jsonString")
    func text() {
        #expect(Number.grouped(1_234_567) == "1,234,567")
        #expect(Number.grouped(-1_000) == "-1,000")
        #expect(Number.jsonString("a\"b\\c\n\u{1}\u{1f}é") == "\"a\\\"b\\\\c\\n\\u0001\\u001fé\"")
    }
}
