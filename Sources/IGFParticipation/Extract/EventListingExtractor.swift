import Foundation

/// Reads a listing of scheduled IGF events: title, number, kind and organizers, day and UTC time.
///
/// Each session is anchored on its schedule line (`Monday, Dec 6 | 9:30 AM - 12:00 PM UTC`).
/// The kind line is the nearest line above it that reads like one (`Pre-event organized by …`,
/// `Main Session on …`, `Workshop by …`), and the title is the line above that, with its
/// list number dropped and its session number taken from the parentheses (`(WS #184 )`).
///
/// The page's year is the one it states for its sessions (`UN IGF 2021`) that agrees with the
/// weekdays of the schedule lines: an `IGF 2020` elsewhere in the page does not set it. A
/// schedule line whose weekday disagrees with that year gives a warning.
public enum EventListingExtractor {
    /// A parsed schedule line, before the year is known.
    struct ScheduleLine: Equatable {
        var weekday: Int
        var month: Int
        var day: Int
        var startMinute: Int
        var endMinute: Int
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Monday, Dec 6 | 9:30 AM - 12:00 PM UTC`
    static func parseSchedule(_ line: String) -> ScheduleLine? {
        guard line.containsByte(UInt8(ascii: "|")) else { return nil }  // most lines: no split at all
        if line.isASCII { return asciiSchedule(Array(line.utf8)) }
        return characterSchedule(line)
    }

    /// The reading of `parseSchedule` on `Character`s, for a line that is not ASCII.
    static func characterSchedule(_ line: String) -> ScheduleLine? {
        let parts = line.split(separator: "|").map { $0.trimmed }
        guard parts.count == 2, parts[1].uppercased().hasSuffix("UTC") else { return nil }
        let dateWords = parts[0].split(whereSeparator: { $0 == "," || $0.isWhitespace })
        guard dateWords.count == 3,
              let weekday = weekdays.firstIndex(of: dateWords[0].lowercased()),
              let month = months.firstIndex(where: { dateWords[1].lowercased().hasPrefix($0) }),
              let day = Int(dateWords[2]), (1...31).contains(day) else { return nil }
        let times = parts[1].dropLast(3).components(separatedBy: " - ")
        guard times.count == 2, let start = minuteOfDay(times[0]), let end = minuteOfDay(times[1]) else { return nil }
        return ScheduleLine(weekday: weekday, month: month + 1, day: day, startMinute: start, endMinute: end)
    }

    /// The same reading of an ASCII line on its bytes, where a `Character` is a byte (CR LF,
    /// the one pair that is a single `Character`, is white space both ways) and white space
    /// is what `Character.isWhitespace` says of ASCII.
    static func asciiSchedule(_ line: [UInt8]) -> ScheduleLine? {
        let parts = line.split(separator: UInt8(ascii: "|"))
        guard parts.count == 2 else { return nil }
        let date = asciiTrimmed(parts[0]), time = asciiTrimmed(parts[1])
        guard ASCII.lowercasedEquals(time.suffix(3), utcBytes) else { return nil }
        let dateWords = date.split { $0 == UInt8(ascii: ",") || ASCII.isWhitespace($0) }
        guard dateWords.count == 3,
              let weekday = weekdayBytes.firstIndex(where: { ASCII.lowercasedEquals(dateWords[0], $0) }),
              let month = monthBytes.firstIndex(where: { ASCII.lowercasedHasPrefix(dateWords[1], $0) }),
              let day = asciiInt(dateWords[2]), (1...31).contains(day) else { return nil }
        // `components(separatedBy: " - ")`: the separator's places from the left, none overlapping.
        let times = time.dropLast(3)
        var cuts = 0
        var cut = times.startIndex..<times.startIndex
        var index = times.startIndex
        while index + 3 <= times.endIndex {
            if times[index] == 0x20, times[index + 1] == UInt8(ascii: "-"), times[index + 2] == 0x20 {
                if cuts == 0 { cut = index..<(index + 3) }
                cuts += 1
                index += 3
            } else {
                index += 1
            }
        }
        guard cuts == 1, let start = asciiMinuteOfDay(times[..<cut.lowerBound]),
              let end = asciiMinuteOfDay(times[cut.upperBound...]) else { return nil }
        return ScheduleLine(weekday: weekday, month: month + 1, day: day, startMinute: start, endMinute: end)
    }

    /// The names the schedule line's words are compared with, as bytes.
    private static let weekdayBytes = weekdays.map { Array($0.utf8) }
    private static let monthBytes = months.map { Array($0.utf8) }
    private static let utcBytes = Array("utc".utf8)

    /// `minuteOfDay` on ASCII bytes.
    static func asciiMinuteOfDay(_ text: ArraySlice<UInt8>) -> Int? {
        let words = text.split(whereSeparator: ASCII.isWhitespace)
        guard words.count == 2 else { return nil }
        let clock = words[0].split(separator: UInt8(ascii: ":"))
        guard clock.count == 2, let hour = asciiInt(clock[0]), let minute = asciiInt(clock[1]),
              (1...12).contains(hour), (0...59).contains(minute) else { return nil }
        let meridiem = words[1]
        guard meridiem.count == 2, ASCII.lowercased(meridiem[meridiem.startIndex + 1]) == UInt8(ascii: "m"),
              case let half = ASCII.lowercased(meridiem[meridiem.startIndex]), half == UInt8(ascii: "a") || half == UInt8(ascii: "p")
        else { return nil }
        return ((hour % 12) + (half == UInt8(ascii: "p") ? 12 : 0)) * 60 + minute
    }

    /// `trimmed` on ASCII bytes: its rule for ASCII text (`asciiTrimmedRange`), which trims
    /// the separators 0x1C–0x1F too (`ASCII.isSpace`).
    static func asciiTrimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !ASCII.isSpace($0) }),
              let last = bytes.lastIndex(where: { !ASCII.isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    /// `Int(text)` on ASCII bytes: an optional sign, then one or more digits; nil when the
    /// magnitude overflows `Int` (so for `Int.min` too, which no caller's range holds).
    static func asciiInt(_ bytes: ArraySlice<UInt8>) -> Int? {
        var digits = bytes
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let magnitude = digits.reduce(0 as Int?) { value, byte in value.flatMap { ASCII.appending(digit: Int(byte - 0x30), to: $0) } }
        return negative ? magnitude.map { -$0 } : magnitude
    }

    /// `9:30 AM` → 570; `12:00 PM` → 720; `12:15 AM` → 15.
    static func minuteOfDay(_ text: String) -> Int? {
        let words = text.split { $0.isWhitespace }
        guard words.count == 2 else { return nil }
        let clock = words[0].split(separator: ":")
        guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]),
              (1...12).contains(hour), (0...59).contains(minute) else { return nil }
        let meridiem = words[1].uppercased()
        guard meridiem == "AM" || meridiem == "PM" else { return nil }
        return ((hour % 12) + (meridiem == "PM" ? 12 : 0)) * 60 + minute
    }

    /// A kind line: the session type and, when it says `organized by` / `by`, the organizers;
    /// `on …` gives a theme.
    static func parseKind(_ line: String) -> (type: String, organizers: String?, theme: String?)? {
        let content = line.collapsingWhitespace
        let lower = content.lowercased()
        // An ASCII line is searched on its bytes (the same answer as Foundation's search there).
        let ascii = lower.isASCII
        let separators: [(StaticString, theme: Bool)] = [(" organized by ", false), (" organised by ", false), (" by ", false), (" on ", true)]
        for (separator, theme) in separators {
            let found = ascii
                ? lower.utf8.firstOffset(ofASCII: separator).map { offset in
                    lower.utf8.index(lower.startIndex, offsetBy: offset)..<lower.utf8.index(lower.startIndex, offsetBy: offset + separator.utf8CodeUnitCount)
                }
                : lower.range(of: separator.description)
            guard let range = found else { continue }
            let type = String(content[content.startIndex..<range.lowerBound])
            let lowerType = type.lowercased()
            guard knownTypes.contains(where: { lowerType.hasPrefix($0) }), type.split(separator: " ").count <= 6 else { continue }
            var value = String(content[range.upperBound...]).trimmed
            if value.lowercased().hasPrefix("the ") { value = String(value.dropFirst(4)) }
            return theme ? (type.sessionTypeCased, nil, value) : (type.sessionTypeCased, value, nil)
        }
        return nil
    }

    static let knownTypes = ["pre-event", "main session", "workshop", "open forum", "book launch", "launch", "town hall",
                             "lightning", "networking", "day 0", "dynamic coalition", "best practice forum",
                             "high-level", "high level", "nri", "parliamentary", "youth", "event", "session", "panel"]

    /// `7. Digital Health Blueprints for a Post-Pandemic World (WS #163)` → title and number.
    static func parseTitle(_ line: String) -> (title: String, number: SessionNumber?) {
        var content = line.collapsingWhitespace
        var scanner = TextScanner(content)
        if scanner.integer() != nil, scanner.consume(".") {
            content = scanner.remainder().trimmed
        }
        // In ASCII text a `Character` is a byte (white space is collapsed: no CR LF is left),
        // so the parentheses and `#` are found on the bytes.
        let ascii = content.isASCII
        guard content.hasSuffix(")"), let open = ascii ? content.utf8.lastIndex(of: UInt8(ascii: "(")) : content.lastIndex(of: "(") else {
            return (content, nil)
        }
        let inner = content[content.index(after: open)..<content.index(before: content.endIndex)].collapsingWhitespace
        let words = ascii ? inner.utf8.split(separator: UInt8(ascii: "#")).map { Substring($0) } : inner.split(separator: "#")
        guard words.count == 2, let value = Int(words[1].trimmed), !words[0].trimmed.isEmpty else { return (content, nil) }
        return (content[..<open].trimmed, SessionNumber(prefix: words[0].trimmed, value: value))
    }

    /// Years the page names as `IGF <year>`, in page order.
    static func statedYears(_ lines: [DocumentText.Line]) -> [Int] {
        var years: [Int] = []
        for line in lines where line.text.utf8.containsASCII("IGF ") {
            if line.text.isASCII {
                years += asciiStatedYears(line.text.utf8)
                continue
            }
            var rest = Substring(line.text)
            while let range = rest.range(of: "IGF ") {
                var scanner = TextScanner(rest[range.upperBound...])
                if let year = scanner.integer(), (1990...2999).contains(year) { years.append(year) }
                rest = rest[range.upperBound...]
            }
        }
        return years
    }

    /// The same reading of an ASCII line on its bytes: each `IGF ` and the digits right after.
    static func asciiStatedYears(_ bytes: String.UTF8View) -> [Int] {
        let pattern = Array("IGF ".utf8)
        let line = Array(bytes)
        var years: [Int] = []
        var index = 0
        while index + pattern.count <= line.count {
            guard line[index..<(index + pattern.count)].elementsEqual(pattern) else {
                index += 1
                continue
            }
            index += pattern.count
            var digit = index, year: Int? = 0
            while digit < line.count, (0x30...0x39).contains(line[digit]) {
                year = year.flatMap { ASCII.appending(digit: Int(line[digit] - 0x30), to: $0) }
                digit += 1
            }
            if digit > index, let year, (1990...2999).contains(year) { years.append(year) }
        }
        return years
    }

    public static func extract(_ text: DocumentText, file: String) -> ExtractedDocument {
        extractIfListing(text, file: file) ?? ExtractedDocument(file: file, kind: nil)
    }

    /// The extraction of a page with at least one schedule line; nil for any other page.
    /// A line is made text only where its bytes hold what is looked for: a schedule line's
    /// `|`, a stated year's `IGF `; then the lines around each schedule line.
    static func extractIfListing(_ text: DocumentText, file: String) -> ExtractedDocument? {
        let lines = text.lines
        let at = { (line: Int) in SourceLocation(file: file, line: line) }
        let anchors = lines.indices.compactMap { index in
            lines.containsByte(index, UInt8(ascii: "|")) ? parseSchedule(lines[index].text).map { (index, $0) } : nil
        }
        guard !anchors.isEmpty else { return nil }
        var diagnostics: [Diagnostic] = []

        // The stated year whose calendar agrees with the most schedule lines (later mention on a tie).
        let candidates = statedYears(lines.indices.filter { lines.containsASCII($0, "IGF ") }.map { lines[$0] })
        let agreement = { (year: Int) in
            anchors.filter { Schedule.weekday(year: year, month: $0.1.month, day: $0.1.day) == $0.1.weekday }.count
        }
        guard let year = candidates.enumerated().max(by: { (agreement($0.element), $0.offset) < (agreement($1.element), $1.offset) })?.element else {
            return ExtractedDocument(file: file, kind: nil, diagnostics: [
                Diagnostic(.unknownKind, at: at(lines[anchors[0].0].number),
                           "event listing states no IGF year (`IGF <year>`); skipped"),
            ])
        }

        var sessions: [RawSession] = []
        var floor = -1
        for (index, schedule) in anchors {
            defer { floor = index }
            var found: (index: Int, kind: (type: String, organizers: String?, theme: String?))?
            var probe = index - 1
            while probe > floor, probe >= index - 6 {
                if let kind = parseKind(lines[probe].text) { found = (probe, kind); break }
                probe -= 1
            }
            guard let (kindIndex, kind) = found, let titleIndex = text.previousNonBlank(before: kindIndex, after: floor) else {
                diagnostics.append(Diagnostic(.malformedSchedule, at: at(lines[index].number),
                                              "schedule line has no session title and kind line above it; skipped",
                                              raw: lines[index].text.trimmed))
                continue
            }
            let (title, number) = parseTitle(lines[titleIndex].text)
            if Schedule.weekday(year: year, month: schedule.month, day: schedule.day) != schedule.weekday {
                diagnostics.append(Diagnostic(.weekdayMismatch, at: at(lines[index].number),
                                              "weekday does not fall on this date in \(year), the listing's year",
                                              raw: lines[index].text.trimmed))
            }
            let when = Schedule(year: year, month: schedule.month, day: schedule.day,
                                startMinute: schedule.startMinute, endMinute: schedule.endMinute,
                                location: at(lines[index].number))
            sessions.append(RawSession(sourceKind: .eventListing, year: year, number: number, title: title,
                                       sessionType: kind.type, durationMinutes: when.durationMinutes,
                                       theme: kind.theme, organizers: kind.organizers, schedule: when,
                                       location: at(lines[titleIndex].number)))
        }
        return ExtractedDocument(file: file, kind: .eventListing, sessions: sessions, diagnostics: diagnostics)
    }
}
