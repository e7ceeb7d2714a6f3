import Foundation
import Testing
@testable import IGFParticipation

/// Scheduled-run safety: result sets swapped in whole, one run at a time, a manifest.
@Suite("Batch runs", .serialized)
struct BatchRunTests {
    /// Two corpora big enough for a run to take a couple of seconds, with different outputs.
    static let corpora: (a: URL, b: URL) = {
        let root = TestSupport.temporaryFolder()
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        for folder in [a, b] {
            try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for copy in 1...50 {
                for name in try! FileManager.default.contentsOfDirectory(atPath: TestSupport.corpus.path) {
                    try! FileManager.default.copyItem(at: TestSupport.corpus.appendingPathComponent(name),
                                                      to: folder.appendingPathComponent("\(copy)-\(name)"))
                }
            }
        }
        try! "IGF 2022 WS #1 Only in B\n\nSpeaker 1: Ana Lima, Civil Society, GRULAC\n\nRound Table - U-shape - 60 Min\n"
            .write(to: b.appendingPathComponent("extra.txt"), atomically: true, encoding: .utf8)
        return (a, b)
    }()

    static func start(_ corpus: URL, output: URL, _ extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["run", TestSupport.defaultPipeline.path, "--input", corpus.path, "--output", output.path,
                             "--quiet", "--jobs", "2", "--no-cache"] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = Pipe()
        try process.run()
        return process
    }

    static func files(_ folder: URL) -> [String: [UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.filter { $0 != "run.json" }.map { ($0, TestSupport.bytes(folder.appendingPathComponent($0))) })
    }

    @Test("a run killed at any moment (SIGKILL) leaves the previous complete set, never a mix or a partial file")
    func killedRuns() throws {
        let folder = TestSupport.temporaryFolder()
        let output = folder.appendingPathComponent("latest")
        // Reference sets: a full run of each corpus.
        var started = Date()
        let first = try Self.start(Self.corpora.a, output: output)
        first.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        let setA = Self.files(output)
        _ = try Self.start(Self.corpora.b, output: output).waitUntilExit()
        let setB = Self.files(output)
        #expect(setA.count == 13 && setB.count == 13 && setA != setB)
        _ = try Self.start(Self.corpora.a, output: output).waitUntilExit()

        let fractions = [0.0, 0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.88, 0.93, 0.96, 0.98, 0.99, 1.0, 1.02]
        var previous = setA
        for (index, fraction) in fractions.enumerated() {
            let corpus = index % 2 == 0 ? Self.corpora.b : Self.corpora.a
            let run = try Self.start(corpus, output: output)
            started = Date()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            let now = Self.files(output)
            #expect(now == setA || now == setB, "killed at \(fraction): a mixed or partial set")
            #expect(now == previous || now == (corpus == Self.corpora.b ? setB : setA), "killed at \(fraction)")
            let manifest = try Data(contentsOf: output.appendingPathComponent("run.json"))
            #expect((try? JSONSerialization.jsonObject(with: manifest)) != nil, "run.json is whole")
            previous = now
        }
        // Nothing half-written is ever under the output path, and a later run cleans up.
        let status = try Self.start(Self.corpora.a, output: output)
        status.waitUntilExit()
        #expect(status.terminationStatus == 1)
        #expect(Self.files(output) == setA)
        let sets = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".latest.runs").path)
        #expect(sets.count <= 2, "\(sets)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".link-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a temporary link left by a run killed between making and renaming it is removed by the next run")
    func staleLink() throws {
        let folder = TestSupport.temporaryFolder()
        let output = folder.appendingPathComponent("latest")
        let stale = folder.appendingPathComponent(".latest.link-20261124T000000.000Z-4242")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(symlink(".latest.runs/20261124T000000.000Z-4242", stale.path) == 0)
        let other = folder.appendingPathComponent(".other.link-20261124T000000.000Z-4242")
        #expect(symlink(".other.runs/x", other.path) == 0)
        let run = try Self.start(Self.corpora.a, output: output)
        run.waitUntilExit()
        #expect(run.terminationStatus == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [".latest.lock", ".latest.runs", ".other.link-20261124T000000.000Z-4242", "latest"], "\(names)")
    }

    @Test("a run keeps the set it replaces, for readers still on it, and removes older ones and a set a killed run left half-written",
          arguments: [1, 2])
    func keptSets(jobs: Int) throws {
        let folder = TestSupport.temporaryFolder()
        let output = folder.appendingPathComponent("latest")
        let runs = folder.appendingPathComponent(".latest.runs")
        let definition = try TestSupport.defaultDefinition(output: output)
        _ = try Runner.run(definition, jobs: jobs)
        let replaced = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: output.path)).lastPathComponent
        // An older set no link points to, and one a killed run left half-written since.
        for name in ["20190101T000000.000Z-1", replaced + "-killed"] {
            try FileManager.default.createDirectory(at: runs.appendingPathComponent(name), withIntermediateDirectories: true)
            try "partial".write(to: runs.appendingPathComponent(name).appendingPathComponent("sessions.csv"), atomically: false, encoding: .utf8)
        }
        _ = try Runner.run(definition, jobs: jobs)
        let published = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: output.path)).lastPathComponent
        #expect(published != replaced)
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted() == [replaced, published].sorted())
        let replacedFiles = Self.files(runs.appendingPathComponent(replaced))
        #expect(replacedFiles.count == 13 && replacedFiles == Self.files(output), "the replaced set is whole")
    }

    @Test("one run at a time: a second run exits 5 with a clear message, or waits with --wait; a killed run holds nothing")
    func lock() throws {
        let output = TestSupport.temporaryFolder().appendingPathComponent("latest")
        let lockFile = output.deletingLastPathComponent().appendingPathComponent(".latest.lock")
        // This process holds the lock as another run would: no race with how long a run takes.
        var held: OutputLock? = try OutputLock(for: output, wait: false)
        let second = try Self.start(Self.corpora.b, output: output)
        second.waitUntilExit()
        let message = String(decoding: (second.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus == 5)
        #expect(message == "igf-participation: error: \(output.path): another run (pid \(getpid())) is writing this output folder; try again later or pass --wait\n")

        let waiting = try Self.start(Self.corpora.b, output: output, ["--wait"])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(waiting.isRunning, "a run with --wait waits for the lock")
        withExtendedLifetime(held) {}
        held = nil
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 1)
        #expect(TestSupport.rows(output.appendingPathComponent("sessions.csv")).contains { $0.first == "2022-WS-1" }, "the waiting run ran after")

        // A run killed while it holds the lock (its pid is in the lock file) leaves it free.
        let crashed = try Self.start(Self.corpora.a, output: output)
        let holder = "pid \(crashed.processIdentifier)"
        let deadline = Date().addingTimeInterval(60)
        while crashed.isRunning, Date() < deadline,
              (try? String(contentsOf: lockFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) != holder {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(crashed.processIdentifier, SIGKILL)
        crashed.waitUntilExit()
        let after = try Self.start(Self.corpora.a, output: output)
        after.waitUntilExit()
        #expect(after.terminationStatus == 1, "the lock died with the killed run")
    }

    @Test("run.json: version, pipeline hash, every input with size, SHA-256 and kind, counts, warnings, stage times, exit status")
    func manifest() throws {
        let output = TestSupport.temporaryFolder().appendingPathComponent("latest")
        let report = try Runner.run(try TestSupport.defaultDefinition(output: output), jobs: 2)
        #expect(report.status == .successWithWarnings)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("run.json"))) as? [String: Any])
        #expect((json["tool"] as? [String: String])?["version"] == ToolInfo.version)
        let pipeline = try #require(json["pipeline"] as? [String: Any])
        #expect(pipeline["sha256"] as? String == Hashing.sha256(TestSupport.bytes(TestSupport.defaultPipeline)))
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["kind"] as? String } == ["report-page", "proposal", "proposal", "event-listing", "proposal"])
        let ws221 = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("ws221-proposal.txt") == true })
        #expect(ws221["size"] as? Int == 6516)
        #expect(ws221["sha256"] as? String == Hashing.sha256(TestSupport.bytes(TestSupport.corpus.appendingPathComponent("igf2020-ws221-proposal.txt"))))
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts["documents_found"] == 5 && counts["sessions_counted"] == 21 && counts["warnings"] == 4)
        #expect((json["warnings"] as? [Any])?.count == 4)
        #expect(Set((json["stage_seconds"] as? [String: Any])?.keys.map { $0 } ?? []) == ["discover", "read_extract_normalize", "join", "aggregate", "render"])
        #expect((json["exit_status"] as? [String: Any])?["code"] as? Int == 1)
        let warnings = TestSupport.rows(output.appendingPathComponent("warnings.csv"))
        #expect(warnings.first == ["code", "file", "line", "byte_offset", "message", "raw"])
        #expect(warnings.count == 5)
        #expect(warnings[3] == ["missing-role-label", "Data/corpus/igf2021-ws188-proposal.txt", "12", "",
                                "person line has no role label above it; kept as unlabeled",
                                "Alexandre Roure, Private Sector, Western European and Others Group (WEOG)"])
    }

    @Test("--strict and --max-warnings: exit 4, the previous outputs stay, the rejected set is kept aside")
    func limits() throws {
        let folder = TestSupport.temporaryFolder()
        let output = folder.appendingPathComponent("latest")
        let first = try Self.start(TestSupport.corpus, output: output)
        first.waitUntilExit()
        let before = Self.files(output)
        for limit in [["--strict"], ["--max-warnings", "3"]] {
            let run = try Self.start(TestSupport.fixtures.appendingPathComponent("labels"), output: output, limit)
            run.waitUntilExit()
            let message = String(decoding: (run.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(run.terminationStatus == 4, "\(limit)")
            #expect(message.contains("warnings exceed the limit"), "\(message)")
            #expect(Self.files(output) == before)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("latest.rejected/run.json").path))
        }
        let allowed = try Self.start(TestSupport.corpus, output: output, ["--max-warnings", "4"])
        allowed.waitUntilExit()
        #expect(allowed.terminationStatus == 1)
    }

    @Test("an output path that is a folder of someone else's files is refused, not moved")
    func foreignFolder() throws {
        let output = TestSupport.temporaryFolder()
        try "mine".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: PipelineError.self) { try Runner.run(try TestSupport.defaultDefinition(output: output), jobs: 1) }
        #expect(TestSupport.text(output.appendingPathComponent("notes.txt")) == "mine")
    }
}
