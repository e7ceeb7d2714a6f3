/// A person as a document states them, before any vocabulary is applied.
public struct RawPerson: Hashable, Sendable, Codable {
    public var role: Role
    public var name: String?
    public var organization: String?
    /// The stakeholder label verbatim (`Civil Society`, `Technical community`, …).
    public var stakeholder: String?
    /// The regional label verbatim (`Western European and Others Group (WEOG)`, …).
    public var region: String?
    /// The country verbatim (`The Netherlands`), where the page gives one.
    public var country: String?
    /// Gender, where a sheet states it.
    public var gender: Gender?
    public var location: SourceLocation

    public init(role: Role, name: String? = nil, organization: String? = nil,
                stakeholder: String? = nil, region: String? = nil, country: String? = nil,
                gender: Gender? = nil, location: SourceLocation) {
        self.role = role
        self.name = name
        self.organization = organization
        self.stakeholder = stakeholder
        self.region = region
        self.country = country
        self.gender = gender
        self.location = location
    }
}

/// A session as one document describes it: what the extract stage yields.
public struct RawSession: Hashable, Sendable, Codable {
    public var sourceKind: DocumentKind
    public var year: Int
    public var number: SessionNumber?
    public var title: String
    /// `Workshop`, `Main Session`, `Open Forum`, … where the document says.
    public var sessionType: String?
    /// The first part of a proposal's format line: `Round Table`, `Other`, …
    public var format: String?
    /// The seating layout of a format line: `U-shape`, `Flexible Seating`, …
    public var layout: String?
    public var durationMinutes: Int?
    /// `Format description: Workshop`
    public var formatDescription: String?
    /// SDG numbers the document cites, ascending, without repeats.
    public var sdgs: [Int]
    /// The theme or track a report or listing files the session under.
    public var theme: String?
    /// Organizing bodies as a listing names them (`Just Net Coalition`), verbatim.
    public var organizers: String?
    /// When the session is scheduled (event listings).
    public var schedule: Schedule?
    /// Attendance and gender figures (session reports' section 6).
    public var participation: Participation?
    public var people: [RawPerson]
    /// The line that opens the session (its header or title line).
    public var location: SourceLocation

    public init(sourceKind: DocumentKind, year: Int, number: SessionNumber? = nil, title: String,
                sessionType: String? = nil, format: String? = nil, layout: String? = nil,
                durationMinutes: Int? = nil, formatDescription: String? = nil,
                sdgs: [Int] = [], theme: String? = nil, organizers: String? = nil, schedule: Schedule? = nil,
                participation: Participation? = nil, people: [RawPerson] = [], location: SourceLocation) {
        self.sourceKind = sourceKind
        self.year = year
        self.number = number
        self.title = title
        self.sessionType = sessionType
        self.format = format
        self.layout = layout
        self.durationMinutes = durationMinutes
        self.formatDescription = formatDescription
        self.sdgs = sdgs
        self.theme = theme
        self.organizers = organizers
        self.schedule = schedule
        self.participation = participation
        self.people = people
        self.location = location
    }
}

/// What the extract stage read from one file: its kind, its sessions and its problems.
public struct ExtractedDocument: Sendable {
    /// The path the run names the file by.
    public var file: String
    /// `nil` when the file was skipped (empty, undecodable, of no known kind).
    public var kind: DocumentKind?
    public var sessions: [RawSession]
    public var diagnostics: [Diagnostic]

    public init(file: String, kind: DocumentKind?, sessions: [RawSession] = [], diagnostics: [Diagnostic] = []) {
        self.file = file
        self.kind = kind
        self.sessions = sessions
        self.diagnostics = diagnostics
    }
}
