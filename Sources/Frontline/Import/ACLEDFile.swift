import Foundation

/// One row of an ACLED export, with the columns the import reads.
public struct ACLEDRecord: Sendable, Hashable {
    public let eventID: String
    public let date: Day
    /// 1: the day is reported; 2: the week or a few days; 3: only the month (ACLED codebook).
    public let timePrecision: Int?
    public let eventType: String
    public let subEventType: String
    public let actor1: String
    public let assocActor1: String
    public let inter1: String
    public let actor2: String
    public let assocActor2: String
    public let inter2: String
    /// Country as ACLED names it (`Syria`) and its `iso` column (numeric ISO 3166-1, `760`).
    public let country: String
    public let iso: String
    public let admin1: String
    public let location: String
    public let coordinate: Coordinate?
    /// 1: the town itself; 2: near it or a part of a region; 3: a larger area's centroid (ACLED codebook).
    public let geoPrecision: Int?
    public let source: String
    public let notes: String
    public let fatalities: Int?
    /// Line of the file the row starts on.
    public let line: Int
}

/// An ACLED export read as a table of `ACLEDRecord`s.
///
/// ACLED's export (its data export tool and API, codebook 2019–2024) has 31 columns, in this
/// order: `ACLEDFile.exportColumns`. The import needs the columns in `requiredColumns`, found by
/// name in any order and any case, so older exports with extra or fewer columns work too.
/// `event_date` is read as `2017-10-17` (the codebook's form, the API's) or `17 October 2017`
/// (the export tool's); a month may be abbreviated (`17 Oct 2017`).
public struct ACLEDFile: Sendable {
    /// The 31 columns of an ACLED export, in order.
    public static let exportColumns = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
        "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]
    /// The columns the import cannot do without.
    public static let requiredColumns = ["event_id_cnty", "event_date", "event_type", "actor1", "actor2",
                                         "location", "latitude", "longitude", "source", "notes"]

    public let file: String
    public let records: [ACLEDRecord]
    /// Rows that could not be read (a date or coordinate that is not one), with why.
    public let problems: [Diagnostic]

    /// Reads `text` (the file `file`). Throws a `DataError` when the table is malformed or lacks
    /// a required column; rows with an unreadable date are reported in `problems` and left out. O(n).
    public init(text: String, file: String) throws {
        let table = try CSVTable(text: text, file: file)
        let missing = Self.requiredColumns.filter { table.column($0) == nil }
        guard missing.isEmpty else {
            throw DataError(file: file, line: 1, message: "not an ACLED export: no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) "
                            + "(the header has \(table.header.count) columns: \(table.header.prefix(8).joined(separator: ", "))\(table.header.count > 8 ? ", …" : ""))")
        }
        func col(_ name: String) -> Int? { table.column(name) }
        let c = (id: col("event_id_cnty")!, date: col("event_date")!, tp: col("time_precision"), type: col("event_type")!,
                 sub: col("sub_event_type"), a1: col("actor1")!, aa1: col("assoc_actor_1"), i1: col("inter1"),
                 a2: col("actor2")!, aa2: col("assoc_actor_2"), i2: col("inter2"), country: col("country"), iso: col("iso"),
                 admin1: col("admin1"), location: col("location")!, lat: col("latitude")!, lon: col("longitude")!,
                 gp: col("geo_precision"), source: col("source")!, notes: col("notes")!, fatalities: col("fatalities"))
        var records = [ACLEDRecord](), problems = [Diagnostic]()
        for r in table.records {
            func f(_ i: Int?) -> String { i.map { r.fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? "" }
            let id = f(c.id)
            let label = id.isEmpty ? "row" : id
            guard let date = Self.date(f(c.date)) else {
                problems.append(Diagnostic(file: file, line: r.line,
                                           "\(label): event_date '\(f(c.date))' is not a date (2017-10-17 or 17 October 2017)"))
                continue
            }
            var coordinate: Coordinate?
            if let lat = Double(f(c.lat)), let lon = Double(f(c.lon)), (-90...90).contains(lat), (-180...180).contains(lon) {
                coordinate = Coordinate(lon: lon, lat: lat)
            } else if !f(c.lat).isEmpty || !f(c.lon).isEmpty {
                problems.append(Diagnostic(file: file, line: r.line, severity: .warning,
                                           "\(label): latitude '\(f(c.lat))', longitude '\(f(c.lon))' are not a position; only the location's name is used"))
            }
            records.append(ACLEDRecord(
                eventID: id, date: date, timePrecision: Int(f(c.tp)), eventType: f(c.type), subEventType: f(c.sub),
                actor1: f(c.a1), assocActor1: f(c.aa1), inter1: f(c.i1), actor2: f(c.a2), assocActor2: f(c.aa2),
                inter2: f(c.i2), country: f(c.country), iso: f(c.iso), admin1: f(c.admin1), location: f(c.location),
                coordinate: coordinate, geoPrecision: Int(f(c.gp)), source: f(c.source), notes: f(c.notes),
                fatalities: Int(f(c.fatalities)), line: r.line))
        }
        self.file = file
        self.records = records
        self.problems = problems
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// `2017-10-17`, `17 October 2017`, `17 Oct 2017` or `17-October-2017`; nil otherwise.
    public static func date(_ text: String) -> Day? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = Day(t) { return d }
        let parts = t.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        let name = parts[1].lowercased()
        guard name.count >= 3, let month = months.firstIndex(where: { $0.hasPrefix(name) && (name.count == 3 || $0 == name) })
        else { return nil }
        return Day(year: year, month: month + 1, day: day)
    }
}
