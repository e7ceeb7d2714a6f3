/// The comparison of headline metrics from year to year. (Returning people and newcomers,
/// which also need the earlier years, are counted by the run's store: `YearAccumulator.People`.)
public enum YearOverYear {
    /// A headline metric's value in one year.
    public struct Value: Hashable, Sendable {
        public var number: Double
        /// Counts are written as integers, shares with fixed decimals.
        public var isCount: Bool
        public var qualifier: Qualifier

        init(_ count: Int, _ qualifier: Qualifier = .exact) {
            number = Double(count)
            isCount = true
            self.qualifier = qualifier
        }

        init(share: Double, _ qualifier: Qualifier = .exact) {
            number = share
            isCount = false
            self.qualifier = qualifier
        }
    }

    /// A metric the comparison follows across years.
    public struct Metric: Sendable {
        public var name: String
        public var description: String
        public var value: @Sendable (YearAccumulator) -> Value?
    }

    /// The headline metrics, in the order outputs list them.
    public static let metrics: [Metric] = [
        Metric(name: "sessions", description: "Sessions") { year in Value(year.sessions) },
        Metric(name: "speaker_slots", description: "Speaker slots") { year in Value(year.speakers.pooled.slots) },
        Metric(name: "unique_people", description: "Unique people, any role") { year in Value(year.all.people.unique) },
        Metric(name: "newcomers", description: "People not seen in an earlier year of the run") { year in Value(year.all.people.newcomers) },
        Metric(name: "stakeholder_groups", description: "Distinct stakeholder groups, any role") { year in
            Value(year.all.pooled.distinctStakeholderGroups)
        },
        Metric(name: "share_meeting_diversity_bar", description: "Share of sessions meeting the diversity bar") { year in
            year.diversityBarShare.map { Value(share: $0) }
        },
        Metric(name: "un_regional_groups_reached", description: "UN regional groups reached, any role") { year in
            Value(year.all.pooled.unRegionalGroups.count)
        },
        Metric(name: "share_sessions_3plus_regions", description: "Share of sessions with 3+ regional groups, any role") { year in
            year.shareOfSessions(year.all.sessionsWithThreeOrMoreRegions).map { Value(share: $0) }
        },
        Metric(name: "participants", description: "Participants reported (sum of session totals)") { year in
            year.gender.total.count.map { Value($0.value, $0.qualifier) }
        },
        Metric(name: "women_share", description: "Women share of reported participants") { year in
            year.gender.womenShare.map { Value(share: $0, year.gender.womenShareQualifier ?? .exact) }
        },
    ]

    /// One metric in one year, beside the previous year of the run and the first.
    public struct Row: Sendable {
        public var metric: String
        public var year: Int
        public var value: Value?
        public var previousYear: Int?
        public var delta: Double?
        public var percentChange: Double?
        public var baseYear: Int
        public var deltaVersusBase: Double?
    }

    /// Every metric for every year (sorted by year), metric by metric.
    public static func comparison(_ years: [YearAccumulator]) -> [Row] {
        guard let base = years.first else { return [] }
        return metrics.flatMap { metric in
            let values = years.map(metric.value)
            return years.indices.map { index in
                let value = values[index]
                let previous = index > 0 ? values[index - 1] : nil
                let delta = zip(value, previous).map { $0.number - $1.number }
                let percent = zip(delta, previous).flatMap { $1.number != 0 ? $0 / $1.number : nil }
                return Row(metric: metric.name, year: years[index].year, value: value,
                           previousYear: index > 0 ? years[index - 1].year : nil, delta: delta,
                           percentChange: percent, baseYear: base.year,
                           deltaVersusBase: zip(value, values[0]).map { $0.number - $1.number })
            }
        }
    }

    private static func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
