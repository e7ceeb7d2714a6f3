/// The CSV tables every run writes, and their columns in fixed order.
///
/// The README's column lists are checked against these definitions by a test.
public enum OutputTables {
    /// A row of `people.csv`: one person in one role in one session.
    /// A row of `people.csv`: a person and the session's id and year (all the row needs of
    /// the session, so a row does not copy it).
    public struct PersonRow: Sendable {
        public var sessionID: String
        public var year: Int
        public var person: Person
    }

    /// A row of `years.csv`.
    public struct YearRow: Sendable {
        public var year: YearAccumulator
        public var settings: Aggregator.Settings
    }

    /// A row of the tidy `*_by_year.csv` tables: one group in one scope in one year.
    public struct GroupShareRow: Sendable, Equatable {
        public var year: Int
        public var scope: RoleScope
        public var group: String
        public var count: Int
        public var share: Double?
    }

    public static let sessions = Table<SessionStatistics>(
        fileName: "sessions.csv", rowDescription: "One session: its identity, source, schedule, diversity, coverage and participation",
        columns: sessionLeadColumns + RoleScope.allCases.flatMap { sessionScopeColumns($0) } + sessionTailColumns)

    private static let sessionLeadColumns: [Column<SessionStatistics>] = [
        Column("session_id", .string, "Stable id: year, number prefix and number (2020-WS-221), or year and title slug") { .text($0.session.id) },
        Column("year", .integer, "IGF year the session belongs to") { .integer($0.session.year) },
        Column("source_kind", .string, "Kinds of document the session was read from (proposal, report-page, event-listing, table), joined by +") { .text($0.session.sourceKinds) },
        Column("sources", .string, "The documents joined into the session, file:line each, separated by '; '") { .text($0.session.sourcePlaces) },
        Column("number", .string, "Official number as the IGF writes it (WS #221), empty when none") { .text($0.session.raw.number?.description) },
        Column("title", .string, "Session title") { .text($0.session.title) },
        Column("session_type", .string, "Workshop, Main Session, Open Forum, … where the document says") { .text($0.session.raw.sessionType) },
        Column("format", .string, "Format from the proposal's format line (Round Table, Other, …)") { .text($0.session.raw.format) },
        Column("layout", .string, "Seating layout from the format line (U-shape, …)") { .text($0.session.raw.layout) },
        Column("duration_minutes", .integer, "Planned duration in minutes") { .integer($0.session.raw.durationMinutes) },
        Column("format_description", .string, "The proposal's 'Format description:' value") { .text($0.session.raw.formatDescription) },
        Column("sdgs", .string, "SDG numbers cited, separated by ';'") { .text($0.session.raw.sdgs.map(String.init).joined(separator: ";")) },
        Column("source_file", .string, "Document the session was read from") { .text($0.session.raw.location.file) },
        Column("source_line", .integer, "Line of the session's header or title in that document") { .integer($0.session.raw.location.line) },
        Column("theme", .string, "Theme or track the report or listing files the session under") { .text($0.session.raw.theme) },
        Column("organizers", .string, "Organizing bodies as a listing names them") { .text($0.session.raw.organizers) },
        Column("date", .string, "Scheduled date (YYYY-MM-DD) from a listing") { .text($0.session.raw.schedule?.date) },
        Column("start_utc", .string, "Scheduled start, HH:MM UTC") { .text($0.session.raw.schedule?.start) },
        Column("end_utc", .string, "Scheduled end, HH:MM UTC") { .text($0.session.raw.schedule?.end) },
        Column("people_unique", .integer, "Distinct people listed in any role") { .integer($0.session.uniquePeople) },
        Column("participants_onsite", .integer, "Onsite participants from the report") { .integer($0.session.raw.participation?.onsite?.value) },
        Column("participants_online", .integer, "Online participants from the report") { .integer($0.session.raw.participation?.online?.value) },
        Column("participants_total", .integer, "Participants in all: stated, or onsite + online") { .integer($0.session.raw.participation?.total?.value) },
        Column("participants_qualifier", .string, "exact, lower, approximate or derived: how far participants_total can be trusted") { .text($0.session.raw.participation?.total?.qualifier.label) },
        Column("women", .integer, "Women participants from the report") { .integer($0.session.raw.participation?.women?.value) },
        Column("women_qualifier", .string, "exact, lower, approximate or derived (computed from a percentage)") { .text($0.session.raw.participation?.women?.qualifier.label) },
        Column("men", .integer, "Men participants from the report") { .integer($0.session.raw.participation?.men?.value) },
        Column("women_share", .number, "women over participants_total, where both are known") { .decimal($0.session.raw.participation?.womenShare) },
    ]

    private static let sessionTailColumns: [Column<SessionStatistics>] = [
        Column("meets_diversity_bar", .boolean, "Distinct stakeholder groups among speakers reach the pipeline's diversity bar") { .boolean($0.meetsDiversityBar) },
        Column("unknown_stakeholder_slots", .integer, "Slots (any role) whose stakeholder label matched no vocabulary entry") { .integer($0.all.stakeholders[.unknown]) },
        Column("unknown_region_slots", .integer, "Slots (any role) whose regional label matched no vocabulary entry") { .integer($0.all.regions[.unknown]) },
    ]

    private static func sessionScopeColumns(_ scope: RoleScope) -> [Column<SessionStatistics>] {
        let s = scope.label
        return [
            Column("\(s)_slots", .integer, "Slots in scope \(s), Unknown included") { .integer($0[scope].slots) },
            Column("\(s)_stakeholder_groups", .integer, "Distinct stakeholder groups in scope \(s) (Unknown excluded)") { .integer($0[scope].distinctStakeholderGroups) },
            Column("\(s)_shannon", .number, "Shannon entropy (natural log) of stakeholder-group shares in scope \(s)") { .decimal($0[scope].shannon) },
            Column("\(s)_gini_simpson", .number, "Gini–Simpson index of stakeholder-group shares in scope \(s)") { .decimal($0[scope].giniSimpson) },
            Column("\(s)_regional_groups", .integer, "Distinct regional groups in scope \(s) (Unknown excluded)") { .integer($0[scope].distinctRegionalGroups) },
        ]
    }

    public static let people = Table<PersonRow>(fileName: "people.csv", rowDescription: "One person in one role in one session", columns: [
        Column("session_id", .string, "The session's id in sessions.csv") { .text($0.sessionID) },
        Column("year", .integer, "IGF year") { .integer($0.year) },
        Column("role", .string, "organizer, speaker, moderator-onsite, moderator-online, rapporteur or unlabeled") { .text($0.person.role.label) },
        Column("name", .string, "Name as written, empty when the page gives none") { .text($0.person.name) },
        Column("organization", .string, "Organization where the page gives one") { .text($0.person.organization) },
        Column("stakeholder_group", .string, "Canonical stakeholder group, or Unknown") { .text($0.person.stakeholder.label) },
        Column("stakeholder_raw", .string, "Stakeholder label as written") { .text($0.person.stakeholderRaw) },
        Column("regional_group", .string, "Canonical regional group, or Unknown") { .text($0.person.region.label) },
        Column("regional_raw", .string, "Regional label as written") { .text($0.person.regionRaw) },
        Column("country", .string, "Canonical country name, where the document gives a known one") { .text($0.person.country) },
        Column("country_raw", .string, "Country as written") { .text($0.person.countryRaw) },
        Column("gender", .string, "Woman, Man, Non-binary, Undisclosed or Not given (documents never state it; sheets may)") { .text($0.person.gender.label) },
        Column("person_key", .string, "Identity key: the folded name, or session and position for a nameless entry") { .text($0.person.key) },
        Column("source_file", .string, "Document the person was read from") { .text($0.person.location.file) },
        Column("source_line", .integer, "Line of the person in that document") { .integer($0.person.location.line) },
    ])

    public static let years = Table<YearRow>(fileName: "years.csv", rowDescription: "One IGF year: headline figures",
                                             columns: yearHeadlineColumns + [RoleScope.speakers, .all].flatMap { yearScopeColumns($0) })

    /// The columns of `years.csv` that belong to no role scope; `summary.json` repeats them per year.
    public static let yearHeadlineColumns: [Column<YearRow>] = [
        Column("year", .integer, "IGF year") { .integer($0.year.year) },
        Column("sessions", .integer, "Sessions read for the year") { .integer($0.year.sessions) },
        Column("speaker_slots", .integer, "Speaker slots, Unknown included") { .integer($0.year.speakers.pooled.slots) },
        Column("organizer_slots", .integer, "Organizer slots, Unknown included") { .integer($0.year.organizers.pooled.slots) },
        Column("all_slots", .integer, "Slots in every role") { .integer($0.year.all.pooled.slots) },
        Column("people_unique", .integer, "Distinct people across the year's sessions, any role (see README: person identity)") { .integer($0.year.all.people.unique) },
        Column("people_returning", .integer, "People also listed in an earlier year of the run") { .integer($0.year.all.people.returning) },
        Column("people_newcomers", .integer, "People not listed in any earlier year of the run") { .integer($0.year.all.people.newcomers) },
        Column("speakers_unique", .integer, "Distinct people among speakers") { .integer($0.year.speakers.people.unique) },
        Column("unknown_stakeholder_slots", .integer, "Slots whose stakeholder label matched no vocabulary entry") { .integer($0.year.all.pooled.stakeholders[.unknown]) },
        Column("unknown_region_slots", .integer, "Slots whose regional label matched no vocabulary entry") { .integer($0.year.all.pooled.regions[.unknown]) },
        Column("diversity_bar", .integer, "Distinct stakeholder groups among speakers a session needs") { .integer($0.settings.diversityBar) },
        Column("sessions_meeting_diversity_bar", .integer, "Sessions that meet the diversity bar") { .integer($0.year.sessionsMeetingDiversityBar) },
        Column("share_meeting_diversity_bar", .number, "Share of the year's sessions that meet the diversity bar") { .decimal($0.year.diversityBarShare) },
        Column("sessions_reporting_participants", .integer, "Sessions whose report gives a participant figure") { .integer($0.year.gender.sessionsReportingParticipants) },
        Column("sessions_reporting_women", .integer, "Sessions whose report gives a number of women") { .integer($0.year.gender.sessionsReportingWomen) },
        Column("participants_onsite", .integer, "Sum of onsite participants over reporting sessions") { .integer($0.year.gender.onsite.count?.value) },
        Column("participants_online", .integer, "Sum of online participants over reporting sessions") { .integer($0.year.gender.online.count?.value) },
        Column("participants_total", .integer, "Sum of participant totals over reporting sessions") { .integer($0.year.gender.total.count?.value) },
        Column("participants_qualifier", .string, "lower when any part of participants_total is a lower bound (else approximate, derived, exact)") { .text($0.year.gender.total.count?.qualifier.label) },
        Column("women", .integer, "Sum of women over reporting sessions") { .integer($0.year.gender.women.count?.value) },
        Column("women_qualifier", .string, "lower when any part of women is a lower bound (else approximate, derived, exact)") { .text($0.year.gender.women.count?.qualifier.label) },
        Column("women_share", .number, "Sum of women over sum of totals, over sessions reporting both") { .decimal($0.year.gender.womenShare) },
        Column("women_share_qualifier", .string, "The weakest qualifier of women_share's parts") { .text($0.year.gender.womenShareQualifier?.label) },
        Column("women_share_median", .number, "Median of the per-session women shares") { .decimal($0.year.gender.medianShare) },
        Column("speakers_gender_stated", .integer, "Speaker slots with a stated gender (Woman, Man, Non-binary), from sheets") { year in
            .integer(Gender.allCases.filter(\.isStated).reduce(0) { $0 + (year.year.genderByRole[.speaker]?[$1] ?? 0) })
        },
        Column("speakers_women_share", .number, "Women among speakers with a stated gender") { .decimal($0.year.womenShare(of: .speaker)) },
    ]

    private static func yearScopeColumns(_ scope: RoleScope) -> [Column<YearRow>] {
        let s = scope.label
        return [
            Column("\(s)_stakeholder_groups", .integer, "Distinct stakeholder groups in scope \(s) over the year") { .integer($0.year[scope].pooled.distinctStakeholderGroups) },
            Column("\(s)_shannon", .number, "Shannon entropy of the year's pooled stakeholder shares in scope \(s)") { .decimal($0.year[scope].pooled.shannon) },
            Column("\(s)_regional_groups", .integer, "Distinct regional groups in scope \(s) over the year") { .integer($0.year[scope].pooled.distinctRegionalGroups) },
            Column("\(s)_un_regional_groups_reached", .integer, "How many of the five UN regional groups scope \(s) reaches") { .integer($0.year[scope].pooled.unRegionalGroups.count) },
            Column("\(s)_un_regional_groups_list", .string, "The UN regional groups scope \(s) reaches, separated by ';'") { .text($0.year[scope].pooled.unRegionalGroups.map(\.label).joined(separator: ";")) },
            Column("\(s)_share_sessions_2plus_regions", .number, "Share of sessions with at least 2 regional groups in scope \(s)") { .decimal($0.year.shareOfSessions($0.year[scope].sessionsWithTwoOrMoreRegions)) },
            Column("\(s)_share_sessions_3plus_regions", .number, "Share of sessions with at least 3 regional groups in scope \(s)") { .decimal($0.year.shareOfSessions($0.year[scope].sessionsWithThreeOrMoreRegions)) },
        ]
    }

    /// The columns of both tidy tables: `year,scope,group,count,share`.
    private static let groupShareColumns: [Column<GroupShareRow>] = [
        Column("year", .integer, "IGF year") { .integer($0.year) },
        Column("scope", .string, "speakers, organizers or all") { .text($0.scope.label) },
        Column("group", .string, "Canonical group label, or Unknown") { .text($0.group) },
        Column("count", .integer, "Slots of the group in the scope and year") { .integer($0.count) },
        Column("share", .number, "count over all slots of the scope and year (Unknown included), empty with no slots") { .decimal($0.share) },
    ]

    /// A row of `gender_by_year.csv`: one measure of one year.
    public struct MeasureRow: Sendable, Equatable {
        public var year: Int
        public var measure: String
        public var value: Cell
        public var qualifier: Qualifier?
    }

    public static let genderByYear = Table<MeasureRow>(fileName: "gender_by_year.csv",
                                                          rowDescription: "One attendance or gender measure of one year, overall or for one session type", columns: [
        Column("year", .integer, "IGF year") { .integer($0.year) },
        Column("measure", .string, "What is measured; `[Type]` restricts it to sessions of that type") { .text($0.measure) },
        Column("value", .number, "The measure's value, empty when no session reports it") { $0.value },
        Column("qualifier", .string, "exact, lower, approximate or derived") { .text($0.qualifier?.label) },
    ])

    /// Every gender and attendance measure of `year`, then the same per session type.
    public static func genderRows(_ year: YearAccumulator) -> [MeasureRow] {
        func rows(_ gender: GenderAccumulator, suffix: String) -> [MeasureRow] {
            func sum(_ name: String, _ sum: GenderAccumulator.Sum) -> MeasureRow {
                MeasureRow(year: year.year, measure: name + suffix, value: .integer(sum.count?.value), qualifier: sum.count?.qualifier)
            }
            return [
                MeasureRow(year: year.year, measure: "sessions_reporting_participants" + suffix,
                           value: .integer(gender.sessionsReportingParticipants), qualifier: .exact),
                MeasureRow(year: year.year, measure: "sessions_reporting_women" + suffix,
                           value: .integer(gender.sessionsReportingWomen), qualifier: .exact),
                sum("participants_onsite", gender.onsite), sum("participants_online", gender.online),
                sum("participants_total", gender.total), sum("women", gender.women), sum("men", gender.men),
                MeasureRow(year: year.year, measure: "women_share" + suffix, value: .decimal(gender.womenShare),
                           qualifier: gender.womenShareQualifier),
                MeasureRow(year: year.year, measure: "women_share_median" + suffix, value: .decimal(gender.medianShare),
                           qualifier: gender.medianShare == nil ? nil : Qualifier.combined(
                               [gender.womenOfSharedSessions.qualifier, gender.totalOfSharedSessions.qualifier])),
            ]
        }
        return rows(year.gender, suffix: "") + year.genderBySessionType.sorted { $0.key < $1.key }
            .flatMap { rows($0.value, suffix: "[\($0.key)]") }
    }

    /// A row of `comparison.csv`.
    public typealias ComparisonRow = YearOverYear.Row

    public static let comparison = Table<ComparisonRow>(
        fileName: "comparison.csv", rowDescription: "One headline metric in one year, with its change from the previous year of the run and from the first",
        columns: [
            Column("metric", .string, "sessions, speaker_slots, unique_people, newcomers, stakeholder_groups, share_meeting_diversity_bar, un_regional_groups_reached, share_sessions_3plus_regions, participants, women_share") { .text($0.metric) },
            Column("year", .integer, "IGF year") { .integer($0.year) },
            Column("value", .number, "The metric's value; empty when the year has no data for it") { number($0.value?.number, count: $0.value?.isCount ?? true) },
            Column("previous_year", .integer, "The year before in this run, empty for the first") { .integer($0.previousYear) },
            Column("delta", .number, "value minus the previous year's value") { number($0.delta, count: $0.value?.isCount ?? true) },
            Column("pct_change", .number, "delta over the previous year's value, as a decimal fraction") { .decimal($0.percentChange) },
            Column("base_year", .integer, "The first year of the run") { .integer($0.baseYear) },
            Column("delta_vs_base", .number, "value minus the base year's value") { number($0.deltaVersusBase, count: $0.value?.isCount ?? true) },
        ])

    private static func number(_ value: Double?, count: Bool) -> Cell {
        guard let value else { return .empty }
        return count ? .integer(Int(value.rounded())) : .decimal(value)
    }

    /// A row of `people_by_year.csv`: one measure of people in one scope and year.
    public struct PeopleRow: Sendable {
        public var year: Int
        public var scope: RoleScope
        public var measure: String
        public var group: String
        public var value: Cell
    }

    public static let peopleByYear = Table<PeopleRow>(
        fileName: "people_by_year.csv", rowDescription: "One measure of unique people in one role scope and year",
        columns: [
            Column("year", .integer, "IGF year") { .integer($0.year) },
            Column("scope", .string, "speakers, organizers or all") { .text($0.scope.label) },
            Column("measure", .string, "unique_people, returning_people, newcomers, stakeholder_people, stakeholder_people_share, region_people, region_people_share") { .text($0.measure) },
            Column("group", .string, "The stakeholder or regional group of a *_people measure, else empty") { .text($0.group) },
            Column("value", .number, "A count of people, or a share of the scope's unique people") { $0.value },
        ])

    /// Unique, returning and new people, and unique people per group, for every scope of `year`.
    public static func peopleRows(_ year: YearAccumulator) -> [PeopleRow] {
        RoleScope.allCases.flatMap { scope -> [PeopleRow] in
            let people = year[scope].people
            let unique = people.unique
            func row(_ measure: String, _ group: String, _ value: Cell) -> PeopleRow {
                PeopleRow(year: year.year, scope: scope, measure: measure, group: group, value: value)
            }
            let share = { (count: Int) in Cell.decimal(unique > 0 ? Double(count) / Double(unique) : nil) }
            let stakeholders = people.stakeholders, regions = people.regions
            return [
                row("unique_people", "", .integer(unique)),
                row("returning_people", "", .integer(people.returning)),
                row("newcomers", "", .integer(people.newcomers)),
            ] + StakeholderGroup.allCases.flatMap { group in
                [row("stakeholder_people", group.label, .integer(stakeholders[group])),
                 row("stakeholder_people_share", group.label, share(stakeholders[group]))]
            } + RegionalGroup.allCases.flatMap { group in
                [row("region_people", group.label, .integer(regions[group])),
                 row("region_people_share", group.label, share(regions[group]))]
            }
        }
    }

    public static let warnings = Table<Diagnostic>(
        fileName: "warnings.csv", rowDescription: "One warning of the run: a problem in the input, placed and coded",
        columns: [
            Column("code", .string, "Stable kind of problem (unknown-stakeholder, participation-unreadable, …)") { .text($0.code.rawValue) },
            Column("file", .string, "The input file") { .text($0.location.file) },
            Column("line", .integer, "The 1-based line, empty for a whole-file problem") { .integer($0.location.line > 0 ? $0.location.line : nil) },
            Column("byte_offset", .integer, "Byte offset in the file, for undecodable bytes") { .integer($0.byteOffset) },
            Column("message", .string, "What is wrong and what the run did about it") { .text($0.message) },
            Column("raw", .string, "The text that caused it, verbatim") { .text($0.raw) },
        ])

    /// A row of `gender_by_role.csv`: one gender in one role in one year.
    public struct GenderRoleRow: Sendable, Equatable {
        public var year: Int
        public var role: String
        public var gender: Gender
        public var count: Int
        public var share: Double?
    }

    public static let genderByRole = Table<GenderRoleRow>(fileName: "gender_by_role.csv",
                                                             rowDescription: "One stated gender in one role in one year (from sheets)", columns: [
        Column("year", .integer, "IGF year") { .integer($0.year) },
        Column("role", .string, "A role, or all") { .text($0.role) },
        Column("gender", .string, "Woman, Man, Non-binary, Undisclosed or Not given") { .text($0.gender.label) },
        Column("count", .integer, "Slots of the role and year with that gender") { .integer($0.count) },
        Column("share", .number, "count over all slots of the role and year (Not given included)") { .decimal($0.share) },
    ])

    /// Every gender for every role present in `year` (roles in canonical order), then `all`.
    public static func genderRoleRows(_ year: YearAccumulator) -> [GenderRoleRow] {
        let roles = year.genderByRole.sorted { $0.key < $1.key }.map { ($0.key.label, $0.value) } + [("all", year.genderOfAllRoles)]
        return roles.flatMap { role, counts in
            Gender.allCases.map { GenderRoleRow(year: year.year, role: role, gender: $0, count: counts[$0], share: counts.share(of: $0)) }
        }
    }

    public static let stakeholdersByYear = Table<GroupShareRow>(fileName: "stakeholders_by_year.csv",
                                                                   rowDescription: "One stakeholder group in one role scope in one year",
                                                                   columns: groupShareColumns)
    public static let regionsByYear = Table<GroupShareRow>(fileName: "regions_by_year.csv",
                                                              rowDescription: "One regional group in one role scope in one year",
                                                              columns: groupShareColumns)

    /// Every group (Unknown last) in every scope of `year`, zero counts included, so each
    /// year has the same rows in the same order.
    public static func stakeholderRows(_ year: YearAccumulator) -> [GroupShareRow] {
        RoleScope.allCases.flatMap { scope in
            StakeholderGroup.allCases.map { group in
                let counts = year[scope].pooled.stakeholders
                return GroupShareRow(year: year.year, scope: scope, group: group.label, count: counts[group], share: counts.share(of: group))
            }
        }
    }

    /// Every regional group (Unknown last) in every scope of `year`, zero counts included.
    public static func regionRows(_ year: YearAccumulator) -> [GroupShareRow] {
        RoleScope.allCases.flatMap { scope in
            RegionalGroup.allCases.map { group in
                let counts = year[scope].pooled.regions
                return GroupShareRow(year: year.year, scope: scope, group: group.label, count: counts[group], share: counts.share(of: group))
            }
        }
    }
}
