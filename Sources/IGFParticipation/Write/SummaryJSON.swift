/// `summary.json`: the figures of `years.csv` and the tidy tables, nested by year.
public enum SummaryJSON {
    /// Bumped whenever a key is renamed or removed (adding keys does not bump it).
    public static let schemaVersion = 1

    public static func document(years: [YearAccumulator], settings: Aggregator.Settings) -> JSONValue {
        return .object([
            ("schema_version", .integer(schemaVersion)),
            ("settings", .object([("diversity_bar", .integer(settings.diversityBar))])),
            ("years", .array(years.map { year(OutputTables.YearRow(year: $0, settings: settings)) })),
            ("comparison", comparison(years)),
        ])
    }

    static func year(_ row: OutputTables.YearRow) -> JSONValue {
        let year = row.year
        let headline = OutputTables.yearHeadlineColumns.map { ($0.name, JSONValue($0.value(row))) }
        let scopes = RoleScope.allCases.map { scope -> (String, JSONValue) in
            let totals = year[scope]
            let pooled = totals.pooled
            return (scope.label, .object([
                ("slots", .integer(pooled.slots)),
                ("stakeholder_groups", groups(StakeholderGroup.allCases, pooled.stakeholders)),
                ("distinct_stakeholder_groups", .integer(pooled.distinctStakeholderGroups)),
                ("shannon", JSONValue(.decimal(pooled.shannon))),
                ("gini_simpson", JSONValue(.decimal(pooled.giniSimpson))),
                ("regional_groups", groups(RegionalGroup.allCases, pooled.regions)),
                ("distinct_regional_groups", .integer(pooled.distinctRegionalGroups)),
                ("un_regional_groups_reached", .array(pooled.unRegionalGroups.map { .string($0.label) })),
                ("sessions_with_slots", .integer(totals.sessionsWithSlots)),
                ("sessions_with_2plus_regions", sessionShare(totals.sessionsWithTwoOrMoreRegions, of: year)),
                ("sessions_with_3plus_regions", sessionShare(totals.sessionsWithThreeOrMoreRegions, of: year)),
            ]))
        }
        let gender = OutputTables.genderRows(year).filter { !$0.measure.contains("[") }
        let byType = year.genderBySessionType.sorted { $0.key < $1.key }.map { type, accumulator -> (String, JSONValue) in
            var single = YearAccumulator(year: year.year)
            single.gender = accumulator
            return (type, measures(OutputTables.genderRows(single).filter { !$0.measure.contains("[") }))
        }
        return .object(headline + [("scopes", .object(scopes)), ("gender", measures(gender)),
                                   ("gender_by_session_type", .object(byType))])
    }

    /// `{"sessions": [{"year": 2019, "value": 10, "delta": null, …}, …], …}`
    static func comparison(_ years: [YearAccumulator]) -> JSONValue {
        let rows = YearOverYear.comparison(years)
        return .object(YearOverYear.metrics.map { metric in
            (metric.name, .array(rows.filter { $0.metric == metric.name }.map { row in
                .object(OutputTables.comparison.columns.dropFirst().map { ($0.name, JSONValue($0.value(row))) }
                        + [("qualifier", row.value.map { .string($0.qualifier.label) } ?? .null)])
            }))
        })
    }

    /// `{"women": {"value": 250, "qualifier": "lower"}, …}`
    private static func measures(_ rows: [OutputTables.MeasureRow]) -> JSONValue {
        .object(rows.map { ($0.measure, .object([("value", JSONValue($0.value)), ("qualifier", $0.qualifier.map { .string($0.label) } ?? .null)])) })
    }

    private static func groups<Group>(_ all: [Group], _ counts: GroupCounts<Group>) -> JSONValue
        where Group: RawRepresentable, Group.RawValue == String {
        .object(all.map { group in
            (group.rawValue, .object([("count", .integer(counts[group])), ("share", JSONValue(.decimal(counts.share(of: group))))]))
        })
    }

    private static func sessionShare(_ count: Int, of year: YearAccumulator) -> JSONValue {
        .object([("count", .integer(count)), ("share", JSONValue(.decimal(year.shareOfSessions(count))))])
    }
}
