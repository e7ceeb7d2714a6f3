/// Joins the sessions several documents describe into one session each.
///
/// Two sessions are the same when they have the same year and number (`WS #184`, prefix and
/// value), or, when either has no number, the same year and normalized title. The joined
/// session takes each fact from the document kind that knows it best: people from the
/// proposal (then the report, the sheet, the listing), participation from the report, the
/// schedule, duration, type and organizers from the listing, format and SDGs from the
/// proposal. Two sources that disagree on a figure give a `session-conflict` warning naming
/// both places and which one is kept; two documents of the same kind with the same number
/// give a `duplicate-session` warning and are joined.
public enum SessionJoiner {
    /// Which document kind's facts come first, per fact.
    static let peopleOrder: [DocumentKind] = [.proposal, .reportPage, .table, .eventListing]
    static let scheduleOrder: [DocumentKind] = [.eventListing, .reportPage, .proposal, .table]

    /// The keys a session is grouped by: its year and number (nil when unnumbered) and its
    /// year and folded title (`titled`: the title is not empty).
    static func keys(_ session: Session) -> (number: String?, title: String, titled: Bool) {
        let folded = session.title.foldedName
        return (session.raw.number.map { "\(session.year)|\($0.prefix)|\($0.value)" }, "\(session.year)|\(folded)", !folded.isEmpty)
    }

    /// The grouping rule over a year store's `extracted (seq, number, title, titled)` table
    /// (`seq`: the session's place in input order; the bodies are in `bodies`), in SQL so
    /// that no run holds all its sessions in memory:
    ///
    /// 1. numbered sessions form one group per year and number;
    /// 2. an unnumbered session joins the numbered group whose titled sessions have its
    ///    title; when two numbered groups have that title it stays alone, with an
    ///    `ambiguous-title` warning;
    /// 3. other unnumbered sessions form one group per year and title.
    ///
    /// Groups come numbered first, each kind in the order of its first session; within a
    /// group, numbered members come before unnumbered ones, each in input order (the order
    /// `merge` breaks ties by).
    static let groupingStatements = [
        "CREATE TEMP TABLE numbered (number TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT INTO numbered SELECT number, MIN(seq) FROM extracted WHERE number IS NOT NULL GROUP BY number",
        "CREATE TEMP TABLE titles (title TEXT PRIMARY KEY, groups INTEGER NOT NULL, number TEXT NOT NULL) WITHOUT ROWID",
        "INSERT INTO titles SELECT title, COUNT(DISTINCT number), MIN(number) FROM extracted WHERE number IS NOT NULL AND titled GROUP BY title",
        "CREATE TEMP TABLE loose (title TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT INTO loose SELECT title, MIN(seq) FROM extracted WHERE number IS NULL GROUP BY title",
    ]

    /// Every extracted session with its group (`unnumbered`, `first`), in group order:
    /// seq, unnumbered group, group's first seq, ambiguous title. (The sort carries the
    /// session's place, not its body, which is looked up by place once in order.)
    static let membersQuery = """
        SELECT e.seq,
          CASE WHEN e.number IS NOT NULL OR t.groups = 1 THEN 0 ELSE 1 END AS unnumbered,
          CASE WHEN e.number IS NOT NULL THEN n.first WHEN t.groups = 1 THEN tn.first WHEN t.groups > 1 THEN e.seq ELSE l.first END AS first,
          CASE WHEN e.number IS NULL AND t.groups = 1 THEN 1 ELSE 0 END AS late,
          CASE WHEN e.number IS NULL AND t.groups > 1 THEN 1 ELSE 0 END AS ambiguous
        FROM extracted e
        LEFT JOIN numbered n ON n.number = e.number
        LEFT JOIN titles t ON e.number IS NULL AND t.title = e.title
        LEFT JOIN numbered tn ON tn.number = t.number
        LEFT JOIN loose l ON e.number IS NULL AND l.title = e.title
        ORDER BY unnumbered, first, late, e.seq
        """

    /// The warning for an unnumbered session whose title two numbered sessions share.
    static func ambiguousTitle(_ session: Session) -> Diagnostic {
        Diagnostic(.ambiguousTitle, at: session.raw.location, "title matches sessions with different numbers; not joined", raw: session.title)
    }

    /// One session from the members of a group.
    static func merge(_ members: [Session], diagnostics: inout [Diagnostic]) -> Session {
        guard members.count > 1 else { return members[0] }
        let ordered = members.enumerated().sorted {
            (peopleOrder.firstIndex(of: $0.element.raw.sourceKind)!, $0.offset)
                < (peopleOrder.firstIndex(of: $1.element.raw.sourceKind)!, $1.offset)
        }.map(\.element)
        let bySchedule = members.enumerated().sorted {
            (scheduleOrder.firstIndex(of: $0.element.raw.sourceKind)!, $0.offset)
                < (scheduleOrder.firstIndex(of: $1.element.raw.sourceKind)!, $1.offset)
        }.map(\.element)

        for kind in DocumentKind.allCases {
            let same = ordered.filter { $0.raw.sourceKind == kind }
            if same.count > 1 {
                for later in same.dropFirst() {
                    diagnostics.append(Diagnostic(.duplicateSession, at: later.raw.location,
                                                  "another \(kind.label) already gives \(later.raw.number?.description ?? "this title") in \(later.year) (\(same[0].raw.location)); joined, the first one's facts win",
                                                  raw: later.title))
                }
            }
        }

        var raw = ordered[0].raw
        let raws = ordered.map(\.raw)
        raw.title = raws.first { !$0.title.isEmpty }?.title ?? ""
        raw.number = raws.compactMap(\.number).first
        raw.format = raws.compactMap(\.format).first
        raw.layout = raws.compactMap(\.layout).first
        raw.formatDescription = raws.compactMap(\.formatDescription).first
        raw.sdgs = raws.first { !$0.sdgs.isEmpty }?.sdgs ?? []
        raw.theme = raws.first { $0.sourceKind == .reportPage && $0.theme != nil }?.theme ?? raws.compactMap(\.theme).first
        let scheduled = bySchedule.map(\.raw)
        raw.sessionType = scheduled.compactMap(\.sessionType).first
        raw.organizers = scheduled.compactMap(\.organizers).first
        raw.schedule = pick(scheduled, \.schedule, "schedule", describe: { "\($0.date) \($0.start)–\($0.end) UTC" }, &diagnostics)
        raw.durationMinutes = pick(scheduled, \.durationMinutes, "duration", describe: { "\($0) min" }, &diagnostics)
        let reports = ordered.filter { $0.raw.sourceKind == .reportPage } + ordered.filter { $0.raw.sourceKind != .reportPage }
        raw.participation = pick(reports.map(\.raw), \.participation, "participation", describe: {
            [("onsite", $0.onsite), ("online", $0.online), ("total", $0.total), ("women", $0.women), ("men", $0.men)]
                .compactMap { name, count in count.map { "\(name) \($0)" } }.joined(separator: ", ")
        }, &diagnostics)

        // People: every source's, one entry per person per role; a later source fills what
        // an earlier one left empty (a sheet's gender, a report's country).
        var people: [Person] = []
        var slot: [String: Int] = [:]
        for member in ordered {
            for person in member.people {
                let key = "\(person.key)|\(person.role.label)"
                if let index = slot[key] {
                    if people[index].gender == .notGiven { people[index].gender = person.gender }
                    if people[index].organization.isEmpty { people[index].organization = person.organization }
                    if people[index].country.isEmpty { people[index].country = person.country; people[index].countryRaw = person.countryRaw }
                } else {
                    slot[key] = people.count
                    people.append(person)
                }
            }
        }
        var session = Session(id: "", raw: raw, people: people, sources: ordered.flatMap(\.sources))
        session.id = Normalizer.sessionID(for: raw)
        return session
    }

    /// The first source's value of a fact; a later source with a different value is a conflict.
    private static func pick<Value: Equatable>(_ raws: [RawSession], _ fact: KeyPath<RawSession, Value?>, _ name: String,
                                               describe: (Value) -> String, _ diagnostics: inout [Diagnostic]) -> Value? {
        let given = raws.filter { $0[keyPath: fact] != nil }
        guard let first = given.first, let kept = first[keyPath: fact] else { return nil }
        for other in given.dropFirst() {
            guard let value = other[keyPath: fact], describe(value) != describe(kept) else { continue }
            diagnostics.append(Diagnostic(.sessionConflict, at: other.location,
                                          "\(name) \(describe(value)) differs from \(describe(kept)) at \(first.location); the \(first.sourceKind.label)'s is kept",
                                          raw: other.title))
        }
        return kept
    }
}
