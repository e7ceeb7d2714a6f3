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
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Fixed-places formatting, locale-independent (`CFormat`), never `-0.000000`.
    static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendDecimal(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(value)`'s bytes, appended to `bytes`.
    static func appendDecimal(_ value: Double, to bytes: inout [UInt8]) {
        let start = bytes.count
        CFormat.fixed(value, places: decimalPlaces, appendingTo: &bytes)
        if bytes.count > start, bytes[start] == UInt8(ascii: "-"),
           bytes[(start + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
            bytes.remove(at: start)
        }
    }
}
