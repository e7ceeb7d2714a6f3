import CSQLite
import Foundation
import Synchronization

/// Where a run keeps its sessions, warnings and inputs between stages, so its memory does
/// not grow with its corpus.
///
/// A private temporary SQLite database (SQLite's empty file name): its pages stay in a
/// bounded cache (`cacheKiB`) and spill to an unnamed file in the temporary folder
/// (`TMPDIR`) that disappears with the run. Documents go in batch by batch as they are
/// extracted (or as `merge` reads them from partials); the join, person identity and
/// duplicate ids then run as passes over the store, and the write stage reads sessions and
/// warnings back in output order. Every row carries its place in the run's input order, so
/// what arrives in another order (shards) reads back the same.
///
/// Sorting: sessions by year and id and warnings by file, line, byte, code and message
/// compare text by its UTF-8 bytes, which is Swift's order for the NFC text the extract
/// stage produces.
final class RunStore: @unchecked Sendable {
    // `@unchecked Sendable`: the connection is opened in serialized mode, so the write
    // stage's readers on several workers each step their own statement on it safely.
    private var database: OpaquePointer?
    static let cacheKiB = 1024
    /// Warnings of later stages sort after every document's (ties keep this order).
    private var laterWarnings = 1 << 56
    /// How people are keyed, once `identify` has seen every name: applied as sessions are
    /// read back (the stored sessions keep their unkeyed people).
    private var resolution: PersonIdentity.Resolution?
    /// The lines the aggregate pass rendered, one spool per kind (`SessionLines`).
    private var spools: [LineSpool] = []

    init() throws(PipelineError) {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2("", &database, flags, nil) == SQLITE_OK else {
            throw .output(path: Self.place, reason: "cannot open the run's working store")
        }
        try execute([
            "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -\(Self.cacheKiB)",
            "PRAGMA temp_store = FILE",
            "CREATE TABLE documents (idx INTEGER PRIMARY KEY, read INTEGER NOT NULL, cached INTEGER NOT NULL, extracted INTEGER NOT NULL, manifest BLOB NOT NULL)",
            // The join's keys apart from the bodies: its grouping queries scan the keys only.
            "CREATE TABLE extracted (seq INTEGER PRIMARY KEY, number TEXT, title TEXT NOT NULL, titled INTEGER NOT NULL)",
            "CREATE TABLE bodies (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)",
            "CREATE TABLE warnings (file TEXT NOT NULL, line INTEGER NOT NULL, byte INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, seq INTEGER NOT NULL, body BLOB NOT NULL)",
            // Likewise the joined sessions, whose bodies are in `bodies` too (`body` is its
            // seq there): a session joined with no other keeps the body it was extracted with,
            // and the identity pass's indexes and queries read ids and years only.
            "CREATE TABLE joined (seq INTEGER PRIMARY KEY, year INTEGER NOT NULL, id TEXT NOT NULL, body INTEGER NOT NULL)",
            "CREATE TABLE names (name TEXT NOT NULL, organization TEXT NOT NULL, PRIMARY KEY (name, organization)) WITHOUT ROWID",
            "CREATE TABLE presence (year INTEGER NOT NULL, key TEXT NOT NULL, scopes INTEGER NOT NULL, stakeholder INTEGER NOT NULL, region INTEGER NOT NULL)",
        ])
    }

    deinit {
        sqlite3_close_v2(database)
    }

    /// What SQLite holds of the heap, for the debug log.
    static var memoryInUse: Int { Int(sqlite3_memory_used()) }

    /// How errors name the store.
    static let place = "(the run's working store in \(ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"))"

    // MARK: Documents in

    /// Warnings about the whole run (discovery, the cache): first among equals.
    func add(runDiagnostics: [Diagnostic]) throws(PipelineError) {
        try transaction { () throws(PipelineError) in
            let insert = try Statement(database, "INSERT INTO warnings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            for (position, diagnostic) in runDiagnostics.enumerated() { try insert.warning(diagnostic, seq: position) }
        }
    }

    /// One batch of documents (any order; each knows its place), encoded on `jobs` workers.
    func add(_ documents: [Runner.DocumentResult], jobs: Int) throws(PipelineError) {
        struct Encoded: Sendable {
            var sessions: [(number: String?, title: String, titled: Bool, body: [UInt8])]
            var manifest: [UInt8]
        }
        let encoded = ParallelMap.map(documents, jobs: jobs) { document in
            Encoded(sessions: document.sessions.map { session in
                let keys = SessionJoiner.keys(session)
                return (keys.number, keys.title, keys.titled, session.storeBytes)
            }, manifest: document.manifest.storeBytes)
        }
        try transaction { () throws(PipelineError) in
            let addDocument = try Statement(database, "INSERT INTO documents VALUES (?1, ?2, ?3, ?4, ?5)")
            let addSession = try Statement(database, "INSERT INTO extracted VALUES (?1, ?2, ?3, ?4)")
            let addBody = try Statement(database, "INSERT INTO bodies VALUES (?1, ?2)")
            let addWarning = try Statement(database, "INSERT INTO warnings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            for (document, encoded) in zip(documents, encoded) {
                guard document.sessions.count < 1 << 24, document.diagnostics.count < 1 << 24 else {
                    throw .output(path: document.manifest.path, reason: "more than 16 million sessions or warnings in one document")
                }
                try addDocument.run(document.index, document.read ? 1 : 0, document.cached ? 1 : 0, document.extracted ? 1 : 0, encoded.manifest)
                let base = document.index << 24
                for (position, session) in encoded.sessions.enumerated() {
                    try addSession.run(base | position, session.number, session.title, session.titled ? 1 : 0)
                    try addBody.run(base | position, session.body)
                }
                for (position, diagnostic) in document.diagnostics.enumerated() {
                    try addWarning.warning(diagnostic, seq: (document.index + 1) << 24 | position)
                }
            }
        }
    }

    /// Warnings of the passes after extraction, in the order they were given.
    private func add(laterDiagnostics diagnostics: [Diagnostic], with insert: Statement) throws(PipelineError) {
        for diagnostic in diagnostics {
            try insert.warning(diagnostic, seq: laterWarnings)
            laterWarnings += 1
        }
    }

    // MARK: Passes

    /// Joins the extracted sessions group by group (`SessionJoiner`), keeping the joined
    /// sessions in group order and the names they list with their organizations.
    ///
    /// The members are read a chunk of whole groups at a time. With more than one job, the
    /// workers decode and merge one chunk while this thread stores the last one and reads the
    /// next (one chunk in flight); with one job, all in line.
    /// Returns how many sessions were extracted and joined.
    func join(aliases: PeopleAliases, jobs: Int) throws(PipelineError) -> (extracted: Int, joined: Int) {
        let extracted = try scalar("SELECT COUNT(*) FROM extracted")
        var joined = 0
        try transaction { () throws(PipelineError) in
            try execute(SessionJoiner.groupingStatements)
            let members = try Statement(database, SessionJoiner.membersQuery)
            let body = try Statement(database, "SELECT body FROM bodies WHERE seq = ?1")
            let keep = try Statement(database, "INSERT INTO joined VALUES (?1, ?2, ?3, ?4)")
            let keepBody = try Statement(database, "INSERT INTO bodies VALUES (?1, ?2)")
            let name = try Statement(database, "INSERT OR IGNORE INTO names VALUES (?1, ?2)")
            let warn = try Statement(database, "INSERT INTO warnings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            let chunkSize = max(256, 64 * jobs)
            var groupKey: (Int, Int)?
            var groupNumber = 0
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
                    let key = (members.int(1), members.int(2))
                    if groupKey.map({ $0 != key }) ?? true { groupNumber += 1 }
                    groupKey = key
                    try body.bind(members.int(0))
                    guard try body.step() else { throw Self.damaged }
                    let row = JoinMember(seq: members.int(0), bytes: body.bytes(0), group: groupNumber, ambiguous: members.int(4) == 1)
                    if rows.count >= chunkSize, row.group != rows.last?.group {
                        next = row
                        break
                    }
                    rows.append(row)
                }
                return rows.isEmpty ? nil : rows
            }
            func store(_ chunk: Swift.Result<[JoinedGroup], StoreCodingError>) throws(PipelineError) {
                guard case .success(let groups) = chunk else { throw Self.damaged }
                for group in groups {
                    try add(laterDiagnostics: group.diagnostics, with: warn)
                    var body = group.source
                    if let merged = group.body {
                        body = Self.mergedBodies | joined
                        try keepBody.run(body, merged)
                    }
                    try keep.run(joined, group.year, group.id, body)
                    joined += 1
                    for (folded, organization) in group.names { try name.run(folded, organization) }
                }
            }
            try Self.pipeline(jobs: jobs, read: read, transform: { chunk in
                Self.joinChunk(chunk, aliases: aliases, jobs: jobs)
            }, deliver: store)
            members.reset()
            body.reset()
            try execute(["DROP TABLE extracted", "DROP TABLE numbered", "DROP TABLE titles", "DROP TABLE loose"])
        }
        return (extracted, joined)
    }

    /// An extracted session as the join reads it: its stored bytes, its group's number and
    /// whether its title is ambiguous.
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
        var year: Int
        var id: String
        var body: [UInt8]?
        var source: Int
        var names: [(name: String, organization: String)]
        var diagnostics: [Diagnostic]
    }

    /// Where merged sessions' bodies go in `bodies`: after every extracted one.
    private static let mergedBodies = 1 << 62

    /// Decodes and merges one chunk of whole groups on `jobs` workers. A group of one keeps
    /// the body it was extracted with: merging one session changes nothing.
    private static func joinChunk(_ rows: [JoinMember], aliases: PeopleAliases, jobs: Int) -> Swift.Result<[JoinedGroup], StoreCodingError> {
        let decoded = ParallelMap.map(rows, jobs: jobs) { row in
            Swift.Result { () throws(StoreCodingError) in try Session(storeBytes: row.bytes) }
        }
        var groups: [[Int]] = []
        for (index, row) in rows.enumerated() {
            if index == 0 || row.group != rows[index - 1].group { groups.append([]) }
            groups[groups.count - 1].append(index)
        }
        var read: [Session] = []
        read.reserveCapacity(rows.count)
        for result in decoded {
            switch result {
            case .success(let session): read.append(session)
            case .failure(let error): return .failure(error)
            }
        }
        let sessions = read
        let merged = ParallelMap.map(groups, jobs: jobs) { members in
            var diagnostics = members.filter { rows[$0].ambiguous }.map { SessionJoiner.ambiguousTitle(sessions[$0]) }
            let session = SessionJoiner.merge(members.map { sessions[$0] }, diagnostics: &diagnostics)
            return JoinedGroup(year: session.year, id: session.id, body: members.count == 1 ? nil : session.storeBytes, source: rows[members[0]].seq,
                               names: PersonIdentity.names(in: session, aliases: aliases).filter { !$0.organization.isEmpty },
                               diagnostics: diagnostics)
        }
        return .success(merged)
    }

    /// Decides how people are keyed (`PersonIdentity`) from every name's organizations,
    /// gives the warnings for ambiguous names, keeps the sessions of the run's years, and
    /// gives sessions left with one id distinct ids (`-2`, `-3`, …, with a
    /// `duplicate-session` warning naming both places). Returns how many sessions count.
    func identify(aliases: PeopleAliases, years: ClosedRange<Int>?, jobs: Int) throws(PipelineError) -> Int {
        var ambiguous: [String: Int] = [:]
        let names = try Statement(database, "SELECT name, COUNT(*) FROM names GROUP BY name HAVING COUNT(*) > 1")
        while try names.step() { ambiguous[names.text(0)] = names.int(1) }
        names.reset()
        let resolution = PersonIdentity.Resolution(ambiguous: ambiguous, aliases: aliases)
        try transaction { () throws(PipelineError) in
            let warn = try Statement(database, "INSERT INTO warnings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            if !ambiguous.isEmpty {
                var warnings = PersonIdentity.Warnings()
                try chunks("SELECT b.body, j.id FROM joined j JOIN bodies b ON b.seq = j.body ORDER BY j.seq", jobs: jobs, { row throws(StoreCodingError) in
                    resolution.keyed(try Session(storeBytes: row.bytes)).unplaced
                }, deliver: { unplaced throws(PipelineError) in
                    for entries in unplaced { warnings.add(entries, resolution) }
                    try add(laterDiagnostics: warnings.take(), with: warn)
                })
            }
            if let years {
                try execute(["DELETE FROM joined WHERE year < \(years.lowerBound) OR year > \(years.upperBound)"])
            }
            try execute(["DROP TABLE names", "CREATE INDEX joined_id ON joined (id)"])
            try disambiguate(warn)
            try execute(["CREATE INDEX joined_order ON joined (year, id)"])
        }
        self.resolution = resolution
        return try scalar("SELECT COUNT(*) FROM joined")
    }

    /// Two sessions left with one id after joining (titles whose slugs coincide): both are
    /// kept, the later one (in join order) with a `-2`, `-3`, … suffix, and a warning naming
    /// both places.
    private func disambiguate(_ warn: Statement) throws(PipelineError) {
        let repeated = try Statement(database, "SELECT id FROM joined GROUP BY id HAVING COUNT(*) > 1 ORDER BY MIN(seq)")
        var ids: [String] = []
        while try repeated.step() { ids.append(repeated.text(0)) }
        repeated.reset()
        let sharing = try Statement(database, "SELECT j.seq, b.body FROM joined j JOIN bodies b ON b.seq = j.body WHERE j.id = ?1 ORDER BY j.seq")
        let taken = try Statement(database, "SELECT COUNT(*) FROM joined WHERE id = ?1")
        let rename = try Statement(database, "UPDATE joined SET id = ?1 WHERE seq = ?2")
        for id in ids {
            var rows: [(seq: Int, session: Session)] = []
            try sharing.bind(id)
            while try sharing.step() { rows.append((sharing.int(0), try sharing.decode(Session.self, column: 1))) }
            sharing.reset()
            let first = rows[0].session.raw.location
            for (seq, session) in rows.dropFirst() {
                var suffix = 2
                while true {
                    try taken.bind("\(id)-\(suffix)")
                    guard try taken.step() else { break }
                    let count = taken.int(0)
                    taken.reset()
                    if count == 0 { break }
                    suffix += 1
                }
                taken.reset()
                let newID = "\(id)-\(suffix)"
                try rename.run(newID, seq)
                try add(laterDiagnostics: [Diagnostic(.duplicateSession, at: session.raw.location,
                                                      "session id \(id) was already read at \(first); kept as \(newID)",
                                                      raw: session.title)], with: warn)
            }
        }
    }

    // MARK: Reading back

    /// The counted sessions in output order (year, then id), with their people keyed,
    /// decoded and transformed on `jobs` workers a chunk at a time and handed to `deliver`
    /// in order.
    func sessions<Output: Sendable>(jobs: Int, _ transform: @escaping @Sendable (Session) -> Output,
                                    deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        guard let resolution else { preconditionFailure("sessions are read back after identify") }
        try chunks("SELECT b.body, j.id FROM joined j INDEXED BY joined_order JOIN bodies b ON b.seq = j.body ORDER BY j.year, j.id", jobs: jobs, { row throws(StoreCodingError) in
            var session = try Session(storeBytes: row.bytes)
            session.id = row.id
            session.people = resolution.keyed(session).people
            return transform(session)
        }, deliver: deliver)
    }

    /// Reads the counted sessions like `sessions`, keeping the lines `render` makes of
    /// each (`SessionLines`, nil for none) for the writers, in the same order, and where
    /// each person was seen, for `countPeople`.
    func sessions<Output: Sendable>(jobs: Int, rendering render: @escaping @Sendable (Session) -> (Output, [String?]),
                                    deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        precondition(spools.isEmpty, "the aggregate pass runs once per store")
        try transaction { () throws(PipelineError) in
            let seen = try Statement(database, "INSERT INTO presence VALUES (?1, ?2, ?3, ?4, ?5)")
            try sessions(jobs: jobs, { session in
                let (output, lines) = render(session)
                return Rendered(output: output, lines: lines, year: session.year, presence: session.people.map(Presence.init))
            }) { (rendered: [Rendered<Output>]) throws(PipelineError) in
                for session in rendered {
                    while spools.count < session.lines.count { spools.append(try LineSpool()) }
                    for (kind, line) in session.lines.enumerated() { if let line { spools[kind].append(line) } }
                    for person in session.presence {
                        try seen.run(session.year, person.key, person.scopes, person.stakeholder, person.region)
                    }
                }
                try deliver(rendered.map(\.output))
            }
        }
        for spool in spools { try spool.finish() }
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
            stakeholder = StakeholderGroup.allCases.firstIndex(of: person.stakeholder) ?? 0
            region = RegionalGroup.allCases.firstIndex(of: person.region) ?? 0
        }
    }

    /// Distinct people per year and role scope, in all and per group, and how many were
    /// listed, in any role, in an earlier year of the run. One pass over the identity keys the
    /// aggregate pass kept, sorted by key and year on the store's pages, so the count needs
    /// no set of every key in memory.
    func countPeople() throws(PipelineError) -> [Int: [RoleScope: YearAccumulator.People]] {
        var counts: [Int: [RoleScope: YearAccumulator.People]] = [:]
        // What one key was in one year: the scopes it is in and, per scope, its groups
        // (one bit per position in `allCases`).
        var key: [UInt8]?, firstYear = 0, year = 0
        var scopes = 0
        var stakeholders = Array(repeating: 0, count: RoleScope.allCases.count), regions = stakeholders
        func close() {
            guard key != nil else { return }
            for (offset, scope) in RoleScope.allCases.enumerated() where scopes & 1 << offset != 0 {
                var people = counts[year, default: [:]][scope, default: YearAccumulator.People()]
                people.unique += 1
                if year > firstYear { people.returning += 1 }
                for (position, group) in StakeholderGroup.allCases.enumerated() where stakeholders[offset] & 1 << position != 0 {
                    people.stakeholders.add(group)
                }
                for (position, group) in RegionalGroup.allCases.enumerated() where regions[offset] & 1 << position != 0 {
                    people.regions.add(group)
                }
                counts[year, default: [:]][scope] = people
            }
        }
        let rows = try Statement(database, "SELECT key, year, scopes, stakeholder, region FROM presence ORDER BY key, year")
        while try rows.step() {
            let rowKey = rows.bytes(0), rowYear = rows.int(1)
            if rowKey != key || rowYear != year {
                close()
                if rowKey != key { firstYear = rowYear }
                key = rowKey
                year = rowYear
                scopes = 0
                for offset in stakeholders.indices { stakeholders[offset] = 0; regions[offset] = 0 }
            }
            let rowScopes = rows.int(2)
            scopes |= rowScopes
            for offset in stakeholders.indices where rowScopes & 1 << offset != 0 {
                stakeholders[offset] |= 1 << rows.int(3)
                regions[offset] |= 1 << rows.int(4)
            }
        }
        close()
        return counts
    }

    /// The lines of one kind that `sessions(jobs:rendering:deliver:)` kept, in order, a
    /// chunk of them at a time.
    func lines(_ kind: Int, _ each: (String) throws(PipelineError) -> Void) throws(PipelineError) {
        guard spools.indices.contains(kind) else { return }
        try spools[kind].read(each)
    }

    /// Every warning, sorted (`Diagnostic`'s order; equal ones in the order they were given).
    func diagnostics(_ each: (Diagnostic) throws(PipelineError) -> Void) throws(PipelineError) {
        let all = try Statement(database, "SELECT body FROM warnings ORDER BY file, line, byte, code, message, seq")
        while try all.step() { try each(try all.decode(Diagnostic.self, column: 0)) }
    }

    /// Sorts the warnings once, for the several readers that follow.
    func indexDiagnostics() throws(PipelineError) {
        try execute(["CREATE INDEX IF NOT EXISTS warnings_order ON warnings (file, line, byte, code, message, seq)"])
    }

    /// Every input in input order.
    func inputs(_ each: (RunManifest.Input) throws(PipelineError) -> Void) throws(PipelineError) {
        let all = try Statement(database, "SELECT manifest FROM documents ORDER BY idx")
        while try all.step() { try each(try all.decode(RunManifest.Input.self, column: 0)) }
    }

    /// Warnings per code, by code.
    func warningCounts() throws(PipelineError) -> [(code: String, count: Int)] {
        let counts = try Statement(database, "SELECT code, COUNT(*) FROM warnings GROUP BY code ORDER BY code")
        var result: [(String, Int)] = []
        while try counts.step() { result.append((counts.text(0), counts.int(1))) }
        return result
    }

    /// Documents stored, read (of a known kind), from the cache and extracted; the indices
    /// they cover, lowest and highest; warnings.
    func tallies() throws(PipelineError) -> (documents: Int, read: Int, cached: Int, extracted: Int, lowest: Int, highest: Int, warnings: Int) {
        let row = try Statement(database, "SELECT COUNT(*), TOTAL(read), TOTAL(cached), TOTAL(extracted), IFNULL(MIN(idx), 0), IFNULL(MAX(idx), -1) FROM documents")
        guard try row.step() else { throw .output(path: Self.place, reason: "cannot count the documents") }
        return (row.int(0), row.int(1), row.int(2), row.int(3), row.int(4), row.int(5), try scalar("SELECT COUNT(*) FROM warnings"))
    }

    // MARK: SQLite

    /// Reads a query's rows a chunk at a time, transforms them on `jobs` workers and hands
    /// each chunk's results to `deliver` in row order.
    private func chunks<Output: Sendable>(_ sql: String, jobs: Int,
                                          _ transform: @escaping @Sendable (Row) throws(StoreCodingError) -> Output,
                                          deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        let query = try Statement(database, sql)
        let chunkSize = max(256, 64 * jobs)
        var done = false
        try Self.pipeline(jobs: jobs, read: { () throws(PipelineError) -> [Row]? in
            var rows: [Row] = []
            rows.reserveCapacity(chunkSize)
            while !done, rows.count < chunkSize {
                guard try query.step() else { done = true; break }
                rows.append(Row(bytes: query.bytes(0), id: query.text(1)))
            }
            return rows.isEmpty ? nil : rows
        }, transform: { rows in
            ParallelMap.map(rows, jobs: jobs) { row in Swift.Result { () throws(StoreCodingError) in try transform(row) } }
        }, deliver: { results throws(PipelineError) in
            var outputs: [Output] = []
            outputs.reserveCapacity(results.count)
            for result in results {
                guard case .success(let output) = result else { throw Self.damaged }
                outputs.append(output)
            }
            try deliver(outputs)
        })
    }

    /// Reads chunks on this thread, transforms each on the workers and hands the results to
    /// `deliver` in order, until `read` gives nil. With more than one job, the workers
    /// transform one chunk while this thread delivers the last (which may write to the
    /// store) and reads the next: one chunk in flight. With one job, all in line.
    private static func pipeline<Chunk: Sendable, Result: Sendable>(
        jobs: Int, read: () throws(PipelineError) -> Chunk?, transform: @escaping @Sendable (Chunk) -> Result,
        deliver: (Result) throws(PipelineError) -> Void
    ) throws(PipelineError) {
        guard jobs > 1 else {
            while let chunk = try read() { try deliver(transform(chunk)) }
            return
        }
        let inFlight = Mutex<Result?>(nil)
        let group = DispatchGroup()
        defer { group.wait() }
        var previous: Result?
        var next = try read()
        while let chunk = next {
            DispatchQueue.global().async(group: group) {
                let result = transform(chunk)
                inFlight.withLock { $0 = result }
            }
            if let previous { try deliver(previous) }
            next = try read()
            group.wait()
            previous = inFlight.withLock { result in
                defer { result = nil }
                return result
            }
        }
        if let previous { try deliver(previous) }
    }

    /// A stored session as a query of `chunks` selects it: `body, id`.
    struct Row: Sendable {
        var bytes: [UInt8]
        var id: String
    }

    static let damaged = PipelineError.output(path: place, reason: "a stored row does not read back (was the temporary file changed?)")

    private func transaction(_ body: () throws(PipelineError) -> Void) throws(PipelineError) {
        try execute(["BEGIN"])
        do {
            try body()
        } catch {
            try? execute(["ROLLBACK"])
            throw error
        }
        try execute(["COMMIT"])
    }

    private func execute(_ statements: [String]) throws(PipelineError) {
        for sql in statements where sqlite3_exec(database, sql, nil, nil, nil) != SQLITE_OK {
            throw .output(path: Self.place, reason: "\(String(cString: sqlite3_errmsg(database))) (in \(sql.prefix(60)))")
        }
    }

    private func scalar(_ sql: String) throws(PipelineError) -> Int {
        let query = try Statement(database, sql)
        guard try query.step() else { return 0 }
        return query.int(0)
    }

    /// A prepared statement; values bind in order from `?1`.
    final class Statement {
        private let database: OpaquePointer?
        private var handle: OpaquePointer?

        init(_ database: OpaquePointer?, _ sql: String) throws(PipelineError) {
            self.database = database
            guard sqlite3_prepare_v2(database, sql, -1, &handle, nil) == SQLITE_OK else {
                throw .output(path: RunStore.place, reason: "\(String(cString: sqlite3_errmsg(database))) (in \(sql.prefix(60)))")
            }
        }

        deinit {
            sqlite3_finalize(handle)
        }

        /// Binds the values to `?1`, `?2`, …
        func bind(_ values: any StoreValue...) throws(PipelineError) {
            try bind(values)
        }

        private func bind(_ values: [any StoreValue]) throws(PipelineError) {
            sqlite3_reset(handle)
            for (offset, value) in values.enumerated() { value.bind(to: handle, at: Int32(offset + 1)) }
        }

        /// Binds and runs a statement that returns no rows.
        func run(_ values: any StoreValue...) throws(PipelineError) {
            try bind(values)
            guard sqlite3_step(handle) == SQLITE_DONE else {
                throw .output(path: RunStore.place, reason: String(cString: sqlite3_errmsg(database)))
            }
        }

        func warning(_ diagnostic: Diagnostic, seq: Int) throws(PipelineError) {
            try run(diagnostic.location.file, diagnostic.location.line, diagnostic.byteOffset ?? 0, diagnostic.code.rawValue,
                    diagnostic.message, seq, diagnostic.storeBytes)
        }

        /// Steps to the next row: true when there is one.
        func step() throws(PipelineError) -> Bool {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default: throw .output(path: RunStore.place, reason: String(cString: sqlite3_errmsg(database)))
            }
        }

        func reset() {
            sqlite3_reset(handle)
        }

        func int(_ column: Int32) -> Int {
            Int(sqlite3_column_int64(handle, column))
        }

        func text(_ column: Int32) -> String {
            guard let text = sqlite3_column_text(handle, column) else { return "" }
            return String(cString: text)
        }

        func bytes(_ column: Int32) -> [UInt8] {
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let blob = sqlite3_column_blob(handle, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: blob, count: count))
        }

        func decode<Value: StoreCodable>(_: Value.Type, column: Int32) throws(PipelineError) -> Value {
            let count = Int(sqlite3_column_bytes(handle, column))
            let blob = sqlite3_column_blob(handle, column)
            do {
                return try Value(storeBytes: UnsafeRawBufferPointer(start: blob, count: count))
            } catch {
                throw RunStore.damaged
            }
        }
    }
}

/// A value a store statement binds: an integer, text, bytes, or nil (through `Optional`).
/// A protocol rather than `Any`, so binding dispatches statically instead of casting.
protocol StoreValue {
    func bind(to statement: OpaquePointer?, at index: Int32)
}

/// SQLite copies bound text and bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Int: StoreValue {
    func bind(to statement: OpaquePointer?, at index: Int32) {
        sqlite3_bind_int64(statement, index, Int64(self))
    }
}

extension String: StoreValue {
    func bind(to statement: OpaquePointer?, at index: Int32) {
        sqlite3_bind_text(statement, index, self, -1, transient)
    }
}

extension Array: StoreValue where Element == UInt8 {
    func bind(to statement: OpaquePointer?, at index: Int32) {
        withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
    }
}

extension Optional: StoreValue where Wrapped: StoreValue {
    func bind(to statement: OpaquePointer?, at index: Int32) {
        switch self {
        case .some(let value): value.bind(to: statement, at: index)
        case .none: sqlite3_bind_null(statement, index)
        }
    }
}
