import Foundation
import IGFCSV

/// One value of an output table, typed so numbers stay numbers in every format.
public enum Cell: Hashable, Sendable {
    case text(String)
    case integer(Int)
    /// A decimal fraction written with `.` and a fixed number of places.
    case decimal(Double)
    case boolean(Bool)
    /// An unknown or undefined value: an empty CSV cell, JSON `null`.
    case empty

    /// Places after the decimal point for every decimal in every output.
    public static let decimalPlaces = 6

    /// 10⁰ to 10⁶.
    static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value` as a decimal, or `.empty` when nil.
    public static func decimal(_ value: Double?) -> Cell { value.map { .decimal($0) } ?? .empty }
    /// `value` as an integer, or `.empty` when nil.
    public static func integer(_ value: Int?) -> Cell { value.map { .integer($0) } ?? .empty }
    /// `value` as text, or `.empty` when nil.
    public static func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .empty }

    /// The cell as CSV field text (before RFC 4180 quoting); text is neutralized against
    /// formula injection, numbers are written as numbers.
    public var csvField: String {
        switch self {
        case .text(let text): CSVWriter.neutralized(text)
        case .integer(let value): String(value)
        case .decimal(let value): Self.format(value)
        case .boolean(let value): value ? "true" : "false"
        case .empty: ""
        }
    }

    /// Appends the cell as one CSV field (quoted when it must be): the bytes
    /// `CSVWriter.escape(csvField)` would give, without a `String` per cell.
    func appendCSV(to bytes: inout [UInt8]) {
        switch self {
        case .text(let text): CSVWriter.appendField(text, neutralizing: true, to: &bytes)
        case .integer(let value): Self.appendDecimalDigits(value, to: &bytes)
        case .decimal(let value): Self.appendDecimal(value, to: &bytes)
        case .boolean(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .empty: break
        }
    }

    /// `String(value)`'s bytes, written without a `String`.
    static func appendDecimalDigits(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so `Int.min` has one too.
        var magnitude = value.magnitude
        if magnitude < 10 { bytes.append(UInt8(ascii: "0") + UInt8(magnitude)); return }
        // Digits from the last, into room on the stack, then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Fixed-places formatting, locale-independent (`CFormat`), never `-0.000000`.
    static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendDecimal(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(value)`'s bytes, appended to `bytes`: `printf("%.6f")`'s (`CFormat.fixed`),
    /// without the `-` of a value that rounds to zero.
    static func appendDecimal(_ value: Double, to bytes: inout [UInt8]) {
        let start = bytes.count
        CFormat.fixed(value, places: decimalPlaces, appendingTo: &bytes)
        if bytes.count > start, bytes[start] == UInt8(ascii: "-"),
           bytes[(start + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
            bytes.remove(at: start)
        }
    }

    /// |value| × 10^places (places 0 to 6) rounded as `printf("%.*f")` rounds it: from the
    /// exact binary value, a tie to even. Nil, for `printf` to write, when it is not finite
    /// or 10¹² or more (the scaled value must fit in 63 bits); the outputs' decimals are
    /// shares, indices, medians and chart coordinates, far below that.
    ///
    /// |value| = m × 2⁻ᵏ (m the 53-bit significand), so |value| × 10ᵖ = (m × 10ᵖ) / 2ᵏ: a
    /// 128-bit product shifted right by k, rounded on the bits shifted out.
    static func scaled(_ value: Double, places: Int) -> UInt64? {
        guard (0...6).contains(places), value.isFinite, value.magnitude < 1e12 else { return nil }
        if value == 0 { return 0 }
        let significand = value.exponentBitPattern == 0
            ? value.significandBitPattern : value.significandBitPattern | 1 << 52
        let exponent = value.exponentBitPattern == 0 ? -1074 : Int(value.exponentBitPattern) - 1075
        // |value| < 10¹² < 2⁵³ with a 53-bit significand: the exponent is negative.
        let shift = -exponent
        guard shift >= 1 else { return nil }
        let (high, low) = significand.multipliedFullWidth(by: powersOfTen[places])  // below 2⁷³
        guard shift < 128 else { return 0 }  // below 2⁷³ / 2¹²⁸: rounds to 0
        // quotient = product >> shift; the remainder against half of 2^shift.
        let quotient: UInt64
        let above: Bool, tie: Bool
        if shift < 64 {
            quotient = low >> shift | high << (64 - shift)
            guard high >> shift == 0 else { return nil }
            let remainder = low & (1 << shift &- 1)
            let half: UInt64 = 1 << (shift - 1)
            above = remainder > half
            tie = remainder == half
        } else {
            quotient = shift == 64 ? high : high >> (shift - 64)
            let remainderHigh = shift == 64 ? 0 : high & (1 << (shift - 64) &- 1)
            let halfHigh: UInt64 = shift == 64 ? 0 : 1 << (shift - 65)
            let halfLow: UInt64 = shift == 64 ? 1 << 63 : 0
            above = remainderHigh > halfHigh || (remainderHigh == halfHigh && low > halfLow)
            tie = remainderHigh == halfHigh && low == halfLow
        }
        return above || (tie && quotient & 1 == 1) ? quotient + 1 : quotient
    }
}
