import Dispatch
import Foundation
import CSystemTuning
import Logging
import Synchronization

/// How a run behaves beyond what its pipeline says: the command line's choices.
public struct RunOptions: Sendable {
    public var jobs: Int
    /// Any warning makes the run fail (`limitsExceeded`) and leaves the outputs unpublished.
    public var strict: Bool
    /// More warnings than this make the run fail the same way.
    public var maxWarnings: Int?
    /// Wait for another run's lock on the output folder instead of failing at once.
    public var waitForLock: Bool
    public var logger: Logger
    /// Called from worker threads with (documents done, documents in all).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Documents read and extracted per batch; nil: 64 per worker, at least 256. (A run or a
    /// shard holds two batches at a time, one being extracted while the last is stored; the
    /// outputs never depend on it.)
    public var batchSize: Int?
    /// Bytes each sort of the run's year stores holds in memory before it writes a sorted
    /// run to a temporary file (`ExternalSorter`); nil: `ExternalSorter.defaultBudget`.
    /// Tests make it small to take the path a large corpus takes; the outputs never depend on it.
    var sortBudget: Int?

    /// The active processor count, read once: Foundation reads the cgroup's limits on every
    /// ask, and the command line's parser asks for a default each time it makes its options.
    public static let processors = ProcessInfo.processInfo.activeProcessorCount

    public init(jobs: Int = RunOptions.processors, strict: Bool = false, maxWarnings: Int? = nil,
                waitForLock: Bool = false, logger: Logger = Logger(label: "igf-participation", factory: { _ in SwiftLogNoOpLogHandler() }),
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.jobs = jobs
        self.strict = strict
        self.maxWarnings = maxWarnings
        self.waitForLock = waitForLock
        self.logger = logger
        self.progress = progress
    }
}

/// What a finished run did, for the summary a user reads.
public struct RunReport: Sendable {
    /// Files found under the inputs.
    public var documentsFound: Int
    /// Files read and of a known kind.
    public var documentsRead: Int
    public var sessions: Int
    /// Distinct people summed over years (a person in two years counts in each).
    public var people: Int
    /// Warnings of the run (listed in `warnings.csv`).
    public var warnings: Int
    /// The output path (a link to the result set) or, for a rejected run, its `.rejected` link.
    public var outputFolder: URL
    public var outputFiles: [String]
    public var wallSeconds: Double
    public var status: ExitStatus
}

/// What a shard run did.
public struct ShardReport: Sendable {
    public var shard: Shard
    /// Inputs of the whole run.
    public var inputsFound: Int
    /// Inputs of this shard.
    public var documents: Int
    public var documentsRead: Int
    public var warnings: Int
    /// The partial written.
    public var file: URL
    public var wallSeconds: Double
}

/// The one place that reads files, starts threads and orders the stages.
///
/// extract → normalize → join → aggregate → write. Documents are extracted and normalized
/// in bounded batches on `jobs` Dispatch workers into input-ordered slots, and each batch
/// goes into the run's `RunStore`; sessions are then joined across documents and people
/// across sessions as passes over the store, in input order; years are accumulated as the
/// sessions are read back by year and id, and the long outputs are written from the store
/// the same way, so a run's memory does not grow with its corpus and the bytes written do
/// not depend on the number of workers.
public enum Runner {
    /// The sessions and statistics of a run, before anything is written.
    public struct Result: Sendable {
        public var documentsFound: Int
        public var documentsRead: Int
        public var statistics: [SessionStatistics]
        public var years: [YearAccumulator]
        public var diagnostics: [Diagnostic]
        /// Every input with its size, hash and detected kind.
        var inputs: [RunManifest.Input]
        var counts: [(String, Int)]
        var stageSeconds: [(String, Double)]
    }

    /// Runs the definition with default options and writes its outputs.
    public static func run(_ definition: PipelineDefinition, jobs: Int) throws(PipelineError) -> RunReport {
        try run(definition, options: RunOptions(jobs: jobs))
    }

    /// Runs the definition and publishes its outputs as one result set (see `ResultPublisher`).
    public static func run(_ definition: PipelineDefinition, options: RunOptions) throws(PipelineError) -> RunReport {
        let started = Date()
        let clock = DispatchTime.now()
        let lock = try OutputLock(for: definition.output, wait: options.waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let pruning = ResultPublisher.startPruning(definition.output, runID: runID(started), jobs: options.jobs)
        defer { try? pruning.value() }
        let finished = try computeStored(definition, options: options)
        return try publish(finished, definition: definition, options: options, started: started, clock: clock, pruning: pruning)
    }

    /// Runs one shard of the definition: reads, extracts and normalizes its slice of the
    /// inputs and writes them as a partial (`shard-K-of-N.json`) into `folder`, atomically.
    /// Warnings travel in the partial; `merge` counts them and decides the exit status.
    public static func runShard(_ shard: Shard, of definition: PipelineDefinition, options: RunOptions,
                                into folder: URL) throws(PipelineError) -> ShardReport {
        let clock = DispatchTime.now()
        let preparation = try prepare(definition, options: options, shard: shard)
        let header = Partial(format: Partial.format, formatVersion: Partial.formatVersion, toolVersion: ToolInfo.version,
                             shard: shard.index, shards: shard.count, vocabularies: preparation.vocabularies.fingerprint,
                             inputsFound: preparation.inputs.count, runDiagnostics: preparation.runDiagnostics,
                             documentCount: preparation.mine.count)
        let file = folder.appendingPathComponent(Partial.fileName(for: shard))
        var writer = try Partial.Writer(to: file, header: header)
        var read = 0, warnings = 0
        // Each batch goes to the file as soon as it is extracted: a shard's memory does not
        // grow with its share of the corpus.
        try extractBatches(preparation, options: options) { batch throws(PipelineError) in
            read += batch.filter(\.read).count
            warnings += batch.reduce(0) { $0 + $1.diagnostics.count }
            try writer.append(batch, jobs: 1)  // beside the workers on the next batch
        }
        try writer.finish()
        options.logger.info("partial written", metadata: ["file": "\(file.path)", "documents": "\(preparation.mine.count)"])
        return ShardReport(shard: shard, inputsFound: preparation.inputs.count, documents: preparation.mine.count,
                           documentsRead: read, warnings: warnings, file: file, wallSeconds: seconds(since: clock))
    }

    /// Combines the partials of all N shards of a run (files, or folders of `shard-*.json`)
    /// into one result set, the same bytes a single run of `definition` writes.
    public static func merge(_ paths: [URL], definition: PipelineDefinition, options: RunOptions) throws(PipelineError) -> RunReport {
        let started = Date()
        let clock = DispatchTime.now()
        let lock = try OutputLock(for: definition.output, wait: options.waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let pruning = ResultPublisher.startPruning(definition.output, runID: runID(started), jobs: options.jobs)
        defer { try? pruning.value() }
        var stages = StageClock(logger: options.logger)
        var files: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else {
                throw .unreadable(path: path.path, reason: "no such partial or folder")
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path.path)) ?? []
                files += names.filter { $0.hasPrefix("shard-") && $0.hasSuffix(".json") }.sorted().map { path.appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        let vocabularies = try VocabularyLoader.load(definition.vocabularies)
        var headers: [(url: URL, partial: Partial)] = []
        for file in files { headers.append((file, try Partial.header(of: file))) }
        let run = try Partial.check(headers, vocabularies: vocabularies.fingerprint)
        let store = try RunStore(sortBudget: options.sortBudget ?? ExternalSorter.defaultBudget)
        try store.add(runDiagnostics: run.runDiagnostics)
        for (file, header) in headers {
            try Partial.load(file, header: header, jobs: options.jobs) { documents throws(PipelineError) in
                try store.add(documents, jobs: options.jobs)
            }
        }
        let tallies = store.tallies()
        guard tallies.documents == run.inputsFound, tallies.lowest == 0, tallies.highest == run.inputsFound - 1 else {
            throw .unreadable(path: headers[0].url.path, reason: "the shards' documents do not add up to the run's \(run.inputsFound) inputs; were the inputs changed between shards?")
        }
        stages.end("read_partials")
        let finished = try finish(store, vocabularies: vocabularies, inputsFound: run.inputsFound, definition: definition,
                                  options: options, stages: stages)
        return try publish(finished, definition: definition, options: options, started: started, clock: clock, pruning: pruning)
    }

    /// Renders a finished run from its store and publishes it with its `run.json`, once
    /// `pruning` has removed the older sets.
    private static func publish(_ computed: Finished, definition: PipelineDefinition, options: RunOptions,
                                started: Date, clock: DispatchTime, pruning: Chore<Void>) throws(PipelineError) -> RunReport {
        var finished = computed
        let warnings = finished.warnings
        let status: ExitStatus = (options.strict && warnings > 0) || options.maxWarnings.map { warnings > $0 } == true
            ? .limitsExceeded : warnings > 0 ? .successWithWarnings : .success
        let writeStart = DispatchTime.now()
        let rows = finished.rows()
        var files = ResultSet.files(rows: rows, years: finished.years, settings: definition.settings, formats: definition.formats,
                                    jobs: options.jobs)
        finished.stageSeconds.append(("render", seconds(since: writeStart)))
        options.logger.debug("stage done", metadata: ["stage": "render", "rss": "\(residentMemory())"])
        let pipelineHash = definition.file.flatMap { FileManager.default.contents(atPath: $0.path) }.map(Hashing.sha256)
        let runID = Self.runID(started)
        let manifest = RunManifest(runID: runID, started: started, finished: Date(), definition: definition,
                                   pipelineSHA256: pipelineHash, jobs: options.jobs, rows: rows,
                                   warningCounts: finished.warningCounts, counts: finished.counts,
                                   stageSeconds: finished.stageSeconds, status: status)
        files.append(OutputFile(name: "run.json") { sink in
            manifest.render(into: sink)
            sink.write("\n")
        })
        let publishStart = DispatchTime.now()
        // The writers read the kept lines, the documents and the warnings; the year stores' files go
        // meanwhile, and the rest once every output is written, while the outputs are synced.
        let store = finished.store
        let closing = Chore(jobs: options.jobs) { store.closeYearStores() }
        defer { try? closing.value() }
        _ = try ResultPublisher.publish(files, to: definition.output, runID: runID, accepted: status != .limitsExceeded,
                                        jobs: options.jobs, pruning: pruning, written: {
            try? closing.value()
            store.closeRows()
        })
        options.logger.debug("stage done", metadata: ["stage": "publish", "seconds": "\(seconds(since: publishStart))", "rss": "\(residentMemory())"])
        let link = status == .limitsExceeded
            ? definition.output.deletingLastPathComponent().appendingPathComponent(definition.output.lastPathComponent + ".rejected")
            : definition.output
        options.logger.info("published result set", metadata: ["output": "\(link.path)", "run_id": "\(runID)",
                                                              "status": "\(status.meaning)"])
        return RunReport(documentsFound: finished.documentsFound, documentsRead: finished.documentsRead,
                         sessions: finished.sessions, people: finished.years.reduce(0) { $0 + $1.all.people.unique },
                         warnings: warnings, outputFolder: link,
                         outputFiles: files.map(\.name), wallSeconds: seconds(since: clock), status: status)
    }

    /// Runs every stage but the write: reads, extracts, normalizes, joins and aggregates.
    public static func compute(_ definition: PipelineDefinition, jobs: Int) throws(PipelineError) -> Result {
        try compute(definition, options: RunOptions(jobs: jobs))
    }

    /// The same, with every session's statistics and every warning read back into memory.
    public static func compute(_ definition: PipelineDefinition, options: RunOptions) throws(PipelineError) -> Result {
        let finished = try computeStored(definition, options: options)
        let settings = definition.settings
        var statistics: [SessionStatistics] = []
        try finished.store.sessions(jobs: options.jobs, { SessionStatistics(session: $0, diversityBar: settings.diversityBar) }) {
            statistics += $0
        }
        var diagnostics: [Diagnostic] = []
        try finished.store.diagnostics { diagnostics.append($0) }
        var inputs: [RunManifest.Input] = []
        try finished.store.inputs { inputs.append($0) }
        return Result(documentsFound: finished.documentsFound, documentsRead: finished.documentsRead, statistics: statistics,
                      years: finished.years, diagnostics: diagnostics, inputs: inputs, counts: finished.counts,
                      stageSeconds: finished.stageSeconds)
    }

    /// A run's sessions and warnings in its store, its years in memory: what the write
    /// stage needs.
    struct Finished: Sendable {
        var store: RunStore
        var documentsFound: Int
        var documentsRead: Int
        var sessions: Int
        /// Sessions the diversity bar can judge (with listed speakers), and those that miss it.
        var judged: Int
        var missingBar: Int
        var warnings: Int
        /// Warnings per code, by code.
        var warningCounts: [(code: String, count: Int)]
        var years: [YearAccumulator]
        var counts: [(String, Int)]
        var stageSeconds: [(String, Double)]

        /// The store's rows as the writers read them.
        func rows() -> ResultRows {
            let store = store
            return ResultRows(sessionCount: sessions, judged: judged, missingBar: missingBar, lines: { kind in
                { each throws(PipelineError) in try store.lines(kind.rawValue) { each($0) } }
            }, warningCount: warnings, warnings: { each throws(PipelineError) in
                try store.diagnostics { each($0) }
            }, inputs: { each throws(PipelineError) in
                try store.inputs { each($0) }
            })
        }
    }

    /// Discovers the inputs, reads, extracts and normalizes every document into a new store,
    /// and finishes the run there.
    static func computeStored(_ definition: PipelineDefinition, options: RunOptions) throws(PipelineError) -> Finished {
        var stages = StageClock(logger: options.logger)
        let store = try RunStore(sortBudget: options.sortBudget ?? ExternalSorter.defaultBudget)
        // The list of inputs is let go once every document is stored: the later stages read
        // the inputs from the store.
        let (vocabularies, inputsFound) = try { () throws(PipelineError) in
            let preparation = try prepare(definition, options: options, shard: nil)
            try store.add(runDiagnostics: preparation.runDiagnostics)
            stages.end("discover")
            try extractBatches(preparation, options: options) { batch throws(PipelineError) in try store.add(batch, jobs: 1) }
            return (preparation.vocabularies, preparation.inputs.count)
        }()
        stages.end("read_extract_normalize")
        return try finish(store, vocabularies: vocabularies, inputsFound: inputsFound,
                          definition: definition, options: options, stages: stages)
    }

    /// A run's inputs, found and ready to extract (of the shard, when one is given).
    struct Preparation: Sendable {
        var vocabularies: Vocabularies
        var inputs: Inputs
        /// Indices into `inputs` of the documents to extract (4 bytes each: a run holds them
        /// through the read stage).
        var mine: [Int32]
        var cache: ExtractCache?
        var runDiagnostics: [Diagnostic]
    }

    static func prepare(_ definition: PipelineDefinition, options: RunOptions, shard: Shard?) throws(PipelineError) -> Preparation {
        // The vocabularies load beside the listing (with more than one job); a failure of
        // both is the vocabularies', as when one came after the other.
        let loading = Chore(jobs: options.jobs) { () throws(PipelineError) in try VocabularyLoader.load(definition.vocabularies) }
        let listed = Swift.Result { () throws(PipelineError) in
            (try InputDiscovery.files(of: definition.inputs, base: definition.base), try InputDiscovery.tables(definition.tables, base: definition.base))
        }
        let vocabularies = try loading.value()
        let (discovered, tableFiles) = try listed.get()
        let inputs = Inputs(documents: discovered.files, tables: tableFiles)
        guard inputs.count < Int(Int32.max) else { throw .unreadable(path: definition.base.path, reason: "more than 2 billion inputs") }
        let mine = Array(inputs.indices.lazy.filter { shard?.owns(inputs[$0].input.displayPath) ?? true }.map { Int32($0) })
        options.logger.info("inputs found", metadata: ["documents": "\(discovered.files.count)", "tables": "\(tableFiles.count)",
                                                      "this_shard": "\(mine.count)"])
        // The cache only saves time: one that cannot be used is a warning, never a failed run.
        var cacheProblem: Diagnostic?
        var cache: ExtractCache?
        if let folder = definition.cache {
            do {
                cache = try ExtractCache(folder: folder)
            } catch {
                cacheProblem = Diagnostic(.cacheUnavailable, at: SourceLocation(file: folder.path, line: 0),
                                          "cache cannot be used (\(error.description)); every document is extracted")
            }
        }
        return Preparation(vocabularies: vocabularies, inputs: inputs, mine: mine, cache: cache,
                           runDiagnostics: discovered.diagnostics + [cache?.rebuilt, cacheProblem].compactMap { $0 })
    }

    /// Reads, extracts and normalizes the prepared documents in bounded batches on `jobs`
    /// workers, storing each batch's new results in the cache and handing the batch, in
    /// input order, to `deliver` on this thread (which keeps to it: the other workers are on
    /// the next batch meanwhile).
    ///
    /// As a pass does (`PassPipeline.run`): with more than one job, the other workers start
    /// on the next batch while this thread caches and delivers the last one, then joins them;
    /// one batch in flight, and no more threads than jobs. (A thread of the store's own, woken
    /// for every batch, took the core of the thread that woke it for a while each time.)
    static func extractBatches(_ preparation: Preparation, options: RunOptions,
                               deliver: ([DocumentResult]) throws(PipelineError) -> Void) throws(PipelineError) {
        let batchSize = max(1, options.batchSize ?? max(256, 64 * options.jobs))
        let done = ProgressCounter(total: preparation.mine.count, report: options.progress)
        var start = 0
        try PassPipeline.run(jobs: PassWorkers(share: options.jobs), read: { () -> [Int]? in
            guard start < preparation.mine.count else { return nil }
            let batch = preparation.mine[start..<min(start + batchSize, preparation.mine.count)].map { Int($0) }
            start += batch.count
            return batch
        }, transform: { index in
            defer { done.increment() }
            var result = process(preparation.inputs[index], vocabularies: preparation.vocabularies, cache: preparation.cache)
            result.index = index
            return result
        }, deliver: { documents throws(PipelineError) in
            preparation.cache?.store(documents.compactMap { document in
                document.fresh.map { (document.manifest.path, document.manifest.sha256, document.context, $0) }
            })
            try deliver(documents.map { document in
                var kept = document
                kept.fresh = nil  // stored; not needed again
                return kept
            })
        })
    }

    /// The whole-run half, as passes over the store: joins sessions across documents and
    /// people across sessions, then accumulates years as the sessions are read back in order.
    static func finish(_ store: RunStore, vocabularies: Vocabularies, inputsFound: Int, definition: PipelineDefinition,
                       options: RunOptions, stages clock: StageClock) throws(PipelineError) -> Finished {
        let jobs = options.jobs
        let settings = definition.settings
        var stages = clock
        let joined = try store.join(aliases: vocabularies.people, jobs: jobs)
        let counted = try store.identify(aliases: vocabularies.people, years: definition.years, jobs: jobs)
        stages.end("join")
        // Every warning is in: the store sorts them and the documents while the aggregate
        // pass reads the year stores.
        let sorted = Chore(jobs: jobs) { () throws(PipelineError) in
            try store.sortRows()
            return (tallies: store.tallies(), warningCounts: store.warningCounts())
        }
        defer { _ = try? sorted.value() }  // never left running on a failed pass
        let excel = definition.formats.excel
        let diversityBar = settings.diversityBar
        let totals = try store.aggregate(jobs: jobs, start: YearTotals.init, rendering: { session in
            let item = SessionStatistics(session: session, diversityBar: diversityBar)
            let lines = SessionLines.render(item, excel: excel)
            return (item, lines)
        }, add: { totals, items in
            for item in items { totals.add(item) }
        })
        let people = try store.countPeople()
        let years = totals.map { totals in
            var year = totals.accumulator
            for (scope, counted) in people[year.year] ?? [:] { year[scope].people = counted }
            return year
        }
        let judged = totals.reduce(0) { $0 + $1.judged }, missingBar = totals.reduce(0) { $0 + $1.missingBar }
        let peopleRows = totals.reduce(0) { $0 + $1.peopleRows }
        stages.end("aggregate")
        let (tallies, warningCounts) = try sorted.value()
        let warnings = warningCounts.reduce(0) { $0 + $1.count }
        if options.logger.logLevel <= .warning {
            try store.diagnostics { diagnostic in
                options.logger.warning("\(diagnostic)", metadata: ["code": "\(diagnostic.code.rawValue)", "file": "\(diagnostic.location.file)",
                                                                 "line": "\(diagnostic.location.line)"])
            }
        }
        return Finished(store: store, documentsFound: inputsFound, documentsRead: tallies.read, sessions: counted,
                        judged: judged, missingBar: missingBar, warnings: warnings, warningCounts: warningCounts, years: years,
                        counts: [("documents_found", inputsFound), ("documents_read", tallies.read),
                                 ("documents_skipped", inputsFound - tallies.read), ("sessions_extracted", joined.extracted),
                                 ("sessions_joined", joined.joined), ("sessions_counted", counted),
                                 ("people_rows", peopleRows), ("years", years.count), ("warnings", warnings),
                                 ("cache_hits", tallies.cached),
                                 ("cache_misses", definition.cache == nil ? 0 : tallies.extracted)],
                        stageSeconds: stages.seconds)
    }

    /// A year as the aggregate pass folds its sessions: its accumulator, the sessions the
    /// diversity bar can judge (with listed speakers) and those that miss it, its people rows.
    struct YearTotals: Sendable {
        var accumulator: YearAccumulator
        var judged = 0
        var missingBar = 0
        var peopleRows = 0

        init(year: Int) {
            accumulator = YearAccumulator(year: year)
        }

        mutating func add(_ item: SessionStatistics) {
            if item.speakers.slots > 0 {
                judged += 1
                if !item.meetsDiversityBar { missingBar += 1 }
            }
            accumulator.add(item)
            peopleRows += item.session.people.count
        }
    }

    /// Times the stages of a run, logging each as it ends.
    struct StageClock {
        let logger: Logger
        var seconds: [(String, Double)] = []
        var start = DispatchTime.now()
        /// The process's CPU time (user and system, every thread) when the stage started.
        var startCPU = StageClock.processCPUSeconds()

        /// Also hands the stage's freed heap back to the system: it sits between live blocks,
        /// where glibc keeps it resident, and the next stage starts from what is in use. The
        /// debug log gives the stage's wall and CPU seconds (CPU over wall: the cores it kept busy).
        mutating func end(_ name: String) {
            igf_release_free_memory()
            seconds.append((name, Runner.seconds(since: start)))
            let cpu = Self.processCPUSeconds()
            logger.debug("stage done", metadata: ["stage": "\(name)", "seconds": "\(seconds.last!.1)",
                                                  "cpu_seconds": "\(cpu - startCPU)", "rss": "\(Runner.residentMemory())"])
            start = DispatchTime.now()
            startCPU = cpu
        }

        static func processCPUSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let total = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return total(usage.ru_utime) + total(usage.ru_stime)
        }
    }

    /// The heap in use (SQLite's included; it keeps no statistics of its own, see
    /// `ExtractCache`), and the process's resident and peak resident memory (`VmRSS`,
    /// `VmHWM`), for debug logs.
    static func residentMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        func field(_ name: String) -> String {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") } ?? "?"
        }
        return "heap in use \(igf_heap_in_use() / 1024) kB, resident \(field("VmRSS")), peak \(field("VmHWM"))"
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// `20261123T202400.123Z-4242`: sorts by start time, unique per process.
    static func runID(_ date: Date) -> String {
        "\(CFormat.compactTimestamp(date))-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The run's inputs in input order: the documents found, then the sheets named.
    struct Inputs: Sendable {
        var documents: InputList
        var tables: [(InputFile, PipelineDefinition.TableInput)]

        var count: Int { documents.count + tables.count }
        var indices: Range<Int> { 0..<count }

        subscript(index: Int) -> Work {
            index < documents.count ? .document(documents[index]) : .table(tables[index - documents.count].0, tables[index - documents.count].1)
        }
    }

    /// One unit of work: a document, or a sheet with its mapping.
    enum Work: Sendable {
        case document(InputFile)
        case table(InputFile, PipelineDefinition.TableInput)

        var input: InputFile {
            switch self {
            case .document(let input), .table(let input, _): input
            }
        }
    }

    /// One document or sheet through extract and normalize, or straight from the cache.
    private static func process(_ work: Work, vocabularies: Vocabularies, cache: ExtractCache?) -> DocumentResult {
        let input = work.input
        let displayPath = input.displayPath
        let bytes: [UInt8]
        switch FileAccess.read(path: input.path) {
        case .success(let read):
            bytes = read
        case .failure(let error):
            let reason = if case .unreadable(_, let reason) = error { reason } else { error.description }
            return DocumentResult(read: false, sessions: [], diagnostics: [
                Diagnostic(.unreadableFile, at: SourceLocation(file: displayPath, line: 0), "cannot read file (\(reason)); skipped"),
            ], manifest: .init(path: displayPath, size: 0, sha256: "", kind: "unreadable"), context: "")
        }
        let sha256 = Hashing.sha256(bytes)
        var context = "\(ToolInfo.version)|\(vocabularies.fingerprint)"
        if case .table(_, let table) = work {
            context += "|" + table.mapping.columns.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
                .joined(separator: ",") + "|\(table.badRows.rawValue)"
        }
        let manifest = { (kind: String) in RunManifest.Input(path: displayPath, size: bytes.count, sha256: sha256, kind: kind) }
        if let hit = cache?.lookup(path: displayPath, sha256: sha256, context: context) {
            return DocumentResult(read: hit.read, sessions: hit.sessions, diagnostics: hit.diagnostics,
                                  manifest: manifest(hit.kind), context: context, cached: true)
        }
        let extracted = switch work {
        case .document: Extractor.extract(bytes: bytes, file: displayPath, vocabularies: vocabularies)
        case .table(_, let table): TableExtractor.extract(bytes: bytes, file: displayPath,
                                                         mapping: table.mapping, badRows: table.badRows)
        }
        let normalized = Normalizer.normalize(extracted, with: vocabularies)
        let kind = extracted.kind?.label ?? "skipped: " + (extracted.diagnostics.first?.code.rawValue ?? "unknown")
        let result = CachedDocument(read: extracted.kind != nil, kind: kind, sessions: normalized.sessions,
                                    diagnostics: extracted.diagnostics + normalized.diagnostics)
        return DocumentResult(read: result.read, sessions: result.sessions, diagnostics: result.diagnostics,
                              manifest: manifest(kind), context: context, extracted: true, fresh: cache == nil ? nil : result)
    }

    /// One document through extract and normalize; a shard's partial holds these, one per
    /// line (all but the cache's working fields, in their binary form: `StoreCoding`).
    struct DocumentResult: Sendable {
        /// Position in the run's input order (documents by path, then sheets).
        var index = 0
        var read: Bool
        var sessions: [Session]
        var diagnostics: [Diagnostic]
        var manifest: RunManifest.Input
        /// The cache key's context (tool version, vocabularies, sheet mapping).
        var context = ""
        /// Came from the cache.
        var cached = false
        /// Extracted in this run (not from the cache).
        var extracted = false
        /// Newly extracted, to be stored in the cache.
        var fresh: CachedDocument?
    }
}
