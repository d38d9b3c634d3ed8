import Foundation
import Testing
import Yams
@testable import Frontline

/// The scenario parser composes YAML without Yams' tag-resolving regular expressions when
/// that cannot change the result; these tests show it composes what the default resolver does.
@Suite("Scenario YAML resolver")
struct ScenarioResolverTests {
    static let snippets = [
        "a: 1\nb: yes\nc: ~\nd: 2015-01-01\n",
        "a: 1\na: 2\n",  // duplicate key
        "yes: 1\n\"yes\": 2\n",  // the same key, plain and quoted
        "region: [{=: SY}]\n",  // a `value` key read as a string
        "region: [{\"=\": SY}]\n", "x: '='\n", "x: &a =\ny: *a\n", "- =\n- [=, '=']\n", "k: \"\\u003d\"\n",
        "url: http://x.org/?a=b&c=d\nclaim: 'a=b'\n# =====\n", "a: !!str 1\nb: !!int 1\n", "{a: 1, b: [x, y]}\n",
        "a:\n  - b: 1\n    c: [1, 2\n",  // malformed
        "a: b: c\n", "<<: {a: 1}\n\"<<\": 2\n", "? [a]\n: 1\n? [a]\n: 2\n", "x: &k a\n*k : 1\n", "- {=: SY, '=': IQ}\n",
        "a: 1\n'a': 2\n", "n: ~\nN: null\n'~': 3\n",
    ]

    /// Kind, text, position and string reading of every node, depth first.
    static func describe(_ node: Node?) -> [String] {
        guard let node else { return ["nil"] }
        let head = "\(node.mark?.line ?? -1):\(node.mark?.column ?? -1) \(node.string ?? "<no string>")"
        switch node {
        case .scalar(let s): return ["scalar \(head) \(s.string) \(s.style)"]
        case .mapping(let m): return ["mapping \(head) \(m.count)"] + m.flatMap { describe($0.key) + describe($0.value) }
        case .sequence(let s): return ["sequence \(head) \(s.count)"] + s.flatMap { describe($0) }
        case .alias: return ["alias \(head)"]
        }
    }

    static func compose(_ text: String, _ resolver: Resolver?) -> [String] {
        do {
            return describe(try resolver.map { try Yams.compose(yaml: text, $0) } ?? ScenarioParser.compose(text))
        } catch { return ["error \(error)"] }
    }

    @Test("The same nodes, errors and lookups as Yams' default resolver", arguments: snippets)
    func sameAsDefault(_ text: String) throws {
        #expect(Self.compose(text, nil) == Self.compose(text, .default))
        if let a = try? ScenarioParser.compose(text), let b = try? Yams.compose(yaml: text, .default),
           case .mapping(let ma) = a, case .mapping(let mb) = b {
            for key in ["a", "b", "yes", "region", "x", "k", "url"] {
                #expect(Self.describe(ma[key]) == Self.describe(mb[key]), "lookup \(key)")
            }
        }
    }

    @Test("The shipped scenarios compose to the same nodes")
    func shipped() throws {
        for path in [Fixtures.full, Fixtures.seeds] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(Self.compose(text, nil) == Self.compose(text, .default))
        }
    }
}
