import CSQLite
import Dispatch
import Synchronization

/// One private temporary SQLite database of the run's store (`RunStore`, `YearStore`):
/// SQLite's empty file name, so its pages stay in a bounded cache (`cacheKiB`) and spill to
/// an unnamed file in the temporary folder (`TMPDIR`) that disappears with the run.
final class StoreConnection: @unchecked Sendable {
    // `@unchecked Sendable`: each pass uses the connection from one thread at a time (the
    // workers of `chunks` only transform rows), and one that several threads may read at
    // once is opened in serialized mode.
    let database: OpaquePointer?

    /// `shared`: several threads may use the connection at once (the run's main store, which
    /// the writers of `warnings.csv` and `run.json` read side by side), so SQLite serializes
    /// every call on it. A year store is used by one thread at a time and skips that
    /// locking, which every call would otherwise pay.
    init(cacheKiB: Int, shared: Bool, schema: [String]) throws(PipelineError) {
        Self.configureSQLite()
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (shared ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX)
        guard sqlite3_open_v2("", &handle, flags, nil) == SQLITE_OK else {
            sqlite3_close_v2(handle)
            throw .output(path: RunStore.place, reason: "cannot open the run's working store")
        }
        database = handle
        try execute(["PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA temp_store = FILE"] + schema)
        try cache(kiB: cacheKiB)
    }

    private let closed = Atomic<Bool>(false)

    deinit {
        close()
    }

    /// Closes the database (once; later calls do nothing), which lets its temporary file
    /// go. Nothing may use the connection after.
    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        sqlite3_close_v2(database)
    }

    /// SQLite's process-wide settings, made once: they hold only if made before the
    /// process's first connection, so every opener calls this first (the extract cache too).
    static func configureSQLite() {
        _ = configured
    }

    private static let configured: Bool = igf_sqlite_without_memory_statistics() == SQLITE_OK

    /// Sets the page caches' size, the tables' and the temporary tables' (the join's
    /// grouping tables are temporary; theirs is 2 MB unless set); a smaller one lets its
    /// spare pages go at once.
    func cache(kiB: Int) throws(PipelineError) {
        try execute(["PRAGMA main.cache_size = -\(kiB)", "PRAGMA temp.cache_size = -\(kiB)"])
        sqlite3_db_release_memory(database)
    }

    func statement(_ sql: String) throws(PipelineError) -> StoreStatement {
        precondition(!closed.load(ordering: .acquiring), "the store's database was closed")
        return try StoreStatement(database, sql)
    }

    func transaction(_ body: () throws(PipelineError) -> Void) throws(PipelineError) {
        try execute(["BEGIN"])
        do {
            try body()
        } catch {
            try? execute(["ROLLBACK"])
            throw error
        }
        try execute(["COMMIT"])
    }

    func execute(_ statements: [String]) throws(PipelineError) {
        precondition(!closed.load(ordering: .acquiring), "the store's database was closed")
        for sql in statements where sqlite3_exec(database, sql, nil, nil, nil) != SQLITE_OK {
            throw .output(path: RunStore.place, reason: "\(String(cString: sqlite3_errmsg(database))) (in \(sql.prefix(60)))")
        }
    }

    func scalar(_ sql: String) throws(PipelineError) -> Int {
        let query = try statement(sql)
        guard try query.step() else { return 0 }
        return query.int(0)
    }

    /// Reads a query's rows (`body, id, seq`) a chunk at a time, transforms them on `jobs`
    /// workers and hands each chunk's results to `deliver` in row order.
    func chunks<Output: Sendable>(_ sql: String, jobs: PassWorkers, _ transform: @escaping @Sendable (Row) throws(StoreCodingError) -> Output,
                                  deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        let query = try statement(sql)
        let chunkSize = max(256, 64 * jobs.share)
        var done = false
        try Self.pipeline(jobs: jobs, read: { () throws(PipelineError) -> [Row]? in
            var rows: [Row] = []
            rows.reserveCapacity(chunkSize)
            while !done, rows.count < chunkSize {
                guard try query.step() else { done = true; break }
                rows.append(Row(bytes: query.bytes(0), id: query.text(1), seq: query.int(2)))
            }
            return rows.isEmpty ? nil : rows
        }, transform: { rows, threads in
            ParallelMap.map(rows, jobs: threads) { row in Swift.Result { () throws(StoreCodingError) in try transform(row) } }
        }, deliver: { results throws(PipelineError) in
            var outputs: [Output] = []
            outputs.reserveCapacity(results.count)
            for result in results {
                guard case .success(let output) = result else { throw RunStore.damaged }
                outputs.append(output)
            }
            try deliver(outputs)
        })
    }

    /// A stored session as a query of `chunks` selects it: `body, id, seq`.
    struct Row: Sendable {
        var bytes: [UInt8]
        var id: String
        var seq: Int
    }

    /// Reads chunks on this thread, transforms each and hands the results to `deliver` in
    /// order, until `read` gives nil. `jobs` is asked before each chunk: with one thread the
    /// chunk is transformed and delivered in line; with more, the chunk is transformed on the
    /// others (`transform` gets how many) while this thread delivers the last one (which may
    /// write to the store) and reads the next: one chunk in flight.
    static func pipeline<Chunk: Sendable, Result: Sendable>(
        jobs: PassWorkers, read: () throws(PipelineError) -> Chunk?, transform: @escaping @Sendable (Chunk, Int) -> Result,
        deliver: (Result) throws(PipelineError) -> Void
    ) throws(PipelineError) {
        let inFlight = Mutex<Result?>(nil)
        let group = DispatchGroup()
        defer { group.wait() }
        var previous: Result?
        var next = try read()
        while let chunk = next {
            let threads = jobs.now
            guard threads > 1 else {
                if let done = previous {
                    previous = nil
                    try deliver(done)
                }
                try deliver(transform(chunk, 1))
                next = try read()
                continue
            }
            DispatchQueue.global().async(group: group) {
                let result = transform(chunk, threads - 1)
                inFlight.withLock { $0 = result }
            }
            if let done = previous { try deliver(done) }
            next = try read()
            group.wait()
            previous = inFlight.withLock { result in
                defer { result = nil }
                return result
            }
        }
        if let done = previous { try deliver(done) }
    }
}

/// A prepared statement; values bind in order from `?1`.
final class StoreStatement {
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

    /// The bytes of `column` on the current row, where SQLite holds them: valid until the
    /// statement steps, resets or ends.
    func bytesInPlace(_ column: Int32) -> UnsafeRawBufferPointer {
        let start = sqlite3_column_blob(handle, column)  // before the length, as SQLite advises
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: count)
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
