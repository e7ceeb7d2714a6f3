/// Per-year totals, built session by session.
///
/// Slots, sessions and gender are counts and sums, added as each session goes by. Distinct
/// people are not: counting them needs every identity key, and a year's keys grow with the
/// corpus, so the run's store keeps where each person was seen and counts them once every
/// session has gone by (`RunStore.countPeople`); the runner then sets each scope's `people`.
public struct YearAccumulator: Hashable, Sendable {
    /// Distinct people of one role scope in one year.
    public struct People: Hashable, Sendable {
        public var unique = 0
        /// Also listed, in any role, in an earlier year of the run.
        public var returning = 0
        /// Per stakeholder and regional group (a person listed under two groups counts in both).
        public var stakeholders = GroupCounts<StakeholderGroup>()
        public var regions = GroupCounts<RegionalGroup>()

        public init(unique: Int = 0, returning: Int = 0) {
            self.unique = unique
            self.returning = returning
        }

        public var newcomers: Int { unique - returning }
    }

    /// Totals of one role scope over a year's sessions.
    public struct Scope: Hashable, Sendable {
        public var pooled = ScopeStatistics()
        /// Sessions with at least one slot in this scope.
        public var sessionsWithSlots = 0
        public var sessionsWithTwoOrMoreRegions = 0
        public var sessionsWithThreeOrMoreRegions = 0
        /// Distinct people in this scope (set from the store's count).
        public var people = People()

        mutating func add(_ statistics: ScopeStatistics) {
            pooled.stakeholders.merge(statistics.stakeholders)
            pooled.regions.merge(statistics.regions)
            if statistics.slots > 0 { sessionsWithSlots += 1 }
            if statistics.distinctRegionalGroups >= 2 { sessionsWithTwoOrMoreRegions += 1 }
            if statistics.distinctRegionalGroups >= 3 { sessionsWithThreeOrMoreRegions += 1 }
        }
    }

    public var year: Int
    public var sessions = 0
    public var sessionsMeetingDiversityBar = 0
    public var speakers = Scope()
    public var organizers = Scope()
    public var all = Scope()
    /// Attendance and gender over the year's sessions.
    public var gender = GenderAccumulator()
    /// The same, per session type (`Main Session`, `Workshop`, …; `Unspecified` when none).
    public var genderBySessionType: [String: GenderAccumulator] = [:]

    /// People's stated gender per role (sheets only; documents leave it `notGiven`).
    public var genderByRole: [Role: GroupCounts<Gender>] = [:]

    /// The label for sessions whose document gives no type.
    public static let unspecifiedSessionType = "Unspecified"

    public init(year: Int) {
        self.year = year
    }

    public subscript(scope: RoleScope) -> Scope {
        get {
            switch scope {
            case .speakers: speakers
            case .organizers: organizers
            case .all: all
            }
        }
        set {
            switch scope {
            case .speakers: speakers = newValue
            case .organizers: organizers = newValue
            case .all: all = newValue
            }
        }
    }

    public mutating func add(_ statistics: SessionStatistics) {
        sessions += 1
        if statistics.meetsDiversityBar { sessionsMeetingDiversityBar += 1 }
        speakers.add(statistics.speakers)
        organizers.add(statistics.organizers)
        all.add(statistics.all)
        for person in statistics.session.people {
            genderByRole[person.role, default: GroupCounts()].add(person.gender)
        }
        let participation = statistics.session.raw.participation
        gender.add(participation)
        genderBySessionType[statistics.session.raw.sessionType ?? Self.unspecifiedSessionType, default: GenderAccumulator()]
            .add(participation)
    }

    /// The share of the year's sessions that meet the diversity bar; nil with no sessions.
    public var diversityBarShare: Double? {
        sessions > 0 ? Double(sessionsMeetingDiversityBar) / Double(sessions) : nil
    }

    /// Gender counts of every role together.
    public var genderOfAllRoles: GroupCounts<Gender> {
        genderByRole.values.reduce(into: GroupCounts()) { $0.merge($1) }
    }

    /// Women among the people of `role` who state a gender; nil when none does.
    public func womenShare(of role: Role) -> Double? {
        guard let counts = genderByRole[role] else { return nil }
        let stated = Gender.allCases.filter(\.isStated).reduce(0) { $0 + counts[$1] }
        return stated > 0 ? Double(counts[.woman]) / Double(stated) : nil
    }

    /// `count / sessions`, nil with no sessions.
    public func shareOfSessions(_ count: Int) -> Double? {
        sessions > 0 ? Double(count) / Double(sessions) : nil
    }
}
