import Foundation
import Synchronization
import Testing
@testable import IGFParticipation

@Suite("The run's working store")
struct RunStoreTests {
    /// Every session and warning the sample corpus gives, as the extract and normalize
    /// stages make them.
    static func sampleDocuments() throws -> [Runner.DocumentResult] {
        let vocabularies = TestSupport.vocabularies
        let names = try FileManager.default.contentsOfDirectory(atPath: TestSupport.corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        return names.enumerated().map { index, name in
            let bytes = TestSupport.bytes(TestSupport.corpus.appendingPathComponent(name))
            let extracted = Extractor.extract(bytes: bytes, file: "Data/corpus/\(name)", vocabularies: vocabularies)
            let normalized = Normalizer.normalize(extracted, with: vocabularies)
            return Runner.DocumentResult(index: index, read: true, sessions: normalized.sessions,
                                         diagnostics: extracted.diagnostics + normalized.diagnostics,
                                         manifest: .init(path: "Data/corpus/\(name)", size: bytes.count, sha256: Hashing.sha256(bytes), kind: extracted.kind?.label ?? ""))
        }
    }

    @Test("sessions, warnings and inputs of the sample corpus read back as they went in")
    func roundTrip() throws {
        let documents = try Self.sampleDocuments()
        let sessions = documents.flatMap(\.sessions)
        let diagnostics = documents.flatMap(\.diagnostics)
        #expect(sessions.count == 21)
        #expect(sessions.flatMap(\.people).count == 30)
        #expect(diagnostics.count == 4)
        for session in sessions { #expect(try Session(storeBytes: session.storeBytes) == session) }
        for diagnostic in diagnostics { #expect(try Diagnostic(storeBytes: diagnostic.storeBytes) == diagnostic) }
        for document in documents { #expect(try RunManifest.Input(storeBytes: document.manifest.storeBytes).sha256 == document.manifest.sha256) }
        // Every figure the 2019 report page states (six sessions) survives, qualifiers included.
        let reported = sessions.compactMap(\.raw.participation)
        #expect(reported.count == 6)
        #expect(try reported.map { try Participation(storeBytes: $0.storeBytes) } == reported)
        // A cut or lengthened value is refused, never half read.
        let bytes = sessions[0].storeBytes
        #expect(throws: StoreCodingError.self) { try Session(storeBytes: Array(bytes.dropLast())) }
        #expect(throws: StoreCodingError.self) { try Session(storeBytes: bytes + [0]) }
        // The join's summary of a session reads what the whole reading gives, and refuses what it refuses.
        for session in sessions {
            let summary = try Session.joinSummary(storeBytes: session.storeBytes)
            #expect(summary == JoinSummary(id: session.id, year: session.year, people: session.people.map { ($0.name, $0.organization) }))
        }
        // Cut anywhere, the longest session (people, schedule, several locations) is refused.
        let full = try #require(sessions.max { $0.storeBytes.count < $1.storeBytes.count })
        #expect(!full.people.isEmpty)
        let fullBytes = full.storeBytes
        for cut in 0..<fullBytes.count {
            #expect(throws: StoreCodingError.self) { try Session.joinSummary(storeBytes: Array(fullBytes[..<cut])) }
        }
        #expect(throws: StoreCodingError.self) { try Session.joinSummary(storeBytes: fullBytes + [0]) }
    }

    @Test("documents and warnings stored in any order read back in input order and in warnings' order; counted as they come",
          arguments: [1, ExternalSorter.defaultBudget])
    func documentsAndWarnings(_ budget: Int) throws {
        let documents = try Self.sampleDocuments()
        let store = try RunStore(sortBudget: budget)
        let late = Diagnostic(.unknownRegion, at: SourceLocation(file: "a-first.txt", line: 9), "stored first, with a run's warnings")
        try store.add(runDiagnostics: [late])
        // The last three documents first, then the first two, as shards may arrive.
        try store.add(Array(documents[2...].reversed()), jobs: 2)
        try store.add(Array(documents[..<2]), jobs: 1)
        let tallies = store.tallies()
        #expect(tallies.documents == 5 && tallies.read == 5 && tallies.lowest == 0 && tallies.highest == 4)
        #expect(store.warningCounts().map { "\($0.code) \($0.count)" } == ["missing-role-label 2", "unknown-region 1", "unknown-stakeholder 2"])
        try store.sortRows()
        var inputs: [String] = []
        try store.inputs { inputs.append($0.path) }
        #expect(inputs == documents.map(\.manifest.path))
        var diagnostics: [Diagnostic] = []
        try store.diagnostics { diagnostics.append($0) }
        #expect(diagnostics == ([late] + documents.flatMap(\.diagnostics)).sorted())
        // By file (UTF-8 bytes: "D" before "a"), then line.
        #expect(diagnostics.map { "\($0.location.file):\($0.location.line)" } == [
            "Data/corpus/igf2019-reports-page.txt:33", "Data/corpus/igf2019-reports-page.txt:34", "Data/corpus/igf2021-ws188-proposal.txt:12",
            "Data/corpus/igf2021-ws188-proposal.txt:19", "a-first.txt:9",
        ])
        // A document stored twice (two partials of one shard) is refused, naming it.
        #expect(throws: PipelineError.self) { try store.add([documents[3]], jobs: 1) }
    }

    @Test("a pass's chunks: transformed in line while it has one thread; from the chunk a worker is done on, by two threads at once; delivered in read order",
          arguments: [(10, nil, 1), (10, 0, 1), (10, 4, 1), (1, 0, 1), (0, 0, 1), (6, 3, 2)] as [(Int, Int?, Int)])
    func passPipeline(_ chunks: Int, _ doneAt: Int?, _ share: Int) throws {
        let workers = PassWorkers(share: share)
        let caller = pthread_self()
        // Each chunk has two items. A chunk that more than one thread may take has a
        // meeting point: its first item waits there for its second to start, which only
        // another thread can do (a lone thread would wait out the timeout and say so).
        let helped = (0..<chunks).map { chunk in share > 1 || doneAt.map { chunk >= $0 } ?? false }
        let meetings = helped.map { $0 ? Meeting() : nil }
        var reads = 0
        var delivered: [(item: Int, inLine: Bool, met: Bool)] = []
        try PassPipeline.run(jobs: workers, read: { () -> [Int]? in
            defer { reads += 1 }
            if reads == doneAt { workers.workerDone() }
            return reads < chunks ? [2 * reads, 2 * reads + 1] : nil
        }, transform: { item in
            (item, pthread_equal(pthread_self(), caller) != 0, meetings[item / 2]?.arrive() ?? false)
        }, deliver: { delivered += $0 })
        #expect(delivered.map(\.item) == Array(0..<(2 * chunks)))
        let inLine = delivered.filter { !helped[$0.item / 2] }.map(\.inLine)
        #expect(!inLine.contains(false))
        #expect(delivered.map(\.met) == helped.flatMap { [$0, $0] })
        #expect(reads == chunks + 1)
    }

    /// Two threads' meeting point: the first to arrive waits (up to 10 s) for the second.
    final class Meeting: Sendable {
        private let arrived = Atomic<Int>(0)
        private let second = DispatchSemaphore(value: 0)

        /// Whether the two met.
        func arrive() -> Bool {
            if arrived.wrappingAdd(1, ordering: .relaxed).oldValue == 0 {
                return second.wait(timeout: .now() + 10) == .success
            }
            second.signal()
            return true
        }
    }

    @Test("integers of any size and sign keep their value", arguments: [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Int.max, Int.min])
    func integers(_ value: Int) throws {
        var writer = ByteWriter()
        writer.int(value)
        let read = try writer.bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            return try reader.int()
        }
        #expect(read == value)
    }

    @Test("a location's file is written once while it repeats: a 0 for the last file, else its length plus one (varints zig-zagged)",
          arguments: [
            (["a.txt"], [12, 97, 46, 116, 120, 116]),
            (["a.txt", "a.txt", "a.txt"], [12, 97, 46, 116, 120, 116, 0, 0]),
            (["", "", "b"], [2, 0, 4, 98]),
            (["a", "b", "a"], [4, 97, 4, 98, 4, 97]),
            (["é", "é"], [6, 0xC3, 0xA9, 0]),
          ] as [([String], [UInt8])])
    func fileReferences(_ files: [String], _ expected: [UInt8]) throws {
        var writer = ByteWriter()
        for file in files { writer.file(file) }
        #expect(writer.bytes == expected)
        let read = try writer.bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            return try files.map { _ in try reader.file() }
        }
        #expect(read == files)
        // Stepped over (the join's summary), the same bytes end where they should.
        let stepped = try writer.bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            for _ in files { try reader.skipFile() }
            return reader.isAtEnd
        }
        #expect(stepped)
        // A back-reference with no file before it is damage, read or stepped over.
        #expect(throws: StoreCodingError.self) {
            try [UInt8(0)].withUnsafeBytes { buffer in
                var reader = ByteReader(buffer)
                _ = try reader.file()
            }
        }
        #expect(throws: StoreCodingError.self) {
            try [UInt8(0)].withUnsafeBytes { buffer in
                var reader = ByteReader(buffer)
                try reader.skipFile()
            }
        }
    }

    /// A sort of `(text, text, number)` rows, its budget in bytes.
    static func sorter(_ rows: [(String, String, Int)], budget: Int) throws -> ExternalSorter {
        let sorter = ExternalSorter(budget: budget)
        for row in rows {
            var key = SortKey()
            key.string(row.0)
            key.string(row.1)
            var value = ByteWriter()
            value.int(row.2)
            try sorter.add(key, value: value.bytes)
        }
        return sorter
    }

    /// Every record of a sort as `text|text=number`.
    static func drain(_ sorted: SortedRecords) throws -> [String] {
        var rows: [String] = []
        while try sorted.next() {
            var key = SortKeyReader(sorted.key), value = ByteReader(sorted.value)
            rows.append("\(try key.string())|\(try key.string())=\(try value.int())")
        }
        return rows
    }

    @Test("sorts of several stores read side by side: byte order, part by part, ties in store order")
    func sortedMerge() throws {
        let tables: [[(String, String)]] = [
            [("a", "x"), ("b", "y"), ("é", "")],
            [],
            [("a", "x"), ("a", "z"), ("c", "")],
            [("B", "w")],
        ]
        for budget in [1, 1 << 16] {
            let sorted = try tables.map { rows in try Self.sorter(rows.enumerated().map { ($1.0, $1.1, $0) }, budget: budget).sorted() }
            var merged: [String] = []
            try SortedMerge.each(sorted) { key, source throws(PipelineError) in
                var reader = SortKeyReader(key)
                let text = try RunStore.decoding { () throws(StoreCodingError) in "\(try reader.string())\(try reader.string())" }
                var value = ByteReader(sorted[source].value)
                merged.append("\(text)@\(source).\(try RunStore.decoding { () throws(StoreCodingError) in try value.int() })")
            }
            #expect(merged == ["Bw@3.0", "ax@0.0", "ax@2.0", "az@2.1", "by@0.1", "c@2.2", "é@0.2"])
        }
    }

    @Test("a sort key's bytes sort as its parts do: numbers of any sign, a text before a longer one it begins, 0 bytes kept",
          arguments: [
              ((-1, "b"), (0, "a")), ((Int.min, ""), (Int.max, "")), ((255, "z"), (256, "a")), ((7, "a"), (7, "a\u{0}")),
              ((7, "a\u{0}"), (7, "a\u{1}")), ((7, "a"), (7, "ab")), ((7, "ab"), (7, "b")), ((7, "Z"), (7, "a")), ((7, "e"), (7, "é")),
          ])
    func sortKeyOrder(_ smaller: (Int, String), _ larger: (Int, String)) throws {
        func key(_ parts: (Int, String)) -> [UInt8] {
            var key = SortKey()
            key.int(parts.0)
            key.string(parts.1)
            key.int(-5)
            return key.bytes
        }
        #expect(key(smaller).lexicographicallyPrecedes(key(larger)))
        #expect(!key(larger).lexicographicallyPrecedes(key(smaller)))
        for parts in [smaller, larger] {
            let bytes = key(parts)
            let read = try bytes.withUnsafeBytes { buffer in
                var reader = SortKeyReader(buffer)
                return try RunStore.decoding { () throws(StoreCodingError) in (try reader.int(), try reader.string(), try reader.int()) }
            }
            #expect(read.0 == parts.0 && read.1 == parts.1 && read.2 == -5)
        }
    }

    @Test("a sort gives its records in key order, equal keys in the order added, whether it held them all or merged runs",
          arguments: [1, 24, 100, 1 << 20])
    func externalSort(_ budget: Int) throws {
        // 1,000 rows: keys repeat, so the order among equal keys shows.
        let rows = (0..<1000).map { index in ("k\((index * 7919) % 37)", index % 3 == 0 ? "" : "o\(index % 5)", index) }
        let sorted = try Self.drain(try Self.sorter(rows, budget: budget).sorted())
        let expected = rows.enumerated().sorted { left, right in
            let a = Array(left.element.0.utf8) + [0, 0] + Array(left.element.1.utf8), b = Array(right.element.0.utf8) + [0, 0] + Array(right.element.1.utf8)
            return a != b ? a.lexicographicallyPrecedes(b) : left.offset < right.offset
        }.map { "\($0.element.0)|\($0.element.1)=\($0.element.2)" }
        #expect(sorted == expected)
        #expect(sorted.first == "k0|=0")
        #expect(try Self.drain(try Self.sorter([], budget: budget).sorted()) == [])
        // An empty key and an empty value sort first and read back empty.
        let empty = ExternalSorter(budget: budget)
        try empty.add(SortKey(), value: [7])
        try empty.add(SortKey())
        let records = try empty.sorted()
        #expect(try records.next() && records.key.isEmpty && Array(records.value) == [7])
        #expect(try records.next() && records.value.isEmpty)
        #expect(try !records.next())
    }

    @Test("a record file gives back its records in order and its pieces by place, across its buffer's edge")
    func recordFile() throws {
        let file = try RecordFile()
        // Records of 0 to 3 × the buffer's size: their lengths take 1 to 3 varint bytes.
        let sizes = [0, 1, 127, 128, 300, RecordFile.bufferSize - 3, RecordFile.bufferSize * 3, 5]
        var pieces: [RecordFile.Piece] = []
        for (index, size) in sizes.enumerated() {
            file.append((0..<size).map { UInt8(truncatingIfNeeded: $0 &+ index) })
            pieces.append(file.appendRaw([UInt8](repeating: UInt8(index), count: size)))
        }
        #expect(pieces.map(\.count) == sizes)
        #expect(try file.bytes(at: pieces[6]) == [UInt8](repeating: 6, count: sizes[6]))
        #expect(try file.bytes(at: pieces[7]) == [UInt8](repeating: 7, count: 5))
        // Raw pieces sit between the records; reading records from the start would read them
        // as records, so each record is read from where it begins.
        var start = 0
        for (index, size) in sizes.enumerated() {
            let records = try file.records(from: start)
            let record = try #require(try records.next())
            #expect(Array(record) == (0..<size).map { UInt8(truncatingIfNeeded: $0 &+ index) })
            start = records.offset + size
        }
        #expect(throws: PipelineError.self) { try file.bytes(at: RecordFile.Piece(offset: file.length - 2, count: 3)) }
    }

    /// A session of one document as the join sees it.
    static func session(_ kind: DocumentKind, _ year: Int, _ number: Int?, _ title: String, file: String) -> Session {
        let raw = RawSession(sourceKind: kind, year: year, number: number.map { SessionNumber(prefix: "WS", value: $0) }, title: title,
                             location: SourceLocation(file: file, line: 1))
        return Session(id: Normalizer.sessionID(for: raw), raw: raw, people: [])
    }

    /// Joins the sessions (one document each, in this order) in a store; the joined sessions
    /// in output order as `id: sources`, and the warnings' codes and places.
    static func joined(_ sessions: [Session], sortBudget: Int = ExternalSorter.defaultBudget) throws -> (sessions: [String], warnings: [String]) {
        let store = try RunStore(sortBudget: sortBudget)
        // Stored in reverse, as a merge may receive them: the documents' places decide.
        try store.add(sessions.enumerated().reversed().map { index, session in
            Runner.DocumentResult(index: index, read: true, sessions: [session], diagnostics: [],
                                  manifest: .init(path: session.raw.location.file, size: 0, sha256: "", kind: session.raw.sourceKind.label))
        }, jobs: 2)
        _ = try store.join(aliases: PeopleAliases(), jobs: 2)
        _ = try store.identify(aliases: PeopleAliases(), years: nil, jobs: 2)
        try store.sortRows()
        var joined: [String] = []
        try store.sessions(jobs: 2, { "\($0.id): \($0.sources.map(\.location.file).joined(separator: " "))" }) { joined += $0 }
        var warnings: [String] = []
        try store.diagnostics { warnings.append("\($0.code.rawValue) \($0.location.file)") }
        return (joined, warnings)
    }

    @Test("the join rule: number first, then title; proposal facts first; ambiguity and coinciding ids warned")
    func joinRule() throws {
        let cases: [(sessions: [Session], joined: [String], warnings: [String])] = [
            // A report without a number joins the proposal with its title; the proposal leads.
            ([Self.session(.reportPage, 2020, nil, "Data  Flows!", file: "r"), Self.session(.proposal, 2020, 7, "Data flows", file: "p")],
             ["2020-WS-7: p r"], []),
            // Another year's title is another session.
            ([Self.session(.proposal, 2020, 7, "Data flows", file: "p"), Self.session(.reportPage, 2021, nil, "Data flows", file: "r")],
             ["2020-WS-7: p", "2021-data-flows: r"], []),
            // Two numbers share the title: the unnumbered report stays alone, with a warning.
            ([Self.session(.proposal, 2020, 1, "Same", file: "a"), Self.session(.proposal, 2020, 2, "Same", file: "b"),
              Self.session(.reportPage, 2020, nil, "Same", file: "r")],
             ["2020-WS-1: a", "2020-WS-2: b", "2020-same: r"], ["ambiguous-title r"]),
            // Unnumbered sessions with one title join each other; the same number twice too.
            ([Self.session(.eventListing, 2019, nil, "Open forum", file: "l"), Self.session(.reportPage, 2019, nil, "open FORUM", file: "r"),
              Self.session(.proposal, 2019, 3, "X", file: "p1"), Self.session(.proposal, 2019, 3, "Y", file: "p2")],
             ["2019-WS-3: p1 p2", "2019-open-forum: r l"], ["duplicate-session p2"]),
            // Two titles, one id (no title reads as `untitled`): two sessions, the later one's
            // id with a suffix.
            ([Self.session(.reportPage, 2019, nil, "", file: "r1"), Self.session(.reportPage, 2019, nil, "Untitled", file: "r2")],
             ["2019-untitled: r1", "2019-untitled-2: r2"], ["duplicate-session r2"]),
            // A suffix another session's id already has is passed over.
            ([Self.session(.reportPage, 2019, nil, "", file: "r1"), Self.session(.reportPage, 2019, nil, "Untitled", file: "r2"),
              Self.session(.reportPage, 2019, nil, "Untitled 2", file: "r3")],
             ["2019-untitled: r1", "2019-untitled-2: r3", "2019-untitled-3: r2"], ["duplicate-session r2"]),
        ]
        // Sorts held in memory, and sorts of one record per run, merged.
        for budget in [ExternalSorter.defaultBudget, 1] {
            for (sessions, joined, warnings) in cases {
                let result = try Self.joined(sessions, sortBudget: budget)
                #expect(result.sessions == joined)
                #expect(result.warnings == warnings)
            }
        }
    }
}
