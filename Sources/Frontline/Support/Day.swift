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

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

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

    /// Parses `1d`, `7d`, `1w`, `1m`, `3m`, `1y`; nil otherwise.
    public init?(_ text: String) {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0 else { return nil }
        switch unit {
        case "d": self = .days(n)
        case "w": self = .days(7 * n)
        case "m": self = .months(n)
        case "y": self = .months(12 * n)
        default: return nil
        }
    }

    public func advance(_ day: Day, times k: Int = 1) -> Day {
        switch self {
        case .days(let n): return day.adding(days: n * k)
        case .months(let n): return day.adding(months: n * k)
        }
    }

    public var description: String {
        switch self {
        case .days(let n): return "\(n)d"
        case .months(let n): return "\(n)m"
        }
    }

    /// The days from `from` to `to` inclusive at this step (month steps count from `from`,
    /// so 2016-01-31 by 1m gives 01-31, 02-29, 03-31). Always includes `from`.
    public func days(from: Day, through to: Day) -> [Day] {
        var result = [Day]()
        var k = 0
        while true {
            let d = advance(from, times: k)
            if d > to { break }
            result.append(d)
            k += 1
        }
        return result
    }
}
