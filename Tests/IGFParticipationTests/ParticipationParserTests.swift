import Testing
@testable import IGFParticipation

@Suite("Estimated participation")
struct ParticipationParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [String]
        var onsite: Count?
        var online: Count?
        var total: Count?
        var women: Count?
        var men: Count?
        var testDescription: String { name }
    }

    static func parse(_ lines: [String]) -> (Participation, [Diagnostic]) {
        let numbered = lines.enumerated().map { DocumentText.Line(number: 100 + $0.offset, text: $0.element) }
        return ParticipationParser.parse(numbered, heading: SourceLocation(file: "r.txt", line: 99))
    }

    @Test("the sample reports' wording", arguments: [
        Case(name: "people including women; remote participants on their own line",
             lines: ["25 people, including 6 women.",
                     "The remote participation technician in the room indicated 2 participants were connected remotely."],
             onsite: Count(25), online: Count(2), total: Count(27), women: Count(6)),
        Case(name: "women and men make the onsite figure; an unknown online figure stays absent",
             lines: ["onsite: 50 women / 50 men", "online: not known yet"],
             onsite: Count(100), total: Count(100), women: Count(50), men: Count(50)),
        Case(name: "over: lower bounds; the word 'Estimated' in a label is not a qualifier",
             lines: ["Online and onsite participants: over 450", "Estimated number of women: over 250"],
             total: Count(450, .lower), women: Count(250, .lower)),
        Case(name: "N and +, a plain online figure, a percentage of everyone",
             lines: ["Onsite participants: 100 and +", "online participants: 300",
                     "40% of the participants both online and offline are women"],
             onsite: Count(100, .lower), online: Count(300), total: Count(400, .lower), women: Count(160, .derived)),
        Case(name: "present and remote in one sentence",
             lines: ["170 present participants and 15 remote participants"],
             onsite: Count(170), online: Count(15), total: Count(185)),
    ])
    func samples(_ example: Case) {
        let (participation, diagnostics) = Self.parse(example.lines)
        #expect(participation.onsite == example.onsite)
        #expect(participation.online == example.online)
        #expect(participation.total == example.total)
        #expect(participation.women == example.women)
        #expect(participation.men == example.men)
        #expect(diagnostics.isEmpty)
    }

    @Test("qualifiers and number forms", arguments: [
        ("About 40 participants", Count(40, .approximate)),
        ("around 1,200 participants", Count(1200, .approximate)),
        ("Participants: approximately 75", Count(75, .approximate)),
        ("Estimated 300 participants attended", Count(300, .approximate)),
        ("~60 participants", Count(60, .approximate)),
        ("More than 80 people", Count(80, .lower)),
        ("At least 35 attendees", Count(35, .lower)),
        ("Participants: 120+", Count(120, .lower)),
        ("In total 2,500 participants", Count(2500)),
        ("45 participants in the room and online", Count(45)),
    ])
    func qualifiers(_ line: String, _ total: Count) {
        let (participation, diagnostics) = Self.parse([line])
        #expect(participation.total == total)
        #expect(diagnostics.isEmpty)
    }

    @Test("numbers that match no rule are reported with file:line, never used", arguments: [
        "The session was held in room 12",
        "Session 3 of the track",
        "8 out of 10",
    ])
    func unreadable(_ line: String) {
        let (participation, diagnostics) = Self.parse([line])
        #expect(participation.isEmpty)
        #expect(diagnostics.map(\.code) == [.participationUnreadable])
        #expect(diagnostics.first?.location == SourceLocation(file: "r.txt", line: 100))
        #expect(diagnostics.first?.raw == line)
    }

    @Test("impossible numbers are reported, not counted")
    func impossible() {
        let tooLarge = Self.parse(["99999999999999999999 people"])
        #expect(tooLarge.0.isEmpty)
        #expect(tooLarge.1.map(\.code) == [.numberTooLarge])
        let percent = Self.parse(["100 participants", "120% of participants were women"])
        #expect(percent.0.women == nil)
        #expect(percent.1.map(\.code) == [.percentageOutOfRange])
        let negative = Self.parse(["-5 people"])
        #expect(negative.0.isEmpty)
        #expect(negative.1.map(\.code) == [.negativeCount])
    }

    @Test("a second, different figure for the same thing is a conflict: the first wins")
    func conflict() {
        let (participation, diagnostics) = Self.parse(["Onsite participants: 40", "onsite: 45"])
        #expect(participation.onsite == Count(40))
        #expect(diagnostics.map(\.code) == [.participationConflict])
        #expect(diagnostics.first?.location.line == 101)
    }

    @Test("a women percentage with no participant figure to apply it to is reported")
    func percentageWithoutBase() {
        let (participation, diagnostics) = Self.parse(["30% women"])
        #expect(participation.women == nil)
        #expect(diagnostics.map(\.code) == [.participationUnreadable])
    }

    @Test("sums and derived figures keep the weakest qualifier", arguments: [
        ([Qualifier.exact, .exact], Qualifier.exact), ([.exact, .lower], .lower), ([.approximate, .derived], .approximate),
        ([.derived, .exact], .derived), ([.lower, .approximate], .lower),
    ])
    func combined(_ parts: [Qualifier], _ result: Qualifier) {
        #expect(Qualifier.combined(parts) == result)
        #expect(Count.sum(parts.map { Count(1, $0) }) == Count(parts.count, result))
    }

    @Test("an ASCII statement read on its bytes gives what its Characters give: numbers, percentages, signs, subjects",
          arguments: [
              "25 people, including 6 women.", "onsite: 50 women / 50 men", "around 1,200 participants", "1,2345 people",
              "1,234,567 attendees", "12,34 people", "99999999999999999999 people", "9223372036854775807 people",
              "9223372036854775808 people", "-5 people", "a-5 people", "x5 people", "5 % women", "45%of them women",
              "40% of the participants both online and offline are women", "Onsite participants: 100 and +",
              "~60 participants", "room 12", "0 men: 007 women", "",
          ])
    func bytesAndCharacters(_ statement: String) {
        let lower = statement.lowercased()
        let byBytes = ParticipationParser.State.mentions(in: Array(lower.utf8))
        let byCharacters = ParticipationParser.State.mentions(in: Array(lower))
        #expect(byBytes.map { [$0.value, $0.start, $0.end] } == byCharacters.map { [$0.value, $0.start, $0.end] })
        #expect(byBytes.map { [$0.isPercent, $0.isNegative] } == byCharacters.map { [$0.isPercent, $0.isNegative] })
        let location = SourceLocation(file: "r.txt", line: 7)
        var bytes = ParticipationParser.State(participation: Participation(location: location))
        var characters = bytes
        bytes.read(Array(lower.utf8), at: location, raw: statement)
        characters.read(Array(lower), at: location, raw: statement)
        #expect(bytes.finish().0 == characters.finish().0)
        #expect(bytes.finish().1 == characters.finish().1)
    }

    @Test("mentions: values, places and signs of a statement's numbers", arguments: [
        ("around 1,200 participants", [1200], [false], [false]),
        ("1,2345 people", [1, 2345], [false, false], [false, false]),
        ("99999999999999999999 people", [nil], [false], [false]),
        ("-5 people and 40 % women", [5, 40], [false, true], [true, false]),
        ("a-5 x5", [5], [false], [false]),
    ] as [(String, [Int?], [Bool], [Bool])])
    func mentions(_ statement: String, _ values: [Int?], _ percents: [Bool], _ negatives: [Bool]) {
        let found = ParticipationParser.State.mentions(in: Array(statement.utf8))
        #expect(found.map(\.value) == values)
        #expect(found.map(\.isPercent) == percents)
        #expect(found.map(\.isNegative) == negatives)
    }

    @Test("words: runs of letters and digits, lowercased; an ASCII line split on its bytes gives the Character path's words",
          arguments: [
              ("Women: 30 (45%) Onsite-Participants", ["women", "30", "45", "onsite", "participants"]),
              ("  ", []),
              ("approx.150 people\r\n", ["approx", "150", "people"]),
              ("Participantes en línea: 12", ["participantes", "en", "línea", "12"]),
              ("ÉTUDIANTS ½", ["étudiants", "½"]),
          ])
    func words(_ text: String, _ expected: [String]) {
        #expect(ParticipationParser.Words(text).words == expected)
        #expect(text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init) == expected)
    }
}
