import Foundation

/// Where a run keeps its sessions, warnings and inputs between stages, so its memory does
/// not grow with its corpus.
///
/// Unnamed temporary files: sorts for the run's documents and warnings (`ExternalSorter`),
/// and `YearStore`s for the sessions, one per year (years with the same remainder modulo
/// `partitions` share one, so their number stays bounded). Documents go in batch by
/// batch as they are extracted (or as `merge` reads them from partials); the join, person
/// identity and duplicate ids then run as passes over the store, the year stores' passes on
/// several workers at once, and the write stage reads sessions and warnings back in output order. Every row
/// carries its place in the run's input order, so what arrives in another order (shards)
/// reads back the same.
///
/// Sorting: sessions by year and id and warnings by file, line, byte, code and message
/// compare text by its UTF-8 bytes, which is Swift's order for the NFC text the extract
/// stage produces.
final class RunStore: @unchecked Sendable {
    // `@unchecked Sendable`: the passes are called from one thread; those that run the years
    // on several workers touch only the years' stores there, one worker per store (`add`
    // fills the documents and warnings beside them, on one worker). Beside them, a `Chore`
    // may use what touches only the documents and warnings (`sortRows`, `tallies`,
    // `warningCounts`) or only the year stores' files (`closeYearStores`); after `sortRows`,
    // `diagnostics` and `inputs` may be read from several threads at once.
    /// The documents (by index) and the warnings (in `Diagnostic`'s order), sorted in
    /// bounded memory as they come, until `sortRows` writes them out in order.
    private let documents: ExternalSorter
    private let warnings: ExternalSorter
    /// What is counted as documents and warnings come in (`tallies`, `warningCounts`), and
    /// which document indices were stored (one bit each), so none is stored twice.
    private var documentTallies = (documents: 0, read: 0, cached: 0, extracted: 0, lowest: Int.max, highest: -1)
    private var codeCounts: [String: Int] = [:]
    private var storedIndices: [UInt64] = []
    /// The documents' manifests in input order and the warnings' bytes in order (after `sortRows`).
    private var sortedDocuments: RecordFile?
    private var sortedWarnings: RecordFile?
    /// At most this many years' stores: year `y` goes to store `y mod partitions`, so up to
    /// 16 consecutive years each have their own and a sheet of a thousand bogus years opens 16.
    static let partitions = 16
    /// The years' stores, by `year mod partitions`.
    private var stores: [Int: YearStore] = [:]
    /// The years the run counts, in order, with their stores (after `identify`).
    private var counted: [(year: Int, store: YearStore)] = []
    /// Warnings of later stages sort after every document's (ties keep this order).
    private var laterWarnings = 1 << 56
    /// How people are keyed, once `identify` has seen every name: applied as sessions are
    /// read back (the stored sessions keep their unkeyed people).
    private var resolution: PersonIdentity.Resolution?

    /// How many bytes each sort of the year stores holds in memory (`ExternalSorter`).
    private let sortBudget: Int

    init(sortBudget: Int = ExternalSorter.defaultBudget) throws(PipelineError) {
        self.sortBudget = sortBudget
        documents = ExternalSorter(budget: sortBudget)
        warnings = ExternalSorter(budget: sortBudget)
    }

    /// Where the store's files and the spools go: `TMPDIR`, or `/tmp` when it is unset or empty.
    static let temporaryFolder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"

    /// How errors name the store.
    static let place = "(the run's working store in \(temporaryFolder))"

    static let damaged = PipelineError.output(path: place, reason: "a stored row does not read back (was the temporary file changed?)")

    /// What `body` reads from stored bytes; bytes that do not read back are `damaged`.
    static func decoding<Value>(_ body: () throws(StoreCodingError) -> Value) throws(PipelineError) -> Value {
        do {
            return try body()
        } catch {
            throw damaged
        }
    }

    // MARK: Documents in

    /// Warnings about the whole run (discovery, the cache): first among equals.
    func add(runDiagnostics: [Diagnostic]) throws(PipelineError) {
        for (position, diagnostic) in runDiagnostics.enumerated() { try addWarning(diagnostic, seq: position) }
    }

    /// Keeps a warning, `seq` its place among equals (`Diagnostic`'s order: file, line, byte,
    /// code, message).
    private func addWarning(_ diagnostic: Diagnostic, seq: Int) throws(PipelineError) {
        var key = SortKey()
        key.string(diagnostic.location.file)
        key.int(diagnostic.location.line)
        key.int(diagnostic.byteOffset ?? 0)
        key.string(diagnostic.code.rawValue)
        key.string(diagnostic.message)
        key.int(seq)
        try warnings.add(key, value: diagnostic.storeBytes)
        codeCounts[diagnostic.code.rawValue, default: 0] += 1
    }

    /// One batch of documents (any order; each knows its place), encoded on `jobs` workers;
    /// each session goes to its year's store, the stores filled on up to `jobs` workers.
    func add(_ documents: [Runner.DocumentResult], jobs: Int) throws(PipelineError) {
        struct Encoded: Sendable {
            var sessions: [(year: Int, number: String?, title: String, titled: Bool, body: [UInt8])]
            var manifest: [UInt8]
        }
        let encoded = ParallelMap.map(documents, jobs: jobs) { document in
            Encoded(sessions: document.sessions.map { session in
                let keys = SessionJoiner.keys(session)
                return (session.year, keys.number, keys.title, keys.titled, session.storeBytes)
            }, manifest: document.manifest.storeBytes)
        }
        // By store (`partition`); the order within a store does not matter, `seq` places them.
        var sessions: [Int: [(seq: Int, number: String?, title: String, titled: Bool, body: [UInt8])]] = [:]
        for (document, encoded) in zip(documents, encoded) {
            guard document.sessions.count < 1 << 24, document.diagnostics.count < 1 << 24 else {
                throw .output(path: document.manifest.path, reason: "more than 16 million sessions or warnings in one document")
            }
            let base = document.index << 24
            for (position, session) in encoded.sessions.enumerated() {
                sessions[Self.partition(session.year), default: []].append((base | position, session.number, session.title, session.titled, session.body))
            }
        }
        let partitions = sessions.keys.sorted()
        for partition in partitions where stores[partition] == nil { stores[partition] = try YearStore(sortBudget: sortBudget) }
        // The documents and warnings go into their sorts and each year's sessions into its
        // own: with more than one job, side by side
        // (the documents and warnings, the most work, first). The first failure in that order is
        // thrown.
        let targets = [nil] + partitions.map { stores[$0]! }
        let batches = [[]] + partitions.map { sessions[$0]! }
        let outcomes = ParallelMap.map(Array(targets.indices), jobs: jobs) { (task: Int) -> Swift.Result<Void, PipelineError> in
            Swift.Result { () throws(PipelineError) in
                if let store = targets[task] {
                    try store.add(batches[task])
                } else {
                    try self.addRows(documents, manifests: encoded.map(\.manifest))
                }
            }
        }
        for outcome in outcomes { try outcome.get() }
    }

    /// The documents and their warnings, into their sorts.
    private func addRows(_ documents: [Runner.DocumentResult], manifests: [[UInt8]]) throws(PipelineError) {
        for (document, manifest) in zip(documents, manifests) {
            let (word, bit) = document.index.quotientAndRemainder(dividingBy: 64)
            guard document.index >= 0 else { throw Self.damaged }
            while storedIndices.count <= word { storedIndices.append(0) }
            guard storedIndices[word] & 1 << bit == 0 else {
                throw .output(path: document.manifest.path, reason: "the document was stored twice (input \(document.index + 1)); were two partials of one shard given?")
            }
            storedIndices[word] |= 1 << bit
            var key = SortKey()
            key.int(document.index)
            try self.documents.add(key, value: manifest)
            documentTallies.documents += 1
            if document.read { documentTallies.read += 1 }
            if document.cached { documentTallies.cached += 1 }
            if document.extracted { documentTallies.extracted += 1 }
            documentTallies.lowest = min(documentTallies.lowest, document.index)
            documentTallies.highest = max(documentTallies.highest, document.index)
            for (position, diagnostic) in document.diagnostics.enumerated() {
                try addWarning(diagnostic, seq: (document.index + 1) << 24 | position)
            }
        }
    }

    /// Warnings of the passes after extraction, in the order they were given.
    private func add(laterDiagnostics diagnostics: [Diagnostic]) throws(PipelineError) {
        for diagnostic in diagnostics {
            try addWarning(diagnostic, seq: laterWarnings)
            laterWarnings += 1
        }
    }

    /// The store of `year`'s sessions.
    private static func partition(_ year: Int) -> Int {
        ((year % partitions) + partitions) % partitions
    }

    // MARK: Passes

    /// Runs `pass` on every one of `stores` (in their order), up to `jobs` at once, those
    /// with most sessions first; each pass gets the jobs left over for its own workers, and
    /// the workers that run out of stores as they do (`PassWorkers`). The results come in
    /// the stores' order; the first failure (in that order) is thrown.
    private static func eachStore<Output: Sendable>(_ stores: [YearStore], jobs: Int,
                                                   _ pass: @escaping @Sendable (YearStore, PassWorkers) throws(PipelineError) -> Output) throws(PipelineError) -> [Output] {
        let workers = max(1, min(jobs, stores.count))
        let inner = PassWorkers(share: jobs / workers)
        let largestFirst = stores.indices.sorted { (stores[$1].extracted, $0) < (stores[$0].extracted, $1) }
        let results = ParallelMap.map(largestFirst, jobs: workers, workerDone: inner.workerDone) { index in
            Swift.Result { () throws(PipelineError) in try pass(stores[index], inner) }
        }
        var inOrder = [Swift.Result<Output, PipelineError>?](repeating: nil, count: stores.count)
        for (index, result) in zip(largestFirst, results) { inOrder[index] = result }
        return try inOrder.map { result throws(PipelineError) in try result!.get() }
    }

    /// Every store, in partition order.
    private var allStores: [YearStore] { stores.keys.sorted().map { stores[$0]! } }

    /// Joins the extracted sessions of each store group by group (`YearStore.join`), the
    /// stores on several workers at once. Returns how many sessions were extracted and joined.
    func join(aliases: PeopleAliases, jobs: Int) throws(PipelineError) -> (extracted: Int, joined: Int) {
        let stores = allStores
        let joined = try Self.eachStore(stores, jobs: jobs) { store, inner throws(PipelineError) in
            try store.join(aliases: aliases, jobs: inner)
        }
        return (stores.reduce(0) { $0 + $1.extracted }, joined.reduce(0, +))
    }

    /// Decides how people are keyed (`PersonIdentity`) from every name's organizations,
    /// gives the warnings for ambiguous names, keeps the sessions of the run's years, and
    /// gives sessions left with one id distinct ids (`-2`, `-3`, …, with a
    /// `duplicate-session` warning naming both places). Returns how many sessions count.
    func identify(aliases: PeopleAliases, years range: ClosedRange<Int>?, jobs: Int) throws(PipelineError) -> Int {
        let stores = allStores
        let ambiguous = try Self.ambiguousNames(stores)
        let resolution = PersonIdentity.Resolution(ambiguous: ambiguous, aliases: aliases)
        var warnings: [Diagnostic] = []
        if !ambiguous.isEmpty {
            // Each ambiguous name is warned once, at its first entry without an organization
            // in join order: the first of the stores' firsts.
            var first: [String: (seq: Int, position: Int, person: Person)] = [:]
            for found in try Self.eachStore(stores, jobs: jobs, { store, inner throws(PipelineError) in
                try store.firstUnplaced(resolution, jobs: inner)
            }) {
                for (name, entry) in found where first[name].map({ ($0.seq, $0.position) > (entry.seq, entry.position) }) ?? true {
                    first[name] = entry
                }
            }
            var warned = PersonIdentity.Warnings()
            for (name, entry) in first.sorted(by: { ($0.value.seq, $0.value.position) < ($1.value.seq, $1.value.position) }) {
                warned.add([(name, entry.person)], resolution)
            }
            warnings = warned.take()
        }
        let years = try Self.eachStore(stores, jobs: jobs) { store, _ throws(PipelineError) in try store.settleIDs(years: range) }
        counted = zip(stores, years).flatMap { store, years in years.map { ($0, store) } }.sorted { $0.year < $1.year }
        try add(laterDiagnostics: warnings)
        for store in stores {
            try store.warnings { diagnostic throws(PipelineError) in try add(laterDiagnostics: [diagnostic]) }
        }
        self.resolution = resolution
        return stores.reduce(0) { $0 + $1.counted }
    }

    /// Names listed with more than one organization across the years, and how many: the
    /// stores' sorted names read side by side, so no set of every name is held.
    private static func ambiguousNames(_ stores: [YearStore]) throws(PipelineError) -> [String: Int] {
        var ambiguous: [String: Int] = [:]
        var last: (name: [UInt8], organization: [UInt8])?
        var organizations = 0
        func close() {
            if let last, organizations > 1 { ambiguous[last.name.withUnsafeBytes { SortKeyReader.text($0) }] = organizations }
        }
        try SortedMerge.each(try stores.map { store throws(PipelineError) in try store.names() }) { key, _ throws(PipelineError) in
            let (name, organization) = try Self.decoding { () throws(StoreCodingError) in
                var reader = SortKeyReader(key)
                return (try reader.stringBytes(), try reader.stringBytes())
            }
            if let previous = last, previous.name.elementsEqual(name) {
                if !previous.organization.elementsEqual(organization) {
                    organizations += 1
                    last = (previous.name, Array(organization))
                }
            } else {
                close()
                organizations = 1
                last = (Array(name), Array(organization))
            }
        }
        close()
        return ambiguous
    }

    // MARK: Reading back

    /// The counted sessions in output order (year, then id), with their people keyed,
    /// decoded and transformed on `jobs` workers a chunk at a time and handed to `deliver`
    /// in order.
    func sessions<Output: Sendable>(jobs: Int, _ transform: @escaping @Sendable (consuming Session) -> Output,
                                    deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        guard let resolution else { preconditionFailure("sessions are read back after identify") }
        let workers = PassWorkers(share: jobs)
        for (year, store) in counted { try store.sessions(of: year, jobs: workers, resolution: resolution, transform, deliver: deliver) }
    }

    /// The aggregate pass: reads every counted year's sessions in output order (the years on
    /// several workers at once), keeping the lines `render` makes of each (`SessionLines`)
    /// for the writers and where each person was seen, for `countPeople`, and folds what
    /// `render` made into each year's `State`, starting from `start(year)`. The states come
    /// in year order.
    func aggregate<Output: Sendable, State: Sendable>(jobs: Int, start: @escaping @Sendable (Int) -> State,
                                                      rendering render: @escaping @Sendable (consuming Session) -> (Output, [[UInt8]?]),
                                                      add: @escaping @Sendable (inout State, [Output]) -> Void) throws(PipelineError) -> [State] {
        guard let resolution else { preconditionFailure("sessions are read back after identify") }
        let stores = countedStores
        let states = try Self.eachStore(stores, jobs: jobs) { store, inner throws(PipelineError) in
            var states: [Int: State] = [:]
            try store.aggregate(jobs: inner, resolution: resolution, rendering: render) { year, outputs in
                add(&states[year, default: start(year)], outputs)
            }
            return states
        }
        let byYear = states.reduce(into: [Int: State]()) { all, some in all.merge(some) { first, _ in first } }
        return byYear.keys.sorted().map { byYear[$0]! }
    }

    /// The stores of the counted years, in partition order.
    private var countedStores: [YearStore] {
        allStores.filter { store in counted.contains { $0.store === store } }
    }

    /// Distinct people per year and role scope, in all and per group, and how many were
    /// listed, in any role, in an earlier year of the run (`PeopleTally`). One pass over the
    /// identity keys the aggregate pass kept, each store's sorted by key and year, the stores
    /// read side by side (a key's earlier years first), so the count needs no set of every key
    /// in memory. Records are compared and counted where the sorts hold them; a key is copied
    /// only when it changes.
    func countPeople() throws(PipelineError) -> [Int: [RoleScope: YearAccumulator.People]] {
        var tally = PeopleTally()
        try SortedMerge.each(try countedStores.map { store throws(PipelineError) in try store.presence() }) { key, _ throws(PipelineError) in
            let (person, year, scopes, stakeholder, region) = try Self.decoding { () throws(StoreCodingError) in
                var reader = SortKeyReader(key)
                return (try reader.stringBytes(), try reader.int(), try reader.int(), try reader.int(), try reader.int())
            }
            tally.add(key: person, year: year, scopes: scopes, stakeholder: stakeholder, region: region)
        }
        return tally.finish()
    }

    /// Lets the year stores' files go once people are counted: the writers read the
    /// lines the aggregate pass kept (`lines`), which stay.
    func closeYearStores() {
        for store in stores.values { store.close() }
    }

    /// Lets the lines, the documents and the warnings go once the writers are done with them
    /// (the run's last reads), so their files and buffers go while the outputs are synced.
    func closeRows() {
        for store in stores.values { store.closeLines() }
        sortedDocuments = nil
        sortedWarnings = nil
    }

    /// The lines of one kind that `aggregate` kept, the years in order, in order: their
    /// bytes, a chunk at a time (`LineSpool.read`).
    func lines(_ kind: Int, _ each: (UnsafeRawBufferPointer) throws(PipelineError) -> Void) throws(PipelineError) {
        for (year, store) in counted { try store.lines(kind, of: year, each) }
    }

    /// Every warning, sorted (`Diagnostic`'s order; equal ones in the order they were given),
    /// after `sortRows`. Several threads may read at once.
    func diagnostics(_ each: (Diagnostic) throws(PipelineError) -> Void) throws(PipelineError) {
        guard let sortedWarnings else { preconditionFailure("warnings are read after sortRows") }
        let records = try sortedWarnings.records()
        while let record = try records.next() {
            try each(try Self.decoding { () throws(StoreCodingError) in try Diagnostic(storeBytes: record) })
        }
    }

    /// Writes the documents and the warnings out in order, once every one is in, for the
    /// several readers that follow.
    func sortRows() throws(PipelineError) {
        func write(_ sorter: ExternalSorter) throws(PipelineError) -> RecordFile {
            let file = try RecordFile()
            let sorted = try sorter.sorted()
            while try sorted.next() { file.append(sorted.value) }
            try file.finish()
            return file
        }
        sortedDocuments = try write(documents)
        sortedWarnings = try write(warnings)
    }

    /// Every input in input order (after `sortRows`). Several threads may read at once.
    func inputs(_ each: (RunManifest.Input) throws(PipelineError) -> Void) throws(PipelineError) {
        guard let sortedDocuments else { preconditionFailure("inputs are read after sortRows") }
        let records = try sortedDocuments.records()
        while let record = try records.next() {
            try each(try Self.decoding { () throws(StoreCodingError) in try RunManifest.Input(storeBytes: record) })
        }
    }

    /// Warnings per code, by code.
    func warningCounts() -> [(code: String, count: Int)] {
        codeCounts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }

    /// Documents stored, read (of a known kind), from the cache and extracted; the indices
    /// they cover, lowest and highest (0 and -1 for none).
    func tallies() -> (documents: Int, read: Int, cached: Int, extracted: Int, lowest: Int, highest: Int) {
        var tallies = documentTallies
        if tallies.documents == 0 { tallies.lowest = 0 }
        return tallies
    }
}

/// Records of several sorts read side by side in one sorted order: what the store does
/// where a count spans the years' stores.
enum SortedMerge {
    /// Steps through `sources`' records in the order of their keys' bytes (`ByteOrder`),
    /// records with equal keys in the order of `sources`; `body` gets each record's key
    /// (valid during the call) and its source's place.
    static func each(_ sources: [SortedRecords], _ body: (_ key: UnsafeRawBufferPointer, _ source: Int) throws(PipelineError) -> Void) throws(PipelineError) {
        var live: [Int] = []
        for (index, source) in sources.enumerated() where try source.next() { live.append(index) }
        while !live.isEmpty {
            var least = 0  // on equal keys, the earlier source's first
            for position in live.indices.dropFirst() where ByteOrder.compare(sources[live[position]].key, sources[live[least]].key) < 0 {
                least = position
            }
            let source = live[least]
            try body(sources[source].key, source)
            if try !sources[source].next() { live.remove(at: least) }
        }
    }
}
