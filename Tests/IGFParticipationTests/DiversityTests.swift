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
