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
        guard let first = text.utf8.first, isFormulaStart(first) else { return text }
        return "'" + text
    }

    /// Whether a text cell's first byte makes a spreadsheet read it as a formula (every such
    /// character is ASCII, so the first byte is the first scalar).
    @inline(__always)
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    /// Whether a field must be quoted: it holds a comma, a quote, CR or LF.
    @inline(__always)
    static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    /// Quotes a field that holds a comma, a quote, CR or LF, doubling its quotes.
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: needsQuotes) else { return field }
        var bytes: [UInt8] = []
        appendField(field, neutralizing: false, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `field` as CSV bytes: what `escape` returns, of `neutralized(field)` when
    /// `neutralizing`. For writers that build a line's bytes without a `String` per field.
    public static func appendField(_ field: String, neutralizing: Bool, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            let quoted = utf8.contains(where: needsQuotes)
            if quoted { bytes.append(UInt8(ascii: "\"")) }
            if neutralizing, let first = utf8.first, isFormulaStart(first) { bytes.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }
}
