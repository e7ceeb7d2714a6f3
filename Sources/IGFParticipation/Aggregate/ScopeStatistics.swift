/// Stakeholder diversity and regional coverage of one session's people in one role scope.
public struct ScopeStatistics: Hashable, Sendable {
    public var stakeholders = GroupCounts<StakeholderGroup>()
    public var regions = GroupCounts<RegionalGroup>()

    public init() {}

    /// Counts the people whose role falls in `scope`.
    public init(people: [Person], scope: RoleScope) {
        for person in people where scope.includes(person.role) {
            stakeholders.add(person.stakeholder)
            regions.add(person.region)
        }
    }

    /// Slots in scope, `Unknown` included.
    public var slots: Int { stakeholders.total }

    /// Known stakeholder groups with at least one slot (`Unknown` is not a group).
    public var distinctStakeholderGroups: Int { stakeholders.presentCount(excluding: .unknown) }

    /// Known regional groups with at least one slot (`Unknown` is not a group).
    public var distinctRegionalGroups: Int { regions.presentCount(excluding: .unknown) }

    /// The five UN regional groups present (the IGO "region" and `Unknown` are not among them).
    public var unRegionalGroups: [RegionalGroup] { regions.present.filter(RegionalGroup.unRegionalGroups.contains) }

    /// The indices over the groups proper (`StakeholderGroup.groups`, in their order).
    public var shannon: Double? { stakeholders.withCounts(excluding: .unknown) { Diversity.shannon($0) } }
    public var giniSimpson: Double? { stakeholders.withCounts(excluding: .unknown) { Diversity.giniSimpson($0) } }
}

/// Everything the outputs say about one session.
public struct SessionStatistics: Hashable, Sendable {
    public var session: Session
    public var speakers: ScopeStatistics
    public var organizers: ScopeStatistics
    public var all: ScopeStatistics
    /// Distinct stakeholder groups among speakers reach the pipeline's diversity bar.
    public var meetsDiversityBar: Bool

    /// Takes the session over (a caller done with it hands it on without a copy).
    public init(session: consuming Session, diversityBar: Int) {
        speakers = ScopeStatistics(people: session.people, scope: .speakers)
        organizers = ScopeStatistics(people: session.people, scope: .organizers)
        all = ScopeStatistics(people: session.people, scope: .all)
        meetsDiversityBar = speakers.distinctStakeholderGroups >= diversityBar
        self.session = session
    }

    public subscript(scope: RoleScope) -> ScopeStatistics {
        switch scope {
        case .speakers: speakers
        case .organizers: organizers
        case .all: all
        }
    }
}
