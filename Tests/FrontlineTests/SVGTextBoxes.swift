import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Frontline

/// Every `<text>` of an SVG document with the box it covers, for tests that no text leaves the
/// drawing: font size, weight, anchor and letter spacing are inherited from enclosing groups as
/// SVG inherits them; the width is `TextMetrics`' estimate (DejaVu Sans advances); the height
/// runs from 0.8 em above the baseline to 0.25 em below it. A `translate(x y) rotate(-90)`
/// transform (the charts' rotated captions and axis titles) turns the box upright.
final class SVGTextBoxes: NSObject, XMLParserDelegate {
    struct Text {
        let text: String
        let x0, y0, x1, y1: Double
        let cls: String
    }

    private(set) var texts = [Text]()
    private(set) var width = 0.0, height = 0.0
    private var stack = [[String: String]]()
    private var current: (attributes: [String: String], text: String)?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        var inherited = stack.last ?? [:]
        for key in ["font-size", "font-weight", "text-anchor", "letter-spacing"] { if let v = attributes[key] { inherited[key] = v } }
        if name == "svg" {
            width = Double(attributes["width"] ?? "") ?? 0
            height = Double(attributes["height"] ?? "") ?? 0
        }
        stack.append(inherited)
        if name == "text" {
            var all = inherited
            for (k, v) in attributes { all[k] = v }
            current = (all, "")
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current?.text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        guard name == "text", let (a, text) = current else { return }
        current = nil
        let size = Double(a["font-size"] ?? "16") ?? 16
        let bold = a["font-weight"] == "bold"
        let spacing = Double(a["letter-spacing"] ?? "0") ?? 0
        let w = TextMetrics.width(text, size: size, bold: bold) + spacing * Double(max(0, text.count - 1))
        // Along the text: where it starts relative to its anchor point.
        let u0: Double
        switch a["text-anchor"] ?? "start" {
        case "middle": u0 = -w / 2
        case "end": u0 = -w
        default: u0 = 0
        }
        let ascent = 0.8 * size, descent = 0.25 * size
        if let t = a["transform"] {
            // translate(tx ty) rotate(-90): local (u, v) → (tx + v, ty − u).
            let numbers = t.replacingOccurrences(of: "translate(", with: "").split(whereSeparator: { " )".contains($0) })
                .compactMap { Double($0) }
            let tx = numbers[0], ty = numbers[1]
            texts.append(Text(text: text, x0: tx - ascent, y0: ty - (u0 + w), x1: tx + descent, y1: ty - u0, cls: a["class"] ?? ""))
        } else {
            let x = Double(a["x"] ?? "0") ?? 0, y = Double(a["y"] ?? "0") ?? 0
            texts.append(Text(text: text, x0: x + u0, y0: y - ascent, x1: x + u0 + w, y1: y + descent, cls: a["class"] ?? ""))
        }
    }

    /// The texts that reach outside the drawing, each with its box, for a failure message.
    var outside: [String] {
        texts.filter { $0.x0 < 0 || $0.y0 < 0 || $0.x1 > width || $0.y1 > height }.map {
            "'\($0.text)' [\(Int($0.x0))…\(Int($0.x1)) × \(Int($0.y0))…\(Int($0.y1))] in \(Int(width))×\(Int(height))"
        }
    }
}
