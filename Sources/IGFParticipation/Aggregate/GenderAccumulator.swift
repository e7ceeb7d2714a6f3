/// Attendance and gender totals over sessions, mergeable in any grouping.
///
/// Sums keep the weakest qualifier of their parts, so a year with one `lower` total has a
/// `lower` total. The women share is the sum of women over the sum of totals, over the
/// sessions that report both; the median is of the per-session shares.
public struct GenderAccumulator: Hashable, Sendable {
    /// A sum of counts and how many sessions gave one.
    public struct Sum: Hashable, Sendable {
        public var value = 0
        public var qualifier = Qualifier.exact
        public var sessions = 0

        mutating func add(_ count: Count?) {
            guard let count else { return }
            value += count.value
            qualifier = Qualifier.combined([qualifier, count.qualifier])
            sessions += 1
        }

        mutating func merge(_ other: Sum) {
            value += other.value
            qualifier = Qualifier.combined([qualifier, other.qualifier])
            sessions += other.sessions
        }

        /// The sum as a count, or nil when no session gave one.
        public var count: Count? { sessions > 0 ? Count(value, qualifier) : nil }
    }

    public var onsite = Sum()
    public var online = Sum()
    public var total = Sum()
    public var women = Sum()
    public var men = Sum()
    /// Women and totals of the sessions that report both (the women share's parts).
    public var womenOfSharedSessions = Sum()
    public var totalOfSharedSessions = Sum()
    /// Each reporting session's women share (unsorted; sort before taking the median).
    public var shares: [Double] = []

    public init() {}

    public mutating func add(_ participation: Participation?) {
        guard let participation else { return }
        onsite.add(participation.onsite)
        online.add(participation.online)
        total.add(participation.total)
        women.add(participation.women)
        men.add(participation.men)
        if let share = participation.womenShare {
            womenOfSharedSessions.add(participation.women)
            totalOfSharedSessions.add(participation.total)
            shares.append(share)
        }
    }

    public mutating func merge(_ other: GenderAccumulator) {
        onsite.merge(other.onsite)
        online.merge(other.online)
        total.merge(other.total)
        women.merge(other.women)
        men.merge(other.men)
        womenOfSharedSessions.merge(other.womenOfSharedSessions)
        totalOfSharedSessions.merge(other.totalOfSharedSessions)
        shares += other.shares
    }

    /// Sessions that report a participant figure of any kind (total, onsite or online).
    public var sessionsReportingParticipants: Int { total.sessions }
    public var sessionsReportingWomen: Int { women.sessions }

    /// Sum of women over sum of totals, over sessions reporting both; nil when there are none.
    public var womenShare: Double? {
        guard totalOfSharedSessions.value > 0 else { return nil }
        return Double(womenOfSharedSessions.value) / Double(totalOfSharedSessions.value)
    }

    /// The qualifier of the women share: the weakest of its parts.
    public var womenShareQualifier: Qualifier? {
        womenShare == nil ? nil : Qualifier.combined([womenOfSharedSessions.qualifier, totalOfSharedSessions.qualifier])
    }

    /// The median of the per-session women shares.
    public var medianShare: Double? {
        let sorted = shares.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
