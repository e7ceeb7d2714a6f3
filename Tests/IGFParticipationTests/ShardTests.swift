import Foundation
import Testing
@testable import IGFParticipation

@Suite("Sharded runs and merge")
struct ShardTests {
    /// Every output but run.json (which records times), byte for byte.
    static func files(_ folder: URL) -> [String: [UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.filter { $0 != "run.json" }.map { ($0, TestSupport.bytes(folder.appendingPathComponent($0))) })
    }

    /// Runs `definition` once whole and once as `shards` shards merged; both result sets.
    static func singleAndMerged(_ definition: PipelineDefinition, shards: Int, batchSize: Int? = nil) throws
        -> (single: [String: [UInt8]], merged: [String: [UInt8]], reports: [ShardReport], merge: RunReport) {
        let folder = TestSupport.temporaryFolder()
        var single = definition
        single.output = folder.appendingPathComponent("single")
        _ = try Runner.run(single, options: RunOptions(jobs: 2))
        let partials = folder.appendingPathComponent("partials")
        var reports: [ShardReport] = []
        for index in 1...shards {
            var options = RunOptions(jobs: 1 + index % 2)
            options.batchSize = batchSize
            reports.append(try Runner.runShard(Shard(index: index, count: shards)!, of: definition, options: options, into: partials))
        }
        var merged = definition
        merged.output = folder.appendingPathComponent("merged")
        let merge = try Runner.merge([partials], definition: merged, options: RunOptions(jobs: 2))
        return (files(single.output), files(merged.output), reports, merge)
    }

    @Test("K/N is read strictly", arguments: [
        ("1/1", Shard(index: 1, count: 1)), ("3/7", Shard(index: 3, count: 7)), ("7/7", Shard(index: 7, count: 7)),
        ("0/3", nil), ("4/3", nil), ("3", nil), ("1/0", nil), ("a/b", nil), ("1/2/3", nil), ("-1/2", nil), ("", nil),
    ])
    func parse(_ text: String, _ expected: Shard?) {
        #expect(Shard(text) == expected)
    }

    @Test("a file's shard depends only on its path (FNV-1a)")
    func partition() {
        #expect(Shard.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c)
        let three = (1...3).map { Shard(index: $0, count: 3)! }
        let owners = ["Data/corpus/igf2019-reports-page.txt", "Data/corpus/igf2020-ws221-proposal.txt",
                      "Data/corpus/igf2020-ws334-proposal.txt", "Data/corpus/igf2021-itforchange-event-listing.txt",
                      "Data/corpus/igf2021-ws188-proposal.txt"].map { path in three.filter { $0.owns(path) }.map(\.index) }
        #expect(owners == [[3], [2], [3], [1], [3]])
    }

    @Test("merging N shards gives the bytes of a single run (sample corpus with a speaker sheet)", arguments: [1, 3, 7])
    func sampleCorpus(_ shards: Int) throws {
        let definition = try PipelineDefinition.load(TestSupport.root.appendingPathComponent("Pipelines/with-speaker-sheet.yml"))
        var uncached = definition
        uncached.cache = nil
        let run = try Self.singleAndMerged(uncached, shards: shards)
        #expect(run.merged.keys.sorted() == run.single.keys.sorted())
        #expect(run.merged.count == 13)
        for (name, bytes) in run.single {
            #expect(run.merged[name] == bytes, "\(name) differs after merging \(shards) shards")
        }
        #expect(run.reports.map(\.documents).reduce(0, +) == 6)
        #expect(run.reports.allSatisfy { $0.inputsFound == 6 })
        #expect(run.merge.documentsRead == 6)
        #expect(run.merge.sessions == 23)
        #expect(run.merge.status == .successWithWarnings)
    }

    @Test("merging N shards gives the bytes of a single run (generated corpus)", arguments: [1, 3, 7])
    func generatedCorpus(_ shards: Int) throws {
        let corpus = TestSupport.temporaryFolder()
        let truth = CorpusGenerator.generate(documents: 90, seed: 17, paragraphs: 2) { name, text in
            _ = FileManager.default.createFile(atPath: corpus.appendingPathComponent(name).path, contents: Data(text.utf8))
        }
        var definition = TestSupport.definition(reading: corpus, output: corpus)
        definition.base = corpus
        // Batches of 7 documents: each shard writes its partial in many pieces.
        let run = try Self.singleAndMerged(definition, shards: shards, batchSize: 7)
        for (name, bytes) in run.single {
            #expect(run.merged[name] == bytes, "\(name) differs after merging \(shards) shards")
        }
        #expect(run.merge.sessions == truth.years.values.reduce(0) { $0 + $1.sessions })
        // A single run in batches of 5 writes the same bytes as one in the default batches.
        var batched = definition
        batched.output = TestSupport.temporaryFolder().appendingPathComponent("batched")
        var options = RunOptions(jobs: 2)
        options.batchSize = 5
        _ = try Runner.run(batched, options: options)
        #expect(Self.files(batched.output) == run.single)
        // So does one whose year stores sort 256 bytes at a time: the many sorted runs a
        // large corpus writes, merged.
        var spilled = definition
        spilled.output = TestSupport.temporaryFolder().appendingPathComponent("spilled")
        options = RunOptions(jobs: 2)
        options.sortBudget = 256
        _ = try Runner.run(spilled, options: options)
        #expect(Self.files(spilled.output) == run.single)
        #expect(run.reports.map(\.documents).reduce(0, +) == 90)
        if shards == 7 { #expect(run.reports.allSatisfy { $0.documents > 0 }) }
    }

    @Test("merging N shards gives the bytes of a single run (bad input and its warnings)", arguments: [3])
    func badInput(_ shards: Int) throws {
        let copy = try BadInputCorpusTests.corpus()
        let definition = BadInputCorpusTests.definition([copy], base: copy)
        let run = try Self.singleAndMerged(definition, shards: shards)
        #expect(run.merged["warnings.csv"] == run.single["warnings.csv"])
        #expect(run.merged == run.single)
        let warnings = String(decoding: run.merged["warnings.csv"] ?? [], as: UTF8.self).split(separator: "\n")
        #expect(warnings.filter { $0.hasPrefix("symlink-loop,") }.count == 1)
        #expect(warnings.contains { $0.hasPrefix("line-too-long,") })
        #expect(run.merge.warnings == warnings.count - 1)
    }

    /// Partials of the sample corpus in a folder; their URLs by shard number.
    static func partials(_ shards: Int, vocabularies: URL? = nil) throws -> (folder: URL, files: [URL]) {
        let folder = TestSupport.temporaryFolder()
        var definition = try TestSupport.defaultDefinition(output: folder.appendingPathComponent("latest"))
        definition.cache = nil
        if let vocabularies { definition.vocabularies = vocabularies }
        let files = try (1...shards).map { index in
            try Runner.runShard(Shard(index: index, count: shards)!, of: definition, options: RunOptions(jobs: 1),
                                into: folder.appendingPathComponent("parts")).file
        }
        return (folder, files)
    }

    static func mergeError(_ paths: [URL], output: URL) throws -> String {
        var definition = try TestSupport.defaultDefinition(output: output)
        definition.cache = nil
        do {
            _ = try Runner.merge(paths, definition: definition, options: RunOptions(jobs: 1))
            return "merged"
        } catch {
            #expect(ExitStatus(error) == .unreadableInput)
            return error.description
        }
    }

    @Test("a merge that lacks a shard, has one twice, mixes runs or reads a damaged partial fails, naming the file")
    func refusals() throws {
        let three = try Self.partials(3)
        let output = three.folder.appendingPathComponent("latest")
        #expect(try Self.mergeError([three.files[0], three.files[2]], output: output).hasSuffix("shard 2/3 missing; merge needs every shard"))
        #expect(try Self.mergeError(three.files + [three.files[1]], output: output)
            == "\(three.files[1].path): shard 2/3 is also given as \(three.files[1].path)")
        let two = try Self.partials(2)
        #expect(try Self.mergeError(three.files + [two.files[0]], output: output)
            .hasPrefix("\(two.files[0].path): shard 1/2 of a run of 5 inputs does not belong with"))
        let damaged = three.folder.appendingPathComponent("shard-9-of-9.json")
        try Data("{\"format\": \"igf-participation-partial\"".utf8).write(to: damaged)
        #expect(try Self.mergeError([damaged], output: output).hasPrefix("\(damaged.path):1: not a partial written by `run --shard` (damaged JSON"))
        // A partial of another format version (the header's field) is refused before its documents are read.
        let older = three.folder.appendingPathComponent("older/shard-3-of-3.json")
        try FileManager.default.createDirectory(at: older.deletingLastPathComponent(), withIntermediateDirectories: true)
        try TestSupport.text(three.files[2]).replacingOccurrences(of: "\"formatVersion\":3", with: "\"formatVersion\":2")
            .write(to: older, atomically: true, encoding: .utf8)
        #expect(try Self.mergeError([three.files[0], three.files[1], older], output: output)
            == "\(older.path): a partial of format version 2; this igf-participation reads version 3: run the shards again")
        // A partial is a JSON header line, then one document per line (base64 of its binary form).
        let lines = TestSupport.text(three.files[2]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3 + 1 + 1, "header, the three documents of shard 3, and the final line end")
        let cut = three.folder.appendingPathComponent("cut/shard-3-of-3.json")
        try FileManager.default.createDirectory(at: cut.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (lines.prefix(3).joined(separator: "\n") + "\n").write(to: cut, atomically: true, encoding: .utf8)
        #expect(try Self.mergeError([three.files[0], three.files[1], cut], output: output)
            == "\(cut.path): holds 2 documents, its header says 3: the file is cut short or damaged")
        #expect(lines[1...3].allSatisfy { Data(base64Encoded: $0) != nil })
        // A line cut short, a line cut at a multiple of four (valid base64, a record cut
        // short), and a line of other text each name their line.
        for (line, damage) in [(3, { (text: String) in String(text.dropLast(5)) }), (2, { String($0.dropLast(8)) }),
                               (4, { _ in "{\"index\": 2}" })] {
            var broken = lines
            broken[line - 1] = damage(broken[line - 1])
            try broken.joined(separator: "\n").write(to: cut, atomically: true, encoding: .utf8)
            #expect(try Self.mergeError([three.files[0], three.files[1], cut], output: output)
                == "\(cut.path):\(line): not a partial written by `run --shard` (damaged document record)")
        }
        #expect(try Self.mergeError([three.folder.appendingPathComponent("nothing-here")], output: output)
            .hasSuffix("nothing-here: no such partial or folder"))
        // Other vocabularies: a copy with one more alias.
        let vocabularies = three.folder.appendingPathComponent("vocabularies")
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("Data/vocabularies"), to: vocabularies)
        let aliases = vocabularies.appendingPathComponent("stakeholder-groups.csv")
        try (TestSupport.text(aliases) + "Civil Society,NGO sector\n").write(to: aliases, atomically: true, encoding: .utf8)
        let other = try Self.partials(1, vocabularies: vocabularies)
        #expect(try Self.mergeError(other.files, output: output)
            == "\(other.files[0].path): made with other vocabularies than this pipeline's; run the shards with the same pipeline")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try Self.mergeError(three.files, output: output) == "merged")
    }
}
