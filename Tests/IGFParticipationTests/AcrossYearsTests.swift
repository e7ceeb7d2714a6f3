import Foundation
import Testing
@testable import IGFParticipation

/// Sessions joined across documents, people across sessions and years, and the comparison.
@Suite("Across documents and years")
struct AcrossYearsTests {
    /// The sample corpus plus a WS #184 proposal and a 2021 report page with WS #163's title.
    static let joined: Runner.Result = {
        var definition = try! TestSupport.defaultDefinition(output: TestSupport.temporaryFolder())
        definition.inputs.append(.init(folder: TestSupport.fixtures.appendingPathComponent("joins")))
        return try! Runner.compute(definition, jobs: 2)
    }()

    private func session(_ id: String) throws -> Session {
        try #require(Self.joined.statistics.first { $0.session.id == id }).session
    }

    @Test("WS #184: the listing and a proposal of the same number are one session, with the facts of each")
    func ws184() throws {
        let session = try session("2021-WS-184")
        #expect(session.sources.map(\.kind) == [.proposal, .eventListing])
        #expect(session.sources.map(\.description) == ["Tests/IGFParticipationTests/Fixtures/joins/igf2021-ws184-proposal.txt:1",
                                                       "Data/corpus/igf2021-itforchange-event-listing.txt:36"])
        #expect(session.title == "Syncing AI, Human Rights, & the SDGs: The Impossible Dream?")
        #expect(session.people.filter { $0.role == .speaker }.map(\.name) == ["Nadia Testwoman", "Kenji Fixture", "Alexander Seger"])
        #expect(session.raw.schedule?.date == "2021-12-08")
        #expect(session.raw.schedule?.location == SourceLocation(file: "Data/corpus/igf2021-itforchange-event-listing.txt", line: 38))
        #expect(session.raw.organizers == "Internet Rights and Principles Coalition/Goldsmiths University of London")
        #expect([session.raw.format, session.raw.layout] == ["Round Table", "U-shape"])
        #expect(session.raw.sdgs == [16])
        #expect(session.raw.durationMinutes == 90, "the listing's schedule wins over the proposal's 60 Min")
        #expect(Self.joined.diagnostics.filter { $0.code == .sessionConflict }.map(\.description) == [
            "Tests/IGFParticipationTests/Fixtures/joins/igf2021-ws184-proposal.txt:1: [session-conflict] duration 60 min differs from 90 min at Data/corpus/igf2021-itforchange-event-listing.txt:36; the event-listing's is kept: \"Syncing AI, Human Rights, & the SDGs: The Impossible Dream?\"",
        ])
    }

    @Test("WS #163: a report of the same title joins the numbered listing; participation from the report")
    func ws163() throws {
        let session = try session("2021-WS-163")
        #expect(session.sources.map(\.kind) == [.reportPage, .eventListing])
        #expect(session.raw.participation?.total == Count(45))
        #expect(session.raw.participation?.women == Count(30))
        #expect(session.raw.participation?.location.file == "Tests/IGFParticipationTests/Fixtures/joins/igf2021-reports-page.txt")
        #expect(session.raw.schedule?.date == "2021-12-09")
        #expect(session.raw.sessionType == "Workshop")
        #expect(session.raw.theme == "Economic and Social Inclusion and Human Rights")
    }

    @Test("2021 still has 9 sessions; Alexandre Roure and Alexander Seger each count once in its unique people")
    func people2021() throws {
        let y2021 = try #require(Self.joined.years.first { $0.year == 2021 })
        #expect(y2021.sessions == 9)
        let keys2021 = Set(Self.joined.statistics.filter { $0.session.year == 2021 }.flatMap(\.session.people).map(\.key))
        #expect(keys2021 == ["alexandre roure", "alexander seger", "fernanda domingos", "audrey plonk",
                             "nadia testwoman", "kenji fixture"])
        #expect(y2021.all.people.unique == 6, "the store's count agrees with the keys")
        let segers = Self.joined.statistics.flatMap(\.session.people).filter { $0.name.hasSuffix("Seger") }
        #expect(Set(segers.map(\.name)) == ["A. Seger", "Alexander Seger"])
        #expect(Set(segers.map(\.key)) == ["alexander seger"])
        #expect(segers.allSatisfy { $0.stakeholder == .intergovernmentalOrganization })
        #expect(try #require(Self.joined.years.first { $0.year == 2019 }).all.people.unique == 8)
    }

    @Test("namesakes with different organizations are different people; an entry without one is counted apart, with a warning")
    func namesakes() {
        func person(_ name: String, _ organization: String, line: Int) -> Person {
            Person(role: .speaker, name: name, organization: organization, stakeholder: .government, stakeholderRaw: "",
                   region: .weog, regionRaw: "", key: name.foldedName, location: SourceLocation(file: "f", line: line))
        }
        let raw = RawSession(sourceKind: .table, year: 2022, title: "T", location: SourceLocation(file: "f", line: 1))
        let sessions = [Session(id: "a", raw: raw, people: [person("John Smith", "Acme", line: 1), person("John Smith", "Globex", line: 2),
                                                          person("John Smith", "", line: 3), person("Ana Lima", "Org", line: 4)])]
        let (resolved, diagnostics) = PersonIdentity.resolve(sessions, aliases: PeopleAliases())
        #expect(resolved[0].people.map(\.key) == ["john smith | acme", "john smith | globex", "john smith", "ana lima"])
        #expect(diagnostics.map(\.code) == [.ambiguousPerson])
        #expect(diagnostics.first?.location.line == 3)

        let aliases = try! PeopleAliases.parse(csv: Array("name,organization,person\nJohn Smith,Acme,John Smith (Acme)\nJohn Smith,,John Smith (Globex)\n".utf8), file: "p.csv")
        let split = PersonIdentity.resolve(sessions, aliases: aliases)
        // The entry without an organization is now John Smith of Globex, already a speaker there: one slot.
        #expect(split.sessions[0].people.map(\.key) == ["john smith acme", "john smith globex", "ana lima"])
        #expect(split.diagnostics.isEmpty)
    }

    @Test("people-aliases.csv errors name the file and line")
    func aliasErrors() {
        #expect(throws: VocabularyError(file: "p.csv", line: 2, message: "a row needs a `name` and a `person`")) {
            try PeopleAliases.parse(csv: Array("name,organization,person\nA. Seger,,\n".utf8), file: "p.csv")
        }
    }

    @Test("returning people and newcomers: seen in an earlier year of the run, in any role")
    func returning() throws {
        let folder = TestSupport.temporaryFolder()
        try """
            Year,Session,Role,Name,Stakeholder,Region
            2020,WS #1,Speaker,Ana Lima,Civil Society,GRULAC
            2020,WS #1,Organizer,Bo Chen,Government,Asia-Pacific Group
            2021,WS #2,Speaker,Bo Chen,Government,Asia-Pacific Group
            2021,WS #2,Speaker,Cy Dee,Private Sector,WEOG
            2022,WS #3,Organizer,Ana Lima,Civil Society,GRULAC
            2022,WS #3,Speaker,Cy Dee,Private Sector,WEOG
            2022,WS #3,Speaker,Di Eve,Technical Community,African Group
            """.write(to: folder.appendingPathComponent("sheet.csv"), atomically: true, encoding: .utf8)
        let definition = PipelineDefinition(
            inputs: [], tables: [.init(file: folder.appendingPathComponent("sheet.csv"),
                                       mapping: ColumnMapping([.year: "Year", .session: "Session", .role: "Role", .name: "Name",
                                                               .stakeholder: "Stakeholder", .region: "Region"]))],
            vocabularies: TestSupport.root.appendingPathComponent("Data/vocabularies"), output: folder, base: folder)
        let years = try Runner.compute(definition, jobs: 2).years
        let people = { (year: Int, scope: RoleScope) in years.first { $0.year == year }.map { [$0[scope].people.unique, $0[scope].people.returning] } }
        #expect(people(2020, .all) == [2, 0])
        #expect(people(2021, .all) == [2, 1])
        #expect(people(2022, .all) == [3, 2])
        #expect(people(2022, .speakers) == [2, 1])
        #expect(people(2022, .organizers) == [1, 1], "Ana Lima spoke in 2020 and organizes in 2022")
        #expect(years.first { $0.year == 2022 }?.all.people.newcomers == 1)
        let speakers2022 = try #require(years.first { $0.year == 2022 }).speakers.people
        #expect(speakers2022.stakeholders[.privateSector] == 1 && speakers2022.stakeholders[.technicalCommunity] == 1)
        #expect(speakers2022.regions[.weog] == 1 && speakers2022.regions[.african] == 1 && speakers2022.regions[.grulac] == 0)
        let rows = YearOverYear.comparison(years).filter { $0.metric == "newcomers" }
        #expect(rows.map { $0.value?.number } == [2, 1, 1])
        #expect(rows.map(\.delta) == [nil, -1, 0])
        #expect(rows.map(\.deltaVersusBase) == [0, -1, -1])
    }

    @Test("a name is ambiguous across years, and warned once at its first entry without an organization in join order, whatever the jobs")
    func ambiguousAcrossYears() throws {
        let folder = TestSupport.temporaryFolder()
        // Each year alone lists Jane Roe with one organization at most; the run lists two. The
        // first entry without one is the 2022 row (line 2), not 2021's (line 5): its session comes
        // first in join order.
        try """
            Year,Session,Role,Name,Organization,Stakeholder,Region
            2022,WS #3,Speaker,Jane Roe,,Civil Society,GRULAC
            2020,WS #1,Speaker,Jane Roe,Org A,Civil Society,GRULAC
            2021,WS #2,Speaker,Jane Roe,Org B,Government,WEOG
            2021,WS #4,Speaker,Jane Roe,,Government,WEOG
            2020,WS #1,Organizer,Bo Chen,Org A,Government,Asia-Pacific Group
            2022,WS #3,Organizer,Bo Chen,Org A,Government,Asia-Pacific Group
            """.write(to: folder.appendingPathComponent("sheet.csv"), atomically: true, encoding: .utf8)
        let definition = PipelineDefinition(
            inputs: [], tables: [.init(file: folder.appendingPathComponent("sheet.csv"),
                                       mapping: ColumnMapping([.year: "Year", .session: "Session", .role: "Role", .name: "Name",
                                                               .organization: "Organization", .stakeholder: "Stakeholder", .region: "Region"]))],
            vocabularies: TestSupport.root.appendingPathComponent("Data/vocabularies"), output: folder, base: folder)
        for jobs in [1, 2, 3] {
            let result = try Runner.compute(definition, jobs: jobs)
            let ambiguous = result.diagnostics.filter { $0.code == .ambiguousPerson }
            #expect(ambiguous.map(\.location.line) == [2], "jobs \(jobs)")
            #expect(ambiguous.first?.message.hasPrefix("this name appears with 2 organizations") == true)
            #expect(result.statistics.map(\.session.id) == ["2020-WS-1", "2021-WS-2", "2021-WS-4", "2022-WS-3"])
            #expect(result.statistics.map { $0.session.people.map(\.key) } == [["jane roe | org a", "bo chen"], ["jane roe | org b"],
                                                                             ["jane roe"], ["jane roe", "bo chen"]])
            let people = result.years.map { [$0.year, $0.all.people.unique, $0.all.people.returning] }
            #expect(people == [[2020, 2, 0], [2021, 2, 0], [2022, 2, 2]], "jobs \(jobs): the entries without one are one person, back in 2022")
        }
    }

    @Test("years that share a store (2006, 2022, 2038: one remainder modulo 16) stay apart and in year order, whatever the jobs")
    func yearsSharingAStore() throws {
        let folder = TestSupport.temporaryFolder()
        try """
            Year,Session,Role,Name,Organization,Stakeholder,Region
            2038,WS #1,Speaker,Ana Lima,Org,Civil Society,GRULAC
            2022,WS #1,Speaker,Ana Lima,Org,Civil Society,GRULAC
            2007,WS #2,Speaker,Bo Chen,Org,Government,WEOG
            2006,WS #1,Speaker,Bo Chen,Org,Government,WEOG
            2022,WS #3,Speaker,Bo Chen,Org,Government,WEOG
            2006,WS #1,Organizer,Cy Dee,Org,Private Sector,WEOG
            """.write(to: folder.appendingPathComponent("sheet.csv"), atomically: true, encoding: .utf8)
        var definition = PipelineDefinition(
            inputs: [], tables: [.init(file: folder.appendingPathComponent("sheet.csv"),
                                       mapping: ColumnMapping([.year: "Year", .session: "Session", .role: "Role", .name: "Name",
                                                               .organization: "Organization", .stakeholder: "Stakeholder", .region: "Region"]))],
            vocabularies: TestSupport.root.appendingPathComponent("Data/vocabularies"), output: folder, base: folder)
        var written: [[[String]]] = []
        for jobs in [1, 2, 3] {
            let result = try Runner.compute(definition, jobs: jobs)
            #expect(result.statistics.map(\.session.id) == ["2006-WS-1", "2007-WS-2", "2022-WS-1", "2022-WS-3", "2038-WS-1"])
            let people = result.years.map { [$0.year, $0.sessions, $0.all.people.unique, $0.all.people.returning] }
            #expect(people == [[2006, 1, 2, 0], [2007, 1, 1, 1], [2022, 2, 2, 1], [2038, 1, 1, 1]], "jobs \(jobs)")
            definition.output = folder.appendingPathComponent("out-\(jobs)")
            _ = try Runner.run(definition, jobs: jobs)
            let sessions = TestSupport.rows(definition.output.appendingPathComponent("sessions.csv"))
            let listed = TestSupport.rows(definition.output.appendingPathComponent("people.csv"))
            #expect(sessions.dropFirst().map { $0[0] } == ["2006-WS-1", "2007-WS-2", "2022-WS-1", "2022-WS-3", "2038-WS-1"])
            #expect(listed.dropFirst().map { "\($0[0]) \($0[3])" } == ["2006-WS-1 Bo Chen", "2006-WS-1 Cy Dee", "2007-WS-2 Bo Chen",
                                                                       "2022-WS-1 Ana Lima", "2022-WS-3 Bo Chen", "2038-WS-1 Ana Lima"])
            written.append(sessions + listed)
        }
        #expect(written[0] == written[1] && written[1] == written[2])
        definition.years = 2007...2022
        let kept = try Runner.compute(definition, jobs: 2)
        #expect(kept.statistics.map(\.session.id) == ["2007-WS-2", "2022-WS-1", "2022-WS-3"])
        #expect(kept.years.map { [$0.year, $0.all.people.returning] } == [[2007, 0], [2022, 1]])
    }

    @Test("comparison.csv: every headline metric for 2019 → 2020 → 2021")
    func comparisonCSV() throws {
        let output = TestSupport.temporaryFolder()
        _ = try Runner.run(try TestSupport.defaultDefinition(output: output), jobs: 2)
        let rows = TestSupport.rows(output.appendingPathComponent("comparison.csv"))
        #expect(rows.first == ["metric", "year", "value", "previous_year", "delta", "pct_change", "base_year", "delta_vs_base"])
        #expect(Set(rows.dropFirst().map { $0[0] }) == Set(YearOverYear.metrics.map(\.name)))
        #expect(rows.count == 1 + 10 * 3)
        #expect(rows.contains(["sessions", "2019", "10", "", "", "", "2019", "0"]))
        #expect(rows.contains(["sessions", "2020", "2", "2019", "-8", "-0.800000", "2019", "-8"]))
        #expect(rows.contains(["sessions", "2021", "9", "2020", "7", "3.500000", "2019", "-1"]))
        #expect(rows.contains(["unique_people", "2021", "4", "2020", "-9", "-0.692308", "2019", "-4"]))
        #expect(rows.contains(["share_sessions_3plus_regions", "2020", "1.000000", "2019", "0.900000", "9.000000", "2019", "0.900000"]))
        #expect(rows.contains(["participants", "2019", "1197", "", "", "", "2019", "0"]))
        #expect(rows.contains(["women_share", "2021", "", "2020", "", "", "2019", ""]))
        let people = TestSupport.rows(output.appendingPathComponent("people_by_year.csv"))
        #expect(people.first == ["year", "scope", "measure", "group", "value"])
        #expect(people.contains(["2020", "speakers", "unique_people", "", "7"]))
        #expect(people.contains(["2020", "speakers", "stakeholder_people", "Civil Society", "6"]))
        #expect(people.contains(["2020", "speakers", "stakeholder_people_share", "Civil Society", "0.857143"]))
        #expect(people.contains(["2021", "all", "region_people", "WEOG", "3"]))
    }

    @Test("the years span of a pipeline leaves other years out")
    func yearSpan() throws {
        var definition = try TestSupport.defaultDefinition(output: TestSupport.temporaryFolder())
        definition.years = 2020...2021
        let result = try Runner.compute(definition, jobs: 2)
        #expect(result.years.map(\.year) == [2020, 2021])
        #expect(YearOverYear.comparison(result.years).first?.baseYear == 2020)
    }
}
