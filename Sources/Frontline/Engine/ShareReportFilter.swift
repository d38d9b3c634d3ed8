extension ShareReport {
    /// The report with only the factions whose ids are in `ids` (their rows, in scenario order).
    /// The region's totals (contested, unassigned) are kept: they are not per faction. O(factions).
    public func keeping(_ ids: Set<String>) -> ShareReport {
        var copy = self
        copy.factions = factions.filter { ids.contains($0.faction.id) }
        return copy
    }
}
