/// Reads a page of IGF session reports (`IGF 2019 Reports`): many sessions, one after another.
///
/// A session starts where a session-type line (`Main Session`, `Ceremonial/HL Session`, …) is
/// followed by an `Updated: <date>` line; its title is the non-blank line above the type. An
/// optional theme line follows, then the numbered sections `1. Key Policy Questions …` to
/// `8. Session Outputs:`, any of which may be empty. The year is the page header's
/// (`IGF 2019 Reports`), never the `Updated:` date: reports are often updated a year later.
public enum ReportPageExtractor {
    /// The eight report sections, by number, as the headings begin.
    static let sectionTitles = [
        "key policy questions", "discussion areas", "policy recommendations", "other initiatives",
        "making progress", "estimated participation", "reflection to gender", "session outputs",
    ]

    /// The year of an `IGF <year> Reports` header line.
    static func parseHeader(_ line: String) -> Int? {
        var scanner = TextScanner(line.trimmed)
        guard scanner.consume("IGF"), scanner.skipWhitespace(), let year = scanner.integer(),
              (1990...2999).contains(year) else { return nil }
        let rest = scanner.remainder().collapsingWhitespace.lowercased()
        return rest == "reports" || rest == "session reports" ? year : nil
    }

    public static func recognizes(_ text: DocumentText) -> Bool {
        guard let first = text.nextNonBlank(from: 0) else { return false }
        return parseHeader(text.lines[first].text) != nil
    }

    /// The section number a heading line opens (`6. Estimated Participation:` → 6), if any.
    static func sectionNumber(_ content: String) -> Int? {
        guard let first = content.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        if let settled = content.utf8.withContiguousStorageIfAvailable(asciiSectionNumber), let settled { return settled }
        var scanner = TextScanner(content)
        guard let number = scanner.integer(), (1...8).contains(number), scanner.consume(".") else { return nil }
        scanner.skipWhitespace()
        return scanner.remainder().lowercased().hasPrefix(sectionTitles[number - 1]) ? number : nil
    }

    /// `sectionTitles` as bytes, for `asciiSectionNumber`.
    private static let sectionTitleBytes = sectionTitles.map { Array($0.utf8) }

    /// `sectionNumber` read on the bytes: `.some` when they settle it, nil when a byte above
    /// 0x7F where the title is compared calls for the `Character` path (`lowercased()` maps
    /// some such letters to ASCII, and a combining mark joins the letter before it).
    private static func asciiSectionNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int?? {
        var at = 0
        var number: Int? = 0
        while at < bytes.count, (0x30...0x39).contains(bytes[at]) {
            number = number.flatMap { ASCII.appending(digit: Int(bytes[at] - 0x30), to: $0) }
            at += 1
        }
        guard let number, (1...8).contains(number), at < bytes.count, bytes[at] == UInt8(ascii: ".") else { return .some(nil) }
        at += 1
        while at < bytes.count, ASCII.isWhitespace(bytes[at]) { at += 1 }
        for expected in sectionTitleBytes[number - 1] {
            guard at < bytes.count else { return .some(nil) }
            let byte = bytes[at]
            if byte >= 0x80 { return nil }
            if ASCII.lowercased(byte) != expected { return .some(nil) }
            at += 1
        }
        if at < bytes.count, bytes[at] >= 0x80 { return nil }
        return .some(number)
    }

    public static func extract(_ text: DocumentText, file: String, vocabularies: Vocabularies) -> ExtractedDocument {
        guard let headerIndex = text.nextNonBlank(from: 0),
              let year = parseHeader(text.lines[headerIndex].text) else {
            return ExtractedDocument(file: file, kind: nil)
        }
        let lines = text.lines
        // Session starts: the index of each type line (followed by `Updated:`) and of its title.
        var starts: [(title: Int, type: Int)] = []
        for index in (headerIndex + 1)..<lines.count {
            // Sessions do not overlap: a title comes after the previous session's type line,
            // and an `Updated:` line is never itself a type line.
            guard !lines.isBlank(index), !lines.trimmedHasPrefix(index, "Updated:"),
                  let next = text.nextNonBlank(from: index + 1), lines.trimmedHasPrefix(next, "Updated:"),
                  let title = text.previousNonBlank(before: index, after: starts.last?.type ?? headerIndex) else { continue }
            let heading = lines[title].text.trimmed
            guard sectionNumber(heading) == nil || heading.hasSuffix(":") == false else { continue }
            starts.append((title, index))
        }
        var sessions: [RawSession] = []
        var diagnostics: [Diagnostic] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].title : lines.count
            let (session, found) = extractSession(lines, title: start.title, type: start.type, end: end,
                                                  year: year, file: file, vocabularies: vocabularies)
            sessions.append(session)
            diagnostics += found
        }
        return ExtractedDocument(file: file, kind: .reportPage, sessions: sessions, diagnostics: diagnostics)
    }

    /// The session whose title and type lines are at `titleIndex` and `typeIndex`, its
    /// sections running to `end`.
    private static func extractSession(_ lines: DocumentText.Lines, title titleIndex: Int, type typeIndex: Int, end: Int, year: Int,
                                       file: String, vocabularies: Vocabularies) -> (RawSession, [Diagnostic]) {
        let at = { (line: Int) in SourceLocation(file: file, line: line) }
        let title = lines[titleIndex]
        var session = RawSession(sourceKind: .reportPage, year: year, title: title.text.collapsingWhitespace,
                                 sessionType: lines[typeIndex].text.sessionTypeCased,
                                 location: at(title.number))
        var diagnostics: [Diagnostic] = []
        // Split the rest into numbered sections (by number; a repeated heading starts its
        // section again); the line after `Updated:` may be a theme.
        var sections: [(heading: DocumentText.Line, body: [DocumentText.Line])?] = Array(repeating: nil, count: sectionTitles.count + 1)
        var current: Int?
        var seenUpdated = false
        for index in (typeIndex + 1)..<end {
            // A blank line adds to no section and names no theme: settled on its bytes, as is
            // a line outside section 6 that can only be a person line but whose first
            // character is ASCII, neither a digit (a heading may start) nor one that may begin
            // a person line. Neither is made text.
            let start = lines.start(of: index)
            if start == .blank { continue }
            if let number = current, number != 6, case .ascii(let lead) = start,
               !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lead), !ReportPersonLine.mayBegin(with: lead) { continue }
            let line = lines[index]
            let content = line.text.trimmed
            if let number = sectionNumber(content) {
                current = number
                var body: [DocumentText.Line] = []
                if let colon = content.firstIndex(ofASCII: UInt8(ascii: ":")) {
                    let rest = content[content.index(after: colon)...].trimmed
                    if !rest.isEmpty { body.append(DocumentText.Line(number: line.number, text: rest)) }
                }
                sections[number] = (line, body)
            } else if let number = current {
                if !content.isEmpty { sections[number]?.body.append(line) }
            } else if content.hasPrefix("Updated:") {
                seenUpdated = true
            } else if seenUpdated, !content.isEmpty, session.theme == nil {
                session.theme = content.collapsingWhitespace
            }
        }
        if sections[6] == nil {
            diagnostics.append(Diagnostic(.missingSection, at: session.location,
                                          "session has no `6. Estimated Participation` section; no participation read", raw: session.title))
        }
        if let participation = sections[6], !participation.body.isEmpty {
            let (figures, found) = ParticipationParser.parse(participation.body, heading: at(participation.heading.number))
            if !figures.isEmpty { session.participation = figures }
            diagnostics += found
        }
        for (number, section) in sections.enumerated() where number != 6 {
            for line in section?.body ?? [] {
                if let person = ReportPersonLine.parse(line.text, vocabularies: vocabularies, at: at(line.number)) {
                    session.people.append(person)
                }
            }
        }
        return (session, diagnostics)
    }
}
