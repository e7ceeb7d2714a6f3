import Testing
@testable import IGFParticipation

@Suite("Proposal line grammars")
struct ProposalLineTests {
    @Test("header line: year, number and title (2020) or title below (2021)", arguments: [
        ("IGF 2020 WS #221 Striking the right(s) balance", 2020, 221, "Striking the right(s) balance"),
        ("IGF 2020 WS #334 Multistakeholder Approaches to Democratic Digital Governance", 2020, 334,
         "Multistakeholder Approaches to Democratic Digital Governance"),
        ("IGF 2021 WS #188", 2021, 188, ""),
        ("  IGF\u{00A0}2021  WS # 188  ", 2021, 188, ""),
        ("igf 2019 ws #12 Lower case", 2019, 12, "Lower case"),
    ])
    func header(_ line: String, _ year: Int, _ number: Int, _ title: String) throws {
        let header = try #require(ProposalExtractor.parseHeader(line))
        #expect(header.year == year)
        #expect(header.number == SessionNumber(prefix: "WS", value: number))
        #expect(header.title == title)
    }

    @Test("lines that are not proposal headers", arguments: [
        "IGF 2019 Reports", "IGF 2020 WS #", "IGF WS #12 no year", "The IGF 2020 WS #1", "IGF 2021 OF #3 Open forum",
    ])
    func notHeader(_ line: String) {
        #expect(ProposalExtractor.parseHeader(line) == nil)
    }

    @Test("person fields: split at commas, white space collapsed, empty fields dropped; ASCII on the bytes", arguments: [
        ("Ana Silva, Civil Society, WEOG", ["Ana Silva", "Civil Society", "WEOG"]),
        (" a ,,  b\tc ,", ["a", "b c"]),
        ("Ana Laura Martínez, Cetic.br, GRULAC", ["Ana Laura Martínez", "Cetic.br", "GRULAC"]),
        ("x,\u{301}y, z", ["x,\u{301}y", "z"]),
        ("", []), (",,, ,", []), ("\u{1C}a\u{1F}b\u{0B}", ["a b"]), ("a,\r\nb", ["a", "b"]),
        ("Name\u{A0}Surname, x", ["Name Surname", "x"]),
    ])
    func fields(_ text: String, _ expected: [String]) {
        #expect(ProposalExtractor.splitFields(text) == expected)
    }

    @Test("person fields cut on the bytes are the fields the Character split gives, whatever the text",
          arguments: ["Ana Laura Martínez, Cetic.br, GRULAC", "Łódź,Kraków , ", "x,\u{301}y, z", "é,é", ",é,", "é\u{A0}, \u{A0}",
                      "\u{0600},x", "a,\u{0600}", "Ｓ, 1", "e\u{301},", "ä ,  ö\t, ü", "\u{1C}é\u{1F}b\u{0B},c", "😀,😀", "é,\r\n,é"])
    func fieldsAgree(_ text: String) {
        #expect(ProposalExtractor.splitFields(text) == text.split(separator: ",").map { $0.collapsingWhitespace }.filter { !$0.isEmpty })
    }

    @Test("format line parts cut on the bytes are Foundation's components",
          arguments: ["Round Table - U-shape - 60 Min", "a - - b", " - ", " -  - ", "a - ", " - a", "a -- b", "a-b", "", "-", " - - - ",
                      "Panel - Classroom - 60 min.", "Réunion - Salle - 60 Min", "a -\u{301} b - 60 Min"])
    func formatParts(_ line: String) {
        #expect(FormatLine.parts(line) == line.components(separatedBy: " - "))
    }

    @Test("format line: format, layout and minutes", arguments: [
        ("Round Table - U-shape - 60 Min", "Round Table", "U-shape", 60),
        ("Break-out Group Discussions - Flexible Seating - 90 Min", "Break-out Group Discussions", "Flexible Seating", 90),
        ("Other - 90 Min", "Other", nil, 90),
        ("Panel - Classroom - 60 min.", "Panel", "Classroom", 60),
    ] as [(String, String, String?, Int)])
    func formatLine(_ line: String, _ format: String, _ layout: String?, _ minutes: Int) throws {
        let parsed = try #require(FormatLine(line))
        #expect(parsed == FormatLine(format: format, layout: layout, minutes: minutes))
    }

    @Test("lines that are not format lines", arguments: [
        "Format description: Workshop", "Policy Question(s)", "Round Table - U-shape", "A - B - C - 60 Min",
        "It can be used for good or ill - and those with least power tend to be most vulnerable",
        "Round Table -U-shape- 60 Min", "Round Table\u{A0}-\u{A0}60 Min", "Round Table – 60 Min",
    ])
    func notFormatLine(_ line: String) {
        #expect(FormatLine(line) == nil)
    }

    @Test("SDG lines in both styles; numbered text that is no goal title is not a goal", arguments: [
        ("GOAL 16: Peace, Justice and Strong Institutions", 16),
        ("GOAL 17: Partnerships for the Goals", 17),
        ("9. Industry, Innovation and Infrastructure", 9),
        ("16. Peace, Justice and Strong Institutions", 16),
        ("3. Good Health and Well-being", 3),
        ("1. How are content governance standards to be set by platform companies?", nil),
        ("GOAL 18: Not a goal", nil),
        ("Targets: SDG 9: The free flow of data across borders", nil),
    ] as [(String, Int?)])
    func sdgLine(_ line: String, _ goal: Int?) {
        #expect(SDGLines.goal(in: line) == goal)
    }

    @Test("goals of a page: lines whose first byte cannot start a goal are passed over untrimmed; the others as before",
          arguments: [
        (["  GOAL 16: Peace, Justice and Strong Institutions", "\u{A0}9. Industry, Innovation and Infrastructure",
          "Participants discussed goals.", "  goal 5: Gender Equality"], [5, 9, 16]),
        // An ASCII line's trim takes the separators 0x1C–0x1F as white space (`ASCII.isSpace`).
        (["\u{1C}GOAL 16: Peace, Justice and Strong Institutions", "G\u{301}OAL 4: Quality Education", "", "   "], [16]),
        (["\t3. Good Health and Well-being", "3. Good Health and Well-being", "x3. Good Health and Well-being"], [3]),
        // Blank lines of every kind are passed over on their bytes; a goal after a no-break space is not.
        (["\u{A0}", "\u{1C}\u{1F}", " \t ", "\u{A0}\u{A0}GOAL 7: Affordable and Clean Energy", ""], [7]),
    ] as [([String], [Int])])
    func goalsOfPage(_ lines: [String], _ goals: [Int]) throws {
        let text = try #require(try? DocumentText.decode(Array((["IGF 2020 WS #1 T"] + lines).joined(separator: "\n").utf8)).get())
        #expect(SDGLines.goals(in: text, from: 1) == goals)
        #expect(SDGLines.goals(in: text, from: lines.count + 1) == [])
        #expect(Set(lines.compactMap { SDGLines.goal(in: $0.trimmed) }).sorted() == goals)
    }

    @Test("moderator-block labels", arguments: [
        ("Onsite Moderator", Role.moderatorOnsite), ("Online Moderator", .moderatorOnline),
        ("Rapporteur", .rapporteur), ("rapporteur:", .rapporteur), ("On-site  Moderator", .moderatorOnsite),
        ("Online Participation", nil), ("Alexandre Roure, Private Sector, WEOG", nil),
        ("MODERATOR:", .moderatorOnsite), ("\u{A0}Moderator", .moderatorOnsite), ("\u{1C}moderator", .moderatorOnsite),
        ("Moderator\u{301}", nil), ("Speaker 1: Ana", nil), ("-moderator", nil), ("\t rapporteur", .rapporteur),
    ] as [(String, Role?)])
    func roleLabel(_ line: String, _ role: Role?) {
        #expect(ProposalExtractor.roleLabel(line) == role)
    }

    @Test("numbered person lines: role and fields; other lines are none", arguments: [
        ("Organizer 1: Ana Silva, Civil Society, WEOG", Role.organizer, ["Ana Silva", "Civil Society", "WEOG"]),
        ("speaker 2 : Jo, Government", .speaker, ["Jo", "Government"]), ("ORGANIZER 3:", .organizer, []),
        ("Speaker\u{A0}4:\u{A0}x", .speaker, ["x"]), ("Moderator: x", nil, []), (" Organizer 1: x", nil, []),
        ("Organizer: x", nil, []), ("Speakers 1: x", nil, []), ("\u{FF33}peaker 1: x", nil, []), ("", nil, []),
    ] as [(String, Role?, [String])])
    func numberedPerson(_ line: String, _ role: Role?, _ fields: [String]) {
        let found = ProposalExtractor.numberedPerson(line)
        #expect(found?.0 == role)
        #expect(found?.1 ?? [] == fields)
    }

    @Test("commas of a person line: bytes of ASCII text, Characters of any other", arguments: [
        ("Ana, Civil Society, WEOG", 2), ("no commas", 0), ("é,\u{301}x, y", 1), (",,,", 3), ("", 0), ("Martínez, a, b", 2),
    ])
    func commas(_ line: String, _ count: Int) {
        #expect(ProposalExtractor.commas(in: line) == count)
        #expect(line.filter { $0 == "," }.count == count, "the Character count agrees")
    }

    @Test("the policy-question line, lower-cased on the bytes as lowercased() reads it", arguments: [
        ("Policy Question(s)", true), ("POLICY QUESTIONS:", true), ("policy question", true), ("Policy Questio", false),
        ("Policy question\u{301}s", false), ("Policy questio\u{301}n", false), ("Policy\u{A0}Question", false),
        ("Policy Questions é", true), ("", false), ("Polícy Question", false), ("Policy Question\u{301}", false),
    ])
    func policyQuestion(_ line: String, _ expected: Bool) {
        #expect(line.lowercasedHasPrefix("policy question") == expected)
        #expect(line.lowercased().hasPrefix("policy question") == expected, "lowercased() agrees")
        #expect(line.dropFirst(0).lowercasedHasPrefix("policy question") == expected)
    }
}
