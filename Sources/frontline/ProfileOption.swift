import ArgumentParser
import Foundation
import Frontline

// `--profile` on every command: the command runs with a `Profile` bound to
// `Profile.current`, so the library measures its phases into it, and the breakdown goes to
// stderr when the command ends (also when it fails).

enum ProfileOption {
    static let help: ArgumentHelp =
        "Print the wall time of each phase (load, partition, compile, replay, polygons, write) on stderr."

    /// Whether the parsed command asked for `--profile`.
    static func requested(_ command: ParsableCommand) -> Bool {
        for child in Mirror(reflecting: command).children {
            if let options = child.value as? OptionGroup<ScenarioOptions>, options.wrappedValue.profile { return true }
        }
        return (command as? Places)?.profile ?? false
    }
}

extension FrontlineCommand {
    /// Parses the command line and runs the command, under a `Profile` when `--profile` is given.
    static func main() {
        do {
            var command = try parseAsRoot()
            guard ProfileOption.requested(command) else { return try command.run() }
            let profile = Profile()
            defer { FileHandle.standardError.write(Data(profile.report().utf8)) }
            try Profile.$current.withValue(profile) { try command.run() }
        } catch {
            exit(withError: error)
        }
    }
}
