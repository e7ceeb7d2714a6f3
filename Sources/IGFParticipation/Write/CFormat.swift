import Foundation

/// Numbers and times as C writes them, in the C locale (a Swift process never calls
/// `setlocale`): the same text as `String(format:locale:)` with `en_US_POSIX` or a POSIX
/// date formatter, without Foundation's locale machinery. That machinery loads ICU's data
/// the first time it is used, megabytes of resident memory for a handful of strings.
public enum CFormat {
    /// `format` (a printf format) with `arguments`, as `vsnprintf` writes it: into a buffer
    /// on the stack (the output tables format decimals for many cells of every session),
    /// or, for a longer text, into one of the size it needs.
    public static func printf(_ format: String, _ arguments: CVarArg...) -> String {
        /// The text, or nil with the length it needs when `capacity` is too small.
        func written(capacity: Int) -> (text: String?, length: Int) {
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let length = Int(withVaList(arguments) { vsnprintf(buffer.baseAddress, capacity, format, $0) })
                guard length >= 0, length < capacity else { return (nil, length) }
                return (String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: length), as: UTF8.self), length)
            }
        }
        let first = written(capacity: 128)
        guard first.text == nil, first.length >= 0 else { return first.text ?? "" }
        return written(capacity: first.length + 1).text ?? ""
    }

    /// `value` with `places` decimals (`%.*f`).
    public static func fixed(_ value: Double, places: Int) -> String {
        printf("%.*f", Int32(places), value)
    }

    /// The same text's bytes, appended to `bytes`: written on the stack and copied, without
    /// a `String` (output lines hold many decimals), or through `fixed` when it is longer.
    static func fixed(_ value: Double, places: Int, appendingTo bytes: inout [UInt8]) {
        let capacity = 64
        let appended = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let length = Int(withVaList([Int32(places), value]) { vsnprintf(buffer.baseAddress, capacity, "%.*f", $0) })
            guard length >= 0, length < capacity else { return false }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer.baseAddress, count: length))
            return true
        }
        if !appended { bytes.append(contentsOf: fixed(value, places: places).utf8) }
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
