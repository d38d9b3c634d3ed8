import Foundation

/// Writes `frontline viewer`'s static site: the page's files from the repository's `Viewer/`
/// folder (index.html, viewer.js, viewer.css and the vendored Leaflet) and its data as `data.js`.
/// The site works from `file://` and from any static host; it makes no network request.
public enum ViewerSite {
    /// The page's files: `Viewer/` beside the `Geo/` directory.
    public static func assets(_ geo: GeoData) -> URL {
        geo.directory.deletingLastPathComponent().appendingPathComponent("Viewer")
    }

    /// Copies every file of `assets` (recursively, except Markdown notes) into `directory` and
    /// writes `data.js`. The site is written beside `directory` and swapped in whole
    /// (`SeriesDirectory`): an existing site is replaced in one step, a directory holding other
    /// files is refused. Returns the number of bytes of `data.js`.
    @discardableResult
    public static func write(_ data: ViewerData, assets: URL, to directory: URL) throws -> Int {
        let span = Profile.start(.write)
        defer { span.end() }
        let fm = FileManager.default
        let top = Set(((try? fm.contentsOfDirectory(atPath: assets.path)) ?? []).filter { !$0.hasSuffix(".md") } + ["data.js"])
        let site = try SeriesDirectory(directory.relativePath, kind: "site", owns: top.contains)
        guard let walker = fm.enumerator(at: assets, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw DataError(file: assets.path, line: nil, message: "cannot read the viewer's files")
        }
        var copied = 0
        let base = assets.standardizedFileURL.path
        for case let url as URL in walker {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true, url.pathExtension != "md" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            try site.write(relative, try Data(contentsOf: url))
            copied += 1
        }
        guard copied > 0 else { throw DataError(file: assets.path, line: nil, message: "the viewer's files are missing") }
        let script = try data.script()
        try site.write("data.js", script)
        try site.commit()
        return script.utf8.count
    }
}
