import Foundation

/// Text folding shared by every stage: white space, blank lines, identity keys.
extension StringProtocol {
    /// True when the text is empty or only white space (U+00A0 included).
    var isBlank: Bool { allSatisfy(\.isWhitespace) }

    /// The text without leading and trailing white space (U+00A0 included).
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// Runs of white space (U+00A0 included) collapsed to one space, ends trimmed.
    var collapsingWhitespace: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension String {
    /// The text without `suffix` (and the white space before it), if it ends with it.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)).trimmed : self
    }

    /// A person's name folded for identity: lower case, punctuation dropped, white space
    /// collapsed; letters with diacritics stay themselves (`Altenhöner` ≠ `Altenhoner`).
    var foldedName: String {
        var kept = String.UnicodeScalarView()
        for scalar in precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            let keep = properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark
            kept.append(keep ? scalar : " ")
        }
        return String(kept).collapsingWhitespace
    }

    /// A file- and URL-safe slug: folded name with spaces as hyphens.
    var slug: String { foldedName.split(separator: " ").joined(separator: "-") }
}

extension String {
    /// Session types in one spelling: `Open forum` → `Open Forum`, `Book launch and award
    /// event` → `Book Launch and Award Event`; short joining words stay lower case.
    var sessionTypeCased: String {
        let small: Set = ["and", "or", "of", "on", "the", "for", "to", "in", "a"]
        return collapsingWhitespace.split(separator: " ").enumerated().map { index, word in
            let lower = word.lowercased()
            if word.dropFirst().contains(where: \.isUppercase) { return String(word) }  // `Ceremonial/HL`, `IoT`
            if index > 0, small.contains(lower) { return lower }
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }
}
