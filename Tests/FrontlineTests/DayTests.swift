import Testing
@testable import Frontline

@Suite("Day and Step")
struct DayTests {
    @Test("Ordinals are Unix days: 2017-10-17 is 1508198400 s / 86400 = 17456")
    func ordinals() {
        #expect(Day("1970-01-01")?.ordinal == 0)
        // 2017-10-17: Unix time 1508198400 s / 86400 = 17456 days.
        #expect(Day("2017-10-17")?.ordinal == 17456)
        #expect(Day("2017-10-17")?.description == "2017-10-17")
    }

    @Test("Impossible or malformed dates are rejected", arguments: ["2015-02-29", "2016-13-01", "2016-00-10", "2016-04-31",
                                                                  "17-10-2017", "2017/10/17", "2017-1-7", "", "yesterday"])
    func rejects(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test("2016 is a leap year: 2016-02-29 exists")
    func leap() { #expect(Day("2016-02-29") != nil) }

    @Test("Month steps keep the day of month and clamp to the month's end")
    func monthSteps() {
        let days = Step.months(1).days(from: Day("2016-01-31")!, through: Day("2016-04-30")!)
        #expect(days.map(\.description) == ["2016-01-31", "2016-02-29", "2016-03-31", "2016-04-30"])
    }

    @Test("Step parses 1d, 7d, 1w, 1m and rejects the rest")
    func stepParsing() {
        #expect(Step("1d") == .days(1))
        #expect(Step("7d") == .days(7))
        #expect(Step("1w") == .days(7))
        #expect(Step("1m") == .months(1))
        #expect(Step("0d") == nil)
        #expect(Step("1y") == .months(12))
        #expect(Step("1x") == nil)
        #expect(Step("d") == nil)
    }
}
