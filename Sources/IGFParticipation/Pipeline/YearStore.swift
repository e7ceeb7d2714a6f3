/// The sessions of some years of the run, in files of their own: the years whose
/// remainder modulo `RunStore.partitions` is the same. Up to 16 consecutive years each have
/// their own store; a sheet with a thousand bogus years opens 16, not a thousand.
///
/// Sessions of different years never join (`SessionJoiner` keys carry the year) and never
/// share an id (ids begin with the year), so the join, the ids and the aggregate pass are
/// passes over a store's own years, and `RunStore` runs the stores' passes on several
/// workers at once. What spans stores — which names are ambiguous, which people return —
/// `RunStore` reads across the stores in order.
///
/// Files, not a database: every session's stored bytes are appended to `bodies` once (a
/// merged session's after the join) and read back by where they are; everything else is a
/// file of records written in the order a pass reads it, or sorted in bounded memory
/// (`ExternalSorter`) where a pass needs another order. So the memory a pass takes is its
/// sorts' budgets and a chunk of sessions, however large the corpus.
///
/// Places: every extracted session keeps its `seq`, its place in the run's input order. A
/// joined session's `seq` is its group's place in the order the join gives groups
/// (`SessionJoiner.group`: numbered groups first, each kind by its first session), so orders
/// that span stores compare `seq`s across them.
final class YearStore: @unchecked Sendable {
    // `@unchecked Sendable`: one pass at a time runs on a store (the `RunStore` passes wait
    // for every store before the next), from one thread.
    /// The files of the store's sessions, until `close`.
    private var files: Files?
    /// Sessions extracted so far: the store's share of the work, to start the largest first.
    private(set) var extracted = 0
    /// The lines the aggregate pass rendered, one spool per kind (`SessionLines`), the
    /// store's years one after another.
    private var spools: [LineSpool] = []
    private var linesClosed = false
    /// Where each counted year's lines start in each spool, in year order (`lines`).
    private var yearStarts: [(year: Int, starts: [Int])] = []
    /// Where each counted year's sessions are in `Files.ordered`, in year order.
    private var yearSpans: [(year: Int, records: Range<Int>)] = []
    /// How many bytes each of the store's sorts holds in memory before it writes a run.
    private let sortBudget: Int

    /// The store's files.
    private struct Files {
        /// Every session's stored bytes: the extracted ones, then the join's merged ones.
        var bodies: RecordFile
        /// The extracted sessions' join keys, as they came: seq, number, title, titled and
        /// where the bytes are.
        var extracted: RecordFile?
        /// The joined sessions in join order (their `seq`), as `Listed`.
        var joined: RecordFile?
        /// Every name the joined sessions list with an organization, and the organization.
        var names: ExternalSorter?
        /// The counted sessions in year and id order (after `settleIDs`), as `Listed`.
        var ordered: RecordFile?
        /// Where each person was seen (after `aggregate`).
        var presence: ExternalSorter?
        /// Warnings of the passes over this store, in the order given.
        var warnings: RecordFile
    }

    init(sortBudget: Int = ExternalSorter.defaultBudget) throws(PipelineError) {
        self.sortBudget = sortBudget
        files = Files(bodies: try RecordFile(), extracted: try RecordFile(), warnings: try RecordFile())
    }

    /// The store's files; a pass after `close` is a mistake in the run's order.
    private var open: Files {
        guard let files else { preconditionFailure("the year store was closed") }
        return files
    }

    // MARK: Sessions in

    /// Extracted sessions of this store's years: place, join keys and stored bytes.
    func add(_ sessions: [(seq: Int, number: String?, title: String, titled: Bool, body: [UInt8])]) throws(PipelineError) {
        let files = open
        for session in sessions {
            let stored = files.bodies.appendRaw(session.body)
            var record = ByteWriter(capacity: 64 + session.title.utf8.count)
            record.int(session.seq)
            record.optional(session.number) { $0.string($1) }
            record.string(session.title)
            record.bool(session.titled)
            record.int(stored.offset)
            record.int(stored.count)
            files.extracted?.append(record.bytes)
        }
        extracted += sessions.count
    }

    private func warn(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { open.warnings.append(diagnostic.storeBytes) }
    }

    /// The warnings of the passes over this store, in the order they were given.
    func warnings(_ each: (Diagnostic) throws(PipelineError) -> Void) throws(PipelineError) {
        let records = try open.warnings.records()
        while let record = try records.next() {
            try each(try RunStore.decoding { () throws(StoreCodingError) in try Diagnostic(storeBytes: record) })
        }
    }

    // MARK: Passes

    /// Joins the store's extracted sessions group by group (`SessionJoiner`), keeping the
    /// joined sessions and the names they list with their organizations.
    ///
    /// The members are read a chunk of whole groups at a time. With more than one job, the
    /// workers decode and merge one chunk while this thread stores the last one and reads the
    /// next (one chunk in flight); with one job, all in line. Returns how many sessions were
    /// joined.
    func join(aliases: PeopleAliases, jobs: PassWorkers) throws(PipelineError) -> Int {
        var files = open
        guard let extractedKeys = try files.extracted?.records() else { preconditionFailure("the join runs once per store") }
        let members = try SessionJoiner.group({ each throws(PipelineError) in
            while let record = try extractedKeys.next() {
                try each(try RunStore.decoding { () throws(StoreCodingError) in
                    var reader = ByteReader(record)
                    let seq = try reader.int(), number = try reader.optional { reader throws(StoreCodingError) in try reader.string() }
                    let title = try reader.string(), titled = try reader.bool()
                    return SessionJoiner.Extracted(seq: seq, number: number, title: title, titled: titled,
                                                   stored: RecordFile.Piece(offset: try reader.int(), count: try reader.int()))
                })
            }
        }, budget: sortBudget)
        let joined = try RecordFile(), names = ExternalSorter(budget: sortBudget)
        var count = 0
        let chunkSize = max(256, 64 * jobs.share)
        var next: JoinMember?  // the first member of the next chunk's first group
        var done = false
        /// The next whole groups, about `chunkSize` members in all (none at the end).
        func read() throws(PipelineError) -> [[JoinMember]]? {
            var groups: [[JoinMember]] = []
            var taken = 0
            if let first = next {
                groups.append([first])
                taken = 1
            }
            next = nil
            while !done {
                guard let member = try members() else { done = true; break }
                let row = JoinMember(seq: member.seq, bytes: try files.bodies.bytes(at: member.stored), stored: member.stored,
                                     group: member.group, ambiguous: member.ambiguous)
                if row.group == groups.last?.last?.group {
                    groups[groups.count - 1].append(row)
                } else if taken >= chunkSize {
                    next = row
                    break
                } else {
                    groups.append([row])
                }
                taken += 1
            }
            return groups.isEmpty ? nil : groups
        }
        func store(_ chunk: [Swift.Result<JoinedGroup, StoreCodingError>]) throws(PipelineError) {
            for result in chunk {
                guard case .success(let group) = result else { throw RunStore.damaged }
                warn(group.diagnostics)
                let stored = group.body.map { files.bodies.appendRaw($0) } ?? group.source
                joined.append(Listed(seq: group.seq, year: group.year, id: group.id, stored: stored).bytes)
                count += 1
                for (folded, organization) in group.names {
                    var key = SortKey()
                    key.string(folded)
                    key.string(organization)
                    try names.add(key)
                }
            }
        }
        try PassPipeline.run(jobs: jobs, read: read, transform: { group in Self.joinGroup(group, aliases: aliases) }, deliver: store)
        try joined.finish()
        try files.bodies.finish()
        try names.settle()
        files.joined = joined
        files.names = names
        files.extracted = nil
        self.files = files
        return count
    }

    /// An extracted session as the join reads it: its stored bytes, its group and whether
    /// its title is ambiguous.
    private struct JoinMember: Sendable {
        var seq: Int
        var bytes: [UInt8]
        var stored: RecordFile.Piece
        var group: Int
        var ambiguous: Bool
    }

    /// A joined session ready to store, with the names it lists and the join's warnings
    /// (an ambiguous title's first, then the merge's): the body of a merged session, or
    /// where the one member's body is.
    private struct JoinedGroup: Sendable {
        var seq: Int
        var year: Int
        var id: String
        var body: [UInt8]?
        var source: RecordFile.Piece
        var names: [(name: String, organization: String)]
        var diagnostics: [Diagnostic]
    }

    /// Decodes and merges one group. A group of one keeps the body it was extracted with:
    /// merging one session changes nothing, so unless its title is ambiguous (whose warning
    /// quotes it) only its id, year and people's names are read from it (`Session.joinSummary`).
    private static func joinGroup(_ rows: [JoinMember], aliases: PeopleAliases) -> Swift.Result<JoinedGroup, StoreCodingError> {
        Swift.Result { () throws(StoreCodingError) in
            if rows.count == 1, !rows[0].ambiguous {
                let summary = try Session.joinSummary(storeBytes: rows[0].bytes)
                return JoinedGroup(seq: rows[0].group, year: summary.year, id: summary.id, body: nil, source: rows[0].stored,
                                   names: PersonIdentity.names(of: summary.people, aliases: aliases).filter { !$0.organization.isEmpty },
                                   diagnostics: [])
            }
            var members: [(row: JoinMember, session: Session)] = []
            for row in rows { members.append((row, try Session(storeBytes: row.bytes))) }
            var diagnostics = members.filter(\.row.ambiguous).map { SessionJoiner.ambiguousTitle($0.session) }
            let session = SessionJoiner.merge(members.map(\.session), diagnostics: &diagnostics)
            return JoinedGroup(seq: rows[0].group, year: session.year, id: session.id, body: rows.count == 1 ? nil : session.storeBytes,
                               source: rows[0].stored,
                               names: PersonIdentity.names(in: session, aliases: aliases).filter { !$0.organization.isEmpty },
                               diagnostics: diagnostics)
        }
    }

    /// Every name the store's sessions list with an organization, sorted by name, then
    /// organization (UTF-8 bytes), a name and organization as often as listed: each record's
    /// key is the name, then the organization (`SortKey`).
    func names() throws(PipelineError) -> SortedRecords {
        guard let names = open.names else { preconditionFailure("names are read after the join") }
        return try names.sorted()
    }

    /// The joined sessions in join order, as rows for `PassPipeline` (a reader of `joined`).
    private func joinedRows() throws(PipelineError) -> () throws(PipelineError) -> PassPipeline.Row? {
        let files = open
        guard let joined = files.joined else { preconditionFailure("joined sessions are read after the join") }
        let records = try joined.records()
        return { () throws(PipelineError) -> PassPipeline.Row? in
            guard let record = try records.next() else { return nil }
            let session = try Listed(record)
            return PassPipeline.Row(bytes: try files.bodies.bytes(at: session.stored), id: session.id, seq: session.seq)
        }
    }

    /// A session as `joined` and `ordered` list it: its place, year and id, and where its
    /// bytes are.
    private struct Listed {
        var seq: Int
        var year: Int
        var id: String
        var stored: RecordFile.Piece

        init(seq: Int, year: Int, id: String, stored: RecordFile.Piece) {
            (self.seq, self.year, self.id, self.stored) = (seq, year, id, stored)
        }

        init(_ record: UnsafeRawBufferPointer) throws(PipelineError) {
            self = try RunStore.decoding { () throws(StoreCodingError) in
                var reader = ByteReader(record)
                return Listed(seq: try reader.int(), year: try reader.int(), id: try reader.string(),
                              stored: RecordFile.Piece(offset: try reader.int(), count: try reader.int()))
            }
        }

        var bytes: [UInt8] {
            var writer = ByteWriter(capacity: 32 + id.utf8.count)
            writer.int(seq)
            writer.int(year)
            writer.string(id)
            writer.int(stored.offset)
            writer.int(stored.count)
            return writer.bytes
        }

        /// Its key in year and id order (`seq` sets apart sessions that share an id).
        var orderKey: SortKey {
            var key = SortKey()
            key.int(year)
            key.string(id)
            key.int(seq)
            return key
        }
    }

    /// The first entry without an organization of each ambiguous name in the store's
    /// sessions, in join order: the name, where (session `seq`, position among the
    /// session's entries without one) and who.
    func firstUnplaced(_ resolution: PersonIdentity.Resolution, jobs: PassWorkers) throws(PipelineError) -> [String: (seq: Int, position: Int, person: Person)] {
        var first: [String: (seq: Int, position: Int, person: Person)] = [:]
        try PassPipeline.chunks(jobs: jobs, next: try joinedRows(), { row throws(StoreCodingError) in
            (row.seq, resolution.keyed(try Session(storeBytes: row.bytes)).unplaced)
        }, deliver: { sessions in
            for (seq, unplaced) in sessions {
                for (position, entry) in unplaced.enumerated() where first[entry.name] == nil {
                    first[entry.name] = (seq, position, entry.person)
                }
            }
        })
        return first
    }

    /// Keeps the sessions of `years` (all when nil), gives sessions left with one id
    /// distinct ids and writes them in year and id order for reading back. Returns the
    /// years the store counts, in order.
    func settleIDs(years: ClosedRange<Int>?) throws(PipelineError) -> [Int] {
        var files = open
        guard let joined = files.joined else { preconditionFailure("ids are settled after the join") }
        let sorter = ExternalSorter(budget: sortBudget)
        let records = try joined.records()
        while let record = try records.next() {
            let session = try Listed(record)
            if let years, !years.contains(session.year) { continue }
            try sorter.add(session.orderKey, value: session.bytes)
        }
        files.joined = nil
        files.names = nil
        var (ordered, repeated) = try write(try sorter.sorted())
        if !repeated.isEmpty {
            let renamed = try disambiguate(repeated, in: ordered, bodies: files.bodies)
            let again = ExternalSorter(budget: sortBudget)
            let records = try ordered.records()
            while let record = try records.next() {
                var session = try Listed(record)
                session.id = renamed[session.seq] ?? session.id
                try again.add(session.orderKey, value: session.bytes)
            }
            (ordered, repeated) = try write(try again.sorted())
            assert(repeated.isEmpty, "renamed ids are distinct")
        }
        files.ordered = ordered
        self.files = files
        counted = yearSpans.reduce(0) { $0 + $1.records.count }
        return yearSpans.map(\.year)
    }

    /// Sessions the store counts (after `settleIDs`).
    private(set) var counted = 0

    /// Writes sorted sessions (each record's value a `Listed`) to a file of `ordered`
    /// records, noting where each year's are (`yearSpans`, by record) and which ids more
    /// than one session has: the sessions of each such id, in order.
    private func write(_ sorted: SortedRecords) throws(PipelineError) -> (RecordFile, [[Listed]]) {
        let file = try RecordFile()
        yearSpans = []
        var repeated: [[Listed]] = []
        var last: Listed?
        var index = 0
        while try sorted.next() {
            let session = try Listed(sorted.value)
            file.append(sorted.value)
            if yearSpans.last?.year == session.year {
                yearSpans[yearSpans.count - 1].records = yearSpans[yearSpans.count - 1].records.lowerBound..<(index + 1)
            } else {
                yearSpans.append((session.year, index..<(index + 1)))
            }
            if let last, last.year == session.year, last.id == session.id {
                if repeated.last.map({ $0[0].year == session.year && $0[0].id == session.id }) != true { repeated.append([last]) }
                repeated[repeated.count - 1].append(session)
            }
            last = session
            index += 1
        }
        try file.finish()
        return (file, repeated)
    }

    /// Two sessions left with one id after joining (titles whose slugs coincide): both are
    /// kept, the later one (in join order) with a `-2`, `-3`, … suffix that no session of
    /// the year has yet, and a warning naming both places. Ids are settled in the order of
    /// their first sessions. Returns the new ids by `seq`.
    private func disambiguate(_ repeated: [[Listed]], in ordered: RecordFile, bodies: RecordFile) throws(PipelineError) -> [Int: String] {
        // The ids a suffix could collide with: a repeated id, a dash and digits. One look-up
        // per session, however many ids repeat.
        var stems: Set<String> = []
        for sessions in repeated { stems.insert("\(sessions[0].year)|\(sessions[0].id)") }
        var taken: Set<String> = []
        let records = try ordered.records()
        while let record = try records.next() {
            let listed = try Listed(record)
            let year = listed.year, id = listed.id, utf8 = id.utf8
            guard let dash = utf8.lastIndex(of: UInt8(ascii: "-")), utf8.index(after: dash) < utf8.endIndex,
                  utf8[utf8.index(after: dash)...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  stems.contains("\(year)|\(String(decoding: utf8[..<dash], as: UTF8.self))") else { continue }
            taken.insert("\(year)|\(id)")
        }
        var renamed: [Int: String] = [:]
        for entry in repeated.sorted(by: { $0[0].seq < $1[0].seq }) {
            let year = entry[0].year, id = entry[0].id
            var sessions: [(seq: Int, session: Session)] = []
            for listed in entry {
                let bytes = try bodies.bytes(at: listed.stored)
                sessions.append((listed.seq, try RunStore.decoding { () throws(StoreCodingError) in try Session(storeBytes: bytes) }))
            }
            let first = sessions[0].session.raw.location
            for (seq, session) in sessions.dropFirst() {
                var suffix = 2
                while taken.contains("\(year)|\(id)-\(suffix)") { suffix += 1 }
                let newID = "\(id)-\(suffix)"
                taken.insert("\(year)|\(newID)")
                renamed[seq] = newID
                warn([Diagnostic(.duplicateSession, at: session.raw.location,
                                 "session id \(id) was already read at \(first); kept as \(newID)", raw: session.title)])
            }
        }
        return renamed
    }

    // MARK: Reading back

    /// The sessions of `year` in id order, with their people keyed, decoded and transformed
    /// on `jobs` workers a chunk at a time and handed to `deliver` in order.
    func sessions<Output: Sendable>(of year: Int, jobs: PassWorkers, resolution: PersonIdentity.Resolution, _ transform: @escaping @Sendable (consuming Session) -> Output,
                                    deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        guard let span = yearSpans.first(where: { $0.year == year })?.records else { return }
        try readBack(span, jobs: jobs, resolution: resolution, transform, deliver: deliver)
    }

    /// The store's sessions in year and id order, those of `span` (records of `ordered`).
    private func readBack<Output: Sendable>(_ span: Range<Int>?, jobs: PassWorkers, resolution: PersonIdentity.Resolution, _ transform: @escaping @Sendable (consuming Session) -> Output,
                                            deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        let files = open
        guard let ordered = files.ordered else { preconditionFailure("sessions are read back after settleIDs") }
        let records = try ordered.records()
        var index = 0
        let range = span ?? 0..<Int.max
        try PassPipeline.chunks(jobs: jobs, next: { () throws(PipelineError) -> PassPipeline.Row? in
            while index < range.upperBound, let record = try records.next() {
                index += 1
                guard index > range.lowerBound else { continue }
                let session = try Listed(record)
                return PassPipeline.Row(bytes: try files.bodies.bytes(at: session.stored), id: session.id, seq: session.seq)
            }
            return nil
        }, { row throws(StoreCodingError) in
            var session = try Session(storeBytes: row.bytes)
            session.id = row.id
            session.people = resolution.keyed(session).people
            return transform(session)
        }, deliver: deliver)
    }

    /// Reads the store's sessions in year and id order like `sessions`, keeping the lines
    /// `render` makes of each (`SessionLines`, nil for none) for the writers, in the same
    /// order, and where each person was seen, sorted by identity key and year for
    /// `RunStore.countPeople`; `deliver` gets what `render` made, a year's run at a time.
    /// Runs once per store, since its spools append.
    func aggregate<Output: Sendable>(jobs: PassWorkers, resolution: PersonIdentity.Resolution,
                                     rendering render: @escaping @Sendable (consuming Session) -> (Output, [[UInt8]?]),
                                     deliver: (_ year: Int, [Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        precondition(spools.isEmpty, "the aggregate pass runs once per store")
        let presence = ExternalSorter(budget: sortBudget)
        try readBack(nil, jobs: jobs, resolution: resolution, { session in
            let year = session.year, presence = session.people.map(Presence.init)
            let (output, lines) = render(session)
            return Rendered(output: output, lines: lines, year: year, presence: presence)
        }) { (rendered: [Rendered<Output>]) throws(PipelineError) in
            var run: [Output] = []
            for session in rendered {
                while spools.count < session.lines.count { spools.append(try LineSpool()) }
                if yearStarts.last?.year != session.year {
                    if let year = yearStarts.last?.year, !run.isEmpty { try deliver(year, run) }
                    run = []
                    yearStarts.append((session.year, spools.map(\.length)))
                }
                for (kind, line) in session.lines.enumerated() { if let line { spools[kind].append(line) } }
                for person in session.presence {
                    var key = SortKey()
                    key.string(person.key)
                    key.int(session.year)
                    key.int(person.scopes)
                    key.int(person.stakeholder)
                    key.int(person.region)
                    try presence.add(key)
                }
                run.append(session.output)
            }
            if let year = yearStarts.last?.year, !run.isEmpty { try deliver(year, run) }
        }
        try presence.settle()
        files?.presence = presence
        for spool in spools { try spool.finish() }
    }

    /// Lets the store's files go (after `countPeople`); its spools stay for `lines`.
    func close() {
        files = nil
    }

    /// Lets the spools go too, once the writers have read them.
    func closeLines() {
        spools = []
        linesClosed = true
    }

    /// The lines of one kind that `aggregate` kept for `year`, in order.
    func lines(_ kind: Int, of year: Int, _ each: (UnsafeRawBufferPointer) throws(PipelineError) -> Void) throws(PipelineError) {
        precondition(!linesClosed, "the lines are read before closeLines")
        guard spools.indices.contains(kind), let position = yearStarts.firstIndex(where: { $0.year == year }) else { return }
        let end = position + 1 < yearStarts.count ? yearStarts[position + 1].starts[kind] : spools[kind].length
        try spools[kind].read(from: yearStarts[position].starts[kind], to: end, each)
    }

    /// A session read back by the aggregate pass: what `render` made of it, and its people.
    private struct Rendered<Output: Sendable>: Sendable {
        var output: Output
        var lines: [[UInt8]?]
        var year: Int
        var presence: [Presence]
    }

    /// One person in one session as `countPeople` needs it: identity key, the role scopes
    /// that include the person's role (one bit per `RoleScope`, in declaration order) and
    /// the groups (positions in their `allCases`).
    private struct Presence: Sendable {
        var key: String
        var scopes: Int
        var stakeholder: Int
        var region: Int

        init(_ person: Person) {
            key = person.key
            scopes = RoleScope.allCases.enumerated().reduce(0) { $0 | ($1.element.includes(person.role) ? 1 << $1.offset : 0) }
            stakeholder = person.stakeholder.declarationPlace
            region = person.region.declarationPlace
        }
    }

    /// Where each person was seen in the store's years, sorted by identity key and year
    /// (after `aggregate`): each record's key is the identity key, then year, scopes,
    /// stakeholder group and regional group (`SortKey`).
    func presence() throws(PipelineError) -> SortedRecords {
        guard let presence = open.presence else { preconditionFailure("presence is read after the aggregate pass") }
        return try presence.sorted()
    }
}
