/// Distinct people per year and role scope, counted from where each person was seen, fed in
/// order of identity key, then year (`RunStore.countPeople` reads the stores' sorted rows side
/// by side). Holds one key at a time and a few numbers per year, never a set of keys.
///
/// A person counts once per year and scope when any of their entries that year is in the
/// scope; once in each stakeholder and regional group they are given in the scope that year
/// (a person listed under two groups counts in both); and as returning when the same key
/// was seen, in any role, in an earlier year of the run.
struct PeopleTally {
    private static let scopes = RoleScope.allCases.count
    private static let stakeholders = StakeholderGroup.allCases.count
    private static let regions = RegionalGroup.allCases.count

    /// One year's counts: per scope, unique and returning people, then each scope's groups.
    private struct Year {
        var unique = [Int](repeating: 0, count: PeopleTally.scopes)
        var returning = [Int](repeating: 0, count: PeopleTally.scopes)
        var stakeholders = [Int](repeating: 0, count: PeopleTally.scopes * PeopleTally.stakeholders)
        var regions = [Int](repeating: 0, count: PeopleTally.scopes * PeopleTally.regions)

        mutating func count(scopes: Int, returning: Bool, stakeholders: [Int], regions: [Int]) {
            for scope in 0..<PeopleTally.scopes where scopes & 1 << scope != 0 {
                unique[scope] += 1
                if returning { self.returning[scope] += 1 }
                for place in 0..<PeopleTally.stakeholders where stakeholders[scope] & 1 << place != 0 {
                    self.stakeholders[scope * PeopleTally.stakeholders + place] += 1
                }
                for place in 0..<PeopleTally.regions where regions[scope] & 1 << place != 0 {
                    self.regions[scope * PeopleTally.regions + place] += 1
                }
            }
        }
    }

    private var years: [Int: Year] = [:]
    /// The key and year being gathered: its first year, the scopes it is in and, per
    /// scope, its groups (one bit per place in `allCases`).
    private var key: [UInt8] = []
    private var started = false
    private var firstYear = 0
    private var year = 0
    private var scopes = 0
    private var stakeholders = [Int](repeating: 0, count: PeopleTally.scopes)
    private var regions = [Int](repeating: 0, count: PeopleTally.scopes)

    /// One person in one session: identity key, year, the scopes that include the role (one
    /// bit per `RoleScope`, in declaration order) and the groups' places in `allCases`.
    /// Rows come sorted by key bytes, then year.
    mutating func add(key rowKey: UnsafeRawBufferPointer, year rowYear: Int, scopes rowScopes: Int, stakeholder: Int, region: Int) {
        let sameKey = started && key.elementsEqual(rowKey)
        if !sameKey || rowYear != year {
            close()
            if !sameKey {
                key = Array(rowKey)
                firstYear = rowYear
                started = true
            }
            year = rowYear
            scopes = 0
            for scope in 0..<Self.scopes {
                stakeholders[scope] = 0
                regions[scope] = 0
            }
        }
        scopes |= rowScopes
        for scope in 0..<Self.scopes where rowScopes & 1 << scope != 0 {
            stakeholders[scope] |= 1 << stakeholder
            regions[scope] |= 1 << region
        }
    }

    /// Counts the key and year gathered so far.
    private mutating func close() {
        guard started else { return }
        let returning = year > firstYear
        let (scopes, stakeholders, regions) = (self.scopes, self.stakeholders, self.regions)
        years[year, default: Year()].count(scopes: scopes, returning: returning, stakeholders: stakeholders, regions: regions)
    }

    /// The counts per year and scope (scopes nobody was in are left out).
    mutating func finish() -> [Int: [RoleScope: YearAccumulator.People]] {
        close()
        started = false
        var counts: [Int: [RoleScope: YearAccumulator.People]] = [:]
        for (year, tally) in years {
            for (offset, scope) in RoleScope.allCases.enumerated() where tally.unique[offset] > 0 {
                var people = YearAccumulator.People(unique: tally.unique[offset], returning: tally.returning[offset])
                for (place, group) in StakeholderGroup.allCases.enumerated() where tally.stakeholders[offset * Self.stakeholders + place] > 0 {
                    people.stakeholders.add(group, tally.stakeholders[offset * Self.stakeholders + place])
                }
                for (place, group) in RegionalGroup.allCases.enumerated() where tally.regions[offset * Self.regions + place] > 0 {
                    people.regions.add(group, tally.regions[offset * Self.regions + place])
                }
                counts[year, default: [:]][scope] = people
            }
        }
        return counts
    }
}
