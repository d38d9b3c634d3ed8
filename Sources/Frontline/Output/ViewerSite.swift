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
    /// writes `data.js`, each file atomically. Returns the number of bytes of `data.js`.
    @discardableResult
    public static func write(_ data: ViewerData, assets: URL, to directory: URL) throws -> Int {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: assets, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw DataError(file: assets.path, line: nil, message: "cannot read the viewer's files")
        }
        var copied = 0
        let base = assets.standardizedFileURL.path
        for case let url as URL in walker {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true, url.pathExtension != "md" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            try AtomicFile.write(try Data(contentsOf: url), to: directory.appendingPathComponent(relative))
            copied += 1
        }
        guard copied > 0 else { throw DataError(file: assets.path, line: nil, message: "the viewer's files are missing") }
        let script = try data.script()
        try AtomicFile.write(script, to: directory.appendingPathComponent("data.js"))
        return script.utf8.count
    }
}
