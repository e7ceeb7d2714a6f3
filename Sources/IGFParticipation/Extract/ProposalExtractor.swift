/// Reads a workshop proposal page (one session) in the 2020 or the 2021 style.
///
/// 2020 style puts the title on the header line (`IGF 2020 WS #221 Striking …`) and lists
/// organizers as `Organizer N: <stakeholder>, <region>`. 2021 style puts the title on the
/// next line and lists organizers as `Organizer N: <name>, <organization>`, then moderator
/// blocks: a label (`Onsite Moderator`, `Online Moderator`, `Rapporteur`) and, below it, a
/// `<name>, <stakeholder>, <region>` line. Pages lose some labels; a person line with no
/// label above it keeps role `unlabeled` and a warning, never a guessed role.
public enum ProposalExtractor {
    /// The parsed header line: `IGF <year> WS #<n> [title]`.
    struct Header: Equatable {
        var year: Int
        var number: SessionNumber
        var title: String
    }

    /// Parses `IGF <year> WS #<n> [title]`, or nil when the line is not such a header.
    static func parseHeader(_ line: String) -> Header? {
        var scanner = TextScanner(line.trimmed)
        guard scanner.consume("IGF"), scanner.skipWhitespace(),
              let year = scanner.integer(), (1990...2999).contains(year), scanner.skipWhitespace(),
              scanner.consume("WS") else { return nil }
        scanner.skipWhitespace()
        guard scanner.consume("#") else { return nil }
        scanner.skipWhitespace()
        guard let value = scanner.integer() else { return nil }
        let title = scanner.remainder().collapsingWhitespace
        return Header(year: year, number: SessionNumber(prefix: "WS", value: value), title: title)
    }

    /// Whether the document's first non-blank line is a proposal header.
    public static func recognizes(_ text: DocumentText) -> Bool {
        guard let first = text.nextNonBlank(from: 0) else { return false }
        return parseHeader(text.lines[first].text) != nil
    }

    /// Extracts the one session a proposal describes.
    public static func extract(_ text: DocumentText, file: String) -> ExtractedDocument {
        var diagnostics: [Diagnostic] = []
        let at = { (line: Int) in SourceLocation(file: file, line: line) }
        guard let headerIndex = text.nextNonBlank(from: 0),
              let header = parseHeader(text.lines[headerIndex].text) else {
            return ExtractedDocument(file: file, kind: nil)
        }
        let headerLine = text.lines[headerIndex]
        var session = RawSession(sourceKind: .proposal, year: header.year, number: header.number,
                                 title: header.title, sessionType: "Workshop", location: at(headerLine.number))
        let titleOnHeader = !header.title.isEmpty
        var bodyStart = headerIndex + 1
        if !titleOnHeader {
            if let titleIndex = text.nextNonBlank(from: headerIndex + 1),
               !isPeopleOrFormatLine(text.lines[titleIndex].text) {
                session.title = text.lines[titleIndex].text.collapsingWhitespace
                bodyStart = titleIndex + 1
            } else {
                diagnostics.append(Diagnostic(.missingTitle, at: at(headerLine.number),
                                              "proposal header has no title on its line or the next",
                                              raw: headerLine.text.trimmed))
            }
        }

        var pendingLabel: (role: Role, line: Int)?
        var seenPeople = false
        var reachedPolicyQuestions = false
        var index = bodyStart
        while index < text.lines.count {
            let line = text.lines[index]
            index += 1
            let content = line.text.trimmed
            if content.isEmpty { continue }
            if content.lowercasedHasPrefix("policy question") {
                reachedPolicyQuestions = true
                break
            }
            if let (role, fields) = numberedPerson(content) {
                seenPeople = true
                session.people.append(person(role: role, fields: fields, titleOnHeader: titleOnHeader,
                                             at: at(line.number), raw: content, diagnostics: &diagnostics))
            } else if let role = roleLabel(content) {
                if let pending = pendingLabel {
                    diagnostics.append(Diagnostic(.danglingRoleLabel, at: at(pending.line),
                                                  "role label has no person line below it", raw: pending.role.label))
                }
                pendingLabel = (role, line.number)
            } else if let format = FormatLine(content) {
                session.format = format.format
                session.layout = format.layout
                session.durationMinutes = format.minutes
            } else if let description = valueAfter(prefix: "Format description:", in: content) {
                session.formatDescription = description
            } else if seenPeople, session.format == nil, commas(in: content) >= 2 {
                let role = pendingLabel?.role ?? .unlabeled
                if pendingLabel == nil {
                    diagnostics.append(Diagnostic(.missingRoleLabel, at: at(line.number),
                                                  "person line has no role label above it; kept as unlabeled",
                                                  raw: content))
                }
                pendingLabel = nil
                session.people.append(person(role: role, fields: splitFields(content), titleOnHeader: true,
                                             at: at(line.number), raw: content, diagnostics: &diagnostics))
            }
        }
        if let pending = pendingLabel {
            diagnostics.append(Diagnostic(.danglingRoleLabel, at: at(pending.line),
                                          "role label has no person line below it", raw: pending.role.label))
        }
        if !reachedPolicyQuestions, session.format == nil, let last = text.lines.last {
            diagnostics.append(Diagnostic(.incompleteDocument, at: at(last.number),
                                          "proposal ends before its format line and Policy Question(s): the page may be truncated; read as far as it goes",
                                          raw: String(last.text.trimmed.prefix(120))))
        }
        session.sdgs = SDGLines.goals(in: text, from: bodyStart)
        return ExtractedDocument(file: file, kind: .proposal, sessions: [session], diagnostics: diagnostics)
    }

    /// `Organizer 1: …` or `Speaker 2: …` → the role and the comma-separated fields.
    static func numberedPerson(_ content: String) -> (Role, [String])? {
        // Both prefixes begin with `o` or `s` in either case, and `consume` lower-cases an
        // ASCII first byte to ASCII: a line that begins with any other ASCII byte is neither.
        if let first = content.utf8.first, first < 0x80, !"os".utf8.contains(ASCII.lowercased(first)) { return nil }
        for (prefix, role) in [("Organizer", Role.organizer), ("Speaker", .speaker)] {
            var scanner = TextScanner(content)
            guard scanner.consume(prefix) else { continue }
            scanner.skipWhitespace()
            guard scanner.integer() != nil else { continue }
            scanner.skipWhitespace()
            guard scanner.consume(":") else { continue }
            return (role, splitFields(scanner.remainder()))
        }
        return nil
    }

    /// A moderator-block label line, alone on its line.
    static func roleLabel(_ content: String) -> Role? {
        // Every label begins with `o`, `m` or `r`: a line that begins with another ASCII
        // letter or sign (not white space) is none, whatever follows it.
        if let first = content.utf8.first, first < 0x80, !ASCII.isSpace(first),
           !"omr".utf8.contains(ASCII.lowercased(first)) { return nil }
        return switch content.collapsingWhitespace.lowercased().trimmingSuffix(":") {
        case "onsite moderator", "on-site moderator", "moderator": .moderatorOnsite
        case "online moderator": .moderatorOnline
        case "rapporteur": .rapporteur
        default: nil
        }
    }

    /// Builds a person from comma-separated fields, reading from the right.
    ///
    /// Three or more fields are `<name>, <stakeholder>, <region>` (a name may hold commas).
    /// An organizer with two fields is `<stakeholder>, <region>` in the 2020 style and
    /// `<name>, <organization>` in the 2021 style (where the organization may hold commas).
    static func person(role: Role, fields: [String], titleOnHeader: Bool, at location: SourceLocation,
                       raw: String, diagnostics: inout [Diagnostic]) -> RawPerson {
        var person = RawPerson(role: role, location: location)
        if role == .organizer, !titleOnHeader {
            person.name = fields.first
            let organization = fields.dropFirst().joined(separator: ", ")
            person.organization = organization.isEmpty ? nil : organization
            return person
        }
        switch fields.count {
        case 0:
            diagnostics.append(Diagnostic(.malformedPersonLine, at: location, "person line is empty", raw: raw))
        case 1 where role == .organizer, 2 where role == .organizer:
            person.stakeholder = fields.first
            person.region = fields.count == 2 ? fields[1] : nil
            if fields.count == 1 {
                diagnostics.append(Diagnostic(.malformedPersonLine, at: location,
                                              "expected <stakeholder>, <region>", raw: raw))
            }
        case 1, 2:
            person.name = fields[0]
            person.stakeholder = fields.count == 2 ? fields[1] : nil
            diagnostics.append(Diagnostic(.malformedPersonLine, at: location,
                                          "expected <name>, <stakeholder>, <region>", raw: raw))
        default:
            person.region = fields[fields.count - 1]
            person.stakeholder = fields[fields.count - 2]
            person.name = fields[0..<(fields.count - 2)].joined(separator: ", ")
        }
        return person
    }

    static func splitFields(_ text: String) -> [String] {
        if let found = text.utf8.withContiguousStorageIfAvailable(byteFields), let fields = found { return fields }
        return text.split(separator: ",").map { $0.collapsingWhitespace }.filter { !$0.isEmpty }
    }

    /// The fields cut on the bytes, when each comma byte has ASCII bytes (or an end) on both
    /// sides: then it is a comma `Character` of its own (no combining mark follows it, no
    /// prepended scalar comes before it) and the `Character` split cuts where the bytes do;
    /// ASCII text always qualifies. Each field's white space is collapsed on its bytes when
    /// they are ASCII. Nil when a comma byte touches a byte above 0x7F.
    private static func byteFields(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var fields: [String] = []
        fields.reserveCapacity(4)
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
            if index < bytes.count {
                guard index == 0 || bytes[index - 1] < 0x80, index + 1 == bytes.count || bytes[index + 1] < 0x80 else { return nil }
            }
            let field = UnsafeBufferPointer(rebasing: bytes[start..<index])
            let collapsed = ASCII.collapsed(field) ?? String(decoding: field, as: UTF8.self).collapsingWhitespace
            if !collapsed.isEmpty { fields.append(collapsed) }
            start = index + 1
        }
        return fields
    }

    static func valueAfter(prefix: String, in content: String) -> String? {
        var scanner = TextScanner(content)
        guard scanner.consume(prefix) else { return nil }
        let value = scanner.remainder().collapsingWhitespace
        return value.isEmpty ? nil : value
    }

    /// The comma `Character`s of the text: in ASCII text, its comma bytes.
    static func commas(in content: String) -> Int {
        content.isASCII ? content.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) } : content.reduce(0) { $0 + ($1 == "," ? 1 : 0) }
    }

    private static func isPeopleOrFormatLine(_ line: String) -> Bool {
        let content = line.trimmed
        return numberedPerson(content) != nil || FormatLine(content) != nil
    }
}
