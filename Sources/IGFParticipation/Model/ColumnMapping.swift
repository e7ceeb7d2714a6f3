/// Which column of a user's sheet holds which fact, by header name.
public struct ColumnMapping: Hashable, Sendable {
    /// The facts a sheet can give, as pipeline files name them.
    public enum Field: String, Sendable, CaseIterable {
        case year, session, title
        case sessionType = "session_type"
        case role, name, organization, stakeholder, region, country, gender
    }

    /// Header names by field; `year` and `session` are required.
    public var columns: [Field: String]

    public init(_ columns: [Field: String]) {
        self.columns = columns
    }

    public static let required: [Field] = [.year, .session]
}

/// What to do with a row that has more or fewer fields than the header.
public enum BadRowPolicy: String, Sendable, CaseIterable {
    /// Keep it (missing fields empty, extra fields ignored), with a warning.
    case keep
    /// Leave it out, with a warning.
    case skip
}
