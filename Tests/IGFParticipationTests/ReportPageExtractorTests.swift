import Testing
@testable import IGFParticipation

@Suite("Session report pages")
struct ReportPageExtractorTests {
    static let document = Extractor.extract(
        bytes: TestSupport.bytes(TestSupport.corpus.appendingPathComponent("igf2019-reports-page.txt")),
        file: "reports.txt", vocabularies: TestSupport.vocabularies)

    private func session(_ title: String) throws -> RawSession {
        try #require(Self.document.sessions.first { $0.title == title })
    }

    @Test("section headings: number, dot and title, on the bytes or (past a byte above 0x7F) the Character path",
          arguments: [("6. Estimated Participation:", 6), ("1. Key Policy Questions and Expectations", 1), ("8.Session Outputs:", 8),
                      ("06. ESTIMATED participation", 6), ("6.  Estimated Participation: 120", 6), ("9. Key", nil),
                      ("0. Key policy questions", nil), ("6 Estimated Participation", nil), ("6. Estimated", nil),
                      ("6.\u{A0}Estimated Participation", 6), ("6. Estimated participation\u{301}", nil),
                      ("1. \u{212A}ey policy questions", 1), ("6\u{301}. Estimated Participation", nil),
                      ("99999999999999999999. Key policy questions", nil), ("183 present participants", nil),
                      ("6. Reflection to Gender", nil), ("7. Reflection to Gender Issues", 7)] as [(String, Int?)])
    func sectionNumber(_ heading: String, _ number: Int?) {
        #expect(ReportPageExtractor.sectionNumber(heading) == number)
    }

    @Test("the page splits into ten 2019 sessions, titles and types in page order")
    func sessions() {
        #expect(Self.document.kind == .reportPage)
        #expect(Self.document.sessions.map(\.title) == [
            "Concluding Breakout Session: Data Governance",
            "Concluding Breakout Session: Security, Safety, Stability & Resilience",
            "Introductory Breakout Session: Security, Safety, Stability & Resilience",
            "Introductory Breakout Session: Data Governance",
            "Digital Cooperation and Internet governance",
            "Dynamic Coalitions – Joint Efforts to achieve the SDGs",
            "Emerging technologies and their interfaces with inclusion, security and human rights (NRIs)",
            "Achieving the SDGs in the Digital Age",
            "The Future of IoT : Toward More Secure and Human-Centered Devices",
            "Applying human rights and ethics in responsible data governance and AI",
        ])
        #expect(Self.document.sessions.map(\.location.line) == [3, 19, 86, 197, 213, 225, 272, 332, 356, 431])
        #expect(Self.document.sessions.map(\.sessionType) == Array(repeating: "Ceremonial/HL Session", count: 4)
                + Array(repeating: "Main Session", count: 6))
        #expect(Self.document.sessions.map(\.theme) == ["Data Governance", "Security, Safety, Stability and Resilience",
                                                        "Security, Safety, Stability and Resilience", "Data Governance",
                                                        nil, nil, nil, nil, nil, nil])
    }

    @Test("the year is the page header's, not the Updated: date (one session was updated in 2020)")
    func year() throws {
        #expect(Set(Self.document.sessions.map(\.year)) == [2019])
        #expect(try session("Emerging technologies and their interfaces with inclusion, security and human rights (NRIs)").year == 2019)
    }

    @Test("participation per session, from section 6 only", arguments: [
        ("Applying human rights and ethics in responsible data governance and AI",
         Count(170), Count(15), Count(185), nil, nil),
        ("Dynamic Coalitions – Joint Efforts to achieve the SDGs", Count(100), nil, Count(100), Count(50), Count(50)),
        ("Emerging technologies and their interfaces with inclusion, security and human rights (NRIs)",
         nil, nil, Count(450, .lower), Count(250, .lower), nil),
        ("The Future of IoT : Toward More Secure and Human-Centered Devices",
         Count(100, .lower), Count(300), Count(400, .lower), Count(160, .derived), nil),
        ("Concluding Breakout Session: Security, Safety, Stability & Resilience", Count(25), Count(2), Count(27), Count(6), nil),
        ("Introductory Breakout Session: Security, Safety, Stability & Resilience", Count(30), Count(5), Count(35), Count(10), nil),
    ] as [(String, Count?, Count?, Count?, Count?, Count?)])
    func participation(_ title: String, _ onsite: Count?, _ online: Count?, _ total: Count?, _ women: Count?, _ men: Count?) throws {
        let participation = try #require(try session(title).participation)
        #expect(participation.onsite == onsite)
        #expect(participation.online == online)
        #expect(participation.total == total)
        #expect(participation.women == women)
        #expect(participation.men == men)
    }

    @Test("empty section 6: no participation; a percentage in section 7 is not participation")
    func noParticipation() throws {
        for title in ["Concluding Breakout Session: Data Governance", "Digital Cooperation and Internet governance",
                      "Achieving the SDGs in the Digital Age", "Introductory Breakout Session: Data Governance"] {
            #expect(try session(title).participation == nil, "\(title)")
        }
        // Section 7 of the last session: `CEO North America (80% men, 20% women)`.
        #expect(try session("Applying human rights and ethics in responsible data governance and AI").participation?.women == nil)
        #expect(!Self.document.diagnostics.contains { $0.code == .participationUnreadable })
    }

    @Test("six facilitators, read from the right: stakeholder, country, name, organization")
    func facilitators() throws {
        let people = try session("Introductory Breakout Session: Security, Safety, Stability & Resilience").people
        #expect(people.map(\.role) == Array(repeating: .facilitator, count: 6))
        #expect(people.map(\.name) == ["Ana Laura Martínez", "Alexander Isavnin", "Kaveh Ranjbar", "Peter Koch",
                                       "Amrita Choudhury", "Charlotte Altenhöner-Dion"])
        #expect(people.map(\.country) == ["Brazil", "Russia", "The Netherlands", "Germany", "India", "France"])
        #expect(people.map(\.stakeholder) == ["Technical community", "Civil Society", "Technical Community",
                                              "Technical Community", "Civil Society", "Intergovernmental Organization"])
        #expect(people[0].organization == "Coordinator of International Cooperation Networks at the Regional Center for the Development of the Information Society (Cetic.br/NIC.br)")
        #expect(people[5].organization == "Head of Internet Governance Unit. Council of Europe")
        #expect(people.map(\.location.line) == [111, 112, 113, 114, 115, 116])
    }

    @Test("facilitators' countries give their UN regional groups")
    func facilitatorRegions() throws {
        let (sessions, _) = TestSupport.sessions(in: "igf2019-reports-page.txt")
        let session = try #require(sessions.first { $0.title.hasPrefix("Introductory Breakout Session: Security") })
        #expect(session.people.map(\.region) == [.grulac, .easternEuropean, .weog, .weog, .asiaPacific, .weog])
        #expect(session.people.map(\.country) == ["Brazil", "Russian Federation", "Netherlands", "Germany", "India", "France"])
        #expect(session.people.map(\.stakeholder) == [.technicalCommunity, .civilSociety, .technicalCommunity,
                                                      .technicalCommunity, .civilSociety, .intergovernmentalOrganization])
    }

    @Test("reporters: 'presented by'; a missing stakeholder segment is Unknown with a warning")
    func reporters() throws {
        let (sessions, diagnostics) = TestSupport.sessions(in: "igf2019-reports-page.txt")
        let session = try #require(sessions.first { $0.title.hasPrefix("Concluding Breakout Session: Security") })
        #expect(session.people.map(\.role) == [.reporter, .reporter, .reporter])
        #expect(session.people.map(\.name) == ["Alexander Isavnin", "Amit Ashkenazi", "Christopher Treshan Perera"])
        #expect(session.people.map(\.organization) == ["RosKomSvoboda", "Israel National Cyber Directorate", "Worldacquire"])
        #expect(session.people.map(\.stakeholder) == [.civilSociety, .unknown, .unknown])
        #expect(session.people.map(\.region) == [.easternEuropean, .weog, .weog])
        #expect(diagnostics.filter { $0.code == .unknownStakeholder }.map(\.location.line) == [33, 34])
    }

    @Test("person lines", arguments: [
        ("  • Safety: Ana Laura Martínez. Coordinator (Cetic.br/NIC.br). Brazil. Technical community.",
         Role.facilitator, "Ana Laura Martínez", "Coordinator (Cetic.br/NIC.br)", "Brazil", "Technical community"),
        ("• Topic: Report of the discussion presented by A. Seger. Council of Europe. France. Intergovernmental Organisation.",
         .reporter, "A. Seger", "Council of Europe", "France", "Intergovernmental Organisation"),
        ("- Human rights: Jo Bloggs. Türkiye.", .facilitator, "Jo Bloggs", nil, "Türkiye", nil),
    ] as [(String, Role, String, String?, String, String?)])
    func personLine(_ line: String, _ role: Role, _ name: String, _ organization: String?, _ country: String, _ stakeholder: String?) throws {
        let person = try #require(ReportPersonLine.parse(line, vocabularies: TestSupport.vocabularies, at: SourceLocation(file: "f", line: 1)))
        #expect(person.role == role)
        #expect(person.name == name)
        #expect(person.organization == organization)
        #expect(person.country == country)
        #expect(person.stakeholder == stakeholder)
    }

    @Test("a section's lines on a page: bullets of every kind are read as people; prose and digits are passed over",
          arguments: [
        ("  • Safety: Ana Laura Martínez. Coordinator (Cetic.br/NIC.br). Brazil. Technical community.", ["Ana Laura Martínez"]),
        ("- Safety: Ana Laura Martínez. Cetic.br. Brazil. Technical community.", ["Ana Laura Martínez"]),
        ("\t* Safety: Ana Laura Martínez. Brazil. Technical community.", ["Ana Laura Martínez"]),
        ("\u{A0}- Safety: Ana Laura Martínez. Brazil. Technical community.", ["Ana Laura Martínez"]),
        ("–Safety: Ana Laura Martínez. Brazil. Technical community.", ["Ana Laura Martínez"]),
        ("-\u{301} Safety: Ana Laura Martínez. Brazil. Technical community.", []),
        ("Participants: Ana Laura Martínez. Brazil. Technical community.", []),
        ("2019 Safety: Ana Laura Martínez. Brazil. Technical community.", []),
    ] as [(String, [String])])
    func sectionLines(_ line: String, _ names: [String]) throws {
        let page = """
            IGF 2019 Reports
            A session
            Workshop
            Updated: Mon, 27/01/2020 - 13:09
            1. Key Policy Questions and Expectations
            Participants discussed data.
            \(line)
            6. Estimated Participation:
            Onsite participants: 10
            8. Session Outputs:
            \(line)
            """
        let document = Extractor.extract(bytes: Array(page.utf8), file: "page.txt", vocabularies: TestSupport.vocabularies)
        let session = try #require(document.sessions.first)
        #expect(document.sessions.count == 1)
        #expect(session.people.map(\.name) == names + names)
        #expect(session.people.map(\.location.line) == (names.isEmpty ? [] : [7, 11]))
        #expect(session.participation?.onsite == Count(10))
    }

    @Test("bullets that are not people", arguments: [
        "  • Most of the sessions there was a call to work on more clearer definitions. It seems that some of them agree.",
        "- Put people first: The group discussed about the difficulty. Platforms should act.",
        "Safety: Ana Laura Martínez. Brazil. Technical community.",
    ])
    func notPersonLine(_ line: String) {
        #expect(ReportPersonLine.parse(line, vocabularies: TestSupport.vocabularies, at: SourceLocation(file: "f", line: 1)) == nil)
    }
}
