import Foundation

/// A proposal's session-format line: `Round Table - U-shape - 60 Min`, `Other - 90 Min`.
///
/// Parts are separated by ` - ` (spaces around the hyphen, so `Break-out` and `U-shape`
/// stay whole); the last part is the duration in minutes.
struct FormatLine: Equatable {
    var format: String
    var layout: String?
    var minutes: Int

    init(format: String, layout: String?, minutes: Int) {
        self.format = format
        self.layout = layout
        self.minutes = minutes
    }

    init?(_ content: String) {
        // Without ` - ` there is one part; Foundation's split need not run to say so.
        guard content.utf8.containsASCII(" - ") else { return nil }
        let parts = Self.parts(content).map(\.collapsingWhitespace)
        guard (2...3).contains(parts.count), !parts[0].isEmpty, let last = parts.last else { return nil }
        var scanner = TextScanner(last)
        guard let minutes = scanner.integer() else { return nil }
        scanner.skipWhitespace()
        guard scanner.consume("Min"), scanner.remainder().trimmingSuffix(".").isBlank else { return nil }
        self.format = parts[0]
        self.layout = parts.count == 3 ? parts[1] : nil
        self.minutes = minutes
    }

    /// The text cut at each ` - `, left to right, empty parts kept: what
    /// `components(separatedBy: " - ")` gives, found on the bytes when the text is ASCII.
    static func parts(_ content: String) -> [String] {
        guard content.isASCII else { return content.components(separatedBy: " - ") }
        let bytes = Array(content.utf8)
        var parts: [String] = []
        var start = 0, index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == 0x20, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == 0x20 {
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 3
                start = index
            } else {
                index += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }
}
