import Testing
@testable import IGFParticipation

@Suite("Normalizing people and sessions")
struct NormalizerTests {
    @Test("names fold for case, white space and punctuation; diacritics stay", arguments: [
        ("Alexandre Roure", "alexandre roure"),
        ("  ALEXANDRE\u{00A0} ROURE ", "alexandre roure"),
        ("Charlotte Altenhöner-Dion", "charlotte altenhöner dion"),
        ("A. Seger", "a seger"),
        ("Ana Laura Martínez", "ana laura martínez"),
        ("Ana Laura Marti\u{0301}nez", "ana laura martínez"),
    ])
    func foldedName(_ name: String, _ folded: String) {
        #expect(name.foldedName == folded)
    }

    @Test("session ids are stable: number when there is one, else the title's slug")
    func sessionIDs() {
        let numbered = RawSession(sourceKind: .proposal, year: 2020, number: SessionNumber(prefix: "ws", value: 221),
                                  title: "Striking", location: SourceLocation(file: "f", line: 1))
        let titled = RawSession(sourceKind: .reportPage, year: 2019,
                                title: "Dynamic Coalitions – Joint Efforts to achieve the SDGs",
                                location: SourceLocation(file: "f", line: 1))
        #expect(Normalizer.sessionID(for: numbered) == "2020-WS-221")
        #expect(Normalizer.sessionID(for: titled) == "2019-dynamic-coalitions-joint-efforts-to-achieve-the-sdgs")
    }

    @Test("slugs: folded words joined by hyphens, ASCII on the bytes", arguments: [
        ("Data Governance: Breakout (2)", "data-governance-breakout-2"), ("  ", ""), ("AI & Human-Rights", "ai-human-rights"),
        ("Dynamic Coalitions – Joint Efforts", "dynamic-coalitions-joint-efforts"), ("Société Numérique", "société-numérique"),
    ])
    func slugs(_ title: String, _ slug: String) {
        #expect(title.slug == slug)
        #expect(title.slug == title.foldedName.split(separator: " ").joined(separator: "-"))
    }

    @Test("WS #188: one slot per person per role; organizers take the groups stated for them in the session")
    func ws188() throws {
        let (sessions, diagnostics) = TestSupport.sessions(in: "igf2021-ws188-proposal.txt")
        let session = try #require(sessions.first)
        #expect(session.id == "2021-WS-188")
        #expect(session.uniquePeople == 4)
        let roure = session.people.filter { $0.name == "Alexandre Roure" }
        #expect(roure.map(\.role) == [.organizer, .unlabeled, .moderatorOnline])
        #expect(Set(roure.map(\.stakeholder)) == [.privateSector])
        #expect(Set(roure.map(\.region)) == [.weog])
        let seger = session.people.filter { $0.key == "alexander seger" }
        #expect(seger.map(\.role) == [.organizer, .speaker, .unlabeled])
        #expect(seger.first?.organization == "Council of Europe")
        #expect(seger.first?.stakeholder == .intergovernmentalOrganization)
        #expect(!diagnostics.contains { $0.code == .unknownStakeholder || $0.code == .unknownRegion })
    }

    @Test("unknown labels become Unknown, with file:line and the raw text")
    func unknownLabels() throws {
        let url = TestSupport.fixtures.appendingPathComponent("labels/unknown-labels-proposal.txt")
        let document = Extractor.extract(bytes: TestSupport.bytes(url), file: "labels.txt", vocabularies: TestSupport.vocabularies)
        let (sessions, diagnostics) = Normalizer.normalize(document, with: TestSupport.vocabularies)
        let session = try #require(sessions.first)
        let rossi = try #require(session.people.first { $0.role == .speaker && $0.key == "maria rossi" })
        #expect(rossi.stakeholder == .unknown)
        #expect(rossi.stakeholderRaw == "Academia")
        #expect(rossi.region == .weog)
        let unknown = diagnostics.filter { $0.code == .unknownStakeholder || $0.code == .unknownRegion }
        #expect(unknown.map(\.description) == [
            "labels.txt:4: [unknown-stakeholder] stakeholder group matches no vocabulary entry; counted as Unknown: \"Academia\"",
            "labels.txt:5: [unknown-region] regional group matches no vocabulary entry; counted as Unknown: \"Middle East\"",
            "labels.txt:7: [unknown-stakeholder] stakeholder group matches no vocabulary entry; counted as Unknown: \"Academia\"",
            "labels.txt:8: [unknown-region] regional group matches no vocabulary entry; counted as Unknown: \"Middle East\"",
            "labels.txt:13: [unknown-stakeholder] stakeholder group matches no vocabulary entry; counted as Unknown: \"Academia\"",
            "labels.txt:21: [unknown-region] regional group matches no vocabulary entry; counted as Unknown: \"Middle East\"",
        ])
    }

    @Test("nameless organizers are distinct people, never merged")
    func nameless() throws {
        let (sessions, _) = TestSupport.sessions(in: "igf2020-ws221-proposal.txt")
        let session = try #require(sessions.first)
        let organizers = session.people.filter { $0.role == .organizer }
        #expect(organizers.map(\.key) == ["2020-WS-221#organizer-1", "2020-WS-221#organizer-2", "2020-WS-221#organizer-3"])
        #expect(session.uniquePeople == 6)
    }
}
