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

    public static func join(_ sessions: [Session]) -> (sessions: [Session], diagnostics: [Diagnostic]) {
        var groups: [[Int]] = []  // indices into `sessions`: no copy of a session before its merge
        var byNumber: [String: Int] = [:]
        var byTitle: [String: Int?] = [:]  // nil: two numbered sessions share the title
        var diagnostics: [Diagnostic] = []
        for (index, session) in sessions.enumerated() where session.raw.number != nil {
            let key = "\(session.year)|\(session.raw.number!)"
            if let group = byNumber[key] {
                groups[group].append(index)
            } else {
                byNumber[key] = groups.count
                groups.append([index])
            }
            let title = titleKey(session)
            if !title.hasSuffix("|") {
                let group = byNumber[key]!
                if let existing = byTitle[title], existing != group { byTitle[title] = .some(nil) } else { byTitle[title] = group }
            }
        }
        for (index, session) in sessions.enumerated() where session.raw.number == nil {
            let title = titleKey(session)
            switch byTitle[title] {
            case .some(.some(let group)):
                groups[group].append(index)
            case .some(.none):
                diagnostics.append(Diagnostic(.ambiguousTitle, at: session.raw.location,
                                              "title matches sessions with different numbers; not joined", raw: session.title))
                groups.append([index])
            case .none:
                byTitle[title] = groups.count
                groups.append([index])
            }
        }
        let joined = groups.map { merge($0.map { sessions[$0] }, diagnostics: &diagnostics) }
        return (joined, diagnostics)
    }

    static func titleKey(_ session: Session) -> String {
        "\(session.year)|\(session.title.foldedName)"
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
