/// The part a person plays in a session, as the document states it.
public enum Role: String, Sendable, DeclarationOrdered, Codable {
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

    /// The role a sheet's cell names (`Speaker`, `Panelist`, `Online moderator`, …), or nil.
    public init?(cell: String) {
        let key = cell.lowercased().split { $0.isWhitespace || $0 == "-" || $0 == "_" }.joined(separator: " ")
        switch key {
        case "organizer", "organiser", "co organizer", "co organiser", "organizers", "organisers": self = .organizer
        case "speaker", "speakers", "panelist", "panellist", "presenter", "keynote", "keynote speaker": self = .speaker
        case "moderator", "onsite moderator", "on site moderator", "in person moderator": self = .moderatorOnsite
        case "online moderator", "remote moderator": self = .moderatorOnline
        case "rapporteur": self = .rapporteur
        case "facilitator": self = .facilitator
        case "reporter": self = .reporter
        case "unlabeled", "unlabelled": self = .unlabeled
        default: return nil
        }
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
