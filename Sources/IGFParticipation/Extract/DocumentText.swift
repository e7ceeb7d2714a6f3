import Foundation

/// A document's text as numbered lines, decoded from raw bytes.
///
/// Files are read as bytes: a UTF-8 byte-order mark is dropped, CRLF, LF and lone CR all
/// end a line, and invalid UTF-8 is refused with the byte offset of the first bad byte
/// (a name with a broken byte would otherwise be counted under a wrong spelling).
///
/// The text keeps the file's bytes and where each line lies in them; a line becomes a
/// `String` only when it is read as text (`lines[i]`). Most of a page is prose that only a
/// first-byte test or a blank-line walk looks at, and those read the bytes
/// (`Lines.isBlank`, `Lines.start`).
public struct DocumentText: Sendable {
    /// A line of text with its 1-based number.
    public struct Line: Sendable, Hashable {
        public var number: Int
        public var text: String

        public init(number: Int, text: String) {
            self.number = number
            self.text = text
        }
    }

    /// The lines in order; line `i` (from 0) is line number `i + 1`.
    public struct Lines: RandomAccessCollection, Sendable {
        /// The file's bytes (shared with the caller's copy, not copied).
        private let bytes: [UInt8]
        /// Where each line's text lies in `bytes`, its line end excluded.
        private var spans: [Range<Int>]

        fileprivate init(bytes: [UInt8], spans: [Range<Int>]) {
            self.bytes = bytes
            self.spans = spans
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { spans.count }

        /// The line decoded (checked as valid UTF-8 when the text was made).
        public subscript(index: Int) -> Line {
            Line(number: index + 1, text: withBytes(of: index) { String(decoding: $0, as: UTF8.self) })
        }

        /// The line's length in bytes.
        public func byteCount(of index: Int) -> Int {
            spans[index].count
        }

        /// Whether the line is empty or only white space (U+00A0 included), as
        /// `String.isBlank` says, from the bytes unless one above 0x7F comes first.
        public func isBlank(_ index: Int) -> Bool {
            withBytes(of: index) { ASCII.blankness($0) } ?? self[index].text.isBlank
        }

        /// The line's `trimmedLeadingASCII`, read on its bytes.
        func trimmedLeadingByte(of index: Int) -> UInt8? {
            withBytes(of: index) { ASCII.trimmedLeadingByte($0) }
        }

        /// How a line begins, for passes that settle most lines without making them text.
        enum Start: Equatable {
            /// Empty or only white space (`isBlank`).
            case blank
            /// Its first character after white space is this ASCII byte (`trimmedLeadingASCII`).
            case ascii(UInt8)
            /// Anything else: the line must be read as text to know more.
            case other
        }

        /// How the line begins, read on its bytes (and as text only for a line that starts
        /// with a byte above 0x7F after its white space).
        func start(of index: Int) -> Start {
            if let lead = trimmedLeadingByte(of: index) { return .ascii(lead) }
            return isBlank(index) ? .blank : .other
        }

        /// The line's `trimmedHasPrefix`, read on its bytes where they settle it.
        func trimmedHasPrefix(_ index: Int, _ prefix: StaticString) -> Bool {
            withBytes(of: index) { ASCII.trimmedHasPrefix($0, prefix) } ?? self[index].text.trimmedHasPrefix(prefix)
        }

        /// Whether the line holds `byte`, read on its bytes.
        func containsByte(_ index: Int, _ byte: UInt8) -> Bool {
            withBytes(of: index) { line in line.baseAddress.map { memchr($0, Int32(byte), line.count) != nil } ?? false }
        }

        /// Whether the line holds `needle` (ASCII, case-sensitive), read on its bytes.
        func containsASCII(_ index: Int, _ needle: StaticString) -> Bool {
            withBytes(of: index) { ASCII.firstOffset(of: needle, in: $0) != nil }
        }

        /// Makes the line empty (a line too long to read).
        mutating func clear(_ index: Int) {
            spans[index] = spans[index].lowerBound..<spans[index].lowerBound
        }

        private func withBytes<Result>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[spans[index]])) }
        }
    }

    public var lines: Lines

    /// Why bytes could not become text.
    public enum DecodingProblem: Error, Equatable, Sendable {
        case empty
        case invalidUTF8(byteOffset: Int, line: Int)
    }

    /// Decodes `bytes`, or says why it cannot: empty (nothing but white space) or invalid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> Result<DocumentText, DecodingProblem> {
        let found: Result<[Range<Int>], DecodingProblem> = bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return .failure(.empty) }
            var lineStart = 0
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { lineStart = 3 }
            // CR, CRLF and LF all end a line. The next CR, the next LF and the next byte above
            // 0x7F are each found once and looked for again only when a line passes them, so
            // the bytes are scanned at `memchr`'s speed whatever mix of line ends a file has.
            func next(_ byte: UInt8, from start: Int) -> Int {
                memchr(base + start, Int32(byte), count - start).map { UnsafeRawPointer(base).distance(to: $0) } ?? count
            }
            var lineFeed = next(0x0A, from: lineStart), carriageReturn = next(0x0D, from: lineStart)
            var high = Self.firstHighByte(buffer, from: lineStart)
            // Lines before the next byte above 0x7F are ASCII, so valid UTF-8; a line holding
            // one is checked on its bytes (`isValidUTF8`: neither a `String` made of it nor
            // `String(validating:)`, a generic call that looks up type metadata for every
            // line). Only a line that fails is walked again, to find the offset of its first
            // bad byte.
            var spans: [Range<Int>] = []
            var number = 1
            while lineStart < count {
                if lineFeed < lineStart { lineFeed = next(0x0A, from: lineStart) }
                if carriageReturn < lineStart { carriageReturn = next(0x0D, from: lineStart) }
                let lineEnd = min(lineFeed, carriageReturn)
                if high < lineEnd {
                    let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
                    guard Self.isValidUTF8(line) else {
                        let offset = firstInvalidUTF8Offset(buffer, from: lineStart) ?? lineStart
                        return .failure(.invalidUTF8(byteOffset: offset, line: number))
                    }
                    high = Self.firstHighByte(buffer, from: lineEnd)
                }
                spans.append(lineStart..<lineEnd)
                number += 1
                lineStart = lineEnd + (lineEnd + 1 < count && base[lineEnd] == 0x0D && base[lineEnd + 1] == 0x0A ? 2 : 1)
            }
            return .success(spans)
        }
        return found.flatMap { spans in
            let lines = Lines(bytes: bytes, spans: spans)
            return lines.indices.allSatisfy(lines.isBlank) ? .failure(.empty) : .success(DocumentText(lines: lines))
        }
    }

    /// The offset of the first byte above 0x7F at or after `start`, or the count: 32 bytes a
    /// step (four words OR-ed), then byte by byte.
    static func firstHighByte(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 32 <= bytes.count {
            let words = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
            if words & high != 0 { break }
            index += 32
        }
        while index < bytes.count, base[index] < 0x80 { index += 1 }
        return index
    }

    /// Whether `bytes` are valid UTF-8, as Swift's decoder judges them (Unicode's table of
    /// well-formed sequences: no overlong forms, no surrogates, nothing above U+10FFFF), read
    /// in place: no `String` is made of a line to check it.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The sequence's length and the range its second byte must fall in.
            let length: Int, second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return false
            }
            guard count - index >= length, second.contains(bytes[index + 1]) else { return false }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 scalar.
    static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var iterator = bytes[start...].makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The index in `lines` of the first line at or after `index` that is not blank.
    public func nextNonBlank(from index: Int) -> Int? {
        var i = index
        while i < lines.count {
            if !lines.isBlank(i) { return i }
            i += 1
        }
        return nil
    }

    /// The index of the last non-blank line before `index` and after `floor`, if any.
    public func previousNonBlank(before index: Int, after floor: Int) -> Int? {
        var i = index - 1
        while i > floor {
            if !lines.isBlank(i) { return i }
            i -= 1
        }
        return nil
    }
}
