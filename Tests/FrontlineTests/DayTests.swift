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

    @Test("Years before 1000 are written with four digits, so every date reads back the same",
          arguments: ["0000-01-01", "0001-03-01", "0999-12-31", "0042-02-28", "1000-01-01", "9999-12-31"])
    func fourDigitYears(_ text: String) throws {
        // Regression: 0999-12-31 was written "999-12-31", which Day() then refused.
        let day = try #require(Day(text))
        #expect(day.description == text)
        #expect(Day(day.description) == day)
    }

    /// Steps whose size in days or months overflowed Int (`7 * n`, `n * k`) or whose dates ran
    /// past 9999-12-31: each is refused with the reason, never a trap.
    @Test("Steps larger than 10,000 years are refused with a reason", arguments: [
        ("9223372036854775807d", "the step must be at most 10,000 years (3652425d)"),
        ("9223372036854775807w", "the step must be at most 10,000 years (521775w)"),
        ("9223372036854775807m", "the step must be at most 10,000 years (120000m)"),
        ("9223372036854775807y", "the step must be at most 10,000 years (10000y)"),
        ("99999999999999999999999999d", "the step must be at most 10,000 years (3652425d)"),
        ("3652426d", "the step must be at most 10,000 years (3652425d)"),
        ("0d", "the step must be at least 1"),
        ("-1d", "use Nd, Nw, Nm or Ny (days, weeks, months, years), e.g. 7d or 1m"),
        ("+1d", "use Nd, Nw, Nm or Ny (days, weeks, months, years), e.g. 7d or 1m"),
        ("1.5d", "use Nd, Nw, Nm or Ny (days, weeks, months, years), e.g. 7d or 1m"),
        ("１d", "use Nd, Nw, Nm or Ny (days, weeks, months, years), e.g. 7d or 1m"),
    ])
    func stepBounds(_ entry: (String, String)) {
        #expect(throws: StepError(text: entry.0, reason: entry.1)) { try Step(parsing: entry.0) }
        #expect(Step(entry.0) == nil)
    }

    @Test("The largest steps are accepted and give only the first date of any range")
    func largestSteps() throws {
        // 3652425 days = 10,000 Gregorian years (400-year cycle of 146097 days × 25).
        #expect(try Step(parsing: "3652425d") == .days(3_652_425))
        #expect(try Step(parsing: "10000y") == .months(120_000))
        let from = Day("2014-01-01")!, to = Day.last
        for step in [Step.days(3_652_425), .months(120_000), .days(7 * 521_775)] {
            #expect(step.days(from: from, through: to) == [from])
            #expect(step.count(from: from, through: to) == 1)
        }
    }

    @Test("Series near the last day end at 9999-12-31 without overflow")
    func seriesAtTheEnd() {
        let from = Day("9999-12-25")!
        #expect(Step.days(3).days(from: from, through: Day.last).map(\.description) == ["9999-12-25", "9999-12-28", "9999-12-31"])
        #expect(Step.months(1).days(from: Day("9999-10-31")!, through: Day.last).map(\.description)
                == ["9999-10-31", "9999-11-30", "9999-12-31"])
        #expect(Step.days(1).advance(Day.last) == nil)
        #expect(Step.days(1).advance(Day.first, times: -1) == nil)
        #expect(Step.days(Int.max).advance(from, times: 2) == nil)
    }

    /// `count` must equal the length of the list it avoids building (it sizes progress and
    /// bounds); checked over month-end clamping and leap days.
    @Test("count(from:through:) equals days(from:through:).count")
    func countMatches() {
        let starts = ["2016-01-31", "2016-02-29", "2015-12-31", "2014-01-01"].map { Day($0)! }
        for from in starts {
            for span in [-1, 0, 1, 27, 28, 29, 30, 31, 59, 60, 365, 366, 1461, 3000] {
                let to = from.adding(days: span)
                for step in [Step.days(1), .days(7), .days(30), .months(1), .months(2), .months(12), .months(13)] {
                    #expect(step.count(from: from, through: to) == step.days(from: from, through: to).count,
                            "\(step) from \(from) through \(to)")
                }
            }
        }
    }
}
