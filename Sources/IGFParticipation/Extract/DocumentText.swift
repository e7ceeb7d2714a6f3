import Foundation

/// A document's text as numbered lines, decoded from raw bytes.
///
/// Files are read as bytes: a UTF-8 byte-order mark is dropped, CRLF, LF and lone CR all
/// end a line, and invalid UTF-8 is refused with the byte offset of the first bad byte
/// (a name with a broken byte would otherwise be counted under a wrong spelling).
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

    public var lines: [Line]

    /// Why bytes could not become text.
    public enum DecodingProblem: Error, Equatable, Sendable {
        case empty
        case invalidUTF8(byteOffset: Int, line: Int)
    }

    public init(lines: [Line]) {
        self.lines = lines
    }

    /// Decodes `bytes`, or says why it cannot: empty (nothing but white space) or invalid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> Result<DocumentText, DecodingProblem> {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return .failure(.empty) }
            var lineStart = 0
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { lineStart = 3 }
            // Most documents end their lines with LF alone: then `memchr` finds each end. One
            // with a CR anywhere is walked byte by byte, since CR, CRLF and LF all end a line.
            let carriageReturns = memchr(base + lineStart, 0x0D, count - lineStart) != nil
            func end(from start: Int) -> Int {
                guard carriageReturns else {
                    return memchr(base + start, 0x0A, count - start).map { UnsafeRawPointer(base).distance(to: $0) } ?? count
                }
                var index = start
                while index < count, base[index] != 0x0A, base[index] != 0x0D { index += 1 }
                return index
            }
            // Each line becomes a String through the repairing decoder, which swaps invalid
            // bytes for U+FFFD and so is valid UTF-8 itself: a line whose bytes come out
            // unchanged was valid. (`String(validating:)` checks in one pass too, but as a
            // generic call that looks up type metadata for every line.) Only a line that fails
            // is walked again, to find the offset of its first bad byte.
            var lines: [Line] = []
            var number = 1
            while lineStart < count {
                let lineEnd = end(from: lineStart)
                let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
                let text = String(decoding: line, as: UTF8.self)
                guard Self.same(text, line) else {
                    let offset = firstInvalidUTF8Offset(buffer, from: lineStart) ?? lineStart
                    return .failure(.invalidUTF8(byteOffset: offset, line: number))
                }
                lines.append(Line(number: number, text: text))
                number += 1
                lineStart = lineEnd + (lineEnd + 1 < count && base[lineEnd] == 0x0D && base[lineEnd + 1] == 0x0A ? 2 : 1)
            }
            if lines.allSatisfy({ $0.text.isBlank }) { return .failure(.empty) }
            return .success(DocumentText(lines: lines))
        }
    }

    /// Whether `text`'s UTF-8 is exactly `bytes`.
    private static func same(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == bytes.count else { return false }
        return utf8.withContiguousStorageIfAvailable { stored in
            stored.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, stored.count) == 0
        } ?? utf8.elementsEqual(bytes)
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
            if !lines[i].text.isBlank { return i }
            i += 1
        }
        return nil
    }

    /// The index of the last non-blank line before `index` and after `floor`, if any.
    public func previousNonBlank(before index: Int, after floor: Int) -> Int? {
        var i = index - 1
        while i > floor {
            if !lines[i].text.isBlank { return i }
            i -= 1
        }
        return nil
    }
}
