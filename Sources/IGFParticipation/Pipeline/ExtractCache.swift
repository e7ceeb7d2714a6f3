import CSQLite
import Foundation

/// What the read-extract-normalize stage made of one file: what the cache keeps.
struct CachedDocument: Codable, Sendable {
    var read: Bool
    var kind: String
    var sessions: [Session]
    var diagnostics: [Diagnostic]
}

/// Each document's extracted and normalized result, kept in an SQLite database between runs,
/// so a nightly run re-extracts only new or changed files.
///
/// An entry's key is the file's path, the SHA-256 of its bytes and a context: the tool's
/// version, a fingerprint of the vocabularies and, for a sheet, its column mapping. Any change
/// to one of them is a miss. The database carries its own application id and schema version;
/// a file that is not such a database, fails SQLite's quick check or comes from another tool
/// is never trusted: it is deleted and rebuilt, with a `cache-rebuilt` warning.
final class ExtractCache: @unchecked Sendable {
    static let applicationID: Int32 = 0x4947_4650  // "IGFP"
    static let schemaVersion: Int32 = 1
    static let fileName = "extract-cache.sqlite"

    /// `sqlite3` is opened in serialized mode, so one connection may be used from every worker.
    private var database: OpaquePointer?
    let url: URL
    private(set) var rebuilt: Diagnostic?

    init(folder: URL) throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .output(path: folder.path, reason: "cannot create the cache folder: \(error.localizedDescription)")
        }
        url = folder.appendingPathComponent(Self.fileName)
        if let problem = open() {
            close()
            try? FileManager.default.removeItem(at: url)
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
            rebuilt = Diagnostic(.cacheRebuilt, at: SourceLocation(file: url.path, line: 0),
                                 "cache is \(problem); not trusted, rebuilt (this run extracts every document)")
            if let again = open() { throw .output(path: url.path, reason: "cannot create the cache: \(again)") }
        }
    }

    deinit { close() }

    /// SQLite's process-wide settings, made once before the process's first connection
    /// (they hold only then): memory statistics off, since they take one process-wide lock
    /// on every allocation, which the extraction workers would wait on.
    private static let configured: Bool = igf_sqlite_without_memory_statistics() == SQLITE_OK

    /// Opens (or creates) the database; returns what is wrong with it, or nil.
    private func open() -> String? {
        _ = Self.configured
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2(url.path, &database, flags, nil) == SQLITE_OK else {
            return "not openable (\(database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"))"
        }
        sqlite3_busy_timeout(database, 5000)
        guard let check = scalarText("PRAGMA quick_check") else {
            return "not readable as a database (\(String(cString: sqlite3_errmsg(database))))"
        }
        guard check == "ok" else { return "damaged (quick_check: \(check))" }
        // Two runs of one pipeline may open a new cache at the same moment: the checks and
        // the making of a new file happen under SQLite's write lock, one run after the other.
        guard execute("BEGIN IMMEDIATE") else { return "not writable (\(String(cString: sqlite3_errmsg(database))))" }
        let application = scalarInt("PRAGMA application_id"), version = scalarInt("PRAGMA user_version")
        let tables = scalarInt("SELECT count(*) FROM sqlite_master") ?? -1
        var problem: String?
        if application == 0, version == 0, tables == 0 {
            // A new, empty file: make it ours.
            guard execute("PRAGMA application_id = \(Self.applicationID)"), execute("PRAGMA user_version = \(Self.schemaVersion)"),
                  execute("CREATE TABLE documents (path TEXT NOT NULL, sha256 TEXT NOT NULL, context TEXT NOT NULL, result BLOB NOT NULL, PRIMARY KEY (path, sha256, context))"),
                  execute("COMMIT"), execute("PRAGMA journal_mode = WAL")
            else {
                execute("ROLLBACK")
                return "not writable"
            }
            return nil
        } else if application != Self.applicationID {
            problem = "not this tool's (foreign application id)"
        } else if version != Self.schemaVersion {
            problem = "of another schema version (\(version ?? -1))"
        }
        execute("COMMIT")
        return problem
    }

    private func close() {
        if let database { sqlite3_close_v2(database) }
        database = nil
    }

    /// The cached result for this file and context, or nil.
    func lookup(path: String, sha256: String, context: String) -> CachedDocument? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, "SELECT result FROM documents WHERE path = ?1 AND sha256 = ?2 AND context = ?3",
                                 -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        bind(statement, [path, sha256, context])
        guard sqlite3_step(statement) == SQLITE_ROW, let blob = sqlite3_column_blob(statement, 0) else { return nil }
        let data = Data(bytes: blob, count: Int(sqlite3_column_bytes(statement, 0)))
        return try? JSONDecoder().decode(CachedDocument.self, from: data)
    }

    /// Stores new results in one transaction and drops older entries of the same paths.
    func store(_ entries: [(path: String, sha256: String, context: String, result: CachedDocument)]) {
        guard !entries.isEmpty, execute("BEGIN IMMEDIATE") else { return }
        let encoder = JSONEncoder()
        for entry in entries {
            guard let data = try? encoder.encode(entry.result) else { continue }
            var delete: OpaquePointer?
            if sqlite3_prepare_v2(database, "DELETE FROM documents WHERE path = ?1", -1, &delete, nil) == SQLITE_OK {
                bind(delete, [entry.path])
                sqlite3_step(delete)
            }
            sqlite3_finalize(delete)
            var insert: OpaquePointer?
            guard sqlite3_prepare_v2(database, "INSERT OR REPLACE INTO documents VALUES (?1, ?2, ?3, ?4)", -1, &insert, nil) == SQLITE_OK else { continue }
            bind(insert, [entry.path, entry.sha256, entry.context])
            data.withUnsafeBytes { bytes in
                _ = sqlite3_bind_blob(insert, 4, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
            sqlite3_step(insert)
            sqlite3_finalize(insert)
        }
        _ = execute("COMMIT")
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer?, _ values: [String]) {
        for (index, value) in values.enumerated() {
            sqlite3_bind_text(statement, Int32(index + 1), value, -1, Self.transient)
        }
    }

    @discardableResult
    private func execute(_ sql: String) -> Bool {
        sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK
    }

    private func scalarInt(_ sql: String) -> Int32? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : nil
    }

    private func scalarText(_ sql: String) -> String? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0) else { return nil }
        return String(cString: text)
    }
}
