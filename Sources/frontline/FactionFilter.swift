import ArgumentParser
import Frontline

/// `--faction NAME` (repeatable): the faction ids the names mean (an id or alias, any case),
/// or nil when none is given. An unknown name is an error listing the scenario's names.
func factionFilter(_ names: [String], _ scenario: Scenario) throws -> Set<String>? {
    guard !names.isEmpty else { return nil }
    var ids = Set<String>()
    for name in names {
        guard let f = scenario.faction(named: name) else {
            throw ValidationError("--faction \(name) names no faction of the scenario (\(FactionNames.listing(scenario.factions)))")
        }
        ids.insert(f.id)
    }
    return ids
}
