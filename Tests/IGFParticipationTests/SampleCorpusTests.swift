import Foundation
import Testing
@testable import IGFParticipation

/// End to end: the default pipeline on `Data/corpus`, figures from the "done when".
@Suite("The sample corpus, end to end")
struct SampleCorpusTests {
    static let result: Runner.Result = {
        do {
            return try Runner.compute(try PipelineDefinition.load(TestSupport.defaultPipeline), jobs: 2)
        } catch {
            fatalError("default pipeline fails: \(error)")
        }
    }()

    private func year(_ year: Int) throws -> YearAccumulator {
        try #require(Self.result.years.first { $0.year == year })
    }

    private func session(_ id: String) throws -> SessionStatistics {
        try #require(Self.result.statistics.first { $0.session.id == id })
    }

    @Test("2020: two sessions, speaker and organizer slots by stakeholder group")
    func stakeholders2020() throws {
        let y2020 = try year(2020)
        #expect(y2020.sessions == 2)
        #expect(y2020.speakers.pooled.slots == 7)
        #expect(y2020.speakers.pooled.stakeholders[.civilSociety] == 6)
        #expect(y2020.speakers.pooled.stakeholders[.intergovernmentalOrganization] == 1)
        #expect(y2020.organizers.pooled.slots == 6)
        #expect(y2020.organizers.pooled.stakeholders[.civilSociety] == 6)
    }

    @Test("2020: speaker regions")
    func regions2020() throws {
        let regions = try year(2020).speakers.pooled.regions
        #expect(regions[.grulac] == 2)
        #expect(regions[.weog] == 1)
        #expect(regions[.easternEuropean] == 2)
        #expect(regions[.asiaPacific] == 1)
        #expect(regions[.african] == 1)
        #expect(try year(2020).speakers.pooled.unRegionalGroups.count == 5)
    }

    @Test("WS #334: one stakeholder group among speakers, Shannon 0, three regional groups")
    func ws334() throws {
        let ws334 = try session("2020-WS-334")
        #expect(ws334.speakers.distinctStakeholderGroups == 1)
        #expect(ws334.speakers.shannon == 0.0)
        #expect(ws334.speakers.distinctRegionalGroups == 3)
        #expect(!ws334.meetsDiversityBar)
    }

    @Test("2021, WS #188: speakers by group and region; four unique people")
    func ws188() throws {
        let ws188 = try session("2021-WS-188")
        #expect(ws188.speakers.stakeholders[.intergovernmentalOrganization] == 2)
        #expect(ws188.speakers.stakeholders[.government] == 1)
        #expect(ws188.speakers.slots == 3)
        #expect(ws188.speakers.regions[.weog] == 2)
        #expect(ws188.speakers.regions[.grulac] == 1)
        #expect(ws188.session.uniquePeople == 4)
        #expect(try year(2021).people.count == 4)
    }

    @Test("the report page and the listing are not proposals: skipped with a warning, not lost silently")
    func otherKinds() {
        #expect(Self.result.documentsFound == 5)
        let unknown = Self.result.diagnostics.filter { $0.code == .unknownKind }.map(\.location.file)
        #expect(unknown == ["Data/corpus/igf2019-reports-page.txt", "Data/corpus/igf2021-itforchange-event-listing.txt"])
    }

    @Test("diversity bar: shares per year follow the pipeline's threshold")
    func diversityBar() throws {
        let definition = try PipelineDefinition.parse("""
            inputs: [{folder: Data/corpus}]
            vocabularies: Data/vocabularies
            output: {folder: Output}
            thresholds: {diversity_bar: 2}
            """, file: TestSupport.defaultPipeline)
        let result = try Runner.compute(definition, jobs: 1)
        let y2020 = try #require(result.years.first { $0.year == 2020 })
        #expect(y2020.sessionsMeetingDiversityBar == 1, "WS #221 has two groups among speakers")
        #expect(y2020.diversityBarShare == 0.5)
        #expect(try year(2020).sessionsMeetingDiversityBar == 0, "the default bar is 3")
    }
}
