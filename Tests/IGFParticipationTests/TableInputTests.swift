import Foundation
import Testing
@testable import IGFParticipation

@Suite("Tabular input")
struct TableInputTests {
    static let mapping = ColumnMapping([.year: "Year", .session: "Session", .role: "Role", .name: "Name",
                                        .organization: "Organisation", .stakeholder: "Stakeholder", .region: "Region",
                                        .country: "Country", .gender: "Gender"])
    static let messy = TestSupport.fixtures.appendingPathComponent("tables/messy-sheet.csv")

    static func extract(_ policy: BadRowPolicy = .keep) -> ExtractedDocument {
        TableExtractor.extract(bytes: TestSupport.bytes(messy), file: "sheet.csv", mapping: mapping, badRows: policy)
    }

    @Test("rows become sessions and people; roles and genders through their aliases")
    func rows() throws {
        let document = Self.extract()
        #expect(document.kind == .table)
        #expect(document.sessions.map { $0.number?.description ?? $0.title } == ["WS #7", "WS #9", "Town hall on AI"])
        let ws7 = try #require(document.sessions.first)
        #expect(ws7.year == 2023)
        #expect(ws7.sourceKind == .table)
        #expect(ws7.location == SourceLocation(file: "sheet.csv", line: 2))
        #expect(ws7.people.map(\.role) == [.speaker, .speaker, .speaker, .unlabeled, .speaker])
        #expect(ws7.people.map(\.gender) == [.woman, .undisclosed, .man, .woman, .notGiven])
        #expect(ws7.people[1].organization == "+Plus, Inc.")
        #expect(ws7.people[1].country == "Kenya")
        #expect(ws7.people.map(\.location.line) == [2, 3, 4, 5, 6])
        #expect(document.sessions[2].people.first?.gender == .nonBinary)
    }

    @Test("bad rows and values: each a warning with file:line; nothing guessed")
    func warnings() {
        let document = Self.extract()
        #expect(document.diagnostics.map { "\($0.location.line) \($0.code.rawValue) \($0.raw)" } == [
            "5 unknown-role Guest of honour",
            "6 unknown-gender robot",
            "7 table-value-unreadable twenty",
            "8 table-row-width 2023,WS #9,Speaker,Too Few",
            "9 table-row-width 2023,WS #9,Speaker,Too Many,Org,Civil Society,WEOG,,m,extra",
            "10 table-value-unreadable 2023,,Speaker,No Session,Org,Civil Society,WEOG,,m",
        ])
        #expect(document.sessions[1].people.map(\.name) == ["Too Few", "Too Many"])
    }

    @Test("bad_rows: skip leaves rows of the wrong width out")
    func skip() {
        let document = Self.extract(.skip)
        #expect(document.sessions.map { $0.number?.description ?? $0.title } == ["WS #7", "Town hall on AI"])
        #expect(document.diagnostics.filter { $0.code == .tableRowWidth }.map(\.message)
                == ["row has 4 fields, the header 9; skipped", "row has 10 fields, the header 9; skipped"])
    }

    @Test("a mapped column the sheet lacks, or an unreadable sheet, skips the sheet with a warning")
    func unusableSheets() {
        let missing = TableExtractor.extract(bytes: TestSupport.bytes(TestSupport.fixtures.appendingPathComponent("tables/missing-column.csv")),
                                             file: "m.csv", mapping: Self.mapping)
        #expect(missing.kind == nil)
        #expect(missing.diagnostics.map(\.description)
                == ["m.csv:1: [table-column-missing] the pipeline maps `country` to a column the sheet does not have; sheet skipped: \"Country\""])
        let open = TableExtractor.extract(bytes: TestSupport.bytes(TestSupport.fixtures.appendingPathComponent("tables/unterminated.csv")),
                                          file: "u.csv", mapping: ColumnMapping([.year: "Year", .session: "Session"]))
        #expect(open.diagnostics.map(\.description)
                == ["u.csv:3: [unreadable-table] cannot read the sheet (line 3: quoted field is never closed); skipped"])
    }

    @Test("session column: numbers in their spellings, else a title", arguments: [
        ("WS #184", "WS #184"), ("WS184", "WS #184"), ("ws 184", "WS #184"), ("OF #12", "OF #12"),
        ("Town hall on AI", nil), ("2021", nil), ("WS #184 extra", nil),
    ] as [(String, String?)])
    func sessionNumber(_ text: String, _ number: String?) {
        #expect(TableExtractor.sessionNumber(text)?.description == number)
    }

    @Test("role and gender cells", arguments: [
        ("Speaker", Role.speaker), ("panelist", .speaker), ("Co-organizer", .organizer), ("Online moderator", .moderatorOnline),
        ("On-site moderator", .moderatorOnsite), ("Moderator", .moderatorOnsite), ("RAPPORTEUR", .rapporteur),
    ])
    func roles(_ cell: String, _ role: Role) {
        #expect(Role(cell: cell) == role)
    }

    @Test("gender cells", arguments: [
        ("woman", Gender.woman), ("Female", .woman), ("F", .woman), ("man", .man), ("MALE", .man), ("m", .man),
        ("non-binary", .nonBinary), ("Nonbinary", .nonBinary), ("undisclosed", .undisclosed),
        ("Prefer not to say", .undisclosed), ("", .notGiven),
    ])
    func genders(_ cell: String, _ gender: Gender) {
        #expect(Gender(cell: cell) == gender)
    }

    @Test("the sample pipeline: the sheet's sessions and genders in every output")
    func samplePipeline() throws {
        var definition = try PipelineDefinition.load(TestSupport.root.appendingPathComponent("Pipelines/with-speaker-sheet.yml"))
        let output = TestSupport.temporaryFolder()
        definition.output = output
        let report = try Runner.run(definition, jobs: 2)
        #expect(report.documentsRead == 6)
        let years = TestSupport.rows(output.appendingPathComponent("years.csv"))
        let header = try #require(years.first)
        let y2022 = try #require(years.first { $0.first == "2022" }.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
        #expect(y2022["sessions"] == "2")
        #expect(y2022["speaker_slots"] == "7")
        #expect(y2022["speakers_gender_stated"] == "6")
        #expect(y2022["speakers_women_share"] == "0.500000")
        #expect(y2022["sessions_meeting_diversity_bar"] == "2")
        let genders = TestSupport.rows(output.appendingPathComponent("gender_by_role.csv"))
        #expect(genders.first == ["year", "role", "gender", "count", "share"])
        #expect(genders.contains(["2022", "speaker", "Woman", "3", "0.428571"]))
        #expect(genders.contains(["2022", "all", "Not given", "1", "0.083333"]))
        let people = TestSupport.rows(output.appendingPathComponent("people.csv"))
        let herrera = try #require(people.first { $0.contains("Tomás Herrera") })
        #expect(herrera.contains("GRULAC"), "region from the country column")
        #expect(herrera.contains("Man"))
    }
}
