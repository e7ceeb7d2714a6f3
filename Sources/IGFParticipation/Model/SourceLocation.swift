/// Where a fact was read: a file and a 1-based line, so any figure can be traced to its text.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The file's path as the run names it (relative to the input folder's parent where possible).
    public var file: String
    /// The 1-based line number, or 0 when the fact belongs to the whole file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String {
        var text = ""
        append(to: &text)
        return text
    }

    /// Appends `description` to `text`.
    func append(to text: inout String) {
        text += file
        if line > 0 {
            text += ":"
            text += String(line)
        }
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line) < (rhs.file, rhs.line)
    }
}
