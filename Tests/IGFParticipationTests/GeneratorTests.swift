import Foundation
import Testing
@testable import IGFParticipation

@Suite("Generated corpora")
struct GeneratorTests {
    @Test("a run on a generated corpus reproduces its ground truth exactly",
          arguments: [(120, UInt64(7), 1), (60, UInt64(2026), 1), (40, UInt64(11), 30)])
    func groundTruth(_ documents: Int, _ seed: UInt64, _ paragraphs: Int) throws {
        let folder = TestSupport.temporaryFolder()
        let truth = CorpusGenerator.generate(documents: documents, seed: seed, paragraphs: paragraphs) { name, text in
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(text.utf8))
        }
        var definition = TestSupport.definition(reading: folder, output: TestSupport.temporaryFolder().appendingPathComponent("latest"))
        definition.base = folder
        let result = try Runner.compute(definition, jobs: 2)
        #expect(result.documentsRead == documents)
        #expect(!result.diagnostics.contains { [.participationUnreadable, .participationConflict, .unknownKind, .duplicateSession,
                                                 .sessionConflict, .weekdayMismatch].contains($0.code) },
                "\(result.diagnostics.prefix(5))")
        #expect(result.years.map(\.year) == truth.years.keys.sorted())
        for year in result.years {
            let expected = try #require(truth.years[year.year])
            #expect(year.sessions == expected.sessions, "\(year.year) sessions")
            #expect(year.speakers.pooled.slots == expected.speakerSlots, "\(year.year) speaker slots")
            #expect(year.organizers.pooled.slots == expected.organizerSlots, "\(year.year) organizer slots")
            #expect(year.all.pooled.slots == expected.allSlots, "\(year.year) all slots")
            #expect(year.all.people.unique == expected.people.count, "\(year.year) people")
            let keys = Set(result.statistics.filter { $0.session.year == year.year }.flatMap(\.session.people).map(\.key))
            #expect(keys == expected.people, "\(year.year) people's keys")
            for group in StakeholderGroup.groups {
                #expect(year.speakers.pooled.stakeholders[group] == expected.speakersByStakeholder[group, default: 0], "\(year.year) \(group)")
            }
            #expect(year.gender.sessionsReportingParticipants == expected.sessionsReportingParticipants, "\(year.year)")
            #expect(year.gender.total.count.map(\.value) ?? 0 == expected.participants, "\(year.year) participants")
            if expected.sessionsReportingParticipants > 0 {
                #expect(year.gender.total.qualifier == expected.participantsQualifier, "\(year.year)")
            }
            #expect(year.gender.women.count.map(\.value) ?? 0 == expected.women, "\(year.year) women")
            #expect(year.gender.sessionsReportingWomen == expected.sessionsReportingWomen, "\(year.year)")
        }
    }

    @Test("the same seed gives the same bytes; another seed another corpus")
    func deterministic() {
        func corpus(_ seed: UInt64) -> [String] {
            var files: [String] = []
            _ = CorpusGenerator.generate(documents: 30, seed: seed) { name, text in files.append(name + "\n" + text) }
            return files
        }
        #expect(corpus(3) == corpus(3))
        #expect(corpus(3) != corpus(4))
        #expect(corpus(3).count == 30)
    }
}
