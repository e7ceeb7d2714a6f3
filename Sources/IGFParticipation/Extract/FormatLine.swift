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
        let parts = content.components(separatedBy: " - ").map(\.collapsingWhitespace)
        guard (2...3).contains(parts.count), !parts[0].isEmpty, let last = parts.last else { return nil }
        var scanner = TextScanner(last)
        guard let minutes = scanner.integer() else { return nil }
        scanner.skipWhitespace()
        guard scanner.consume("Min"), scanner.remainder().trimmingSuffix(".").isBlank else { return nil }
        self.format = parts[0]
        self.layout = parts.count == 3 ? parts[1] : nil
        self.minutes = minutes
    }
}
