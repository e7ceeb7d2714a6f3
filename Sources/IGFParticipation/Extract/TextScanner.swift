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
        if let settled = asciiConsume(literal) { return settled }
        return characterConsume(literal)
    }

    /// `consume` on the bytes, when they settle it: an ASCII literal against ASCII text (an
    /// ASCII byte is a `Character` of its own unless a byte above 0x7F follows it, and
    /// `lowercased()` maps some non-ASCII letters to ASCII, so those go the `Character` way).
    private mutating func asciiConsume(_ literal: String) -> Bool? {
        let utf8 = rest.utf8
        var index = utf8.startIndex
        for expected in literal.utf8 {
            // (A CR in the literal could meet the text's CR LF, one `Character`.)
            guard expected < 0x80, expected != 0x0D else { return nil }
            guard index < utf8.endIndex else { return false }
            let byte = utf8[index]
            if byte >= 0x80 { return nil }
            if ASCII.lowercased(byte) != ASCII.lowercased(expected) { return false }
            index = utf8.index(after: index)
        }
        if index < utf8.endIndex, utf8[index] >= 0x80 { return nil }
        rest = rest[index...]
        return true
    }

    /// `consume` on `Character`s, for any text.
    mutating func characterConsume(_ literal: String) -> Bool {
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
        if let settled = asciiInteger(grouped: grouped) { return settled }
        return characterInteger(grouped: grouped)
    }

    /// `integer` on the bytes, when no byte above 0x7F is met (a combining mark after a digit
    /// makes it no ASCII `Character`: the `Character` path decides).
    private mutating func asciiInteger(grouped: Bool) -> Int?? {
        let utf8 = rest.utf8
        var index = utf8.startIndex
        var value: Int? = 0, digits = 0
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= 0x80 { return nil }
            if isDigit(byte) {
                value = value.flatMap { ASCII.appending(digit: Int(byte - 0x30), to: $0) }
                digits += 1
            } else if grouped, byte == UInt8(ascii: ","), digits > 0 {
                let next = utf8.index(after: index)
                guard next < utf8.endIndex else { break }
                if utf8[next] >= 0x80 { return nil }
                guard isDigit(utf8[next]) else { break }
            } else {
                break
            }
            index = utf8.index(after: index)
        }
        guard digits > 0, let value else { return .some(nil) }
        rest = rest[index...]
        return .some(value)
    }

    /// `integer` on `Character`s, for any text.
    mutating func characterInteger(grouped: Bool = false) -> Int? {
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
