import Testing
@testable import IGFParticipation

@Suite("Decoding bytes into lines")
struct DocumentTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var lines: [String]
        var testDescription: String { name }
    }

    @Test("line ends, byte-order mark and white space", arguments: [
        Case(name: "LF", bytes: Array("a\nb\n".utf8), lines: ["a", "b"]),
        Case(name: "CRLF", bytes: Array("a\r\nb\r\n".utf8), lines: ["a", "b"]),
        Case(name: "lone CR", bytes: Array("a\rb".utf8), lines: ["a", "b"]),
        Case(name: "no final line end", bytes: Array("a\nb".utf8), lines: ["a", "b"]),
        Case(name: "blank lines kept as lines", bytes: Array("a\n\n\nb".utf8), lines: ["a", "", "", "b"]),
        Case(name: "CR, CRLF and LF in one file", bytes: Array("a\rb\r\nc\nd".utf8), lines: ["a", "b", "c", "d"]),
        Case(name: "a CR before a CRLF ends a blank line", bytes: Array("a\r\r\nb\r".utf8), lines: ["a", "", "b"]),
        Case(name: "blank CRLF lines kept as lines", bytes: Array("a\r\n\r\nb\r\n".utf8), lines: ["a", "", "b"]),
        Case(name: "a written U+FFFD is valid text", bytes: Array("a\u{FFFD}b\n".utf8), lines: ["a\u{FFFD}b"]),
        Case(name: "UTF-8 BOM dropped", bytes: [0xEF, 0xBB, 0xBF] + Array("IGF\n".utf8), lines: ["IGF"]),
        Case(name: "a combining mark opens a line", bytes: Array("e\n\u{301}x\r\n\u{301}".utf8), lines: ["e", "\u{301}x", "\u{301}"]),
        Case(name: "a line of CRs and LFs mixed", bytes: Array("\r\n\n\r\r\nz".utf8), lines: ["", "", "", "", "z"]),
        Case(name: "diacritics", bytes: Array("Ana Laura Martínez\nCharlotte Altenhöner-Dion".utf8),
             lines: ["Ana Laura Martínez", "Charlotte Altenhöner-Dion"]),
    ])
    func decodes(_ example: Case) throws {
        let text = try DocumentText.decode(example.bytes).get()
        #expect(text.lines.map(\.text) == example.lines)
        #expect(text.lines.map(\.number) == Array(1...example.lines.count))
    }

    @Test("invalid UTF-8 is refused with the offset and line of the first bad byte")
    func invalidUTF8() {
        let bytes = Array("IGF 2020 WS #1 x\n\nSpeaker 1: Jo".utf8) + [0xE3, 0x6F] + Array(" Silva".utf8)
        #expect(DocumentText.decode(bytes).failure == .invalidUTF8(byteOffset: 31, line: 3))
        // A BOM does not shift the offset: offsets count bytes of the file.
        #expect(DocumentText.decode([0xEF, 0xBB, 0xBF, 0x41, 0xFF]).failure == .invalidUTF8(byteOffset: 4, line: 1))
        #expect(DocumentText.decode([0xC0, 0xAF]).failure == .invalidUTF8(byteOffset: 0, line: 1))
        // A scalar cut by a line end is bad where it starts; lines count CR, LF and CR LF alike.
        #expect(DocumentText.decode(Array("a\r\nb\rc\n".utf8) + [0xC3, 0x0A, 0xA9]).failure == .invalidUTF8(byteOffset: 7, line: 4))
        #expect(DocumentText.decode(Array("a\r\n\r\n".utf8) + [0xA9]).failure == .invalidUTF8(byteOffset: 5, line: 3))
        #expect(DocumentText.decode([0xEF, 0xBB, 0xBF, 0x0A, 0x0D, 0xF0, 0x9F, 0x98]).failure == .invalidUTF8(byteOffset: 5, line: 3))
    }

    @Test("UTF-8 checked on its bytes: valid exactly where Swift's own decoder finds it valid",
          arguments: [
              // Every edge of Unicode's table of well-formed sequences, on both sides.
              ([0x7F], true), ([0x80], false), ([0xC1, 0xBF], false), ([0xC2, 0x80], true), ([0xDF, 0xBF], true),
              ([0xC2], false), ([0xC2, 0x7F], false), ([0xC2, 0xC0], false),
              ([0xE0, 0x9F, 0xBF], false), ([0xE0, 0xA0, 0x80], true), ([0xEC, 0xBF, 0xBF], true),
              ([0xED, 0x9F, 0xBF], true), ([0xED, 0xA0, 0x80], false), ([0xEE, 0x80, 0x80], true),
              ([0xEF, 0xBF, 0xBF], true), ([0xE1, 0x80], false), ([0xE1, 0x80, 0x7F], false),
              ([0xF0, 0x8F, 0xBF, 0xBF], false), ([0xF0, 0x90, 0x80, 0x80], true), ([0xF3, 0xBF, 0xBF, 0xBF], true),
              ([0xF4, 0x8F, 0xBF, 0xBF], true), ([0xF4, 0x90, 0x80, 0x80], false), ([0xF5, 0x80, 0x80, 0x80], false),
              ([0xF0, 0x9F, 0x98], false), ([0xF0, 0x9F, 0x98, 0x80, 0x80], false), ([0xFF], false),
              (Array("Ana Laura Martínez, Zoë, 東京 😀".utf8), true), (Array("abc".utf8) + [0xC3], false),
          ] as [([UInt8], Bool)])
    func utf8OnBytes(_ bytes: [UInt8], _ valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer(DocumentText.isValidUTF8) == valid)
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)
    }

    @Test("UTF-8 checked on its bytes agrees with Swift's decoder on 100,000 random byte strings")
    func utf8OnRandomBytes() {
        // A fixed sequence, so a failure names a reproducible case.
        var generator = SplitMix64(seed: 42)
        func next() -> UInt64 { generator.next() }
        var disagreements: [[UInt8]] = []
        var valid = 0
        for _ in 0..<100_000 {
            // Mostly bytes around the lead and continuation ranges, where the rules are.
            let bytes = (0..<Int(next() % 7)).map { _ in
                let pick = next()
                return pick % 3 == 0 ? UInt8(truncatingIfNeeded: pick >> 8) : UInt8(0x80 + (pick >> 8) % 0x78)
            }
            let ours = bytes.withUnsafeBufferPointer(DocumentText.isValidUTF8)
            if ours { valid += 1 }
            if ours != (String(validating: bytes, as: UTF8.self) != nil) { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(valid > 5_000, "the strings reach valid sequences of every length, not only refusals")
    }

    @Test("a line read on its bytes (blank, first character, length) agrees with the line read as text",
          arguments: ["Updated: Mon, 27/01/2024", "  Updated:", "Updated:\u{301} x", "\u{A0}Updated: x", "", "   ", "\u{A0}", "\u{A0}x", " \u{3000} ", "\u{1C}", "\u{1C}x",
                      "\t\u{1F} ", "-\u{301} x", "* x", "\tx", "é", "x\u{301}", "Martínez", "\u{0600}x", "9. Industry"])
    func lineBytes(_ line: String) throws {
        let text = try DocumentText.decode(Array("IGF 2020 WS #1 T\n\(line)\nend".utf8)).get()
        #expect(text.lines.count == 3)
        #expect(text.lines[1] == DocumentText.Line(number: 2, text: line))
        #expect(text.lines.isBlank(1) == line.isBlank)
        #expect(text.lines.trimmedLeadingByte(of: 1) == line.trimmedLeadingASCII)
        #expect(text.lines.start(of: 1) == line.trimmedLeadingASCII.map { .ascii($0) } ?? (line.isBlank ? .blank : .other))
        #expect(text.lines.trimmedHasPrefix(1, "Updated:") == line.trimmed.hasPrefix("Updated:"))
        #expect(ASCII.trimmedHasPrefix(line.utf8, "Updated:").map { $0 == line.trimmed.hasPrefix("Updated:") } != false)
        #expect(text.lines.byteCount(of: 1) == line.utf8.count)
        #expect(text.nextNonBlank(from: 1) == (line.isBlank ? 2 : 1))
        #expect(text.previousNonBlank(before: 2, after: 0) == (line.isBlank ? nil : 1))
    }

    @Test("the next byte above 0x7F, found 32 bytes a step, is the one a byte-by-byte walk finds",
          arguments: [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 95, 100, nil] as [Int?])
    func firstHighByte(_ position: Int?) {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 130)
        if let position { bytes[position] = 0xC3; bytes[position + 1] = 0xA9 }
        bytes.withUnsafeBufferPointer { buffer in
            for start in [0, 1, 5, 31, 32, 40, 129, 130] {
                let walked = (start..<bytes.count).first { bytes[$0] >= 0x80 } ?? bytes.count
                #expect(DocumentText.firstHighByte(buffer, from: start) == walked, "from \(start)")
            }
        }
    }

    @Test("a line's bytes hold a byte or an ASCII needle exactly when its text does", arguments: [
        "", "|", "Friday, Dec 10 | 6:00 AM - 7:00 AM UTC", "no bar here", "IGF 2021", "IGF2021", "the IGF  2020", "Łódź | IGF 2019",
        "IG", "xIGF ", "IGF", "  \u{A0}  ",
    ])
    func lineHoldsBytes(_ line: String) throws {
        let text = try DocumentText.decode(Array("header\n\(line)\nend".utf8)).get()
        #expect(text.lines.containsByte(1, UInt8(ascii: "|")) == line.containsByte(UInt8(ascii: "|")))
        #expect(text.lines.containsASCII(1, "IGF ") == line.utf8.containsASCII("IGF "))
        #expect(text.lines.containsASCII(1, "IGF ") == line.contains("IGF "))
        #expect(!text.lines.containsByte(0, UInt8(ascii: "|")) && text.lines.containsASCII(2, "end"))
    }

    @Test("lines agree with a byte-by-byte split, over 300 generated pages mixing CR, LF, CRLF, long lines and non-ASCII text")
    func generatedPages() throws {
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces = ["a", "b", " ", "\t", "é", "\u{A0}", "Łódź", "x", "yz", "\u{301}", "1"]
        let ends = ["\n", "\r\n", "\r"]
        for page in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(30)) {
                for _ in 0..<next(next(4) == 0 ? 120 : 12) { bytes += Array(pieces[next(pieces.count)].utf8) }
                bytes += Array(ends[next(ends.count)].utf8)
            }
            if next(3) == 0 { bytes += Array("tail".utf8) }
            // The reference: CR LF is one line end, CR and LF alone are one each.
            var expected: [String] = [], line: [UInt8] = [], index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    expected.append(String(decoding: line, as: UTF8.self))
                    line = []
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                } else {
                    line.append(byte)
                    index += 1
                }
            }
            if !line.isEmpty { expected.append(String(decoding: line, as: UTF8.self)) }
            switch DocumentText.decode(bytes) {
            case .success(let text):
                #expect(text.lines.map(\.text) == expected, "page \(page)")
            case .failure(let problem):
                #expect(problem == .empty && expected.allSatisfy(\.isBlank), "page \(page)")
            }
        }
    }

    @Test("blank-line walks: forward from an index, backward down to a floor, none past either end")
    func blankWalks() throws {
        let text = try DocumentText.decode(Array("a\n\n \u{A0}\nb\n\t\n".utf8)).get()
        #expect(text.lines.count == 5)
        #expect((0..<7).map { text.nextNonBlank(from: $0) } == [0, 3, 3, 3, nil, nil, nil])
        #expect(text.previousNonBlank(before: 3, after: -1) == 0)
        #expect(text.previousNonBlank(before: 3, after: 0) == nil)
        #expect(text.previousNonBlank(before: 5, after: 0) == 3)
        #expect(text.previousNonBlank(before: 0, after: -1) == nil)
    }

    @Test("a line over the length limit is not read: a warning with its line and length, and the rest of the page is read")
    func longLine() throws {
        let long = String(repeating: "x", count: Extractor.maximumLineBytes + 1)
        let page = "IGF 2020 WS #7 Title\n\(long)\nOrganizer 1: Civil Society, Western European and Others Group (WEOG)\nRound Table - U-shape - 90 Min\n"
        let document = Extractor.extract(bytes: Array(page.utf8), file: "long.txt", vocabularies: TestSupport.vocabularies)
        #expect(document.kind == .proposal)
        #expect(document.sessions.first?.people.count == 1)
        let warning = try #require(document.diagnostics.first)
        #expect(warning.code == .lineTooLong)
        #expect(warning.location.line == 2)
        #expect(warning.message == "line of \(Extractor.maximumLineBytes + 1) bytes is longer than \(Extractor.maximumLineBytes); not read")
        #expect(warning.raw == String(repeating: "x", count: 80))
    }

    @Test("a file of nothing but white space is empty", arguments: [
        [UInt8](), [0xEF, 0xBB, 0xBF], Array("\n\r\n  \t\n".utf8), Array("\u{00A0}\n".utf8),
    ])
    func empty(_ bytes: [UInt8]) {
        #expect(DocumentText.decode(bytes).failure == .empty)
    }
    @Test("a scanner skips white space as Character does: ASCII on the bytes, U+00A0 and combining marks on the Character path",
          arguments: [("  \tWS #1", "WS #1", true), ("WS", "WS", false), ("\u{A0} 12", "12", true), ("\r\nx", "x", true),
                      ("\u{1C}x", "\u{1C}x", false), (" \u{301}a", "a", true), ("   ", "", true)])
    func skipWhitespace(_ text: String, _ rest: String, _ skipped: Bool) {
        var scanner = TextScanner(text)
        #expect(scanner.skipWhitespace() == skipped)
        #expect(scanner.rest == rest)
        #expect(Substring(text).drop { $0.isWhitespace } == rest, "the Character path agrees")
    }

    @Test("a scanner consumes a literal ignoring case, on the bytes as on Characters",
          arguments: [("Organizer 1: Ana", "organizer", true), ("ORGANIZER", "Organizer", true), ("Organ", "Organizer", false),
                      ("Speaker 2", "Organizer", false), ("IGF\u{A0}2021", "IGF", true), ("IGF\u{301} 2021", "IGF", false),
                      ("\u{212A}ey", "key", true), ("GOAL 16:", "goal", true), ("", "x", false), ("abc", "", true), ("é", "é", true)])
    func consume(_ text: String, _ literal: String, _ consumed: Bool) {
        var bytes = TextScanner(text), characters = TextScanner(text)
        #expect(bytes.consume(literal) == consumed)
        #expect(characters.characterConsume(literal) == consumed)
        #expect(bytes.rest == characters.rest)
    }

    @Test("a scanner reads an integer, grouped or not, on the bytes as on Characters",
          arguments: [("120 people", false, 120), ("1,200 people", true, 1200), ("1,200 people", false, 1), ("1,", true, 1),
                      ("1,x", true, 1), (",5", true, nil), ("x1", false, nil), ("12\u{301}3", false, 1), ("1,\u{301}2", true, 1),
                      ("99999999999999999999", false, nil), ("0000000000000000000000001", false, 1), ("٣", false, nil),
                      ("2021", false, 2021), ("", false, nil)] as [(String, Bool, Int?)])
    func integer(_ text: String, _ grouped: Bool, _ value: Int?) {
        var bytes = TextScanner(text), characters = TextScanner(text)
        #expect(bytes.integer(grouped: grouped) == value)
        #expect(characters.characterInteger(grouped: grouped) == value)
        #expect(bytes.rest == characters.rest)
    }

    @Test("a colon found on the bytes is the Character search's colon, combining marks and prepended scalars included",
          arguments: [("6. Estimated Participation: 25", 26), (":x", 0), ("x:", 1), ("no colon", nil), ("", nil),
                      ("Martínez: 4", 8), ("é:x", 1), (":\u{301}a: 5", 2), ("a:\u{301}", nil), ("\u{0600}:x:", 2)])
    func colon(_ text: String, _ characters: Int?) {
        let found = text.firstIndex(ofASCII: UInt8(ascii: ":"))
        #expect(found == text.firstIndex(of: ":"), "the Character path agrees")
        #expect(found.map { text.distance(from: text.startIndex, to: $0) } == characters)
        let substring = text.dropFirst(0)
        #expect(substring.firstIndex(ofASCII: UInt8(ascii: ":")) == substring.firstIndex(of: ":"))
    }

    @Test("a trimmed prefix and a leading character read on the bytes agree with the Character path",
          arguments: ["Updated: Mon, 27/01/2024", "  Updated:", "Updated", "updated:", "\u{A0}Updated: x", "Updated:\u{301} x",
                      "U\u{301}pdated:", "", "   ", "• Safety: Ana", "- Safety: Ana", "-\u{301} x", "* x", "\tx", "é", "\u{1C}x"])
    func trimmedPrefix(_ text: String) {
        #expect(text.trimmedHasPrefix("Updated:") == text.trimmed.hasPrefix("Updated:"))
        if let lead = text.trimmedLeadingASCII {
            #expect(text.trimmed.first == Character(Unicode.Scalar(lead)))
        }
    }

    @Test("trimming: the bytes' shortcut and the ASCII range give what trimming Characters gives",
          arguments: ["a", " a ", "a ", "\tIGF 2019\r", "\u{A0}x\u{A0}", "x \u{301}", "\u{0600}x", "", "  ", "é", " Martínez ", "\r\nx"])
    func trimming(_ text: String) {
        let byCharacters = String(String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace)).reversed())
        #expect(text.trimmed == byCharacters)
        #expect(text.dropFirst(0).trimmed == byCharacters)
    }

    @Test("ASCII bytes compared lower-cased with lower-case words",
          arguments: [("UTC", "utc", true, true), ("utc", "utc", true, true), ("UT", "utc", false, false), ("UTCX", "utc", true, false),
                      ("December", "dec", true, false), ("DEC", "dec", true, true), ("Dez", "dec", false, false), ("", "", true, true),
                      ("[", "{", false, false), ("@", "`", false, false)])
    func lowercasedBytes(_ text: String, _ word: String, _ prefix: Bool, _ equal: Bool) {
        let bytes = ArraySlice(Array(text.utf8))
        #expect(ASCII.lowercasedHasPrefix(bytes, Array(word.utf8)) == prefix)
        #expect(ASCII.lowercasedEquals(bytes, Array(word.utf8)) == equal)
        #expect(text.lowercased().hasPrefix(word) == prefix)
    }

    @Test("session types in one spelling, ASCII on the bytes and anything else on the Character path",
          arguments: [("open forum", "Open Forum"), ("Book launch and award  event", "Book Launch and Award Event"),
                      ("Ceremonial/HL Session", "Ceremonial/HL Session"), ("IoT and the public", "IoT and the Public"),
                      ("and so on", "And So on"), ("WORKSHOP", "WORKSHOP"), ("a", "A"), ("  ", ""), ("8 hours", "8 Hours"),
                      ("réunion ouverte", "Réunion Ouverte"), ("forum\u{A0}of ÉTATS", "Forum of ÉTATS")])
    func sessionType(_ text: String, _ expected: String) {
        #expect(text.sessionTypeCased == expected)
    }

    @Test("byte and ASCII-run tests find what the String search finds",
          arguments: [("Monday, Dec 6 | 9:30 AM - 12:00 PM UTC", true, false), ("IGF 2021 | UN IGF 2021", true, true),
                      ("", false, false), ("IGF", false, false), ("at the IGF 2019 meeting", false, true), ("é|IGF é", true, true), ("IG", false, false)])
    func byteSearch(_ text: String, _ bar: Bool, _ igf: Bool) {
        #expect(text.containsByte(UInt8(ascii: "|")) == bar)
        #expect(text.utf8.containsASCII("IGF ") == igf)
        #expect(text.contains("IGF ") == igf)
    }

    @Test("white space collapsed: text already collapsed kept as it is, the rest on the bytes or Characters, as the Character path gives",
          arguments: [("", ASCII.Collapse.unchanged), ("Civil Society", .unchanged), ("WEOG", .unchanged), (" a", .collapsed("a")),
                      ("a ", .collapsed("a")), ("a  b", .collapsed("a b")), ("a\tb", .collapsed("a b")), ("a\u{1F}b", .collapsed("a b")),
                      ("  ", .collapsed("")), ("\r\nx\r\n", .collapsed("x")), ("Côte d'Ivoire", .notASCII), ("a\u{A0}b", .notASCII)])
    func collapse(_ text: String, _ expected: ASCII.Collapse) {
        var contiguous = text
        #expect(contiguous.withUTF8 { ASCII.collapse($0) } == expected)
        let reference = text.split { $0.isWhitespace }.joined(separator: " ")
        #expect(text.collapsingWhitespace == (text.contains("\u{1F}") ? "a b" : reference))
        #expect(text.dropFirst(0).collapsingWhitespace == text.collapsingWhitespace, "a substring collapses alike")
    }

    @Test("text with bytes above 0x7F kept as it is only where the Character path keeps it: 100,000 random strings of spaces, marks and letters")
    func collapsedAlready() {
        // White space of every kind, combining marks, an emoji modifier, a spacing mark, a
        // prepended sign, a half-width sound mark, control bytes and letters of both ranges.
        let pool: [Unicode.Scalar] = [" ", " ", " ", "\t", "\n", "\r", "\u{1C}", "\u{1F}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}",
                                      "\u{2028}", "\u{202F}", "\u{3000}", "\u{FEFF}", "\u{200D}", "\u{301}", "\u{308}", "\u{1F3FB}",
                                      "\u{E33}", "\u{600}", "\u{FF9E}", "a", "B", "-", "é", "Ö", "ß", "東", "ا", "😀"]
        var generator = SplitMix64(seed: 7)
        func next() -> Int { Int(generator.next() >> 33) }
        var kept = 0
        var wrong: [String] = []
        for _ in 0..<100_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(next() % 7) { scalars.append(pool[next() % pool.count]) }
            let text = String(scalars)
            guard text.utf8.contains(where: { $0 >= 0x80 }) else { continue }
            if ASCII.collapsedAlready(text.unicodeScalars) {
                kept += 1
                if text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") != text { wrong.append(text) }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
        #expect(kept > 1_000, "the check keeps text, not only refuses it")
        #expect(ASCII.collapsedAlready("Zoë Müller".unicodeScalars) && ASCII.collapsedAlready("Côte d'Ivoire".unicodeScalars))
        #expect(!ASCII.collapsedAlready("José Ángel".unicodeScalars) && !ASCII.collapsedAlready("a\u{A0}b".unicodeScalars))
    }

    @Test("first offset of ASCII text, on the bytes", arguments: [
        ("Workshop organized by X", " by ", 18), ("Workshop by by X", " by ", 8), ("by X", " by ", nil), ("é by X", " by ", 2),
        ("IGIGF 2021", "IGF ", 2), ("IGF", "IGF ", nil), ("", "IGF ", nil), ("  on on ", " on ", 1),
    ] as [(String, StaticString, Int?)])
    func firstOffset(_ text: String, _ needle: StaticString, _ offset: Int?) {
        #expect(text.utf8.firstOffset(ofASCII: needle) == offset)
        #expect(Substring(text).utf8.firstRange(of: needle.description.utf8).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } == offset)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

}
