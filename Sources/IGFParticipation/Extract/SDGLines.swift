/// Finds the Sustainable Development Goals a page cites in its goal lines.
///
/// Two spellings are seen: `GOAL 16: Peace, Justice and Strong Institutions` (2020) and
/// `9. Industry, Innovation and Infrastructure` (2021). A numbered line counts only when its
/// text is that goal's title, so numbered policy questions are never taken for goals.
enum SDGLines {
    static func goals(in lines: ArraySlice<DocumentText.Line>) -> [Int] {
        var goals = Set<Int>()
        for line in lines {
            if let goal = goal(in: line.text.trimmed) { goals.insert(goal) }
        }
        return goals.sorted()
    }

    static func goal(in content: String) -> Int? {
        guard let first = content.utf8.first, first | 0x20 == UInt8(ascii: "g") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return nil
        }
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
