import CSQLite
import Synchronization

/// The private temporary SQLite database of the run's store (`RunStore`), for its documents
/// and warnings: SQLite's empty file name, so its pages stay in a bounded cache (`cacheKiB`)
/// and spill to an unnamed file in the temporary folder (`TMPDIR`) that disappears with the
/// run.
final class StoreConnection: @unchecked Sendable {
    // `@unchecked Sendable`: the connection is opened in serialized mode, so several threads
    // may use it at once (the writers of `warnings.csv` and `run.json` read side by side).
    let database: OpaquePointer?

    init(cacheKiB: Int, schema: [String]) throws(PipelineError) {
        Self.configureSQLite()
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2("", &handle, flags, nil) == SQLITE_OK else {
            sqlite3_close_v2(handle)
            throw .output(path: RunStore.place, reason: "cannot open the run's working store")
        }
        database = handle
        try execute(["PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA temp_store = FILE", "PRAGMA cache_size = -\(cacheKiB)"] + schema)
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

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func text(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: text)
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
