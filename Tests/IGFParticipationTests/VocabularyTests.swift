import Testing
@testable import IGFParticipation

@Suite("Vocabularies")
struct VocabularyTests {
    @Test("stakeholder labels seen in real pages and their variants", arguments: [
        ("Civil Society", StakeholderGroup.civilSociety),
        ("civil society", .civilSociety),
        ("Civil\u{00A0}Society", .civilSociety),
        ("  Civil   Society ", .civilSociety),
        ("Technical community", .technicalCommunity),
        ("Intergovernmental Organisation", .intergovernmentalOrganization),
        ("Intergovernmental Organization", .intergovernmentalOrganization),
        ("Private sector", .privateSector),
        ("GOVERNMENT", .government),
    ])
    func stakeholder(_ label: String, _ group: StakeholderGroup) {
        #expect(TestSupport.vocabularies.stakeholders.match(label) == group)
    }

    @Test("a label's key on its bytes is the key of the label lower-cased and its white space collapsed",
          arguments: ["Civil Society", "  Civil \t  SOCIETY \n", "", "   ", "WEOG", "Asia-Pacific Group (APG)", "a\u{1C}b",
                      "Zoë Müller", "Civil\u{00A0}Society", "İstanbul", "ΣΟΦΊΑ", "x\u{301}"])
    func keyOnBytes(_ label: String) {
        #expect(Vocabulary<StakeholderGroup>.key(label) == label.lowercased().collapsingWhitespace)
    }

    @Test("regional labels: long names with or without the abbreviation", arguments: [
        ("Western European and Others Group (WEOG)", RegionalGroup.weog),
        ("Western European and Others Group", .weog),
        ("WEOG", .weog),
        ("weog", .weog),
        ("Latin American and Caribbean Group (GRULAC)", .grulac),
        ("GRULAC", .grulac),
        ("Asia-Pacific Group", .asiaPacific),
        ("Asia Pacific Group", .asiaPacific),
        ("Asia\u{00A0}Pacific", .asiaPacific),
        ("Eastern European Group", .easternEuropean),
        ("African Group", .african),
        ("Intergovernmental Organisation", .intergovernmentalOrganization),
        ("Intergovernmental Organization", .intergovernmentalOrganization),
    ])
    func region(_ label: String, _ group: RegionalGroup) {
        #expect(TestSupport.vocabularies.regions.match(label) == group)
    }

    @Test("labels that match nothing", arguments: ["Academia", "Middle East", "", "Western Europe (WE)", "Civil"])
    func unmatched(_ label: String) {
        #expect(TestSupport.vocabularies.stakeholders.match(label) == nil)
        #expect(TestSupport.vocabularies.regions.match(label) == nil)
    }

    @Test("a user's alias takes effect")
    func userAlias() throws {
        let csv = Array("canonical,alias\nTechnical Community,Academia\r\nCivil Society,NGO\n".utf8)
        let vocabulary = try Vocabulary.parse(csv: csv, file: "s.csv", canonical: StakeholderGroup.groups)
        #expect(vocabulary.match("academia") == .technicalCommunity)
        #expect(vocabulary.match("NGO") == .civilSociety)
        #expect(vocabulary.match("Government") == .government, "canonical labels always match themselves")
    }

    @Test("bad vocabulary files name the file and line", arguments: [
        ("label,alias\nGovernment,Gov\n", "s.csv:1: the header must be `canonical,alias`"),
        ("canonical,alias\nGovernment,Gov\nAcademia,Universities\n",
         "s.csv:3: `Academia` is not a canonical label (one of: Civil Society, Government, Intergovernmental Organization, Private Sector, Technical Community)"),
        ("canonical,alias\nGovernment,Public\nPrivate Sector,public\n",
         "s.csv:3: alias `public` already maps to `Government` on line 2"),
        ("canonical,alias\nGovernment,\"Gov\n", "s.csv: line 2: quoted field is never closed"),
    ])
    func badFile(_ text: String, _ message: String) {
        #expect(throws: VocabularyError.self) {
            try Vocabulary.parse(csv: Array(text.utf8), file: "s.csv", canonical: StakeholderGroup.groups)
        }
        do {
            _ = try Vocabulary.parse(csv: Array(text.utf8), file: "s.csv", canonical: StakeholderGroup.groups)
        } catch {
            #expect(error.description == message)
        }
    }
}
