/// Output formats of `share` and `timeline`.
public enum ShareFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

/// Renders `ShareReport`s as an aligned table, CSV or JSON.
///
/// JSON: `{"date", "region_km2", "factions": [{"id", "name", "area_km2", "share", "population",
/// "contested_km2", "contested_population", "influence_km2", "influence_share", "peak_km2",
/// "peak_date", "change_from_peak"}], "contested": {"area_km2", "share", "population"},
/// "influence": {"area_km2", "share"}, "unassigned": {"area_km2", "population"}}`; a timeline
/// is an array of these. `area_km2` is held ground (within reach, uncontested), `contested_km2`
/// held ground another side contests, `influence_km2` the rest of the faction's ground;
/// held + contested + influence of all factions + unassigned = `region_km2`.
/// `change_from_peak` is the faction's held ground (held and contested) against the most it
/// held since the scenario's start: −0.87 reads "lost 87%".
/// CSV: one row per date and faction, plus a `contested` row per date.
public enum ShareRenderer {
    public static func render(_ reports: [ShareReport], as format: ShareFormat) -> String {
        switch format {
        case .json:
            return reports.count == 1 ? json(reports[0]) + "\n"
                : "[\n" + reports.map { "  " + json($0) }.joined(separator: ",\n") + "\n]\n"
        case .csv:
            return csvHeader + "\n" + reports.map(csvRows).joined()
        case .table:
            return reports.map(table).joined(separator: "\n")
        }
    }

    /// One report as a single-line JSON object (`ShareRecord`; docs/schema/share.schema.json).
    public static func json(_ r: ShareReport) -> String {
        // Cannot fail: a ShareRecord holds strings, integers and FixedNumbers (non-finite ones are written as null).
        try! JSONContract.encode(ShareRecord(r))
    }

    static let csvHeader = "date,faction,name,area_km2,share,population,contested_km2,contested_population,influence_km2,influence_share,peak_km2,peak_date,change_from_peak"

    static func csvRows(_ r: ShareReport) -> String {
        var out = ""
        for f in r.factions {
            out += [r.date.description, f.faction.id, Number.csvField(f.faction.name), Number.format(f.areaKm2, decimals: 2),
                    Number.format(f.share, decimals: 6), "\(f.population)", Number.format(f.contestedKm2, decimals: 2),
                    "\(f.contestedPopulation)", Number.format(f.influenceKm2, decimals: 2),
                    Number.format(f.influenceKm2 / r.regionKm2, decimals: 6), f.peakKm2.map { Number.format($0, decimals: 2) } ?? "",
                    f.peakDate.map { "\($0)" } ?? "", f.changeFromPeak.map { Number.format($0, decimals: 6) } ?? ""]
                .joined(separator: ",") + "\n"
        }
        out += [r.date.description, "contested", "Contested", Number.format(r.contestedKm2, decimals: 2),
                Number.format(r.contestedShare, decimals: 6), "\(r.contestedPopulation)", "", "", "", "", "", "", ""].joined(separator: ",") + "\n"
        return out
    }

    static func table(_ r: ShareReport) -> String {
        func km(_ x: Double) -> String { Number.fixed(x, decimals: 0) }
        func pct(_ x: Double) -> String { Number.fixed(x * 100, decimals: 2) + "%" }
        var rows = [["faction", "held km²", "share", "contested km²", "influence km²", "held+infl.", "population",
                     "peak km²", "peak date", "vs peak"]]
        for f in r.factions {
            rows.append([f.faction.name, km(f.areaKm2), pct(f.share), km(f.contestedKm2), km(f.influenceKm2),
                         pct(f.groundKm2 / r.regionKm2), Number.grouped(f.population),
                         f.peakKm2.map(km) ?? "–", f.peakDate.map { "\($0)" } ?? "–",
                         f.changeFromPeak.map { ($0 >= 0 ? "+" : "−") + Number.fixed(abs($0) * 100, decimals: 1) + "%" } ?? "–"])
        }
        rows.append(["contested (all)", "", "", km(r.contestedKm2), "", pct(r.contestedShare),
                     Number.grouped(r.contestedPopulation), "", "", ""])
        if r.unassignedKm2 > 0 {
            rows.append(["unassigned", km(r.unassignedKm2), pct(r.unassignedKm2 / r.regionKm2), "", "", "",
                         Number.grouped(r.unassignedPopulation), "", "", ""])
        }
        let lines = TextTableRenderer.lines(rows)
        let area = (r.country.map { "country \($0)" } ?? "region") + " \(Number.fixed(r.regionKm2, decimals: 0)) km²"
        return "\(r.date)  \(area)\n" + lines.joined(separator: "\n") + "\n" + tableNotes
    }

    /// What the table's figures measure, printed under it.
    static let tableNotes = """
        held: ground within reach of a side's settlements, main roads and river valleys, uncontested;
        contested: held ground another side contests; influence: the rest of a side's ground.
        share and held+infl. are of the whole area; peak and vs peak compare held ground (held + contested)
        with the most the side held since the start. population: people in named settlements (GeoNames).

        """
}

/// Aligned plain-text tables: the first column left-aligned, the others right-aligned.
public enum TextTableRenderer {
    /// The rows as aligned lines (two spaces between columns). O(cells).
    public static func lines(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = first.indices.map { i in rows.map { i < $0.count ? $0[i].count : 0 }.max()! }
        return rows.map { row in
            row.indices.map { i in
                i == 0 ? row[i].padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - row[i].count) + row[i]
            }.joined(separator: "  ")
        }
    }

    public static func render(_ rows: [[String]]) -> String { lines(rows).joined(separator: "\n") + "\n" }
}
