import Testing
@testable import IGFParticipation

@Suite("Extracting the sample proposals")
struct ProposalExtractorTests {
    struct Expected: Sendable {
        var role: Role
        var name: String?
        var organization: String?
        var stakeholder: String?
        var region: String?
        var line: Int
    }

    static let ws221: [Expected] = [
        Expected(role: .organizer, stakeholder: "Civil Society", region: "Intergovernmental Organization", line: 4),
        Expected(role: .organizer, stakeholder: "Civil Society", region: "Latin American and Caribbean Group (GRULAC)", line: 5),
        Expected(role: .organizer, stakeholder: "Civil Society", region: "Intergovernmental Organization", line: 6),
        Expected(role: .speaker, name: "Florencia Serale", stakeholder: "Intergovernmental Organization",
                 region: "Latin American and Caribbean Group (GRULAC)", line: 8),
        Expected(role: .speaker, name: "Veronica Ferrari", stakeholder: "Civil Society",
                 region: "Latin American and Caribbean Group (GRULAC)", line: 9),
        Expected(role: .speaker, name: "Teemu Ropponen", stakeholder: "Civil Society",
                 region: "Western European and Others Group (WEOG)", line: 10),
    ]

    static let ws188: [Expected] = [
        Expected(role: .organizer, name: "Alexandre Roure",
                 organization: "Computer & Communication Industry Associations (CCIA)", line: 4),
        Expected(role: .organizer, name: "Alexander Seger", organization: "Council of Europe", line: 5),
        Expected(role: .speaker, name: "Alexander Seger", stakeholder: "Intergovernmental Organization",
                 region: "Western European and Others Group (WEOG)", line: 7),
        Expected(role: .speaker, name: "Fernanda Domingos", stakeholder: "Government",
                 region: "Latin American and Caribbean Group (GRULAC)", line: 8),
        Expected(role: .speaker, name: "Audrey Plonk", stakeholder: "Intergovernmental Organization",
                 region: "Western European and Others Group (WEOG)", line: 9),
        // The page lost the `Onsite Moderator` label above this line: kept, unlabeled.
        Expected(role: .unlabeled, name: "Alexandre Roure", stakeholder: "Private Sector",
                 region: "Western European and Others Group (WEOG)", line: 12),
        Expected(role: .moderatorOnline, name: "Alexandre Roure", stakeholder: "Private Sector",
                 region: "Western European and Others Group (WEOG)", line: 16),
        // … and the `Rapporteur` label above this one.
        Expected(role: .unlabeled, name: "Alexander Seger", stakeholder: "Intergovernmental Organization",
                 region: "Western European and Others Group (WEOG)", line: 19),
    ]

    private func check(_ people: [RawPerson], _ expected: [Expected]) {
        #expect(people.count == expected.count)
        for (person, want) in zip(people, expected) {
            #expect(person.role == want.role, "line \(want.line)")
            #expect(person.name == want.name, "line \(want.line)")
            #expect(person.organization == want.organization, "line \(want.line)")
            #expect(person.stakeholder == want.stakeholder, "line \(want.line)")
            #expect(person.region == want.region, "line \(want.line)")
            #expect(person.location.line == want.line)
        }
    }

    @Test("2020 style: WS #221")
    func ws221Proposal() throws {
        let document = ProposalExtractor.extract(TestSupport.corpusText("igf2020-ws221-proposal.txt"), file: "ws221")
        let session = try #require(document.sessions.first)
        #expect(document.kind == .proposal)
        #expect(document.sessions.count == 1)
        #expect(session.year == 2020)
        #expect(session.number == SessionNumber(prefix: "WS", value: 221))
        #expect(session.title == "Striking the right(s) balance")
        #expect(session.format == "Break-out Group Discussions")
        #expect(session.layout == "Flexible Seating")
        #expect(session.durationMinutes == 90)
        #expect(session.sdgs == [16, 17])
        #expect(session.location == SourceLocation(file: "ws221", line: 1))
        check(session.people, Self.ws221)
        #expect(document.diagnostics.isEmpty)
    }

    @Test("2020 style: WS #334")
    func ws334Proposal() throws {
        let document = ProposalExtractor.extract(TestSupport.corpusText("igf2020-ws334-proposal.txt"), file: "ws334")
        let session = try #require(document.sessions.first)
        #expect(session.title == "Multistakeholder Approaches to Democratic Digital Governance")
        #expect([session.format, session.layout] == ["Round Table", "U-shape"])
        #expect(session.durationMinutes == 60)
        #expect(session.sdgs == [16])
        #expect(session.people.filter { $0.role == .organizer }.count == 3)
        #expect(session.people.filter { $0.role == .speaker }.compactMap(\.region)
                == ["Eastern European Group", "Eastern European Group", "Asia-Pacific Group", "African Group"])
        #expect(document.diagnostics.isEmpty)
    }

    @Test("2021 style: WS #188, title below the header, two moderator labels lost")
    func ws188Proposal() throws {
        let document = ProposalExtractor.extract(TestSupport.corpusText("igf2021-ws188-proposal.txt"), file: "ws188")
        let session = try #require(document.sessions.first)
        #expect(session.year == 2021)
        #expect(session.title == "Converging government data access, privacy & data flows")
        #expect(session.format == "Other")
        #expect(session.layout == nil)
        #expect(session.durationMinutes == 90)
        #expect(session.formatDescription == "Workshop")
        #expect(session.sdgs == [9, 16, 17])
        check(session.people, Self.ws188)
        #expect(document.diagnostics.map(\.code) == [.missingRoleLabel, .missingRoleLabel])
        #expect(document.diagnostics.map(\.location.line) == [12, 19])
        #expect(document.diagnostics[0].raw == "Alexandre Roure, Private Sector, Western European and Others Group (WEOG)")
    }

    @Test("CRLF, byte-order mark, U+00A0 and diacritics")
    func crlfBOM() throws {
        let url = TestSupport.fixtures.appendingPathComponent("encoding/crlf-bom-proposal.txt")
        let document = Extractor.extract(bytes: TestSupport.bytes(url), file: "crlf", vocabularies: TestSupport.vocabularies)
        let session = try #require(document.sessions.first)
        #expect(session.title == "Réseaux communautaires")
        #expect(session.people.map(\.name) == [nil, nil, "José Ñúñez", "Zoë Åberg-Müller", "Kwame Mensah"])
        #expect(session.people.map(\.stakeholder) == ["Civil Society", "Private sector", "Technical Community",
                                                      "Intergovernmental Organisation", "GOVERNMENT"])
        #expect(session.people.map(\.location.line) == [3, 4, 6, 7, 8])
        #expect(session.durationMinutes == 60)
        #expect(session.sdgs == [5])
    }

    @Test("lone CR line ends")
    func crOnly() throws {
        let url = TestSupport.fixtures.appendingPathComponent("encoding/cr-only-proposal.txt")
        let session = try #require(Extractor.extract(bytes: TestSupport.bytes(url), file: "cr", vocabularies: TestSupport.vocabularies).sessions.first)
        #expect(session.people.map(\.name) == ["Ana Lima"])
        #expect(session.people.first?.location.line == 2)
        #expect(session.layout == "Circle")
    }

    @Test("a lost label, a label with no person, a person line with too few fields")
    func labels() throws {
        let url = TestSupport.fixtures.appendingPathComponent("labels/unknown-labels-proposal.txt")
        let document = Extractor.extract(bytes: TestSupport.bytes(url), file: "labels", vocabularies: TestSupport.vocabularies)
        let session = try #require(document.sessions.first)
        #expect(session.people.map(\.role) == [.organizer, .organizer, .speaker, .speaker, .speaker,
                                               .moderatorOnsite, .unlabeled, .rapporteur])
        #expect(session.people.map(\.location.line) == [4, 5, 7, 8, 9, 13, 15, 21])
        #expect(document.diagnostics.map(\.code) == [.missingRoleLabel, .danglingRoleLabel])
        #expect(document.diagnostics.map(\.location.line) == [15, 17])
    }

    @Test("speaker lines with fewer fields keep the person and warn", arguments: [
        ("Speaker 1: Ana Lima", "Ana Lima", nil),
        ("Speaker 1: Ana Lima, Civil Society", "Ana Lima", "Civil Society"),
    ] as [(String, String?, String?)])
    func shortSpeakerLine(_ line: String, _ name: String?, _ stakeholder: String?) throws {
        let text = try DocumentText.decode(Array("IGF 2020 WS #1 T\n\(line)\nOther - 60 Min\n".utf8)).get()
        let document = ProposalExtractor.extract(text, file: "f")
        let person = try #require(document.sessions.first?.people.first)
        #expect(person.name == name)
        #expect(person.stakeholder == stakeholder)
        #expect(person.region == nil)
        #expect(document.diagnostics.map(\.code) == [.malformedPersonLine])
        #expect(document.diagnostics.first?.location == SourceLocation(file: "f", line: 2))
    }

    @Test("a file of no known kind, an empty file and invalid UTF-8 are skipped with a warning")
    func skipped() {
        let notes = Extractor.extract(bytes: Array("Meeting notes\nmore\n".utf8), file: "notes.txt", vocabularies: TestSupport.vocabularies)
        #expect(notes.kind == nil)
        #expect(notes.sessions.isEmpty)
        #expect(notes.diagnostics.map(\.description) == ["notes.txt:1: [unknown-kind] document of no known kind; skipped: \"Meeting notes\""])

        let empty = Extractor.extract(bytes: [], file: "empty.txt", vocabularies: TestSupport.vocabularies)
        #expect(empty.diagnostics.map(\.code) == [.emptyFile])

        let broken = Extractor.extract(bytes: Array("IGF 2020 WS #9 T\nSpeaker 1: Jo".utf8) + [0xE3, 0x6F], file: "b.txt", vocabularies: TestSupport.vocabularies)
        #expect(broken.sessions.isEmpty)
        #expect(broken.diagnostics.map(\.description) == ["b.txt:2 (byte 30): [invalid-utf8] file is not valid UTF-8; skipped"])
    }
}
