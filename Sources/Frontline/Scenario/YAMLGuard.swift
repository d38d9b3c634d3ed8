import Foundation
// libyaml, as vendored by Yams: its C target is part of the Yams product this module
// depends on, so SwiftPM makes its module visible here. Only this file uses it.
import CYaml

/// Checks YAML text, event by event with libyaml, for what Yams' composer cannot be trusted
/// with, before it sees the text:
///
/// - **alias bombs**: aliases that expand the document to more than `maximumNodes` values
///   (ten nested anchors of ten aliases each make 10¹⁰ from 500 bytes). Yams shares aliased
///   nodes, but hashing one used as a mapping key walks the whole expansion: minutes;
/// - **aliases and lists or mappings used as keys** (a scenario's keys are plain words);
/// - **duplicate keys**, each reported at its line with the line of the first (Yams' own
///   message quotes the whole file);
/// - **more than one document**, and syntax errors, with their line.
///
/// One pass, O(size of the text), memory O(nesting depth + keys of the open mappings).
/// libyaml itself limits nesting to 1,000 levels.
enum YAMLGuard {
    /// The most values (scalars, lists, mappings) the document may hold once every alias is
    /// expanded: 1,000,000 (the shipped full scenario has about 30,000).
    static let maximumNodes = 1_000_000

    /// The problems found, each with its line; empty when Yams may compose the text.
    static func check(_ text: String, file: String) -> [Diagnostic] {
        var text = text
        return text.withUTF8 { bytes in
            var scan = Scan(file: file)
            scan.run(bytes)
            return scan.diagnostics
        }
    }

    private struct Frame {
        let isMapping: Bool
        /// In a mapping: whether the next node is a key.
        var atKey = true
        /// The mapping's keys so far and their lines.
        var keys = [String: Int]()
        /// Values in the collection, aliases expanded.
        var size = 1
        let anchor: String?
    }

    private struct Scan {
        let file: String
        var diagnostics = [Diagnostic]()
        var stack = [Frame]()
        /// Anchor name → values its node holds, aliases expanded.
        var anchors = [String: Int]()
        var total = 0
        var documents = 0

        mutating func fail(_ line: Int, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: line, message))
        }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { fail(1, "cannot read YAML: out of memory"); return }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    syntaxError(parser, bytes)
                    return
                }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        fail(line, "the file holds more than one YAML document (a second starts here); a scenario is one document")
                        return
                    }
                case YAML_SCALAR_EVENT:
                    let value = Self.string(event.data.scalar.value, Int(event.data.scalar.length))
                    let anchor = Self.string(event.data.scalar.anchor)
                    guard node(line: line, size: 1, key: value, alias: nil) else { return }
                    if let anchor { anchors[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let size = anchors[name] else {
                        fail(line, "the alias *\(Diagnostic.quoted(name, limit: 40)) names no anchor (&\(Diagnostic.quoted(name, limit: 40))) defined before it")
                        return
                    }
                    guard node(line: line, size: size, key: nil, alias: name) else { return }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    if let top = stack.last, top.isMapping, top.atKey {
                        fail(line, "a key must be a plain word, not a \(isMapping ? "mapping" : "list")")
                        return
                    }
                    let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMapping, anchor: anchor))
                    total += 1
                    guard total <= YAMLGuard.maximumNodes else { tooLarge(line); return }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { return }
                    if let anchor = frame.anchor { anchors[anchor] = frame.size }
                    guard node(line: line, size: frame.size, key: nil, alias: nil, counted: true) else { return }
                default:
                    break
                }
            }
        }

        /// A complete node in the current collection: checks it as a key, counts it.
        /// Returns false when the scan must stop.
        mutating func node(line: Int, size: Int, key: String?, alias: String?, counted: Bool = false) -> Bool {
            if !counted {
                total += size
                guard total <= YAMLGuard.maximumNodes else { tooLarge(line); return false }
            }
            guard !stack.isEmpty else { return true }
            let k = stack.count - 1
            stack[k].size += size
            guard stack[k].isMapping else { return true }
            defer { stack[k].atKey.toggle() }
            guard stack[k].atKey else { return true }
            if let alias {
                fail(line, "an alias (*\(Diagnostic.quoted(alias, limit: 40))) is used as a key; keys must be plain words")
                return false
            }
            if let key {
                if let first = stack[k].keys[key] {
                    fail(line, "duplicate key '\(Diagnostic.quoted(key))' (first at line \(first))")
                } else {
                    stack[k].keys[key] = line
                }
            }
            return true
        }

        mutating func tooLarge(_ line: Int) {
            fail(line, "the document holds more than 1,000,000 values once its aliases are expanded "
                 + "(nested anchors and aliases multiply); write the values out or use fewer aliases")
        }

        mutating func syntaxError(_ parser: yaml_parser_t, _ bytes: UnsafeBufferPointer<UInt8>) {
            var problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
            var context = parser.context.map { String(cString: $0) }
            if problem.hasPrefix("Maximum nesting level reached") {
                (context, problem) = (nil, "lists and mappings are nested more than 1,000 levels deep")
            }
            var line = Int(parser.problem_mark.line) + 1
            if parser.error == YAML_READER_ERROR {
                // Reader errors (a control character, say) give a byte offset, not a mark.
                let offset = min(Int(parser.problem_offset), bytes.count)
                line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            let message = [context, problem].compactMap { $0 }.joined(separator: ": ")
            fail(line, "malformed YAML: \(message)")
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int? = nil) -> String? {
            guard let pointer else { return nil }
            let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        }
    }
}
