import Foundation
import Testing
@testable import IGFParticipation

@Suite("Incremental runs")
struct IncrementalRunTests {
    /// Runs `corpus` with or without a cache; returns the outputs' bytes (run.json aside) and run.json's counts.
    static func run(_ corpus: URL, cache: URL?) throws -> (files: [String: [UInt8]], counts: [String: Int], warnings: [String]) {
        let output = TestSupport.temporaryFolder().appendingPathComponent("latest")
        var definition = TestSupport.definition(reading: corpus, output: output)
        definition.base = corpus
        definition.cache = cache
        _ = try Runner.run(definition, jobs: 2)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("run.json"))) as? [String: Any]
        let warnings = (manifest?["warnings"] as? [[String: Any]] ?? []).map { "[\($0["code"] ?? "")] \($0["message"] ?? "")" }
        return (BatchRunTests.files(output), manifest?["counts"] as? [String: Int] ?? [:], warnings)
    }

    static func corpus() throws -> URL {
        let folder = TestSupport.temporaryFolder().appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: TestSupport.corpus, to: folder)
        return folder
    }

    @Test("outputs of an incremental run are byte-identical to a full run; only new or changed files are extracted")
    func incrementalEqualsFull() throws {
        let corpus = try Self.corpus()
        let cache = TestSupport.temporaryFolder()
        let cold = try Self.run(corpus, cache: cache)
        #expect(cold.counts["cache_misses"] == 5 && cold.counts["cache_hits"] == 0)
        let warm = try Self.run(corpus, cache: cache)
        #expect(warm.counts["cache_hits"] == 5 && warm.counts["cache_misses"] == 0)
        let full = try Self.run(corpus, cache: nil)
        #expect(warm.files == full.files)
        #expect(cold.files == full.files)

        // Change one document and add one: two misses, the rest from the cache, and still the same as a full run.
        let ws334 = corpus.appendingPathComponent("igf2020-ws334-proposal.txt")
        try TestSupport.text(ws334).replacingOccurrences(of: "Speaker 4: Ashnah Kalemera, Civil Society, African Group",
                                                         with: "Speaker 4: Ashnah Kalemera, Government, African Group")
            .write(to: ws334, atomically: true, encoding: .utf8)
        try "IGF 2022 WS #9 New\n\nSpeaker 1: Ana Lima, Civil Society, GRULAC\n\nOther - 60 Min\n\nPolicy Question(s)\n"
            .write(to: corpus.appendingPathComponent("new-proposal.txt"), atomically: true, encoding: .utf8)
        let changed = try Self.run(corpus, cache: cache)
        #expect(changed.counts["cache_hits"] == 4 && changed.counts["cache_misses"] == 2)
        let changedFull = try Self.run(corpus, cache: nil)
        #expect(changed.files == changedFull.files)
        #expect(changed.files != full.files)
    }

    @Test("a vocabulary change makes every entry a miss")
    func vocabularyChange() throws {
        let corpus = try Self.corpus()
        let cache = TestSupport.temporaryFolder()
        _ = try Self.run(corpus, cache: cache)
        let vocabularies = TestSupport.temporaryFolder().appendingPathComponent("vocabularies")
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("Data/vocabularies"), to: vocabularies)
        let file = vocabularies.appendingPathComponent("stakeholder-groups.csv")
        try (TestSupport.text(file) + "Technical Community,Academia\n").write(to: file, atomically: true, encoding: .utf8)
        var definition = TestSupport.definition(reading: corpus, output: TestSupport.temporaryFolder().appendingPathComponent("latest"))
        definition.base = corpus
        definition.cache = cache
        definition.vocabularies = vocabularies
        let result = try Runner.compute(definition, jobs: 2)
        #expect(result.counts.first { $0.0 == "cache_misses" }?.1 == 5)
    }

    @Test("a corrupt or foreign cache is detected and rebuilt with a warning, never trusted", arguments: ["garbage", "foreign", "other-version"])
    func untrusted(_ kind: String) throws {
        let corpus = try Self.corpus()
        let cache = TestSupport.temporaryFolder()
        let database = cache.appendingPathComponent(ExtractCache.fileName)
        switch kind {
        case "garbage":
            _ = try Self.run(corpus, cache: cache)
            var bytes = TestSupport.bytes(database)
            for index in stride(from: 0, to: min(bytes.count, 4096), by: 7) { bytes[index] ^= 0xFF }
            try Data(bytes).write(to: database)
        default:
            let sql = kind == "foreign" ? "PRAGMA application_id = 42; CREATE TABLE t (x);"
                : "PRAGMA application_id = \(ExtractCache.applicationID); PRAGMA user_version = 99; CREATE TABLE t (x);"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                                 database.path, sql]
            try process.run()
            process.waitUntilExit()
        }
        let rebuilt = try Self.run(corpus, cache: cache)
        #expect(rebuilt.warnings.contains { $0.contains("[cache-rebuilt]") }, "\(rebuilt.warnings)")
        #expect(rebuilt.counts["cache_hits"] == 0)
        let full = try Self.run(corpus, cache: nil)
        #expect(rebuilt.files.filter { $0.key != "warnings.csv" } == full.files.filter { $0.key != "warnings.csv" })
        let again = try Self.run(corpus, cache: cache)
        #expect(again.counts["cache_hits"] == 5)
        #expect(again.files == full.files)
    }
}
