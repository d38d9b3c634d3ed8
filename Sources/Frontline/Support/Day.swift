/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
/// Frontline's clock: events, steps and reports are all dated to the day.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day `year-month-day`, or nil when no such day exists (e.g. 2015-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else or an impossible day.
    public init?(_ text: String) {
        // Ten ASCII bytes, digits but for the two hyphens: read on the UTF-8 bytes.
        var digits = (0, 0, 0), ok = true
        var text = text
        text.withUTF8 { b in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { ok = false; return }
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    guard (0x30...0x39).contains(b[i]) else { return nil }
                    n = n * 10 + Int(b[i] - 0x30)
                }
                return n
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { ok = false; return }
            digits = (y, m, d)
        }
        guard ok else { return nil }
        self.init(year: digits.0, month: digits.1, day: digits.2)
    }

    /// (year, month, day) of this day: Hinnant's civil_from_days.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD`, the year padded to four digits (`0999-01-01`) so that every day
    /// `Day(_:)` reads is written back the same way.
    public var description: String {
        let (y, m, d) = components
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = y >= 0 && y < 1000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return "\(year)-\(two(m))-\(two(d))"
    }

    /// The first and last days `Day(_:)` can read: 0000-01-01 and 9999-12-31.
    public static let first = Day(year: 0, month: 1, day: 1)!
    public static let last = Day(year: 9999, month: 12, day: 31)!

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Days from this day to `other` (negative when `other` is earlier).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    /// The same day of the month `months` later, clamped to the month's last day
    /// (2016-01-31 + 1 month = 2016-02-29).
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        return Day(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny)))!
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// How far the engine moves between reported states: a number of days or of months.
public enum Step: Hashable, Sendable, CustomStringConvertible {
    case days(Int)
    case months(Int)

    /// The longest step: 10,000 years (3,652,425 days, 120,000 months), the span of the
    /// days `Day` reads. A longer step could never give a second date.
    public static let maximumDays = 3_652_425
    public static let maximumMonths = 120_000

    /// Parses `1d`, `7d`, `1w`, `1m`, `3m`, `1y`; nil otherwise (see `init(parsing:)`).
    public init?(_ text: String) {
        guard let step = try? Step(parsing: text) else { return nil }
        self = step
    }

    /// Parses `Nd`, `Nw`, `Nm` or `Ny` with 1 ≤ N and the step at most 10,000 years;
    /// throws a `StepError` saying what is wrong otherwise.
    public init(parsing text: String) throws {
        guard let unit = text.last, "dwmy".contains(unit), text.count > 1,
              text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw StepError(text: text, reason: "use Nd, Nw, Nm or Ny (days, weeks, months, years), e.g. 7d or 1m") }
        let digits = text.dropLast().drop { $0 == "0" }
        let limit: Int
        switch unit {
        case "d": limit = Step.maximumDays
        case "w": limit = Step.maximumDays / 7
        case "m": limit = Step.maximumMonths
        default: limit = Step.maximumMonths / 12
        }
        // Compare digit strings first: a number of any length must not overflow Int.
        guard let n = digits.count <= 18 ? Int(digits.isEmpty ? "0" : String(digits)) : Int.max, n > 0 else {
            throw StepError(text: text, reason: "the step must be at least 1")
        }
        guard n <= limit else { throw StepError(text: text, reason: "the step must be at most 10,000 years (\(limit)\(unit))") }
        switch unit {
        case "d": self = .days(n)
        case "w": self = .days(7 * n)
        case "m": self = .months(n)
        default: self = .months(12 * n)
        }
    }

    /// `day` moved `k` steps on; nil when that is past 9999-12-31 or before 0000-01-01
    /// (no overflow, whatever `k`).
    public func advance(_ day: Day, times k: Int = 1) -> Day? {
        let (n, limit) = switch self {
        case .days(let n): (n, Day.first.days(to: Day.last))
        case .months(let n): (n, Step.maximumMonths)
        }
        let (total, overflow) = n.multipliedReportingOverflow(by: k)
        guard !overflow, abs(total) <= limit else { return nil }
        let result: Day
        switch self {
        case .days: result = day.adding(days: total)
        case .months: result = day.adding(months: total)
        }
        return result >= Day.first && result <= Day.last ? result : nil
    }

    public var description: String {
        switch self {
        case .days(let n): return "\(n)d"
        case .months(let n): return "\(n)m"
        }
    }

    /// The days from `from` to `to` inclusive at this step (month steps count from `from`,
    /// so 2016-01-31 by 1m gives 01-31, 02-29, 03-31). Always includes `from`; empty when
    /// `to` is before `from`. O(result).
    public func days(from: Day, through to: Day) -> [Day] {
        var result = [Day]()
        result.reserveCapacity(count(from: from, through: to))
        var k = 0
        while let d = advance(from, times: k), d <= to {
            result.append(d)
            k += 1
        }
        return result
    }

    /// How many days `days(from:through:)` gives, without listing them. O(1).
    public func count(from: Day, through to: Day) -> Int {
        guard from <= to else { return 0 }
        switch self {
        case .days(let n): return from.days(to: to) / n + 1
        case .months(let n):
            let (a, b) = (from.components, to.components)
            let months = (b.year - a.year) * 12 + (b.month - a.month)
            // The clamped day of the last month may still fall after `to`.
            let k = months / n
            guard let last = advance(from, times: k) else { return k }
            return last <= to ? k + 1 : k
        }
    }
}

/// Why a `--every` value is not a step.
public struct StepError: Error, CustomStringConvertible, Sendable, Equatable {
    public let text: String
    public let reason: String
    public var description: String { "'\(text)' is not a step: \(reason)" }
}
