/// A small cursor over a line of text for the hand-written grammars of IGF pages.
///
/// Regular expressions would read as well, but a cursor lets each rule say exactly what it
/// accepts and costs nothing on the hot path of large runs.
struct TextScanner {
    private(set) var rest: Substring

    init(_ text: some StringProtocol) {
        rest = Substring(text)
    }

    var isAtEnd: Bool { rest.isEmpty }

    /// Skips white space (U+00A0 included); returns whether any was skipped.
    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let before = rest.startIndex
        // ASCII white space on the bytes; the `Character` path (U+00A0, a space that a
        // combining mark follows) when a byte above 0x7F ends the run.
        let utf8 = rest.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex, ASCII.isWhitespace(utf8[index]) { index = utf8.index(after: index) }
        if index < utf8.endIndex, utf8[index] >= 0x80 {
            rest = rest.drop { $0.isWhitespace }
        } else {
            rest = rest[index...]
        }
        return rest.startIndex != before
    }

    /// Consumes `literal` if the text starts with it, ignoring case.
    mutating func consume(_ literal: String) -> Bool {
        var index = rest.startIndex
        for expected in literal {
            guard index < rest.endIndex, rest[index] == expected || rest[index].lowercased() == expected.lowercased() else { return false }
            index = rest.index(after: index)
        }
        rest = rest[index...]
        return true
    }

    /// Consumes a run of ASCII digits, with `,` thousands separators when `grouped`.
    mutating func integer(grouped: Bool = false) -> Int? {
        var digits = ""
        var index = rest.startIndex
        while index < rest.endIndex {
            let character = rest[index]
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if grouped, character == ",", !digits.isEmpty {
                let next = rest.index(after: index)
                guard next < rest.endIndex, rest[next].isASCII, rest[next].isNumber else { break }
            } else {
                break
            }
            index = rest.index(after: index)
        }
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        rest = rest[index...]
        return value
    }

    /// Consumes and returns everything left.
    mutating func remainder() -> String {
        defer { rest = rest[rest.endIndex...] }
        return String(rest)
    }
}
