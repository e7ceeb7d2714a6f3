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

    /// Fixed-places formatting, locale-independent (`CFormat`), never `-0.000000`.
    static func format(_ value: Double) -> String {
        let text = CFormat.fixed(value, places: decimalPlaces)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
    }
}
