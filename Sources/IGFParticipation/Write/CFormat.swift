import Foundation

/// Numbers and times as C writes them, in the C locale (a Swift process never calls
/// `setlocale`): the same text as `String(format:locale:)` with `en_US_POSIX` or a POSIX
/// date formatter, without Foundation's locale machinery. That machinery loads ICU's data
/// the first time it is used, megabytes of resident memory for a handful of strings.
public enum CFormat {
    /// `format` (a printf format) with `arguments`, as `vsnprintf` writes it.
    public static func printf(_ format: String, _ arguments: CVarArg...) -> String {
        var bytes: [UInt8] = []
        printf(format, arguments, appendingTo: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same text's bytes, appended to `bytes`: written into a buffer on the stack (the
    /// output tables format decimals for many cells of every session), or, for a longer
    /// text, into one of the size it needs; nothing when `vsnprintf` fails.
    static func printf(_ format: String, _ arguments: [CVarArg], appendingTo bytes: inout [UInt8]) {
        /// Appends the text when it fits in `capacity`; returns the length it needs.
        func write(capacity: Int) -> Int {
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let length = Int(withVaList(arguments) { vsnprintf(buffer.baseAddress, capacity, format, $0) })
                if length >= 0, length < capacity { bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer.baseAddress, count: length)) }
                return length
            }
        }
        let stack = 128
        let length = write(capacity: stack)
        if length >= stack { _ = write(capacity: length + 1) }
    }

    /// `value` with `places` decimals (`%.*f`).
    public static func fixed(_ value: Double, places: Int) -> String {
        var bytes: [UInt8] = []
        fixed(value, places: places, appendingTo: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same text's bytes, appended to `bytes`: for up to six places and |value| below
    /// 10¹², the digits of `Cell.scaled` (printf's own rounding, computed here, where
    /// `vsnprintf` with its variadic arguments costs several microseconds a number); else
    /// `vsnprintf`'s.
    static func fixed(_ value: Double, places: Int, appendingTo bytes: inout [UInt8]) {
        guard let scaled = Cell.scaled(value, places: places) else {
            printf("%.*f", [Int32(places), value], appendingTo: &bytes)
            return
        }
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        let unit = Cell.powersOfTen[places]
        Cell.appendDecimalDigits(Int(scaled / unit), to: &bytes)
        guard places > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        // The places' digits from the last, into room on the stack, then appended at once.
        var fraction = scaled % unit
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { digits in
            for place in (0..<places).reversed() {
                digits[place] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<places]))
        }
    }

    /// `value` × 100 with no places and a percent sign (`%.0f%%`).
    static func percent(_ share: Double) -> String {
        var bytes: [UInt8] = []
        fixed(share * 100, places: 0, appendingTo: &bytes)
        bytes.append(UInt8(ascii: "%"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The UTC calendar fields of `date`, to the nearest millisecond.
    private static func utc(_ date: Date) -> (tm: tm, milliseconds: Int) {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        var time = time_t(milliseconds.floorDiv(1000))
        var fields = tm()
        gmtime_r(&time, &fields)
        return (fields, milliseconds - milliseconds.floorDiv(1000) * 1000)
    }

    /// `2026-11-24T04:30:22.619Z` (ISO 8601, UTC, milliseconds).
    public static func iso8601(_ date: Date) -> String {
        let (t, ms) = utc(date)
        return printf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, Int32(ms))
    }

    /// `20261124T043022.619Z` (the same, compact: sorts as it reads).
    public static func compactTimestamp(_ date: Date) -> String {
        let (t, ms) = utc(date)
        return printf("%04d%02d%02dT%02d%02d%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, Int32(ms))
    }
}

private extension Int {
    /// Division rounding toward minus infinity (times before 1970 are negative).
    func floorDiv(_ divisor: Int) -> Int {
        self >= 0 ? self / divisor : -((-self + divisor - 1) / divisor)
    }
}
