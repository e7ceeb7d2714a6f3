import Testing
@testable import IGFParticipation

@Suite("Distinct people counted from sorted presence rows")
struct PeopleTallyTests {
    /// A presence row: key, year, scopes (bit 0 speakers, 1 organizers, 2 all), groups.
    typealias Row = (key: String, year: Int, scopes: Int, stakeholder: StakeholderGroup, region: RegionalGroup)

    static let speaker = 0b101, organizer = 0b110, other = 0b100

    static func tally(_ rows: [Row]) -> [Int: [RoleScope: YearAccumulator.People]] {
        var tally = PeopleTally()
        for row in rows {
            Array(row.key.utf8).withUnsafeBytes { key in
                tally.add(key: key, year: row.year, scopes: row.scopes, stakeholder: row.stakeholder.declarationPlace,
                          region: row.region.declarationPlace)
            }
        }
        return tally.finish()
    }

    static func people(_ unique: Int, returning: Int = 0, _ stakeholders: [StakeholderGroup: Int], _ regions: [RegionalGroup: Int]) -> YearAccumulator.People {
        var people = YearAccumulator.People(unique: unique, returning: returning)
        for group in StakeholderGroup.allCases { if let count = stakeholders[group] { people.stakeholders.add(group, count) } }
        for group in RegionalGroup.allCases { if let count = regions[group] { people.regions.add(group, count) } }
        return people
    }

    @Test("a person counts once per year and scope, in each group given, and returns in a later year")
    func counts() {
        let rows: [Row] = [
            // `an` sorts before `ana`: a key that begins another is another person.
            ("an", 2019, Self.other, .civilSociety, .african),
            // Two roles in one year: once in each scope, once in `all` with both groups.
            ("ana", 2019, Self.speaker, .civilSociety, .asiaPacific),
            ("ana", 2019, Self.organizer, .intergovernmentalOrganization, .asiaPacific),
            ("ana", 2021, Self.speaker, .civilSociety, .grulac),
            // Twice in one session's year under one group: counted once.
            ("bo", 2021, Self.other, .government, .african),
            ("bo", 2021, Self.speaker, .government, .african),
        ]
        let counts = Self.tally(rows)
        #expect(counts.keys.sorted() == [2019, 2021])
        #expect(counts[2019]?[.speakers] == Self.people(1, [.civilSociety: 1], [.asiaPacific: 1]))
        #expect(counts[2019]?[.organizers] == Self.people(1, [.intergovernmentalOrganization: 1], [.asiaPacific: 1]))
        #expect(counts[2019]?[.all] == Self.people(2, [.civilSociety: 2, .intergovernmentalOrganization: 1], [.african: 1, .asiaPacific: 1]))
        #expect(counts[2021]?[.speakers] == Self.people(2, returning: 1, [.civilSociety: 1, .government: 1], [.grulac: 1, .african: 1]))
        #expect(counts[2021]?[.organizers] == nil)
        #expect(counts[2021]?[.all] == Self.people(2, returning: 1, [.civilSociety: 1, .government: 1], [.grulac: 1, .african: 1]))
    }

    @Test("no rows, no years")
    func empty() {
        #expect(Self.tally([]).isEmpty)
    }

    @Test("the same counts as sets of keys, on 2,000 generated rows")
    func againstSets() {
        var random = SplitMix64(seed: 7)
        var rows: [Row] = []
        for _ in 0..<2000 {
            let key = String(repeating: "k", count: Int(random.next() % 3) + 1) + "\(random.next() % 40)"
            rows.append((key, 2019 + Int(random.next() % 4), [Self.speaker, Self.organizer, Self.other][Int(random.next() % 3)],
                         StakeholderGroup.allCases[Int(random.next() % 6)], RegionalGroup.allCases[Int(random.next() % 3)]))
        }
        rows.sort { $0.key == $1.key ? $0.year < $1.year : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var expected: [Int: [RoleScope: YearAccumulator.People]] = [:]
        for year in Set(rows.map(\.year)) {
            for (offset, scope) in RoleScope.allCases.enumerated() {
                let inScope = rows.filter { $0.year == year && $0.scopes & 1 << offset != 0 }
                let keys = Set(inScope.map(\.key))
                guard !keys.isEmpty else { continue }
                let returning = keys.filter { key in rows.contains { $0.key == key && $0.year < year } }.count
                var people = YearAccumulator.People(unique: keys.count, returning: returning)
                for group in StakeholderGroup.allCases {
                    let count = Set(inScope.filter { $0.stakeholder == group }.map(\.key)).count
                    if count > 0 { people.stakeholders.add(group, count) }
                }
                for group in RegionalGroup.allCases {
                    let count = Set(inScope.filter { $0.region == group }.map(\.key)).count
                    if count > 0 { people.regions.add(group, count) }
                }
                expected[year, default: [:]][scope] = people
            }
        }
        #expect(Self.tally(rows) == expected)
    }
}
