/// Builds RFC 4180 text: fields quoted only when they must be, one header row first.
public struct CSVWriter: Sendable {
    /// `\n` by default; `\r\n` for Excel.
    public var lineEnding: String
    /// Whether the text starts with a UTF-8 byte-order mark (Excel needs it to read UTF-8).
    public var byteOrderMark: Bool
    public private(set) var text: String

    public init(lineEnding: String = "\n", byteOrderMark: Bool = false) {
        self.lineEnding = lineEnding
        self.byteOrderMark = byteOrderMark
        self.text = byteOrderMark ? "\u{FEFF}" : ""
    }

    /// The text written so far, leaving the writer empty: for writing a long table out in
    /// pieces.
    public mutating func takeText() -> String {
        defer { text = "" }
        return text
    }

    /// Appends one row of already-formatted fields.
    public mutating func writeRow(_ fields: [String]) {
        var first = true
        for field in fields {
            if !first { text += "," }
            first = false
            text += Self.escape(field)
        }
        text += lineEnding
    }

    /// A text cell made inert for spreadsheets (OWASP, "CSV Injection"): a cell that begins
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so it
    /// gets a leading `'`. Numbers are not text cells and are never changed (`-3` stays `-3`).
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// Quotes a field that holds a comma, a quote, CR or LF, doubling its quotes.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "\""
    }
}
