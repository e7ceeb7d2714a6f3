/// Reads a report's `6. Estimated Participation` section into figures, never guessing.
///
/// Each line (or `;`-separated part) is a statement. A number's subject is the noun right
/// after it (`25 people`, `6 women`, `15 remote participants`) or, failing that, the label
/// before a colon (`Onsite participants: 100 and +`). Where a participant count is, onsite
/// or online, comes from the words around it (`present`, `in the room`, `remote`,
/// `connected remotely`) or the label; both at once, or `total`, make it a total. A count
/// with no place is onsite when the section states an online count separately (`25 people …`
/// then `2 participants were connected remotely`), and the total otherwise. A number that
/// fits no rule is reported with its line, never used.
enum ParticipationParser {
    /// The largest figure read as a participation count (ten million).
    static let largestCount = 10_000_000

    static func parse(_ lines: [DocumentText.Line], heading: SourceLocation) -> (Participation, [Diagnostic]) {
        var state = State(participation: Participation(location: heading))
        for line in lines {
            // In ASCII text a `;` or `|` byte is that `Character`.
            let statements = line.text.isASCII
                ? line.text.utf8.split(whereSeparator: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "|") }).map { Substring($0) }
                : line.text.split(whereSeparator: { $0 == ";" || $0 == "|" })
            for statement in statements where !statement.isBlank {
                state.read(String(statement), at: SourceLocation(file: heading.file, line: line.number), raw: line.text.trimmed)
            }
        }
        return state.finish()
    }

    /// Where a participant count was counted.
    enum Place: Equatable { case onsite, online, total, unspecified }
    /// What a number counts.
    enum Subject: Equatable { case women, men, participants(Place) }

    struct Mention {
        var value: Int?
        var isPercent: Bool
        var isNegative: Bool
        var start: Int
        var end: Int
    }

    struct State {
        var participation: Participation
        var diagnostics: [Diagnostic] = []
        var unspecified: (count: Count, location: SourceLocation)?
        var percentages: [(subject: Subject, percent: Int, base: Place, location: SourceLocation)] = []

        mutating func read(_ statement: String, at location: SourceLocation, raw: String) {
            // Every figure has ASCII digits: a statement without any has nothing to read.
            guard statement.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return }
            // Nearly every statement is ASCII: its lower-cased bytes are its characters.
            if statement.isASCII {
                read(statement.utf8.map(ASCII.lowercased), at: location, raw: raw)
            } else {
                read(Array(statement.lowercased()), at: location, raw: raw)
            }
        }

        /// Reads a lower-cased statement, as bytes or as `Character`s.
        mutating func read<Unit: StatementUnit>(_ text: [Unit], at location: SourceLocation, raw: String) {
            let mentions = Self.mentions(in: text)
            guard !mentions.isEmpty else { return }
            let colon = text.firstIndex(of: Unit.ascii(":"))
            let label = colon.map { Unit.text(text[..<$0]) } ?? ""
            var labelWords = LazyWords(label)
            var genderCounts: [Count] = []
            var placedCount = false
            for (index, mention) in mentions.enumerated() {
                let valueStart = max(index > 0 ? mentions[index - 1].end : 0, colon.map { $0 + 1 } ?? 0)
                let before = mention.start > valueStart ? Unit.text(text[valueStart..<mention.start]) : ""
                let after = Unit.text(text[mention.end..<(index + 1 < mentions.count ? mentions[index + 1].start : text.count)])
                if mention.isNegative {
                    diagnostics.append(Diagnostic(.negativeCount, at: location, "a participation count cannot be negative; not counted", raw: raw))
                    continue
                }
                // No session has more people than this; larger numbers are typos or not counts,
                // and refusing them keeps every sum far from overflow.
                guard let value = mention.value, value <= ParticipationParser.largestCount else {
                    diagnostics.append(Diagnostic(.numberTooLarge, at: location, "number too large to be a participation count; not counted", raw: raw))
                    continue
                }
                // Each text's words are split once for every rule that reads them.
                var beforeWords = LazyWords(before)
                let afterWords = Words(after)
                guard let subject = Self.subject(before: &beforeWords, after: afterWords, label: &labelWords, isPercent: mention.isPercent) else {
                    diagnostics.append(Diagnostic(.participationUnreadable, at: location,
                                                  "number matches no participation rule; not counted", raw: raw))
                    continue
                }
                if mention.isPercent {
                    guard value <= 100 else {
                        diagnostics.append(Diagnostic(.percentageOutOfRange, at: location, "percentage above 100; not counted", raw: raw))
                        continue
                    }
                    guard subject == .women || subject == .men else {
                        diagnostics.append(Diagnostic(.participationUnreadable, at: location,
                                                      "percentage of participants is not a count; not counted", raw: raw))
                        continue
                    }
                    percentages.append((subject, value, Self.place(in: afterWords, beforeWords.words(), labelWords.words()) ?? .total, location))
                    continue
                }
                let count = Count(value, Self.qualifier(before: before, after: after, near: beforeWords.words().suffix(3)))
                switch subject {
                case .women:
                    set(\.women, count, at: location, raw: raw)
                    genderCounts.append(count)
                case .men:
                    set(\.men, count, at: location, raw: raw)
                    genderCounts.append(count)
                case .participants(let place):
                    placedCount = true
                    assign(count, to: place, at: location, raw: raw)
                }
            }
            // `onsite: 50 women / 50 men`: a place's figure given only by gender is their sum.
            if !placedCount, genderCounts.count == 2, let sum = Count.sum(genderCounts),
               let place = Self.place(in: labelWords.words()), place == .onsite || place == .online {
                assign(sum, to: place, at: location, raw: raw)
            }
        }

        mutating func assign(_ count: Count, to place: Place, at location: SourceLocation, raw: String) {
            switch place {
            case .onsite: set(\.onsite, count, at: location, raw: raw)
            case .online: set(\.online, count, at: location, raw: raw)
            case .total: set(\.total, count, at: location, raw: raw)
            case .unspecified:
                if let earlier = unspecified {
                    if earlier.count != count {
                        diagnostics.append(Diagnostic(.participationConflict, at: location,
                                                      "a second participant count without a place (first: \(earlier.count) at \(earlier.location)); not counted",
                                                      raw: raw))
                    }
                } else {
                    unspecified = (count, location)
                }
            }
        }

        mutating func set(_ field: WritableKeyPath<Participation, Count?>, _ count: Count, at location: SourceLocation, raw: String) {
            if let earlier = participation[keyPath: field] {
                if earlier != count {
                    diagnostics.append(Diagnostic(.participationConflict, at: location,
                                                  "figure already given as \(earlier); this one (\(count)) not counted", raw: raw))
                }
                return
            }
            participation[keyPath: field] = count
        }

        func finish() -> (Participation, [Diagnostic]) {
            var result = participation
            var diagnostics = diagnostics
            if let unspecified {
                if result.online != nil, result.onsite == nil {
                    result.onsite = unspecified.count
                } else if result.total == nil {
                    result.total = unspecified.count
                } else if result.total != unspecified.count {
                    diagnostics.append(Diagnostic(.participationConflict, at: unspecified.location,
                                                  "participant count \(unspecified.count) differs from the total \(result.total!); not counted"))
                }
            }
            if result.total == nil {
                result.total = Count.sum([result.onsite, result.online].compactMap { $0 })
            }
            for percentage in percentages {
                let base: Count? = switch percentage.base {
                case .onsite: result.onsite
                case .online: result.online
                case .total, .unspecified: result.total
                }
                guard let base else {
                    diagnostics.append(Diagnostic(.participationUnreadable, at: percentage.location,
                                                  "a percentage with no participant count to apply it to; not counted"))
                    continue
                }
                let derived = Count(Int((Double(percentage.percent) / 100 * Double(base.value)).rounded()), .derived)
                let field: WritableKeyPath<Participation, Count?> = percentage.subject == .women ? \.women : \.men
                if result[keyPath: field] == nil { result[keyPath: field] = derived }
            }
            // One warning per problem and line, however many numbers the line holds.
            var seen = Set<Diagnostic>()
            return (result, diagnostics.filter { seen.insert($0).inserted })
        }

        /// Every number of the statement: digits with optional `,` thousands groups, `%` after.
        static func mentions<Unit: StatementUnit>(in text: [Unit]) -> [Mention] {
            var mentions: [Mention] = []
            var index = 0
            while index < text.count {
                guard text[index].asciiDigit != nil,
                      index == 0 || !(text[index - 1].isLetter || text[index - 1].isNumber) else {
                    index += 1
                    continue
                }
                let start = index
                // The digits' value; nil when it overflows (what `Int` of their text gives).
                var value: Int? = 0
                while index < text.count {
                    if let digit = text[index].asciiDigit {
                        value = value.flatMap { ASCII.appending(digit: digit, to: $0) }
                        index += 1
                    } else if text[index] == Unit.ascii(","), index + 3 < text.count,
                              text[(index + 1)...(index + 3)].allSatisfy({ $0.asciiDigit != nil }),
                              index + 4 == text.count || text[index + 4].asciiDigit == nil {
                        index += 1
                    } else {
                        break
                    }
                }
                var end = index
                var probe = index
                while probe < text.count, text[probe] == Unit.ascii(" ") { probe += 1 }
                let isPercent = probe < text.count && text[probe] == Unit.ascii("%")
                if isPercent { end = probe + 1 }
                let isNegative = start > 0 && text[start - 1] == Unit.ascii("-") && (start == 1 || !text[start - 2].isLetter)
                mentions.append(Mention(value: value, isPercent: isPercent, isNegative: isNegative, start: start, end: end))
                index = end
            }
            return mentions
        }

        /// What a number counts: the noun right after it, else the label before the colon.
        static func subject(before: inout LazyWords, after afterWords: Words, label: inout LazyWords, isPercent: Bool) -> Subject? {
            if isPercent {
                // `40% of the participants … are women`: the share is of whoever the clause names.
                if afterWords.words.contains(where: Words.women.contains) { return .women }
                if afterWords.words.contains(where: Words.men.contains) { return .men }
            }
            let window = isPercent ? afterWords.words : Array(afterWords.words.prefix(4))
            for word in window {
                if Words.women.contains(word) { return .women }
                if Words.men.contains(word) { return .men }
                if Words.participants.contains(word) {
                    return .participants(place(in: afterWords, before.words().suffix(3)) ?? place(in: label.words()) ?? .unspecified)
                }
            }
            let labelWords = label.words()
            if labelWords.words.contains(where: Words.women.contains) { return .women }
            if labelWords.words.contains(where: Words.men.contains) { return .men }
            if labelWords.words.contains(where: Words.participants.contains) || place(in: labelWords) != nil {
                return .participants(place(in: labelWords) ?? .unspecified)
            }
            return nil
        }

        /// The first of `sources` that names a place; both places at once mean the total.
        static func place(in sources: Words...) -> Place? {
            for source in sources {
                let online = source.containsAny(Words.online)
                let onsite = source.containsAny(Words.onsite)
                if source.containsAny(Words.total) || (online && onsite) { return .total }
                if online { return .online }
                if onsite { return .onsite }
            }
            return nil
        }

        /// `near`: the last three words of `before`.
        static func qualifier(before: String, after: String, near: Words) -> Qualifier {
            let trailing = after.trimmed
            if trailing.hasPrefix("+") || trailing.hasPrefix("and +") || trailing.hasPrefix("or more")
                || trailing.hasPrefix("and more") || trailing.hasPrefix("plus") || near.containsAny(Words.lower) {
                return .lower
            }
            if near.containsAny(Words.approximate) || before.trimmed.hasSuffix("~") { return .approximate }
            return .exact
        }
    }

    /// A text whose words (`Words`) are split the first time a rule asks for them.
    struct LazyWords {
        let text: String
        private var split: Words?

        init(_ text: String) {
            self.text = text
        }

        mutating func words() -> Words {
            if let split { return split }
            let words = Words(text)
            split = words
            return words
        }
    }

    /// The lower-cased words of a text, for keyword rules (phrases match as word runs).
    struct Words {
        var words: [String]

        /// The text's runs of letters and digits, lowercased. An ASCII text is split on its
        /// bytes (letters and digits are then `A–Z`, `a–z`, `0–9`: the same words).
        init(_ text: String) {
            guard text.isASCII else {
                words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
                return
            }
            // Each run of letters and digits is copied lower-cased straight into its string.
            var text = text
            words = text.withUTF8 { bytes in
                func isWordByte(_ byte: UInt8) -> Bool {
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                }
                var found: [String] = []
                var index = 0
                while index < bytes.count {
                    guard isWordByte(bytes[index]) else { index += 1; continue }
                    let start = index
                    while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
                    found.append(String(unsafeUninitializedCapacity: index - start) { out in
                        for offset in 0..<(index - start) { out[offset] = ASCII.lowercased(bytes[start + offset]) }
                        return index - start
                    })
                }
                return found
            }
        }

        private init(words: [String]) {
            self.words = words
        }

        func suffix(_ count: Int) -> Words { Words(words: Array(words.suffix(count))) }

        /// Whether any phrase (space-separated words) occurs as a run of words.
        func containsAny(_ phrases: [[String]]) -> Bool {
            phrases.contains { parts in
                guard parts.count <= words.count else { return false }
                return (0...(words.count - parts.count)).contains { start in
                    parts.indices.allSatisfy { words[start + $0] == parts[$0] }
                }
            }
        }

        /// Phrases as runs of words, split once.
        private static func phrases(_ list: [String]) -> [[String]] {
            list.map { $0.split(separator: " ").map(String.init) }
        }

        // Lists, not sets: the words are short (`String`s held inline), and comparing a few
        // costs less than hashing one.
        static let women = ["women", "woman", "female", "females", "girls"]
        static let men = ["men", "man", "male", "males", "boys"]
        static let participants = ["participants", "participant", "people", "persons", "attendees", "attendants",
                                    "delegates", "individuals", "participation"]
        static let online = phrases(["online", "remote", "remotely", "virtual", "virtually"])
        static let onsite = phrases(["onsite", "on site", "in the room", "in person", "present", "physically", "offline"])
        static let total = phrases(["total", "overall", "in all", "altogether"])
        static let lower = phrases(["over", "more than", "at least", "above", "upwards of", "in excess of"])
        static let approximate = phrases(["about", "around", "approximately", "approx", "estimated", "roughly", "circa", "ca",
                                          "some", "nearly", "almost"])
    }
}

/// One unit of a statement's text: a byte of an ASCII statement, or a `Character` of any
/// other. An ASCII line's bytes are its characters one for one (a line holds no CR LF), and
/// on ASCII `Character`'s letters and numbers are `A–Z`, `a–z` and `0–9`: the parser's rules
/// read both alike, and most statements never become `Character`s.
protocol StatementUnit: Equatable {
    /// The unit of an ASCII character.
    static func ascii(_ character: Unicode.Scalar) -> Self
    /// The value of an ASCII digit, nil for anything else.
    var asciiDigit: Int? { get }
    var isLetter: Bool { get }
    var isNumber: Bool { get }
    /// The units as text.
    static func text(_ units: ArraySlice<Self>) -> String
}

extension Character: StatementUnit {
    static func ascii(_ character: Unicode.Scalar) -> Character { Character(character) }
    var asciiDigit: Int? { isASCII && isNumber ? wholeNumberValue : nil }
    static func text(_ units: ArraySlice<Character>) -> String { String(units) }
}

extension UInt8: StatementUnit {
    static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
    var asciiDigit: Int? { (0x30...0x39).contains(self) ? Int(self - 0x30) : nil }
    var isLetter: Bool { (0x61...0x7A).contains(self | 0x20) }
    var isNumber: Bool { (0x30...0x39).contains(self) }
    static func text(_ units: ArraySlice<UInt8>) -> String { String(decoding: units, as: UTF8.self) }
}
