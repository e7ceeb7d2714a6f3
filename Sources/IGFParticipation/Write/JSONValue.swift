/// A JSON document built in a fixed key order and printed byte-for-byte the same every run.
///
/// Not `indirect`: objects and arrays nest through their arrays' storage, so a string or a
/// number is held in place rather than boxed on the heap (`run.json` makes thousands).
public enum JSONValue: Hashable, Sendable {
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
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same text's bytes, appended to `out`, nested `indent` levels deep.
    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { Self.append("{}", to: &out); return }
            Self.append("{\n", to: &out)
            for (index, (key, value)) in members.enumerated() {
                Self.pad(indent + 1, &out)
                Self.appendQuoted(key, to: &out)
                Self.append(": ", to: &out)
                value.write(to: &out, indent: indent + 1)
                Self.append(index < members.count - 1 ? ",\n" : "\n", to: &out)
            }
            Self.pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            guard !items.isEmpty else { Self.append("[]", to: &out); return }
            Self.append("[\n", to: &out)
            for (index, item) in items.enumerated() {
                Self.pad(indent + 1, &out)
                item.write(to: &out, indent: indent + 1)
                Self.append(index < items.count - 1 ? ",\n" : "\n", to: &out)
            }
            Self.pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .string(let text): Self.appendQuoted(text, to: &out)
        case .integer(let value): Cell.appendDecimalDigits(value, to: &out)
        case .decimal(let value):
            if value.isFinite { Cell.appendDecimal(value, to: &out) } else { Self.append("null", to: &out) }
        case .boolean(let value): Self.append(value ? "true" : "false", to: &out)
        case .null: Self.append("null", to: &out)
        }
    }

    /// Writes the object whose members `members` hands to its argument, in order, as
    /// `.object` of them prints `indent` levels deep, without building the array of members:
    /// `run.json` prints an object for every input and every warning.
    static func writeObject(to out: inout [UInt8], indent: Int, _ members: (_ member: (String, JSONValue) -> Void) -> Void) {
        var count = 0
        members { key, value in
            Self.append(count == 0 ? "{\n" : ",\n", to: &out)
            pad(indent + 1, &out)
            appendQuoted(key, to: &out)
            Self.append(": ", to: &out)
            value.write(to: &out, indent: indent + 1)
            count += 1
        }
        guard count > 0 else { Self.append("{}", to: &out); return }
        out.append(0x0A)
        pad(indent, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Two spaces per level (a few: appended one by one, not as a slice of spaces).
    private static func pad(_ levels: Int, _ out: inout [UInt8]) {
        for _ in 0..<(2 * levels) { out.append(0x20) }
    }

    /// A literal's bytes, copied whole (appending a `String`'s `utf8` view to an array goes
    /// through the generic sequence path, a byte at a time).
    @inline(__always)
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The literal's bytes, appended to `out`. Every byte that needs an escape is ASCII, and
    /// no byte of a multi-byte UTF-8 scalar is, so the text is escaped on its bytes.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        // Most text needs no escape: one pass over its contiguous bytes decides, and they are
        // copied whole (the `utf8` view's own iterator costs several times as much per byte).
        var text = text
        let copied = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        guard !copied else { return }
        ASCII.appendEscaped(text, to: &out) { byte in
            switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "\n"): "\\n"
            case UInt8(ascii: "\r"): "\\r"
            case UInt8(ascii: "\t"): "\\t"
            case ..<0x20: "\\u00" + String(byte >> 4) + String(byte & 0x0F, radix: 16)
            default: nil
            }
        }
    }
}
