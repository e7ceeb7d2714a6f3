import Foundation

/// Text folding shared by every stage: white space, blank lines, identity keys.
///
/// Nearly every line of a page is ASCII, so each fold first walks the UTF-8 bytes and takes
/// the `Character` path (which knows U+00A0 and every other Unicode space) only when it
/// meets a byte above 0x7F. Both paths give the same text.
extension StringProtocol {
    /// True when the text is empty or only white space (U+00A0 included).
    var isBlank: Bool {
        ASCII.blankness(utf8) ?? allSatisfy { $0.isWhitespace }
    }

    /// The text without leading and trailing white space (U+00A0 included).
    var trimmed: String {
        let text = Substring(self)
        guard let range = text.asciiTrimmedRange else { return characterTrimmed }
        return String(text[range])
    }

    private var characterTrimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// Runs of white space (U+00A0 included) collapsed to one space, ends trimmed.
    var collapsingWhitespace: String {
        // On the contiguous bytes: a string already collapsed (most labels and names) is
        // kept as it is, without a new one.
        let collapse = utf8.withContiguousStorageIfAvailable { ASCII.collapse($0) }
            ?? ASCII.collapsed(utf8).map(ASCII.Collapse.collapsed) ?? .notASCII
        switch collapse {
        case .unchanged: return self as? String ?? String(self)
        case .collapsed(let collapsed): return collapsed
        case .notASCII:
            if ASCII.collapsedAlready(unicodeScalars) { return self as? String ?? String(self) }
            return split { $0.isWhitespace }.joined(separator: " ")
        }
    }
}

extension String.UTF8View {
    /// Whether the bytes hold `needle` (ASCII, case-sensitive): a cheap test before slower parsing.
    func containsASCII(_ needle: StaticString) -> Bool {
        firstOffset(ofASCII: needle) != nil
    }

    /// The byte offset of the first `needle` (ASCII, case-sensitive) in the bytes.
    func firstOffset(ofASCII needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return 0 }
        let found: Int?? = withContiguousStorageIfAvailable { ASCII.firstOffset(of: needle, in: $0) }
        if let found { return found }
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: count)
        return Array(self).firstRange(of: pattern).map(\.lowerBound)
    }
}

extension StringProtocol {
    /// Whether every byte is ASCII: then each byte is a `Character` (a line holds no CR LF),
    /// and the byte paths of the folds and extractors read it.
    var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether the UTF-8 holds `byte`, found with `memchr`.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }

    /// `trimmed.hasPrefix(prefix)` for an ASCII `prefix` that does not end in white space,
    /// settled on the bytes when they can settle it: an ASCII byte is a `Character` of its
    /// own unless a byte above 0x7F follows it (a combining mark joins it), and no other
    /// ASCII text equals it.
    func trimmedHasPrefix(_ prefix: StaticString) -> Bool {
        ASCII.trimmedHasPrefix(utf8, prefix) ?? trimmed.hasPrefix(prefix.description)
    }

    /// The first `Character` of `trimmed` when it is one ASCII byte (the byte after it is
    /// ASCII or there is none); nil when the `Character` path must decide or the text is blank.
    var trimmedLeadingASCII: UInt8? {
        ASCII.trimmedLeadingByte(utf8)
    }

    /// `firstIndex(of:)` for an ASCII character, found on the bytes with `memchr`.
    ///
    /// A byte whose neighbours are ASCII is a `Character` of its own (no grapheme cluster
    /// joins two ASCII scalars but CR LF), and any earlier match would be an earlier byte:
    /// then the first byte is the answer. Otherwise the `Character` search decides.
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        let found: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, let hit = memchr(base, Int32(byte), bytes.count) else { return .some(nil) }
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            let clean = (offset == 0 || bytes[offset - 1] < 0x80) && (offset + 1 == bytes.count || bytes[offset + 1] < 0x80)
            return clean ? .some(offset) : nil
        } ?? nil
        switch found {
        case .some(.some(let offset)): return utf8.index(utf8.startIndex, offsetBy: offset)
        case .some(.none): return nil
        case .none: return firstIndex(of: Character(Unicode.Scalar(byte)))
        }
    }
}

extension Substring {
    /// The range without ASCII white space at either end, or nil when an end is not ASCII
    /// (then the `Character` path decides).
    var asciiTrimmedRange: Range<String.Index>? {
        let bytes = utf8
        var first = bytes.startIndex
        while first != bytes.endIndex, ASCII.isSpace(bytes[first]) { first = bytes.index(after: first) }
        if first == bytes.endIndex { return first..<first }
        var end = bytes.endIndex
        while ASCII.isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard bytes[first] < 0x80, bytes[bytes.index(before: end)] < 0x80 else { return nil }
        return first..<end
    }
}

extension StringProtocol {
    /// `lowercased().hasPrefix(prefix)` for a lower-case ASCII `prefix`, settled on the bytes
    /// when they can settle it: `lowercased()` maps each scalar on its own, an ASCII one to
    /// its ASCII lower case, so ASCII bytes that differ from the prefix settle a miss, and
    /// ASCII bytes that match it settle a match unless a byte above 0x7F follows (a combining
    /// mark would join the last letter). A byte above 0x7F within reach asks `lowercased()`.
    func lowercasedHasPrefix(_ prefix: StaticString) -> Bool {
        var bytes = utf8.makeIterator()
        for index in 0..<prefix.utf8CodeUnitCount {
            guard let byte = bytes.next() else { return false }
            if byte >= 0x80 { return lowercased().hasPrefix(prefix.description) }
            if ASCII.lowercased(byte) != prefix.utf8Start[index] { return false }
        }
        if let next = bytes.next(), next >= 0x80 { return lowercased().hasPrefix(prefix.description) }
        return true
    }
}

extension String {
    /// As `StringProtocol.trimmed`, returning the string itself (no copy) when there is
    /// nothing to trim, which is most lines.
    var trimmed: String {
        // Most lines begin and end with ASCII that is not white space: nothing to trim (the
        // first and last `Character`s then begin and end with those bytes).
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80, !ASCII.isSpace(first), !ASCII.isSpace(last) {
            return self
        }
        let text = Substring(self)
        guard let range = text.asciiTrimmedRange else { return Substring(self).trimmed }
        return range == text.startIndex..<text.endIndex ? self : String(text[range])
    }
}

/// Byte classes of ASCII text.
enum ASCII {
    /// The offset of the first `needle` (ASCII, case-sensitive) in `bytes`:
    /// `memchr` to each candidate first byte, `memcmp` for the rest (glibc's `memmem` is a
    /// GNU extension that Swift's Glibc module does not export).
    static func firstOffset(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return 0 }
        guard let base = bytes.baseAddress, bytes.count >= count else { return nil }
        let last = bytes.count - count
        var offset = 0
        while offset <= last, let hit = memchr(base + offset, Int32(needle.utf8Start[0]), last - offset + 1) {
            offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needle.utf8Start, count) == 0 { return offset }
            offset += 1
        }
        return nil
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, space, and the information
    /// separators 0x1C–0x1F. (`Character.isWhitespace` does not count the separators, so the
    /// folds above treat them differently on their ASCII and `Character` paths; a line
    /// holding them is rare, and changing that changes outputs, so it is left for its own
    /// change.)
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || (0x1C...0x1F).contains(byte)
    }

    /// `isBlank` on a line's bytes when they settle it: true for ASCII white space only,
    /// false at an ASCII byte that is not white space; nil at a byte above 0x7F first (it may
    /// be U+00A0: the `Character` path decides).
    static func blankness(_ bytes: some Sequence<UInt8>) -> Bool? {
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if !isSpace(byte) { return false }
        }
        return true
    }

    /// What `collapsingWhitespace` makes of some bytes.
    enum Collapse: Equatable {
        /// ASCII with no white space but single spaces between other bytes.
        case unchanged
        case collapsed(String)
        /// A byte above 0x7F: the `Character` path decides.
        case notASCII
    }

    /// `collapsingWhitespace` of contiguous bytes, which are read once when they need no change.
    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> Collapse {
        var afterSpace = true  // a space at the start is one to trim
        var unchanged = true
        for byte in bytes {
            if byte >= 0x80 { return .notASCII }
            if isSpace(byte) {
                if byte != 0x20 || afterSpace { unchanged = false }
                afterSpace = true
            } else {
                afterSpace = false
            }
        }
        if unchanged, !(afterSpace && !bytes.isEmpty) { return .unchanged }
        return collapsed(bytes).map(Collapse.collapsed) ?? .notASCII
    }

    /// `collapsingWhitespace` of ASCII bytes: runs of white space as one space, ends
    /// trimmed; with `lowercasing`, `lowercased().collapsingWhitespace` (the key a vocabulary
    /// looks a label up by, made for every label of every person) in the same one pass. Nil
    /// at a byte above 0x7F (the `Character` path, or Unicode's lower-casing, decides).
    static func collapsed(_ bytes: some Collection<UInt8>, lowercasing: Bool = false) -> String? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        // Written straight into the string's storage: never longer than the bytes.
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if isSpace(byte) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                    out[count] = lowercasing ? lowercased(byte) : byte
                    count += 1
                }
            }
            return count
        }
    }

    /// Whether text holding bytes above 0x7F is already what `collapsingWhitespace` makes of
    /// it (names with diacritics, nearly always), so the `Character` walk that splits it is
    /// not needed: no white space but single ASCII spaces, none at either end, each followed
    /// by an ASCII character that is not white space (so that the space is a `Character` of its
    /// own: a combining mark or an emoji modifier after it would make one with it). False
    /// leaves the text to the `Character` walk.
    static func collapsedAlready(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        var previous: Unicode.Scalar?  // nil at the start
        for scalar in scalars {
            if previous?.value == 0x20 {
                guard scalar.value < 0x80, !isSpace(UInt8(scalar.value)) else { return false }
            }
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                if isSpace(byte), byte != 0x20 || previous == nil { return false }
            } else if scalar.properties.isWhitespace {
                return false
            }
            previous = scalar
        }
        return previous?.value != 0x20
    }

    /// `trimmedHasPrefix` on a line's bytes when they settle it; nil when a byte above 0x7F
    /// comes before the first other byte, inside the prefix or right after it, or the line
    /// is all white space (the `Character` path decides).
    static func trimmedHasPrefix(_ bytes: some Sequence<UInt8>, _ prefix: StaticString) -> Bool? {
        var iterator = bytes.makeIterator()
        var byte = iterator.next()
        while let space = byte, space < 0x80, isSpace(space) { byte = iterator.next() }
        guard let first = byte, first < 0x80 else { return nil }
        for index in 0..<prefix.utf8CodeUnitCount {
            guard let next = byte else { return false }
            if next >= 0x80 { return nil }
            if next != prefix.utf8Start[index] { return false }
            byte = iterator.next()
        }
        if let after = byte, after >= 0x80 { return nil }
        return true
    }

    /// `trimmedLeadingASCII` on a line's bytes: the first byte after leading ASCII white
    /// space when it is ASCII and the byte after it is too (or there is none), else nil.
    static func trimmedLeadingByte(_ bytes: some Sequence<UInt8>) -> UInt8? {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte >= 0x80 { return nil }
            if isSpace(byte) { continue }
            if let next = iterator.next(), next >= 0x80 { return nil }
            return byte
        }
        return nil
    }

    /// `A–Z` as `a–z`; any other byte as it is.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether ASCII `bytes`, lower-cased, begin with the lower-case bytes `lower`.
    static func lowercasedHasPrefix(_ bytes: ArraySlice<UInt8>, _ lower: [UInt8]) -> Bool {
        bytes.count >= lower.count && zip(bytes, lower).allSatisfy { lowercased($0) == $1 }
    }

    /// Whether ASCII `bytes`, lower-cased, are the lower-case bytes `lower`.
    static func lowercasedEquals(_ bytes: ArraySlice<UInt8>, _ lower: [UInt8]) -> Bool {
        bytes.count == lower.count && lowercasedHasPrefix(bytes, lower)
    }

    /// `value * 10 + digit`, or nil when that overflows `Int` (as `Int` of the digits' text is).
    @inline(__always)
    static func appending(digit: Int, to value: Int) -> Int? {
        let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
        let (sum, carry) = tens.addingReportingOverflow(digit)
        return overflow || carry ? nil : sum
    }

    /// Appends `text`'s UTF-8 to `out`, each byte that `replacement` names replaced by its
    /// text. For ASCII bytes' replacements: no byte of a multi-byte scalar is ASCII, so the
    /// others are copied as they are.
    static func appendEscaped(_ text: String, to out: inout [UInt8], _ replacement: (UInt8) -> String?) {
        for byte in text.utf8 {
            if let replaced = replacement(byte) { out.append(contentsOf: replaced.utf8) } else { out.append(byte) }
        }
    }

    /// Tab to carriage return and space: what `Character.isWhitespace` is on ASCII.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
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
        if let folded = latin1FoldedName { return folded }
        return scalarFoldedName
    }

    /// The fold of text whose scalars are all below U+0100 (ASCII and Latin-1), on its
    /// UTF-8 bytes; nil for any other text. Such text is composed (NFC) already, each scalar
    /// is a `Character` of its own but CR LF (white space, dropped), and the letters and
    /// numbers of the range and their lower case are the table below, the same as the
    /// Unicode properties `scalarFoldedName` asks (a test compares every scalar of the range).
    var latin1FoldedName: String? {
        var text = self
        return text.withUTF8 { Self.latin1Fold($0) }
    }

    /// `latin1FoldedName` of UTF-8 bytes, written straight into the string's storage: the
    /// fold is never longer than its input (a scalar kept keeps its length, a space stands
    /// for at least one dropped byte).
    private static func latin1Fold(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var latin1 = true
        let folded = String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0, index = 0
            var pendingSpace = false
            while index < bytes.count {
                let lead = bytes[index]
                let scalar: UInt32
                if lead < 0x80 {
                    scalar = UInt32(lead)
                    index += 1
                } else if lead == 0xC2 || lead == 0xC3, index + 1 < bytes.count {
                    scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else {
                    latin1 = false
                    return 0
                }
                let kept: UInt32? = switch scalar {
                // Digits, lower-case letters, ª µ º, the superscripts ² ³ ¹ and the fractions ¼ ½ ¾.
                case 0x30...0x39, 0x61...0x7A, 0xAA, 0xB5, 0xBA, 0xB2, 0xB3, 0xB9, 0xBC...0xBE, 0xDF...0xF6, 0xF8...0xFF: scalar
                // Upper-case letters (À–Ö, Ø–Þ) lower-case 0x20 above.
                case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: scalar + 0x20
                default: nil
                }
                guard let kept else {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                if kept < 0x80 {
                    out[count] = UInt8(kept)
                    count += 1
                } else {
                    out[count] = 0xC0 | UInt8(kept >> 6)
                    out[count + 1] = 0x80 | UInt8(kept & 0x3F)
                    count += 2
                }
            }
            return count
        }
        return latin1 ? folded : nil
    }

    /// The fold by Unicode properties: composed, lower case, letters, numbers and
    /// nonspacing marks kept, the rest white space, collapsed.
    var scalarFoldedName: String {
        // Text below U+0300 holds no combining mark and nothing NFC changes: it is composed
        // already, and Foundation's composition need not run.
        let composed = unicodeScalars.allSatisfy { $0.value < 0x300 } ? self : precomposedStringWithCanonicalMapping
        var kept = String.UnicodeScalarView()
        for scalar in composed.lowercased().unicodeScalars {
            let properties = scalar.properties
            let keep = properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark
            kept.append(keep ? scalar : " ")
        }
        return String(kept).collapsingWhitespace
    }

    /// A file- and URL-safe slug: folded name with spaces as hyphens.
    var slug: String {
        let folded = foldedName
        // An ASCII fold separates its words by single spaces: each becomes a hyphen.
        guard folded.isASCII else { return folded.split(separator: " ").joined(separator: "-") }
        return String(decoding: folded.utf8.map { $0 == 0x20 ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }
}

extension String {
    /// Session types in one spelling: `Open forum` → `Open Forum`, `Book launch and award
    /// event` → `Book Launch and Award Event`; short joining words stay lower case.
    var sessionTypeCased: String {
        let collapsed = collapsingWhitespace
        if collapsed.isASCII { return Self.sessionTypeCasedASCII(collapsed) }
        return collapsed.split(separator: " ").enumerated().map { index, word in
            let lower = word.lowercased()
            if word.dropFirst().contains(where: \.isUppercase) { return String(word) }  // `Ceremonial/HL`, `IoT`
            if index > 0, Self.joiningWords.contains(lower) { return lower }
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }

    private static let joiningWords: Set = ["and", "or", "of", "on", "the", "for", "to", "in", "a"]

    /// `joiningWords` as bytes.
    private static let joiningWordBytes = joiningWords.map { Array($0.utf8) }

    /// The same rule on the bytes of collapsed ASCII text (upper case is `A–Z` there), written
    /// straight into the new string: words are the runs between spaces, empty ones skipped.
    private static func sessionTypeCasedASCII(_ collapsed: String) -> String {
        let isUpper = { (byte: UInt8) in (0x41...0x5A).contains(byte) }
        var text = collapsed
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var words = 0
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                    defer { start = end + 1 }
                    guard end > start else { continue }
                    if words > 0 { out[count] = 0x20; count += 1 }
                    defer { words += 1 }
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if word.dropFirst().contains(where: isUpper) {
                        for byte in word { out[count] = byte; count += 1 }
                        continue
                    }
                    let first = count
                    for byte in word { out[count] = ASCII.lowercased(byte); count += 1 }
                    let lower = UnsafeBufferPointer(rebasing: out[first..<count])
                    if words > 0, joiningWordBytes.contains(where: { $0.elementsEqual(lower) }) { continue }
                    if (0x61...0x7A).contains(out[first]) { out[first] &= ~0x20 }
                }
                return count
            }
        }
    }
}
