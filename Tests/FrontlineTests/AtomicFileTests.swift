import Foundation
import Testing
@testable import Frontline

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("Writing over an existing file replaces its content and leaves no temporary file")
    func overwrite() throws {
        // Regression: FileManager.replaceItemAt on Linux removed the existing target and then
        // failed, so the second `-o same.svg` lost the file.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.svg")
        try AtomicFile.write("first\n", to: file)
        try AtomicFile.write("second\n", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.svg"])
    }
}
