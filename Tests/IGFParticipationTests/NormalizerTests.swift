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

    @Test("folded names, scalar for scalar: composed (NFC), lower case, one space between words", arguments: [
        ("Ana Laura Marti\u{0301}nez", "ana laura mart\u{ED}nez"),
        ("  Jos\u{E9}\t Mar\u{ED}a,\u{A0}PhD ", "jos\u{E9} mar\u{ED}a phd"),
        ("\u{D1}and\u{FA}-P\u{E9}rez (\u{C6}lfric) \u{DF}", "\u{F1}and\u{FA} p\u{E9}rez \u{E6}lfric \u{DF}"),
        ("\u{130}stanbul \u{1C5}emal", "i\u{307}stanbul \u{1C6}emal"),
        ("\u{391}\u{398}\u{397}\u{39D}\u{391} \u{3A3}\u{3BF}\u{3C6}\u{3AF}\u{3B1}", "\u{3B1}\u{3B8}\u{3B7}\u{3BD}\u{3B1} \u{3C3}\u{3BF}\u{3C6}\u{3AF}\u{3B1}"),
        ("Zo\u{EB} \u{2160}I 2\u{BD}", "zo\u{EB} \u{2170}i 2\u{BD}"),
        ("\u{212B}ngstr\u{F6}m", "\u{E5}ngstr\u{F6}m"),
        ("Ren\u{E9}e \u{301}Dupont", "ren\u{E9}e dupont"),  // a mark after a space goes with it
        ("  Dvo\u{158}\u{C1}K,\u{A0} Anton\u{ED}n\t", "dvo\u{159}\u{E1}k anton\u{ED}n"),
        ("\u{141}ukasz \u{2BC}Nowak\u{2BC}", "\u{142}ukasz \u{2BC}nowak\u{2BC}"),
    ])
    func foldedNameScalars(_ name: String, _ folded: String) {
        #expect(Array(name.foldedName.unicodeScalars) == Array(folded.unicodeScalars))
    }

    @Test("the Latin-1 byte fold is the property fold for every scalar below U+0100, and steps aside above it")
    func latin1Fold() {
        for value in 0..<0x100 {
            let scalar = String(Character(Unicode.Scalar(UInt32(value))!))
            for text in ["Ab\(scalar)Cd", "\(scalar) x", "x \(scalar)", scalar, "\(scalar)\(scalar)\r\n\(scalar)É"] {
                let bytes = text.latin1FoldedName.map { Array($0.unicodeScalars) }
                #expect(bytes == Array(text.scalarFoldedName.unicodeScalars), "U+\(String(value, radix: 16))")
            }
        }
        #expect("Łukasz".latin1FoldedName == nil && "Łukasz".foldedName == "łukasz")
        #expect("José\u{301}".latin1FoldedName == nil)
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
