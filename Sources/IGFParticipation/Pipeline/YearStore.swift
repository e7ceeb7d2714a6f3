/// The sessions of some years in the run's store, in a database of their own: the years
/// whose remainder modulo `RunStore.partitions` is the same. Up to 16 consecutive years
/// each have their own store; a sheet with a thousand bogus years opens 16, not a thousand.
///
/// Sessions of different years never join (`SessionJoiner` keys carry the year) and never
/// share an id (ids begin with the year), so the join, the ids and the aggregate pass are
/// passes over a store's own years, and `RunStore` runs the stores' passes on several
/// workers at once, each on its own connection. What spans stores — which names are
/// ambiguous, which people return — `RunStore` reads across the stores in order.
///
/// Places: every extracted session keeps its `seq`, its place in the run's input order. A
/// joined session's `seq` is its group's place in the order the join has always given
/// groups (`SessionJoiner.membersQuery`: numbered groups first, each kind by its first
/// session), so orders that span stores compare `seq`s across them.
final class YearStore: @unchecked Sendable {
    // `@unchecked Sendable`: one pass at a time runs on a store (the `RunStore` passes wait
    // for every store before the next), from one thread.
    private let connection: StoreConnection
    /// Sessions extracted so far: the store's share of the work, to start the largest first.
    private(set) var extracted = 0
    /// The lines the aggregate pass rendered, one spool per kind (`SessionLines`), the
    /// store's years one after another.
    private var spools: [LineSpool] = []
    /// Where each counted year's lines start in each spool, in year order (`lines`).
    private var yearStarts: [(year: Int, starts: [Int])] = []
    /// Each store's page cache while documents come in: the stores are written to together
    /// then, with appends, which need few pages.
    static let idleCacheKiB = 256
    /// Its cache during a pass (`pass`): at most one pass per job runs at a time, and the
    /// aggregate pass's reads in year and id order need the larger cache to stay fast.
    static let passCacheKiB = RunStore.cacheKiB
    /// Where merged sessions' bodies go in `bodies`: after every extracted one.
    private static let mergedBodies = 1 << 62

    init() throws(PipelineError) {
        connection = try StoreConnection(cacheKiB: Self.idleCacheKiB, shared: false, schema: [
            // The join's keys apart from the bodies: its grouping queries scan the keys only.
            "CREATE TABLE extracted (seq INTEGER PRIMARY KEY, number TEXT, title TEXT NOT NULL, titled INTEGER NOT NULL)",
            "CREATE TABLE bodies (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)",
            // Likewise the joined sessions, whose bodies are in `bodies` too (`body` is its seq
            // there): a session joined with no other keeps the body it was extracted with.
            "CREATE TABLE joined (seq INTEGER PRIMARY KEY, year INTEGER NOT NULL, id TEXT NOT NULL, body INTEGER NOT NULL)",
            "CREATE TABLE names (name TEXT NOT NULL, organization TEXT NOT NULL, PRIMARY KEY (name, organization)) WITHOUT ROWID",
            "CREATE TABLE presence (key TEXT NOT NULL, year INTEGER NOT NULL, scopes INTEGER NOT NULL, stakeholder INTEGER NOT NULL, region INTEGER NOT NULL)",
            // Warnings of the passes over this store, in the order given.
            "CREATE TABLE warnings (position INTEGER PRIMARY KEY, body BLOB NOT NULL)",
        ])
    }

    // MARK: Sessions in

    /// Extracted sessions of this store's years: place, join keys and stored bytes.
    func add(_ sessions: [(seq: Int, number: String?, title: String, titled: Bool, body: [UInt8])]) throws(PipelineError) {
        try connection.transaction { () throws(PipelineError) in
            let addSession = try connection.statement("INSERT INTO extracted VALUES (?1, ?2, ?3, ?4)")
            let addBody = try connection.statement("INSERT INTO bodies VALUES (?1, ?2)")
            for session in sessions {
                try addSession.run(session.seq, session.number, session.title, session.titled ? 1 : 0)
                try addBody.run(session.seq, session.body)
            }
        }
        extracted += sessions.count
    }

    private func warn(_ diagnostics: [Diagnostic], with insert: StoreStatement) throws(PipelineError) {
        for diagnostic in diagnostics { try insert.run(nil as Int?, diagnostic.storeBytes) }
    }

    /// The warnings of the passes over this store, in the order they were given.
    func warnings(_ each: (Diagnostic) throws(PipelineError) -> Void) throws(PipelineError) {
        let all = try connection.statement("SELECT body FROM warnings ORDER BY position")
        while try all.step() { try each(try all.decode(Diagnostic.self, column: 0)) }
    }

    // MARK: Passes

    /// Runs one pass with the larger page cache, and lets it go after.
    private func pass<Output>(_ body: () throws(PipelineError) -> Output) throws(PipelineError) -> Output {
        try connection.cache(kiB: Self.passCacheKiB)
        let output = try body()
        try connection.cache(kiB: Self.idleCacheKiB)
        return output
    }

    /// Joins the store's extracted sessions group by group (`SessionJoiner`), keeping the
    /// joined sessions and the names they list with their organizations.
    ///
    /// The members are read a chunk of whole groups at a time. With more than one job, the
    /// workers decode and merge one chunk while this thread stores the last one and reads the
    /// next (one chunk in flight); with one job, all in line. Returns how many sessions were
    /// joined.
    func join(aliases: PeopleAliases, jobs: PassWorkers) throws(PipelineError) -> Int {
        var joined = 0
        try pass { () throws(PipelineError) in try join(aliases: aliases, jobs: jobs, counting: &joined) }
        return joined
    }

    private func join(aliases: PeopleAliases, jobs: PassWorkers, counting joined: inout Int) throws(PipelineError) {
        try connection.transaction { () throws(PipelineError) in
            try connection.execute(SessionJoiner.groupingStatements)
            let members = try connection.statement(SessionJoiner.membersQuery)
            let body = try connection.statement("SELECT body FROM bodies WHERE seq = ?1")
            let keep = try connection.statement("INSERT INTO joined VALUES (?1, ?2, ?3, ?4)")
            let keepBody = try connection.statement("INSERT INTO bodies VALUES (?1, ?2)")
            let name = try connection.statement("INSERT OR IGNORE INTO names VALUES (?1, ?2)")
            let warn = try connection.statement("INSERT INTO warnings VALUES (?1, ?2)")
            let chunkSize = max(256, 64 * jobs.share)
            var next: JoinMember?  // the first member of the next chunk's first group
            var done = false
            /// The members of the next whole groups, about `chunkSize` of them (none at the end).
            func read() throws(PipelineError) -> [JoinMember]? {
                guard !done || next != nil else { return nil }  // stepping a finished query would restart it
                var rows: [JoinMember] = []
                rows.reserveCapacity(chunkSize + 8)
                if let first = next { rows.append(first) }
                next = nil
                while true {
                    guard try members.step() else { done = true; break }
                    // A group is its kind (numbered or not) and its first member's place.
                    let group = members.int(1) << 61 | members.int(2)
                    try body.bind(members.int(0))
                    guard try body.step() else { throw RunStore.damaged }
                    let row = JoinMember(seq: members.int(0), bytes: body.bytes(0), group: group, ambiguous: members.int(4) == 1)
                    if rows.count >= chunkSize, row.group != rows.last?.group {
                        next = row
                        break
                    }
                    rows.append(row)
                }
                return rows.isEmpty ? nil : rows
            }
            func store(_ chunk: Swift.Result<[JoinedGroup], StoreCodingError>) throws(PipelineError) {
                guard case .success(let groups) = chunk else { throw RunStore.damaged }
                for group in groups {
                    try self.warn(group.diagnostics, with: warn)
                    var body = group.source
                    if let merged = group.body {
                        body = Self.mergedBodies | group.seq
                        try keepBody.run(body, merged)
                    }
                    try keep.run(group.seq, group.year, group.id, body)
                    joined += 1
                    for (folded, organization) in group.names { try name.run(folded, organization) }
                }
            }
            try StoreConnection.pipeline(jobs: jobs, read: read, transform: { chunk, threads in
                Self.joinChunk(chunk, aliases: aliases, jobs: threads)
            }, deliver: store)
            members.reset()
            body.reset()
            try connection.execute(["DROP TABLE extracted", "DROP TABLE numbered", "DROP TABLE titles", "DROP TABLE loose"])
        }
    }

    /// An extracted session as the join reads it: its stored bytes, its group and whether
    /// its title is ambiguous.
    private struct JoinMember: Sendable {
        var seq: Int
        var bytes: [UInt8]
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
        var source: Int
        var names: [(name: String, organization: String)]
        var diagnostics: [Diagnostic]
    }

    /// Decodes and merges one chunk of whole groups on `jobs` workers. A group of one keeps
    /// the body it was extracted with: merging one session changes nothing, so unless its
    /// title is ambiguous (whose warning quotes it) only its id, year and people's names are
    /// read from it (`Session.joinSummary`).
    private static func joinChunk(_ rows: [JoinMember], aliases: PeopleAliases, jobs: Int) -> Swift.Result<[JoinedGroup], StoreCodingError> {
        var groups: [[Int]] = []
        for (index, row) in rows.enumerated() {
            if index == 0 || row.group != rows[index - 1].group { groups.append([]) }
            groups[groups.count - 1].append(index)
        }
        var single = [Bool](repeating: false, count: rows.count)
        for members in groups where members.count == 1 && !rows[members[0]].ambiguous { single[members[0]] = true }
        let alone = single
        let decoded = ParallelMap.map(Array(rows.indices), jobs: jobs) { index in
            Swift.Result { () throws(StoreCodingError) -> JoinRead in
                alone[index] ? .summary(try Session.joinSummary(storeBytes: rows[index].bytes)) : .session(try Session(storeBytes: rows[index].bytes))
            }
        }
        var read: [JoinRead] = []
        read.reserveCapacity(rows.count)
        for result in decoded {
            switch result {
            case .success(let session): read.append(session)
            case .failure(let error): return .failure(error)
            }
        }
        let sessions = read
        let merged = ParallelMap.map(groups, jobs: jobs) { members in
            if case .summary(let summary) = sessions[members[0]] {
                return JoinedGroup(seq: rows[members[0]].group, year: summary.year, id: summary.id, body: nil, source: rows[members[0]].seq,
                                   names: PersonIdentity.names(of: summary.people, aliases: aliases).filter { !$0.organization.isEmpty },
                                   diagnostics: [])
            }
            let members = members.map { index in
                guard case .session(let session) = sessions[index] else { preconditionFailure("a member of a larger group is read whole") }
                return (index: index, session: session)
            }
            var diagnostics = members.filter { rows[$0.index].ambiguous }.map { SessionJoiner.ambiguousTitle($0.session) }
            let session = SessionJoiner.merge(members.map(\.session), diagnostics: &diagnostics)
            return JoinedGroup(seq: rows[members[0].index].group, year: session.year, id: session.id, body: members.count == 1 ? nil : session.storeBytes,
                               source: rows[members[0].index].seq,
                               names: PersonIdentity.names(in: session, aliases: aliases).filter { !$0.organization.isEmpty },
                               diagnostics: diagnostics)
        }
        return .success(merged)
    }

    /// A chunk's member as the join read it: whole, or the summary of one alone in its group.
    private enum JoinRead: Sendable {
        case session(Session)
        case summary(JoinSummary)
    }

    /// Every name the store's sessions list with an organization, once per organization,
    /// sorted by name, then organization (UTF-8 bytes).
    func names() throws(PipelineError) -> StoreStatement {
        try connection.statement("SELECT name, organization FROM names ORDER BY name, organization")
    }

    /// The first entry without an organization of each ambiguous name in the store's
    /// sessions, in join order: the name, where (session `seq`, position among the
    /// session's entries without one) and who.
    func firstUnplaced(_ resolution: PersonIdentity.Resolution, jobs: PassWorkers) throws(PipelineError) -> [String: (seq: Int, position: Int, person: Person)] {
        var first: [String: (seq: Int, position: Int, person: Person)] = [:]
        try pass { () throws(PipelineError) in try connection.chunks("SELECT b.body, j.id, j.seq FROM joined j JOIN bodies b ON b.seq = j.body ORDER BY j.seq", jobs: jobs, { row throws(StoreCodingError) in
            (row.seq, resolution.keyed(try Session(storeBytes: row.bytes)).unplaced)
        }, deliver: { sessions in
            for (seq, unplaced) in sessions {
                for (position, entry) in unplaced.enumerated() where first[entry.name] == nil {
                    first[entry.name] = (seq, position, entry.person)
                }
            }
        }) }
        return first
    }

    /// Keeps the sessions of `years` (all when nil), gives sessions left with one id
    /// distinct ids and indexes them for reading back in order. Returns the years the store
    /// counts, in order.
    func settleIDs(years: ClosedRange<Int>?) throws(PipelineError) -> [Int] {
        try pass { () throws(PipelineError) in
            try connection.transaction { () throws(PipelineError) in
                if let years {
                    try connection.execute(["DELETE FROM joined WHERE year < \(years.lowerBound) OR year > \(years.upperBound)"])
                }
                // One index serves the renaming and the reading back in order: an id begins
                // with its session's year, so sessions that share an id share a year.
                try connection.execute(["DROP TABLE names", "CREATE INDEX joined_order ON joined (year, id)"])
                try disambiguate(try connection.statement("INSERT INTO warnings VALUES (?1, ?2)"))
            }
        }
        let perYear = try connection.statement("SELECT year, COUNT(*) FROM joined GROUP BY year ORDER BY year")
        var years: [Int] = []
        while try perYear.step() {
            years.append(perYear.int(0))
            counted += perYear.int(1)
        }
        return years
    }

    /// Sessions the store counts (after `settleIDs`).
    private(set) var counted = 0

    /// Two sessions left with one id after joining (titles whose slugs coincide): both are
    /// kept, the later one (in join order) with a `-2`, `-3`, … suffix, and a warning naming
    /// both places.
    private func disambiguate(_ warn: StoreStatement) throws(PipelineError) {
        let repeated = try connection.statement("SELECT year, id FROM joined GROUP BY year, id HAVING COUNT(*) > 1 ORDER BY MIN(seq)")
        var ids: [(year: Int, id: String)] = []
        while try repeated.step() { ids.append((repeated.int(0), repeated.text(1))) }
        repeated.reset()
        let sharing = try connection.statement("SELECT j.seq, b.body FROM joined j JOIN bodies b ON b.seq = j.body WHERE j.year = ?1 AND j.id = ?2 ORDER BY j.seq")
        let taken = try connection.statement("SELECT COUNT(*) FROM joined WHERE year = ?1 AND id = ?2")
        let rename = try connection.statement("UPDATE joined SET id = ?1 WHERE seq = ?2")
        for (year, id) in ids {
            var rows: [(seq: Int, session: Session)] = []
            try sharing.bind(year, id)
            while try sharing.step() { rows.append((sharing.int(0), try sharing.decode(Session.self, column: 1))) }
            sharing.reset()
            let first = rows[0].session.raw.location
            for (seq, session) in rows.dropFirst() {
                var suffix = 2
                while true {
                    try taken.bind(year, "\(id)-\(suffix)")
                    guard try taken.step() else { break }
                    let count = taken.int(0)
                    taken.reset()
                    if count == 0 { break }
                    suffix += 1
                }
                taken.reset()
                let newID = "\(id)-\(suffix)"
                try rename.run(newID, seq)
                try self.warn([Diagnostic(.duplicateSession, at: session.raw.location,
                                          "session id \(id) was already read at \(first); kept as \(newID)", raw: session.title)], with: warn)
            }
        }
    }

    // MARK: Reading back

    /// The sessions of `year` in id order, with their people keyed, decoded and transformed
    /// on `jobs` workers a chunk at a time and handed to `deliver` in order.
    func sessions<Output: Sendable>(of year: Int, jobs: PassWorkers, resolution: PersonIdentity.Resolution, _ transform: @escaping @Sendable (consuming Session) -> Output,
                                    deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        try pass { () throws(PipelineError) in
            try readBack("WHERE j.year = \(year)", jobs: jobs, resolution: resolution, transform, deliver: deliver)
        }
    }

    /// The store's sessions (those `filter` keeps) in year and id order.
    private func readBack<Output: Sendable>(_ filter: String, jobs: PassWorkers, resolution: PersonIdentity.Resolution, _ transform: @escaping @Sendable (consuming Session) -> Output,
                                            deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        try connection.chunks("SELECT b.body, j.id, j.seq FROM joined j INDEXED BY joined_order JOIN bodies b ON b.seq = j.body \(filter) ORDER BY j.year, j.id", jobs: jobs, { row throws(StoreCodingError) in
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
                                     rendering render: @escaping @Sendable (consuming Session) -> (Output, [String?]),
                                     deliver: (_ year: Int, [Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        precondition(spools.isEmpty, "the aggregate pass runs once per store")
        try pass { () throws(PipelineError) in try connection.transaction { () throws(PipelineError) in
            let seen = try connection.statement("INSERT INTO presence VALUES (?1, ?2, ?3, ?4, ?5)")
            try readBack("", jobs: jobs, resolution: resolution, { session in
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
                        try seen.run(person.key, session.year, person.scopes, person.stakeholder, person.region)
                    }
                    run.append(session.output)
                }
                if let year = yearStarts.last?.year, !run.isEmpty { try deliver(year, run) }
            }
            try connection.execute(["CREATE INDEX presence_key ON presence (key, year, scopes, stakeholder, region)"])
        } }
        for spool in spools { try spool.finish() }
    }

    /// Closes the store's database (after `countPeople`); its spools stay for `lines`.
    func closeDatabase() {
        connection.close()
    }

    /// The lines of one kind that `aggregate` kept for `year`, in order.
    func lines(_ kind: Int, of year: Int, _ each: (String) throws(PipelineError) -> Void) throws(PipelineError) {
        guard spools.indices.contains(kind), let position = yearStarts.firstIndex(where: { $0.year == year }) else { return }
        let end = position + 1 < yearStarts.count ? yearStarts[position + 1].starts[kind] : spools[kind].length
        try spools[kind].read(from: yearStarts[position].starts[kind], to: end, each)
    }

    /// A session read back by the aggregate pass: what `render` made of it, and its people.
    private struct Rendered<Output: Sendable>: Sendable {
        var output: Output
        var lines: [String?]
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

    /// Where each person was seen in the store's years, sorted by identity key and year:
    /// key, year, scopes, stakeholder and regional group (after `aggregate`).
    func presence() throws(PipelineError) -> StoreStatement {
        try connection.statement("SELECT key, year, scopes, stakeholder, region FROM presence INDEXED BY presence_key ORDER BY key, year")
    }
}
