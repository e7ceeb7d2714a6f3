/// A JSON document built in a fixed key order and printed byte-for-byte the same every run.
public indirect enum JSONValue: Hashable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    /// Printed with the same fixed places as CSV decimals.
    case decimal(Double)
    case boolean(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// A cell's value as JSON (`.empty` → `null`).
    public init(_ cell: Cell) {
        switch cell {
        case .text(let text): self = .string(text)
        case .integer(let value): self = .integer(value)
        case .decimal(let value): self = .decimal(value)
        case .boolean(let value): self = .boolean(value)
        case .empty: self = .null
        }
    }

    /// Pretty-printed with two-space indents and a final newline at the top level.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad + Self.quote(key) + ": "
                value.write(to: &out, indent: indent + 1)
                out += index < members.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += index < items.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .string(let text): out += Self.quote(text)
        case .integer(let value): out += String(value)
        case .decimal(let value): out += value.isFinite ? Cell.format(value) : "null"
        case .boolean(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    static func quote(_ text: String) -> String {
        // Most text needs no escape: one pass over its bytes decides, and it is copied whole.
        var plain = text
        let needsEscape = plain.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if !needsEscape { return "\"" + plain + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
