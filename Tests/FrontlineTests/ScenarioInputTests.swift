import Foundation
import Testing
@testable import Frontline

/// Reading a scenario's bytes (`ScenarioSource`) and vetting its YAML (`YAMLGuard`): every
/// problem is one sentence with its line, and no input hangs or crashes the parser.
@Suite("Scenario input")
struct ScenarioInputTests {
    func problems(_ text: String, countries: Set<String>? = ["SY", "IQ"]) -> [String] {
        ScenarioParser.read(text, file: "s.yaml", countries: countries).1.map(\.description)
    }

    func decoded(_ bytes: [UInt8]) -> String {
        switch ScenarioSource.decode(bytes, file: "s.yaml") {
        case .success(let text): return "ok: \(text)"
        case .failure(let d): return d.description
        }
    }

    // MARK: Bytes

    /// Byte sequences and the sentence each must give. UTF-8 rules from RFC 3629 §4.
    @Test("Bytes that are not UTF-8 text are refused at their line and column", arguments: [
        ([], "s.yaml:1: error: the scenario is empty"),
        (Array(" \n\t\r\n".utf8), "s.yaml:1: error: the scenario is empty"),
        ([0xEF, 0xBB, 0xBF], "s.yaml:1: error: the scenario is empty"),
        ([0xFF, 0xFE, 0x6E, 0x00], "s.yaml:1: error: the file is UTF-16 text; save it as UTF-8"),
        ([0xFE, 0xFF, 0x00, 0x6E], "s.yaml:1: error: the file is UTF-16 text; save it as UTF-8"),
        ([0xFF, 0xFE, 0x00, 0x00], "s.yaml:1: error: the file is UTF-32 text; save it as UTF-8"),
        (Array("a: 1\nb: \0\n".utf8), "s.yaml:2: error: the file is binary, not YAML text (a NUL byte at column 4)"),
        // Latin-1 é (0xE9) followed by a newline: a lead byte without its continuation bytes.
        (Array("a: 1\nb: caf".utf8) + [0xE9, 0x0A], "s.yaml:2: error: the file is not UTF-8 text: byte 0xE9 at column 7 is not valid UTF-8 (save the file as UTF-8)"),
        // An overlong "/" (C0 AF), a UTF-16 surrogate (ED A0 80), a code point above U+10FFFF (F4 90 80 80), a stray continuation byte.
        ([0x61, 0xC0, 0xAF], "s.yaml:1: error: the file is not UTF-8 text: byte 0xC0 at column 2 is not valid UTF-8 (save the file as UTF-8)"),
        ([0x61, 0x0A, 0x0A, 0xED, 0xA0, 0x80], "s.yaml:3: error: the file is not UTF-8 text: byte 0xED at column 1 is not valid UTF-8 (save the file as UTF-8)"),
        ([0xF4, 0x90, 0x80, 0x80], "s.yaml:1: error: the file is not UTF-8 text: byte 0xF4 at column 1 is not valid UTF-8 (save the file as UTF-8)"),
        ([0x61, 0x80], "s.yaml:1: error: the file is not UTF-8 text: byte 0x80 at column 2 is not valid UTF-8 (save the file as UTF-8)"),
        ([0x61, 0xE2, 0x82], "s.yaml:1: error: the file is not UTF-8 text: byte 0xE2 at column 2 is not valid UTF-8 (save the file as UTF-8)"),
    ] as [([UInt8], String)])
    func badBytes(_ entry: ([UInt8], String)) {
        #expect(decoded(entry.0) == entry.1)
    }

    @Test("Well-formed UTF-8 of every length is accepted, and a byte-order mark is dropped")
    func goodBytes() {
        // 2-, 3- and 4-byte characters: é, €, 𝔸 (U+1D538); U+10FFFF is the last code point.
        let text = "name: é € 𝔸 \u{10FFFF}\n"
        #expect(decoded(Array(text.utf8)) == "ok: " + text)
        #expect(decoded([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)) == "ok: a: 1\n")
    }

    @Test("A directory, a missing file, a FIFO nobody writes to and an endless device each give one sentence")
    func specialFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-input-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func read(_ path: String) -> String {
            switch ScenarioSource.read(path: path) {
            case .success(let t): return "ok: \(t.count)"
            case .failure(let d): return d.description
            }
        }
        #expect(read(dir) == "\(dir): error: cannot read the scenario: it is a directory, not a file")
        #expect(read(dir + "/none.yaml") == "\(dir)/none.yaml: error: cannot read the scenario: no such file or directory")
        // A FIFO with no writer reads as empty at once (it used to block, or fail with a Cocoa error).
        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        #expect(read(fifo) == "\(fifo):1: error: the scenario is empty")
        #expect(Date().timeIntervalSince(started) < Fixtures.timeLimit(1))
        // /dev/zero never ends: refused after the size limit.
        if case .failure(let problem) = ScenarioSource.readBytes(path: "/dev/zero", limit: 1 << 20) {
            #expect(problem.description == "the scenario is larger than 1 MiB; is it the right file?")
        } else {
            Issue.record("/dev/zero was read")
        }
    }

    // MARK: YAML

    /// The alias bomb of the issue: ten nested anchors, each a list of ten aliases of the one
    /// before, and the last used as a mapping key. Yams hashed the key's 10⁹-value expansion
    /// for its duplicate-key check, for minutes.
    static let aliasBomb: String = {
        var lines = ["l0: &l0 [lol]"]
        for n in 1...9 { lines.append("l\(n): &l\(n) [" + Array(repeating: "*l\(n - 1)", count: 10).joined(separator: ",") + "]") }
        return (lines + ["y: {? *l9 : 1}"]).joined(separator: "\n") + "\n"
    }()

    @Test("An alias bomb is refused within a second, at the line where the expansion passes 1,000,000 values")
    func aliasBomb() {
        #expect(Self.aliasBomb.utf8.count < 500)
        let started = Date()
        let d = problems(Self.aliasBomb)
        #expect(Date().timeIntervalSince(started) < Fixtures.timeLimit(1))
        // l6 = 10⁶ values, plus l0…l5 before it: the limit is passed on line 7.
        #expect(d == ["s.yaml:7: error: the document holds more than 1,000,000 values once its aliases are expanded (nested anchors and aliases multiply); write the values out or use fewer aliases"])
    }

    @Test("YAML-level problems, each at its line", arguments: [
        ("name: a\nregion: [SY]\nname: b\n", "s.yaml:3: error: duplicate key 'name' (first at line 1)"),
        ("events:\n  - {date: 2015-01-01, date: 2015-01-02}\n", "s.yaml:2: error: duplicate key 'date' (first at line 2)"),
        ("a: &x 1\n*x : 2\n", "s.yaml:2: error: an alias (*x) is used as a key; keys must be plain words"),
        ("? [a, b]\n: 1\n", "s.yaml:1: error: a key must be a plain word, not a list"),
        ("a: *nothing\n", "s.yaml:1: error: the alias *nothing names no anchor (&nothing) defined before it"),
        ("name: a\n---\nname: b\n", "s.yaml:2: error: the file holds more than one YAML document (a second starts here); a scenario is one document"),
        ("name: a\nregion: [SY\nstart: 2015-01-01\n", "s.yaml:3: error: malformed YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
        ("name: a\nstart: \u{7}2014\n", "s.yaml:2: error: malformed YAML: control characters are not allowed"),
    ])
    func yamlProblems(_ entry: (String, String)) {
        #expect(problems(entry.0) == [entry.1])
    }

    @Test("Anchors and aliases within the bound are accepted (a source cited by several events)")
    func anchorsAccepted() throws {
        let s = try ScenarioParser.parse(ScenarioParserTests.header + """
              - {date: 2015-02-01, place: Raqqa, faction: gov, source: &bbc {publication: BBC, date: 2015-01-01, claim: test}}
              - {date: 2015-03-01, place: Palmyra, faction: gov, source: *bbc}
            """, file: "s.yaml")
        #expect(s.events.map(\.source.publication) == ["BBC", "BBC"])
    }

    @Test("Nesting deeper than libyaml's 1,000 levels is an error, not a stack overflow")
    func deepNesting() {
        let d = problems(String(repeating: "[", count: 100_000))
        #expect(d.count == 1 && d[0].hasPrefix("s.yaml:1: error: malformed YAML:"))
    }

    // MARK: Scenario fields

    static let body = """
        name: t
        start: 2015-01-01
        factions:
          - {id: gov, name: Government, color: "#cc0000"}
        initial:
          - {country: SY, faction: gov}
        events:
          - {date: 2015-02-01, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: test}}

        """

    /// Each region, the message it must give, and why: the partition used to be built from
    /// whatever parsed, and trapped on an empty region; [SY, SY] doubled every cell.
    @Test("A region must be distinct two-letter codes with an outline; otherwise no scenario is returned", arguments: [
        ("", "s.yaml:1: error: missing 'region' (the country codes, e.g. [SY, IQ])"),
        ("region: []\n", "s.yaml:1: error: region lists no country"),
        ("region: SY\n", "s.yaml:1: error: 'region' must be a list"),
        ("region: [sy]\n", "s.yaml:1: error: region entry 'sy' is not a two-letter country code in capitals (SY, IQ)"),
        ("region: [Syria]\n", "s.yaml:1: error: region entry 'Syria' is not a two-letter country code in capitals (SY, IQ)"),
        ("region: [ＳＹ]\n", "s.yaml:1: error: region entry 'ＳＹ' is not a two-letter country code in capitals (SY, IQ)"),
        ("region: [[SY]]\n", "s.yaml:1: error: region entry is not a two-letter country code in capitals (SY, IQ)"),
        ("region: [SY, SY]\n", "s.yaml:1: error: region lists SY twice"),
        ("region: [SY, XX]\n", "s.yaml:1: error: region country 'XX' has no outline in Geo/countries.geojson (known: IQ, SY)"),
    ])
    func regions(_ entry: (String, String)) {
        let (scenario, d) = ScenarioParser.read(entry.0 + Self.body, file: "s.yaml", countries: ["SY", "IQ"])
        #expect(scenario == nil)
        #expect(d.map(\.description) == [entry.1])
    }

    @Test("The minimal reproducer of the region crash, a file holding only a start date, gives every missing key")
    func onlyStart() {
        #expect(problems("start: 2014-01-01\n") == [
            "s.yaml:1: error: missing 'name'",
            "s.yaml:1: error: missing 'region' (the country codes, e.g. [SY, IQ])",
            "s.yaml:1: error: missing 'factions'",
            "s.yaml:1: error: missing 'events'",
        ])
    }

    /// Colours go into SVG attributes: only ASCII #rrggbb passes (Character.isHexDigit accepts
    /// full-width digits such as '１').
    @Test("Colours must be ASCII #rrggbb", arguments: ["#１２３４５６", "#12345", "#1234567", "123456", "#12345g", "#ｃｃ0000"])
    func colours(_ color: String) {
        let text = "name: t\nregion: [SY]\nstart: 2015-01-01\nfactions:\n  - {id: gov, name: G, color: \"\(color)\"}\n" + "initial: []\nevents:\n  - {date: 2015-02-01, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: t}}\n"
        #expect(problems(text) == ["s.yaml:5: error: color '\(color)' is not #rrggbb (six hexadecimal digits 0-9, a-f)"])
    }

    @Test("A 1 MB place name is refused at once, its message short")
    func longName() {
        let name = String(repeating: "x", count: 1 << 20)
        let started = Date()
        let d = problems(ScenarioParserTests.header + """
              - {date: 2015-02-01, place: \(name), faction: gov, source: {publication: B, date: 2015-01-01, claim: t}}
            """)
        #expect(Date().timeIntervalSince(started) < Fixtures.timeLimit(2))
        #expect(d == ["s.yaml:10: error: place name is 1048576 characters long; names have at most 200"])
    }

    @Test("A malformed only event gives its own error, not 'the scenario has no events'")
    func onlyEventMalformed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-only-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (ScenarioParserTests.header + "  - {date: 2015-02-30, place: Raqqa, faction: gov, source: {publication: B, date: 2015-01-01, claim: t}}\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try LoadedScenario(path: path, geo: Fixtures.geo) }
        do { _ = try LoadedScenario(path: path, geo: Fixtures.geo) } catch let error as ScenarioError {
            #expect(error.diagnostics.map(\.description) == ["\(path):10: error: event 1 date '2015-02-30' is not a date (YYYY-MM-DD)"])
        }
    }

    @Test("Messages quote at most 80 characters of what the file says, control characters as '?'")
    func quoting() {
        #expect(Diagnostic.quoted(String(repeating: "a", count: 100)) == String(repeating: "a", count: 80) + "…")
        #expect(Diagnostic.quoted("a\u{1B}[2Jb") == "a?[2Jb")
    }
}
