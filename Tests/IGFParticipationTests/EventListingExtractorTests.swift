import Testing
@testable import IGFParticipation

@Suite("Event listings")
struct EventListingExtractorTests {
    static let document = Extractor.extract(
        bytes: TestSupport.bytes(TestSupport.corpus.appendingPathComponent("igf2021-itforchange-event-listing.txt")),
        file: "listing.txt", vocabularies: TestSupport.vocabularies)

    @Test("eight sessions with title, number, type and organizers, in page order")
    func sessions() {
        #expect(Self.document.kind == .eventListing)
        let sessions = Self.document.sessions
        #expect(sessions.map(\.title) == [
            "Digital Policy Making from Below: Ask the Impacted Sectors First", "Digital Cooperation- Quo Vadis?",
            "Power and Authority in Internet Governance: Return of the State?", "Data justice: What is to be done?",
            "Women's Right to Online Participation: Promise or Pipedream?", "Syncing AI, Human Rights, & the SDGs: The Impossible Dream?",
            "Digital Health Blueprints for a Post-Pandemic World", "Fintech: A Sustainable Development Economy of Inclusivity?",
        ])
        #expect(sessions.map { $0.number?.description } == ["SESSION #64", nil, "EVENT #19", nil, nil, "WS #184", "WS #163", nil])
        #expect(sessions.map(\.sessionType) == ["Pre-event", "Main Session", "Book Launch and Award Event", "Workshop",
                                                "Open Forum", "Workshop", "Workshop", "Workshop"])
        #expect(sessions.map(\.organizers) == [
            "Just Net Coalition", nil, "Brock University", "Research ICT Africa/University of Cape Town",
            "UN Special Rapporteur on Freedom of Opinion and Expression, IT for Change and InternetLab",
            "Internet Rights and Principles Coalition/Goldsmiths University of London",
            "People's Health Movement, Medicus Mundi International - Network Health for All & IT for Change", nil,
        ])
        #expect(sessions.map(\.theme) == [nil, "Inclusive Internet Governance Ecosystems and Digital Cooperation", nil, nil,
                                          nil, nil, nil, "Economic and Social Inclusion and Human Rights"])
        #expect(sessions.map(\.location.line) == [5, 10, 18, 23, 28, 36, 41, 46])
    }

    @Test("dates and UTC times: 6, 8 or 9 December 2021; durations in page order")
    func schedule() {
        let schedules = Self.document.sessions.compactMap(\.schedule)
        #expect(schedules.count == 8)
        #expect(schedules.map(\.date) == ["2021-12-06", "2021-12-08", "2021-12-08", "2021-12-08", "2021-12-08",
                                          "2021-12-08", "2021-12-09", "2021-12-09"])
        #expect(schedules.map(\.durationMinutes) == [150, 90, 60, 60, 60, 90, 60, 90])
        #expect(Self.document.sessions.map(\.durationMinutes) == [150, 90, 60, 60, 60, 90, 60, 90])
        #expect(schedules.map(\.start) == ["09:30", "10:15", "12:45", "12:50", "15:15", "15:50", "12:50", "08:30"])
        #expect(schedules.map(\.end) == ["12:00", "11:45", "13:45", "13:50", "16:15", "17:20", "13:50", "10:00"])
    }

    @Test("the year is the one stated for the sessions that the weekdays agree with, not the intro's IGF 2020")
    func year() {
        #expect(EventListingExtractor.statedYears(Array(TestSupport.corpusText("igf2021-itforchange-event-listing.txt").lines)) == [2020, 2021])
        #expect(Set(Self.document.sessions.map(\.year)) == [2021])
        #expect(Self.document.diagnostics.isEmpty)
    }

    @Test("a weekday that disagrees with the year is a warning")
    func weekdayMismatch() throws {
        let text = try DocumentText.decode(Array("""
            Our sessions at IGF 2021.
            1. A session (WS #1)
            Workshop organized by Somebody
            Tuesday, Dec 6 | 9:00 AM - 10:00 AM UTC
            2. Another (WS #2)
            Workshop organized by Somebody Else
            Wednesday, Dec 8 | 11:00 AM - 12:30 PM UTC
            """.utf8)).get()
        let document = EventListingExtractor.extract(text, file: "l.txt")
        #expect(document.sessions.map(\.year) == [2021, 2021])
        #expect(document.diagnostics.map(\.description)
                == ["l.txt:4: [weekday-mismatch] weekday does not fall on this date in 2021, the listing's year: \"Tuesday, Dec 6 | 9:00 AM - 10:00 AM UTC\""])
    }

    @Test("schedule lines", arguments: [
        ("Monday, Dec 6 | 9:30 AM - 12:00 PM UTC", 0, 12, 6, 570, 720),
        ("Thursday, Dec 9 | 12:50 PM - 01:50 PM UTC", 3, 12, 9, 770, 830),
        ("Friday, November 12 | 11:30 PM - 12:30 AM UTC", 4, 11, 12, 1410, 30),
    ])
    func scheduleLine(_ line: String, _ weekday: Int, _ month: Int, _ day: Int, _ start: Int, _ end: Int) throws {
        let parsed = try #require(EventListingExtractor.parseSchedule(line))
        #expect(parsed == .init(weekday: weekday, month: month, day: day, startMinute: start, endMinute: end))
    }

    @Test("schedule lines read on the bytes as on Characters", arguments: [
        ("Monday, Dec 6 | 9:30 AM - 12:00 PM UTC", EventListingExtractor.ScheduleLine(weekday: 0, month: 12, day: 6, startMinute: 570, endMinute: 720)),
        ("  monday ,  DECEMBER  06|09:30 am -   12:00 pm utc  ", .init(weekday: 0, month: 12, day: 6, startMinute: 570, endMinute: 720)),
        ("Friday,Mayday,+5 | 1::05 PM - 12:-0 AM UtC", .init(weekday: 4, month: 5, day: 5, startMinute: 785, endMinute: 0)),
        ("Sunday, Jan 31 |\t11:59 PM - 12:00 AM UTC\r", .init(weekday: 6, month: 1, day: 31, startMinute: 1439, endMinute: 0)),
        ("Monday, Dec 6 | 9:30 AM - 12:00 PM", nil),          // no UTC
        ("Monday, Dec 6 | 9:30 AM - 12:00 PM UTC | x", nil),  // three parts
        ("Monday, Dec 6 || 9:30 AM - 12:00 PM UTC", .init(weekday: 0, month: 12, day: 6, startMinute: 570, endMinute: 720)),
        ("Monday, Dec 6 | 9:30 AM -  - 12:00 PM UTC", nil),  // the separator twice
        ("Monday, Dec 6 | 9:30 AM - - 12:00 PM UTC", nil),   // `- 12:00 PM` is three words
        ("Monday, Dec 32 | 9:30 AM - 12:00 PM UTC", nil),
        ("Monday, Dec 0 | 9:30 AM - 12:00 PM UTC", nil),
        ("Monday, Dec 99999999999999999999 | 9:30 AM - 12:00 PM UTC", nil),
        ("Monday, Dec 6 | 13:30 AM - 12:00 PM UTC", nil),
        ("Monday, Dec 6 | 9:60 AM - 12:00 PM UTC", nil),
        ("Monday, Dec 6 | 9:30 XM - 12:00 PM UTC", nil),
        ("Monday, Dec 6 | 9:30AM - 12:00 PM UTC", nil),
        ("Mon, Dec 6 | 9:30 AM - 12:00 PM UTC", nil),
        ("Monday, Dez 6 | 9:30 AM - 12:00 PM UTC", nil),
        ("Monday Dec 6 2021 | 9:30 AM - 12:00 PM UTC", nil),
        ("Monday, Dec 6 | -9:30 AM - 12:00 PM UTC", nil),
        // The parts are trimmed as `trimmed` trims ASCII: the separators 0x1C–0x1F go too.
        ("\u{1C}Monday, Dec 6 | 9:30 AM - 12:00 PM UTC\u{1F}", .init(weekday: 0, month: 12, day: 6, startMinute: 570, endMinute: 720)),
        ("Monday,\u{1C}Dec 6 | 9:30 AM - 12:00 PM UTC", nil),
        ("| UTC", nil), ("|", nil), ("UTC|", nil),
    ] as [(String, EventListingExtractor.ScheduleLine?)])
    func scheduleOnBytes(_ line: String, _ expected: EventListingExtractor.ScheduleLine?) {
        #expect(EventListingExtractor.asciiSchedule(Array(line.utf8)) == expected)
        #expect(EventListingExtractor.characterSchedule(line) == expected)
        #expect(EventListingExtractor.parseSchedule(line) == expected)
    }

    @Test("kind lines: ASCII searched on the bytes, other text by Foundation, the same reading", arguments: [
        ("Workshop organized by Org A, Org B", "Workshop", "Org A, Org B", nil),
        ("Open forum  by   the Government of X", "Open Forum", "Government of X", nil),
        ("Main Session on Digital Trust", "Main Session", nil, "Digital Trust"),
        ("WORKSHOP ORGANISED BY Somebody", "WORKSHOP", "Somebody", nil),  // a word with inner capitals keeps them
        ("Lunch organized by Somebody", nil, nil, nil),
        ("Workshop by Société Numérique", "Workshop", "Société Numérique", nil),
        ("Atelier organisé by Someone", nil, nil, nil),
        ("A workshop on a long title by a group", nil, nil, nil),
    ] as [(String, String?, String?, String?)])
    func kindLine(_ line: String, _ type: String?, _ organizers: String?, _ theme: String?) {
        let kind = EventListingExtractor.parseKind(line)
        #expect(kind?.type == type)
        #expect(kind?.organizers == organizers)
        #expect(kind?.theme == theme)
    }

    @Test("title lines: list number dropped, session number from the last parentheses, ASCII read on the bytes", arguments: [
        ("7. Digital Health Blueprints for a Post-Pandemic World (WS #163)", "Digital Health Blueprints for a Post-Pandemic World", "WS", 163),
        ("Opening  ceremony", "Opening ceremony", nil, nil),
        ("A (draft) title (OF # 12 )", "A (draft) title", "OF", 12),
        ("A title (WS 12)", "A title (WS 12)", nil, nil),
        ("A title (#12)", "A title (#12)", nil, nil),
        ("A title (WS ## 12)", "A title", "WS", 12),
        ("A title (WS #1 #2)", "A title (WS #1 #2)", nil, nil),
        ("Société numérique (WS #9)", "Société numérique", "WS", 9),
        ("Title (WS #9)\u{301}", "Title (WS #9)\u{301}", nil, nil),   // the last Character is not `)`
        ("Title (\u{301}WS #9)", "Title (\u{301}WS #9)", nil, nil),   // `(` with a mark is another Character
        ("Title (Atelier n°#4)", "Title", "ATELIER N°", 4),   // a prefix is upper-cased
    ] as [(String, String, String?, Int?)])
    func titleLine(_ line: String, _ title: String, _ prefix: String?, _ number: Int?) {
        let parsed = EventListingExtractor.parseTitle(line)
        #expect(parsed.title == title)
        #expect(parsed.number?.prefix == prefix)
        #expect(parsed.number?.value == number)
    }

    @Test("weekday of a date", arguments: [(2021, 12, 6, 0), (2020, 12, 6, 6), (1970, 1, 1, 3), (2000, 2, 29, 1)])
    func weekday(_ year: Int, _ month: Int, _ day: Int, _ weekday: Int) {
        #expect(Schedule.weekday(year: year, month: month, day: day) == weekday)
    }

    @Test("a session past midnight UTC ends the next day")
    func pastMidnight() {
        #expect(Schedule(year: 2021, month: 11, day: 12, startMinute: 1410, endMinute: 30).durationMinutes == 60)
    }

    @Test("stated years: every `IGF <year>` of a line, on the bytes when it is ASCII, as the Substring search reads it",
          arguments: [("We will be at UN IGF 2020 and IGF 2021.", [2020, 2021]), ("IGF IGF 2019", [2019]), ("IGF 1989, IGF 3000", []),
                      ("IGF 20201", []), ("IGF 99999999999999999999999", []), ("the IGF  2020", []), ("IGF 2021", [2021]),
                      ("IGF 2022 – Addis", [2022]), ("IGF\u{A0}2020 IGF 2021", [2021])])
    func statedYears(_ line: String, _ years: [Int]) {
        #expect(EventListingExtractor.statedYears([DocumentText.Line(number: 1, text: line)]) == years)
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(EventListingExtractor.asciiStatedYears(line.utf8) == years)
        }
    }
}
