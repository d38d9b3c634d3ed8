import ArgumentParser
import Foundation
import Frontline

// How `-o FILE` and the output format agree: a file's extension names its format; an
// extension that names another format than the command writes is an error (never SVG in a
// `.png`), and `.png` is rendered from the SVG through librsvg's rsvg-convert.

/// Extensions that name a format, and the format's name for messages.
let knownExtensions: [String: String] = [
    "svg": "SVG", "png": "PNG", "pdf": "PDF", "jpg": "JPEG", "jpeg": "JPEG", "csv": "CSV", "tsv": "TSV",
    "json": "JSON", "geojson": "GeoJSON", "txt": "text", "yaml": "YAML", "yml": "YAML", "html": "HTML",
    "gpkg": "GeoPackage", "fgb": "FlatGeobuf", "kml": "KML",
]

/// The lowercased extension of `path` when it names a known format; nil for standard output
/// (`-`), no extension or an unknown one.
func outputExtension(_ path: String?) -> String? {
    guard let path, path != "-", path != "/dev/stdout" else { return nil }
    let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
    return knownExtensions[ext] == nil ? nil : ext
}

/// Fails when `path`'s extension names a format other than those in `allowed` (`what` says
/// what the command writes).
func checkOutputFormat(_ path: String, allowed: Set<String>, what: String) throws {
    guard let ext = outputExtension(path), !allowed.contains(ext) else { return }
    let choices = allowed.sorted().map { "." + $0 }.joined(separator: " or ")
    throw ValidationError("-o \(path): the extension .\(ext) says \(knownExtensions[ext]!), but this command writes \(what); name the file \(choices)")
}

/// An SVG drawing written as SVG or, for PNG, rendered to PNG first.
enum DrawingFormat: String, CaseIterable, ExpressibleByArgument {
    case svg, png

    /// The format `-o path` asks for: by its extension, else `given`, else SVG. Throws when
    /// the extension and `given` disagree or the extension is neither .svg nor .png.
    static func resolve(_ given: DrawingFormat?, output: String?) throws -> DrawingFormat {
        if let output { try checkOutputFormat(output, allowed: ["svg", "png"], what: "a drawing (SVG, or PNG through rsvg-convert)") }
        let byName = outputExtension(output).flatMap(DrawingFormat.init(rawValue:))
        if let given, let byName, given != byName {
            throw ValidationError("--format \(given.rawValue) and -o \(output!) disagree; name the file .\(given.rawValue) or give --format \(byName.rawValue)")
        }
        return given ?? byName ?? .svg
    }
}

/// Writes the SVG `svg` to `path` (nil or `-`: standard output) as `format`: as it is, or
/// rendered to a PNG `width` pixels wide by rsvg-convert (librsvg).
@discardableResult
func writeDrawing(_ svg: String, format: DrawingFormat, width: Int, to path: String?) throws -> Int {
    switch format {
    case .svg: return try writeOutput(svg, to: path)
    case .png: return try writeBinary(try PNGRenderer.render(svg: svg, width: width), to: path)
    }
}

/// Writes `data` to `path` (nil or `-`: standard output) through `OutputTarget`: a file
/// atomically (a temporary file renamed over it), a device or pipe directly. Returns its size.
@discardableResult
func writeBinary(_ data: Data, to path: String?) throws -> Int {
    let out = try OutputTarget.open(path)
    try out.write(data)
    try out.finish()
    return out.byteCount
}

/// Renders SVG to PNG with librsvg's `rsvg-convert`, found on the PATH.
enum PNGRenderer {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String {
            "PNG output needs rsvg-convert (librsvg; on Debian: apt-get install librsvg2-bin), which is not on the PATH; write .svg instead"
        }
    }

    static func executable() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("rsvg-convert") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The PNG of `svg`, `width` pixels wide (the height follows the drawing's proportions).
    static func render(svg: String, width: Int) throws -> Data {
        guard let tool = executable() else { throw Unavailable() }
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("frontline-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).svg")
        try Data(svg.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--format", "png", "--width", "\(width)", "--keep-aspect-ratio", input.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let png = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw ValidationError("rsvg-convert failed (status \(process.terminationStatus)): "
                                  + String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return png
    }
}

extension Timeline.Format {
    /// The format of `timeline`: `given`, else -o's extension (.csv, .json, .txt for the table,
    /// .svg, .png), else CSV. Throws when they disagree or the extension names a format
    /// `timeline` does not write.
    static func resolve(_ given: Timeline.Format?, output: String?) throws -> Timeline.Format {
        let byExtension: [String: Timeline.Format] = ["csv": .csv, "json": .json, "txt": .table, "svg": .svg, "png": .png]
        if let output { try checkOutputFormat(output, allowed: Set(byExtension.keys), what: "CSV, JSON, a table (.txt), SVG or PNG") }
        let byName = outputExtension(output).flatMap { byExtension[$0] }
        if let given, let byName, given != byName {
            throw ValidationError("--format \(given.rawValue) and -o \(output!) disagree; name the file for its format or leave --format out")
        }
        return given ?? byName ?? .csv
    }
}

extension Timeline {
    /// The chart of `reports`: titled for the country, with the labelled events there (by or
    /// from the --faction sides) and each --mark.
    func chart(_ reports: [ShareReport], simulation: Simulation, from start: Day, only: Set<String>?) -> String {
        var options = ChartOptions(title: simulation.scenario.name + (country.map { ": \(ReferenceCities.countryName($0))" } ?? ""))
        options.markers = ChartMarker.labelledEvents(of: simulation, from: start, through: to, country: country, factions: only) + marks
        options.width = Double(width)
        options.layout = layout
        options.focus = only
        options.countryName = country.map(ReferenceCities.countryName)
        return ChartRenderer.render(reports, options: options)
    }
}

extension ChartOptions.Layout: ExpressibleByArgument {}
