/// A problem found in the input: never fatal to the run, always placed and coded.
///
/// The `code` is stable so a scheduler or a spreadsheet can filter on it; `location`
/// names the file and line (or `byteOffset` for undecodable bytes); `raw` is the text
/// that caused it, verbatim.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// Stable, machine-readable kinds of problem.
    public enum Code: String, Sendable, CaseIterable, Codable {
        case emptyFile = "empty-file"
        case invalidUTF8 = "invalid-utf8"
        case unreadableFile = "unreadable-file"
        case unknownKind = "unknown-kind"
        case unknownStakeholder = "unknown-stakeholder"
        case unknownRegion = "unknown-region"
        case missingRoleLabel = "missing-role-label"
        case danglingRoleLabel = "dangling-role-label"
        case malformedPersonLine = "malformed-person-line"
        case missingTitle = "missing-title"
        case duplicateSession = "duplicate-session"
        case participationUnreadable = "participation-unreadable"
        case participationConflict = "participation-conflict"
        case percentageOutOfRange = "percentage-out-of-range"
        case numberTooLarge = "number-too-large"
        case negativeCount = "negative-count"
        case unknownCountry = "unknown-country"
        case weekdayMismatch = "weekday-mismatch"
        case malformedSchedule = "malformed-schedule"
        case unreadableTable = "unreadable-table"
        case tableColumnMissing = "table-column-missing"
        case tableRowWidth = "table-row-width"
        case tableValueUnreadable = "table-value-unreadable"
        case unknownRole = "unknown-role"
        case unknownGender = "unknown-gender"
        case sessionConflict = "session-conflict"
        case ambiguousPerson = "ambiguous-person"
        case ambiguousTitle = "ambiguous-title"
        case symlinkLoop = "symlink-loop"
        case binaryFile = "binary-file"
        case lineTooLong = "line-too-long"
        case incompleteDocument = "incomplete-document"
        case missingSection = "missing-section"
        case cacheRebuilt = "cache-rebuilt"
        case cacheUnavailable = "cache-unavailable"
    }

    public var code: Code
    public var location: SourceLocation
    /// Byte offset in the file, for problems that have no line (undecodable bytes).
    public var byteOffset: Int?
    public var message: String
    /// The text that caused the problem, verbatim (empty when there is none).
    public var raw: String

    public init(_ code: Code, at location: SourceLocation, byteOffset: Int? = nil, _ message: String, raw: String = "") {
        self.code = code
        self.location = location
        self.byteOffset = byteOffset
        self.message = message
        self.raw = raw
    }

    /// `file:line: [code] message: "raw"`, the form printed on stderr.
    public var description: String {
        var place = location.description
        if let byteOffset { place += " (byte \(byteOffset))" }
        var text = "\(place): [\(code.rawValue)] \(message)"
        if !raw.isEmpty { text += ": \"\(raw)\"" }
        return text
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.byteOffset ?? 0, lhs.code.rawValue, lhs.message)
            < (rhs.location, rhs.byteOffset ?? 0, rhs.code.rawValue, rhs.message)
    }
}
