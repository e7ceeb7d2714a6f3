/// The part a person plays in a session, as the document states it.
public enum Role: String, Sendable, CaseIterable, Comparable {
    case organizer
    case speaker
    case moderatorOnsite = "moderator-onsite"
    case moderatorOnline = "moderator-online"
    case rapporteur
    /// A subtheme facilitator named in a session report.
    case facilitator
    /// Someone a session report names as presenting a breakout group's report.
    case reporter
    /// A person line whose role label the page lost; kept, never guessed.
    case unlabeled

    /// The label written to outputs.
    public var label: String { rawValue }

    /// Roles in the order outputs list them.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Which roles a statistic counts.
public enum RoleScope: String, Sendable, CaseIterable {
    case speakers
    case organizers
    /// Every role, unlabeled people included.
    case all

    /// The label written to outputs (`scope` column).
    public var label: String { rawValue }

    /// Whether a person in `role` counts in this scope.
    public func includes(_ role: Role) -> Bool {
        switch self {
        case .speakers: role == .speaker
        case .organizers: role == .organizer
        case .all: true
        }
    }
}
