import Foundation
import Testing
@testable import IGFParticipation

@Suite("Diversity indices")
struct DiversityTests {
    @Test("Shannon entropy (natural log) and Gini–Simpson", arguments: [
        ([4], 0.0, 0.0),
        ([1, 1], log(2.0), 0.5),
        ([1, 1, 1], log(3.0), 2.0 / 3.0),
        ([2, 1, 0, 0], 0.636514, 0.444444),
        ([6, 1], 0.410116, 0.244898),
    ] as [([Int], Double, Double)])
    func indices(_ counts: [Int], _ shannon: Double, _ giniSimpson: Double) throws {
        #expect(abs(try #require(Diversity.shannon(counts)) - shannon) < 1e-6)
        #expect(abs(try #require(Diversity.giniSimpson(counts)) - giniSimpson) < 1e-6)
    }

    @Test("group counts: by group, total, present groups in declaration order, merged by addition; zeros count as none",
          arguments: [
        ([.unknown, .government, .civilSociety, .government], [.civilSociety, .government, .unknown], 4, 2),
        ([.technicalCommunity], [.technicalCommunity], 1, 0),
        ([], [], 0, 0),
    ] as [([StakeholderGroup], [StakeholderGroup], Int, Int)])
    func groupCounts(_ added: [StakeholderGroup], _ present: [StakeholderGroup], _ total: Int, _ government: Int) {
        var counts = GroupCounts<StakeholderGroup>()
        for group in added { counts.add(group) }
        #expect(counts.present == present)
        #expect(counts.total == total)
        #expect(counts[.government] == government)
        var doubled = counts
        doubled.merge(counts)
        #expect(doubled.total == 2 * total && doubled[.government] == 2 * government && doubled.present == present)
        var withZero = counts
        withZero.add(.privateSector, 0)
        #expect(withZero == counts && withZero.hashValue == counts.hashValue && withZero.present == present)
        var empty = GroupCounts<StakeholderGroup>()
        empty.merge(counts)
        #expect(empty == counts)
    }

    @Test("a scope's indices and distinct groups, read off its counts in place, equal those of the groups' arrays", arguments: [
        ([], []),
        ([.unknown, .unknown], [.unknown]),
        ([.government], [.weog]),
        ([.civilSociety, .government, .unknown, .government, .technicalCommunity], [.weog, .african, .unknown, .weog, .intergovernmentalOrganization]),
        ([.civilSociety, .government, .intergovernmentalOrganization, .privateSector, .technicalCommunity], [.asiaPacific, .easternEuropean, .grulac, .weog, .african]),
        ([.privateSector, .privateSector, .privateSector, .civilSociety], [.grulac, .grulac, .unknown, .unknown]),
    ] as [([StakeholderGroup], [RegionalGroup])])
    func indicesInPlace(_ stakeholders: [StakeholderGroup], _ regions: [RegionalGroup]) {
        var statistics = ScopeStatistics()
        for group in stakeholders { statistics.stakeholders.add(group) }
        for group in regions { statistics.regions.add(group) }
        let counts = StakeholderGroup.groups.map { statistics.stakeholders[$0] }
        #expect(statistics.shannon == Diversity.shannon(counts))
        #expect(statistics.giniSimpson == Diversity.giniSimpson(counts))
        #expect(statistics.distinctStakeholderGroups == statistics.stakeholders.present.filter { $0 != .unknown }.count)
        #expect(statistics.distinctRegionalGroups == statistics.regions.present.filter { $0 != .unknown }.count)
        #expect(statistics.distinctStakeholderGroups == Set(stakeholders.filter { $0 != .unknown }).count)
    }

    @Test("integers written as bytes read as `String(value)` does", arguments: [
        0, 7, 9, 10, 11, 99, 100, 12_345, -1, -9, -10, -12_345, 1_000_000, Int.max, Int.min, Int.min + 1,
    ])
    func integerDigits(_ value: Int) {
        var bytes = Array("x,".utf8)
        Cell.appendDecimalDigits(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x,\(value)")
    }

    @Test("no known slots: undefined, not zero")
    func undefined() {
        #expect(Diversity.shannon([0, 0]) == nil)
        #expect(Diversity.giniSimpson([]) == nil)
    }

    @Test("a single group is 0, never -0")
    func negativeZero() {
        #expect(Diversity.shannon([3])!.sign == .plus)
        #expect(Cell.decimal(-0.0).csvField == "0.000000")
        #expect(Cell.decimal(-3.0).csvField == "-3.000000")
    }

    @Test("distinct people of a session: keys compared pairwise up to 16 entries, hashed beyond, the same count",
          arguments: [([String](), 0), (["a"], 1), (["a", "a"], 1), (["a", "b", "a", "c"], 3),
                      ((0..<16).map { "k\($0 % 5)" }, 5), ((0..<17).map { "k\($0 % 5)" }, 5),
                      ((0..<17).map { "k\($0)" }, 17), ((0..<40).map { "k\($0 % 23)" }, 23)])
    func distinctPeople(_ keys: [String], _ expected: Int) {
        let people = keys.map { key in
            Person(role: .speaker, name: key, organization: "", stakeholder: .unknown, stakeholderRaw: "", region: .unknown,
                   regionRaw: "", key: key, location: SourceLocation(file: "f", line: 1))
        }
        let raw = RawSession(sourceKind: .proposal, year: 2021, title: "T", location: SourceLocation(file: "p.txt", line: 3))
        let session = Session(id: "2021-t", raw: raw, people: people)
        #expect(session.uniquePeople == expected)
        #expect(session.uniquePeople == Set(keys).count)
    }

    @Test("a session's source kinds (each once, in order) and places (file:line, or the file alone at line 0)")
    func sourceText() {
        let raw = RawSession(sourceKind: .proposal, year: 2021, title: "T", location: SourceLocation(file: "p.txt", line: 3))
        let session = Session(id: "2021-t", raw: raw, people: [], sources: [
            SessionSource(kind: .proposal, location: SourceLocation(file: "p.txt", line: 3)),
            SessionSource(kind: .reportPage, location: SourceLocation(file: "r.txt", line: 120)),
            SessionSource(kind: .proposal, location: SourceLocation(file: "q.txt", line: 1)),
            SessionSource(kind: .table, location: SourceLocation(file: "s.csv", line: 0)),
        ])
        #expect(session.sourceKinds == "proposal+report-page+table")
        #expect(session.sourcePlaces == "p.txt:3; r.txt:120; q.txt:1; s.csv")
        #expect(session.sources.map(\.description) == ["p.txt:3", "r.txt:120", "q.txt:1", "s.csv"])
    }

    @Test("Unknown counts as a slot but not as a group")
    func unknownIsNotAGroup() {
        func person(_ group: StakeholderGroup, _ region: RegionalGroup) -> Person {
            Person(role: .speaker, name: "", organization: "", stakeholder: group, stakeholderRaw: "", region: region,
                   regionRaw: "", key: UUID().uuidString, location: SourceLocation(file: "f", line: 1))
        }
        let statistics = ScopeStatistics(people: [person(.government, .unknown), person(.unknown, .weog),
                                                  person(.unknown, .unknown)], scope: .speakers)
        #expect(statistics.slots == 3)
        #expect(statistics.distinctStakeholderGroups == 1)
        #expect(statistics.distinctRegionalGroups == 1)
        #expect(statistics.shannon == 0)
        #expect(statistics.stakeholders[.unknown] == 2)
    }
}
