/// Per-year totals, built session by session and mergeable in any grouping.
///
/// Everything here is a count, a sum or a set, so accumulators built on different threads
/// or shards and merged give the same figures as one built in sequence.
public struct YearAccumulator: Hashable, Sendable {
    /// Totals of one role scope over a year's sessions.
    public struct Scope: Hashable, Sendable {
        public var pooled = ScopeStatistics()
        /// Sessions with at least one slot in this scope.
        public var sessionsWithSlots = 0
        public var sessionsWithTwoOrMoreRegions = 0
        public var sessionsWithThreeOrMoreRegions = 0
        /// Identity keys of the people in this scope.
        public var people = Set<String>()
        /// Identity keys per stakeholder and regional group: shares by unique people.
        public var stakeholderPeople: [StakeholderGroup: Set<String>] = [:]
        public var regionPeople: [RegionalGroup: Set<String>] = [:]

        mutating func add(_ person: Person) {
            people.insert(person.key)
            stakeholderPeople[person.stakeholder, default: []].insert(person.key)
            regionPeople[person.region, default: []].insert(person.key)
        }

        mutating func add(_ statistics: ScopeStatistics) {
            pooled.stakeholders.merge(statistics.stakeholders)
            pooled.regions.merge(statistics.regions)
            if statistics.slots > 0 { sessionsWithSlots += 1 }
            if statistics.distinctRegionalGroups >= 2 { sessionsWithTwoOrMoreRegions += 1 }
            if statistics.distinctRegionalGroups >= 3 { sessionsWithThreeOrMoreRegions += 1 }
        }

        mutating func merge(_ other: Scope) {
            pooled.stakeholders.merge(other.pooled.stakeholders)
            pooled.regions.merge(other.pooled.regions)
            sessionsWithSlots += other.sessionsWithSlots
            sessionsWithTwoOrMoreRegions += other.sessionsWithTwoOrMoreRegions
            sessionsWithThreeOrMoreRegions += other.sessionsWithThreeOrMoreRegions
            people.formUnion(other.people)
            stakeholderPeople.merge(other.stakeholderPeople) { $0.union($1) }
            regionPeople.merge(other.regionPeople) { $0.union($1) }
        }

        /// Unique people per stakeholder group (a person listed under two groups counts in both).
        public var stakeholderPeopleCounts: GroupCounts<StakeholderGroup> {
            var counts = GroupCounts<StakeholderGroup>()
            for (group, people) in stakeholderPeople { counts.add(group, people.count) }
            return counts
        }

        public var regionPeopleCounts: GroupCounts<RegionalGroup> {
            var counts = GroupCounts<RegionalGroup>()
            for (group, people) in regionPeople { counts.add(group, people.count) }
            return counts
        }
    }

    public var year: Int
    public var sessions = 0
    public var sessionsMeetingDiversityBar = 0
    public var speakers = Scope()
    public var organizers = Scope()
    public var all = Scope()
    /// Identity keys of everyone listed in the year's sessions, whatever the role.
    public var people: Set<String> { all.people }
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
        switch scope {
        case .speakers: speakers
        case .organizers: organizers
        case .all: all
        }
    }

    public mutating func add(_ statistics: SessionStatistics) {
        sessions += 1
        if statistics.meetsDiversityBar { sessionsMeetingDiversityBar += 1 }
        speakers.add(statistics.speakers)
        organizers.add(statistics.organizers)
        all.add(statistics.all)
        for person in statistics.session.people {
            for scope in RoleScope.allCases where scope.includes(person.role) {
                switch scope {
                case .speakers: speakers.add(person)
                case .organizers: organizers.add(person)
                case .all: all.add(person)
                }
            }
            genderByRole[person.role, default: GroupCounts()].add(person.gender)
        }
        let participation = statistics.session.raw.participation
        gender.add(participation)
        genderBySessionType[statistics.session.raw.sessionType ?? Self.unspecifiedSessionType, default: GenderAccumulator()]
            .add(participation)
    }

    public mutating func merge(_ other: YearAccumulator) {
        precondition(other.year == year, "merging accumulators of different years")
        sessions += other.sessions
        sessionsMeetingDiversityBar += other.sessionsMeetingDiversityBar
        speakers.merge(other.speakers)
        organizers.merge(other.organizers)
        all.merge(other.all)
        genderByRole.merge(other.genderByRole) { mine, theirs in
            var merged = mine
            merged.merge(theirs)
            return merged
        }
        gender.merge(other.gender)
        genderBySessionType.merge(other.genderBySessionType) { mine, theirs in
            var merged = mine
            merged.merge(theirs)
            return merged
        }
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
