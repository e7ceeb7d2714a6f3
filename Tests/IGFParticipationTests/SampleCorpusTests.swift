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
        #expect(try year(2021).all.people.unique == 4)
    }

    @Test("every document is read: 2019 has 10 sessions, 2021 has WS #188 and the 8 listed")
    func sessionsPerYear() throws {
        #expect(Self.result.documentsFound == 5)
        #expect(Self.result.documentsRead == 5)
        #expect(try year(2019).sessions == 10)
        #expect(try year(2021).sessions == 9)
        let listed = Self.result.statistics.filter { $0.session.raw.sourceKind == .eventListing }
        #expect(listed.count == 8)
        #expect(Set(listed.compactMap(\.session.raw.schedule?.date)) == ["2021-12-06", "2021-12-08", "2021-12-09"])
        #expect(Self.result.diagnostics.filter { $0.code == .unknownKind }.isEmpty)
    }

    @Test("2019 attendance and gender: sums marked lower when any part is, women share over sessions reporting both")
    func gender2019() throws {
        let gender = try year(2019).gender
        #expect(gender.sessionsReportingParticipants == 6)
        #expect(gender.sessionsReportingWomen == 5)
        #expect(gender.total.count == Count(27 + 35 + 100 + 450 + 400 + 185, .lower))
        #expect(gender.onsite.count == Count(25 + 30 + 100 + 100 + 170, .lower))
        #expect(gender.online.count == Count(2 + 5 + 300 + 15))
        #expect(gender.women.count == Count(6 + 10 + 50 + 250 + 160, .lower))
        #expect(gender.men.count == Count(50))
        let share = try #require(gender.womenShare)
        #expect(abs(share - 476.0 / 1012.0) < 1e-12)
        #expect(gender.womenShareQualifier == .lower)
        // Per-session shares 6/27, 10/35, 50/100, 250/450, 160/400: the median is 0.4.
        #expect(gender.medianShare == 0.4)
        let main = try #require(try year(2019).genderBySessionType["Main Session"])
        #expect(main.sessionsReportingParticipants == 4)
        #expect(main.total.count == Count(1135, .lower))
    }

    @Test("2019 facilitators and reporters count in the all scope, with regions from their countries")
    func reportPeople2019() throws {
        let all = try year(2019).all.pooled
        #expect(all.slots == 9)
        #expect(all.stakeholders[.unknown] == 2)
        #expect(all.regions[.weog] == 5)
        #expect(try year(2019).all.people.unique == 8, "Alexander Isavnin reports in one session and facilitates in another")
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
