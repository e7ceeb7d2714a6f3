/// The aggregate stage: sessions in, per-session statistics and per-year totals out.
public enum Aggregator {
    /// Settings the pipeline definition controls.
    public struct Settings: Hashable, Sendable {
        /// Distinct stakeholder groups among speakers a session needs to meet the bar.
        public var diversityBar: Int

        public init(diversityBar: Int = 3) {
            self.diversityBar = diversityBar
        }
    }

    /// Statistics of each session, in the order given.
    public static func statistics(of sessions: [Session], settings: Settings) -> [SessionStatistics] {
        sessions.map { SessionStatistics(session: $0, diversityBar: settings.diversityBar) }
    }

    /// One year's totals from its sessions' statistics.
    public static func accumulate(year: Int, _ statistics: some Sequence<SessionStatistics>) -> YearAccumulator {
        var accumulator = YearAccumulator(year: year)
        for item in statistics where item.session.year == year { accumulator.add(item) }
        return accumulator
    }
}
