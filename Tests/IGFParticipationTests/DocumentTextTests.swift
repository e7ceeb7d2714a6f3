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
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

}
