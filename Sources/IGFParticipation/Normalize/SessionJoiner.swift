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

    /// An extracted session as the grouping sees it: its place in the run's input order, its
    /// keys (`keys`) and where the store keeps its bytes.
    struct Extracted {
        var seq: Int
        var number: String?
        var title: String
        var titled: Bool
        var stored: RecordFile.Piece
    }

    /// A session's place in the join, as `group` gives it: its group (numbered or not, and
    /// the place of the group's first session), where its bytes are, and whether its title
    /// is ambiguous.
    struct Member {
        var seq: Int
        var group: Int
        var stored: RecordFile.Piece
        var ambiguous: Bool
    }

    /// The grouping rule, over a year store's extracted sessions (`extracted` hands each to
    /// its argument once, in any order):
    ///
    /// 1. numbered sessions form one group per year and number;
    /// 2. an unnumbered session joins the numbered group whose titled sessions have its
    ///    title; when two numbered groups have that title it stays alone, with an
    ///    `ambiguous-title` warning;
    /// 3. other unnumbered sessions form one group per year and title.
    ///
    /// Groups come numbered first, each kind in the order of its first session; within a
    /// group, numbered members come before unnumbered ones, each in input order (the order
    /// `merge` breaks ties by). `next` gives the members in that order, then nil.
    ///
    /// Sorts in bounded memory (`ExternalSorter`), so no run holds all its sessions' keys:
    /// numbered sessions by number, which gives each group its first place; their titles by
    /// title and number, which gives each title its count of numbers and its least number's
    /// group; unnumbered sessions by title, read beside those titles; then every member by
    /// its place in the join.
    static func group(_ extracted: ((Extracted) throws(PipelineError) -> Void) throws(PipelineError) -> Void,
                      budget: Int) throws(PipelineError) -> () throws(PipelineError) -> Member? {
        let numbered = ExternalSorter(budget: budget), unnumbered = ExternalSorter(budget: budget)
        try extracted { session throws(PipelineError) in
            var key = SortKey(), value = ByteWriter(capacity: 32)
            value.int(session.stored.offset)
            value.int(session.stored.count)
            if let number = session.number {
                key.string(number)
                key.int(session.seq)
                value.bool(session.titled)
                value.string(session.title)
                try numbered.add(key, value: value.bytes)
            } else {
                key.string(session.title)
                key.int(session.seq)
                try unnumbered.add(key, value: value.bytes)
            }
        }
        let members = ExternalSorter(budget: budget), titles = ExternalSorter(budget: budget)
        /// A member's key in the join's order: unnumbered, first place, late, place.
        func member(unnumbered: Bool, first: Int, late: Bool, seq: Int, stored: RecordFile.Piece, ambiguous: Bool) throws(PipelineError) {
            var key = SortKey(), value = ByteWriter(capacity: 16)
            key.int(unnumbered ? 1 : 0)
            key.int(first)
            key.int(late ? 1 : 0)
            key.int(seq)
            value.int(stored.offset)
            value.int(stored.count)
            value.bool(ambiguous)
            try members.add(key, value: value.bytes)
        }
        // 1. Numbered groups: a number's first session (in key order) is its first place.
        let byNumber = try numbered.sorted()
        var number: [UInt8]?, first = 0
        while try byNumber.next() {
            let (written, seq, stored, titled, title) = try RunStore.decoding { () throws(StoreCodingError) in
                var key = SortKeyReader(byNumber.key), value = ByteReader(byNumber.value)
                let written = Array(try key.stringBytes()), seq = try key.int()
                let stored = RecordFile.Piece(offset: try value.int(), count: try value.int())
                return (written, seq, stored, try value.bool(), try value.string())
            }
            if number != written {
                number = written
                first = seq
            }
            try member(unnumbered: false, first: first, late: false, seq: seq, stored: stored, ambiguous: false)
            guard titled else { continue }
            var key = SortKey()
            key.string(title)
            key.string(written.withUnsafeBytes { SortKeyReader.text($0) })
            var group = ByteWriter(capacity: 8)
            group.int(first)
            try titles.add(key, value: group.bytes)
        }
        // 2. Each title of the numbered sessions, in title order: how many numbers have it,
        // and the first place of the least one's group.
        let byTitle = try titles.sorted()
        var pending = try byTitle.next()
        /// The title and number of `byTitle`'s record, as written.
        func titleAndNumber() throws(PipelineError) -> (title: [UInt8], number: [UInt8]) {
            try RunStore.decoding { () throws(StoreCodingError) in
                var key = SortKeyReader(byTitle.key)
                return (Array(try key.stringBytes()), Array(try key.stringBytes()))
            }
        }
        func nextSummary() throws(PipelineError) -> (title: [UInt8], groups: Int, first: Int)? {
            guard pending else { return nil }
            let (title, firstNumber) = try titleAndNumber()
            var number = firstNumber
            let first = try RunStore.decoding { () throws(StoreCodingError) in
                var value = ByteReader(byTitle.value)
                return try value.int()
            }
            var groups = 1
            pending = false
            while try byTitle.next() {
                let next = try titleAndNumber()
                guard next.title == title else {
                    pending = true
                    break
                }
                if next.number != number {
                    groups += 1
                    number = next.number
                }
            }
            return (title, groups, first)
        }
        var summary = try nextSummary()
        // 3. Unnumbered sessions by title, beside the numbered sessions' titles.
        let byLooseTitle = try unnumbered.sorted()
        var title: [UInt8]?, looseFirst = 0
        var match: (groups: Int, first: Int)?
        while try byLooseTitle.next() {
            let (written, seq, stored) = try RunStore.decoding { () throws(StoreCodingError) in
                var key = SortKeyReader(byLooseTitle.key), value = ByteReader(byLooseTitle.value)
                let written = Array(try key.stringBytes())
                return (written, try key.int(), RecordFile.Piece(offset: try value.int(), count: try value.int()))
            }
            if title != written {
                title = written
                looseFirst = seq
                while let current = summary, current.title.lexicographicallyPrecedes(written) { summary = try nextSummary() }
                match = summary.flatMap { $0.title == written ? ($0.groups, $0.first) : nil }
            }
            if let (groups, first) = match {
                if groups == 1 {
                    try member(unnumbered: false, first: first, late: true, seq: seq, stored: stored, ambiguous: false)
                } else {
                    try member(unnumbered: true, first: seq, late: false, seq: seq, stored: stored, ambiguous: true)
                }
            } else {
                try member(unnumbered: true, first: looseFirst, late: false, seq: seq, stored: stored, ambiguous: false)
            }
        }
        let ordered = try members.sorted()
        return { () throws(PipelineError) -> Member? in
            guard try ordered.next() else { return nil }
            return try RunStore.decoding { () throws(StoreCodingError) in
                var key = SortKeyReader(ordered.key), value = ByteReader(ordered.value)
                let unnumbered = try key.int(), first = try key.int()
                _ = try key.int()
                let seq = try key.int()
                return Member(seq: seq, group: unnumbered << 61 | first, stored: RecordFile.Piece(offset: try value.int(), count: try value.int()),
                              ambiguous: try value.bool())
            }
        }
    }

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
