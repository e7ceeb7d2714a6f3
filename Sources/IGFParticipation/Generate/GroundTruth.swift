/// What a generated corpus must yield, per year, computed by the generator as it writes.
public struct GroundTruth: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var documents = 0
        public var sessions = 0
        public var speakerSlots = 0
        public var organizerSlots = 0
        public var allSlots = 0
        public var people = Set<String>()
        public var speakersByStakeholder: [StakeholderGroup: Int] = [:]
        public var participants = 0
        public var participantsQualifier = Qualifier.exact
        public var sessionsReportingParticipants = 0
        public var women = 0
        public var womenQualifier = Qualifier.exact
        public var sessionsReportingWomen = 0

        public init(year: Int) {
            self.year = year
        }

        mutating func add(participation: Count?, women: Count?) {
            if let participation {
                participants += participation.value
                participantsQualifier = Qualifier.combined([participantsQualifier, participation.qualifier])
                sessionsReportingParticipants += 1
            }
            if let women {
                self.women += women.value
                womenQualifier = Qualifier.combined([womenQualifier, women.qualifier])
                sessionsReportingWomen += 1
            }
        }
    }

    public var seed: UInt64
    public var documents: Int
    public var bytes: Int
    public var years: [Int: Year]

    /// `ground-truth.json`: the figures a run must reproduce.
    public func document() -> JSONValue {
        .object([
            ("seed", .integer(Int(truncatingIfNeeded: seed))),
            ("documents", .integer(documents)),
            ("bytes", .integer(bytes)),
            ("years", .array(years.keys.sorted().map { key in
                let year = years[key]!
                return .object([
                    ("year", .integer(year.year)), ("documents", .integer(year.documents)), ("sessions", .integer(year.sessions)),
                    ("speaker_slots", .integer(year.speakerSlots)), ("organizer_slots", .integer(year.organizerSlots)),
                    ("all_slots", .integer(year.allSlots)), ("people_unique", .integer(year.people.count)),
                    ("speakers_by_stakeholder", .object(StakeholderGroup.groups.map { ($0.label, .integer(year.speakersByStakeholder[$0, default: 0])) })),
                    ("sessions_reporting_participants", .integer(year.sessionsReportingParticipants)),
                    ("participants_total", .integer(year.participants)),
                    ("participants_qualifier", .string(year.participantsQualifier.label)),
                    ("sessions_reporting_women", .integer(year.sessionsReportingWomen)),
                    ("women", .integer(year.women)), ("women_qualifier", .string(year.womenQualifier.label)),
                ])
            })),
        ])
    }
}
