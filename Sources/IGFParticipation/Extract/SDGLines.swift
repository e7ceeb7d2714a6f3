/// Finds the Sustainable Development Goals a page cites in its goal lines.
///
/// Two spellings are seen: `GOAL 16: Peace, Justice and Strong Institutions` (2020) and
/// `9. Industry, Innovation and Infrastructure` (2021). A numbered line counts only when its
/// text is that goal's title, so numbered policy questions are never taken for goals.
enum SDGLines {
    static func goals(in text: DocumentText, from start: Int) -> [Int] {
        var goals = Set<Int>()
        for index in text.lines.indices.dropFirst(start) {
            // Most lines are prose or blank: a first byte that cannot start a goal line, or
            // none at all, passes the line over without making it text.
            switch text.lines.start(of: index) {
            case .blank: continue
            case .ascii(let lead) where !mayStartGoal(lead): continue
            case .ascii, .other: break
            }
            if let goal = goal(in: text.lines[index].text.trimmed) { goals.insert(goal) }
        }
        return goals.sorted()
    }

    /// `G`, `g` (`GOAL 16:`) or a digit (`16. Peace, …`).
    static func mayStartGoal(_ byte: UInt8) -> Bool {
        byte | 0x20 == UInt8(ascii: "g") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func goal(in content: String) -> Int? {
        guard let first = content.utf8.first, mayStartGoal(first) else { return nil }
        var scanner = TextScanner(content)
        if scanner.consume("GOAL") {
            scanner.skipWhitespace()
            guard let number = scanner.integer(), (1...17).contains(number) else { return nil }
            scanner.skipWhitespace()
            return scanner.consume(":") ? number : nil
        }
        guard let number = scanner.integer(), (1...17).contains(number), scanner.consume(".") else { return nil }
        return SDG.number(forTitle: scanner.remainder()) == number ? number : nil
    }
}
