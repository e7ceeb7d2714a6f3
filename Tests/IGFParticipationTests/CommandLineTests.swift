import Foundation
import Testing

/// The built `igf-participation` binary, run as a user would.
@Suite("Command line")
struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let executable: URL = {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("igf-participation") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    static func run(_ arguments: [String], in folder: URL = FileManager.default.temporaryDirectory) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("run with no pipeline finds the default one, from any working folder, and prints a summary")
    func runDefault() throws {
        let output = TestSupport.temporaryFolder()
        let outcome = try Self.run(["run", "--output", output.path, "--jobs", "2", "--no-cache"])
        #expect(outcome.status == 1, "success with warnings: the sample pages lose labels")
        #expect(outcome.stdout.contains("status:         1, success with warnings"))
        #expect(outcome.stdout.contains("documents read: 5 of 5"))
        #expect(outcome.stdout.contains("sessions:       21"))
        #expect(outcome.stdout.contains("people:         25"))
        #expect(outcome.stdout.contains("warnings:       4 (listed in warnings.csv)"))
        #expect(outcome.stdout.contains("wall time:"))
        #expect(outcome.stderr.contains("warning: Data/corpus/igf2021-ws188-proposal.txt:12: [missing-role-label]"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("sessions.csv").path))
    }

    @Test("run --shard K/N writes partials, merge publishes the single run's bytes; a missing shard exits 3")
    func shardAndMerge() throws {
        let folder = TestSupport.temporaryFolder()
        let parts = folder.appendingPathComponent("parts")
        for index in 1...3 {
            let shard = try Self.run(["run", "--shard", "\(index)/3", "--output", parts.path, "--no-cache"])
            #expect(shard.status == 0, "a shard leaves warnings to the merge")
            #expect(shard.stdout.contains("partial:        \(parts.appendingPathComponent("shard-\(index)-of-3.json").path)"))
        }
        #expect(try Self.run(["run", "--shard", "4/3"]).status == 2)
        let merged = try Self.run(["merge", parts.path, "--output", folder.appendingPathComponent("merged").path, "--quiet"])
        #expect(merged.status == 1)
        _ = try Self.run(["run", "--output", folder.appendingPathComponent("single").path, "--no-cache", "--quiet"])
        for name in ["sessions.csv", "people.csv", "years.csv", "summary.json", "warnings.csv", "report.html"] {
            #expect(TestSupport.bytes(folder.appendingPathComponent("merged/\(name)")) == TestSupport.bytes(folder.appendingPathComponent("single/\(name)")))
        }
        try FileManager.default.removeItem(at: parts.appendingPathComponent("shard-2-of-3.json"))
        let missing = try Self.run(["merge", parts.path, "--output", folder.appendingPathComponent("again").path])
        #expect(missing.status == 3)
        #expect(missing.stderr == "igf-participation: error: \(parts.path): shard 2/3 missing; merge needs every shard\n")
    }

    @Test("--quiet prints nothing but the exit status")
    func quiet() throws {
        let outcome = try Self.run(["run", TestSupport.defaultPipeline.path, "--output", TestSupport.temporaryFolder().path, "--quiet", "--no-cache"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.isEmpty)
    }

    @Test("unusable input: a one-line reason on stderr and a non-zero exit")
    func unusableInput() throws {
        let missing = try Self.run(["run", "--input", "/no/such/folder", "--output", TestSupport.temporaryFolder().path])
        #expect(missing.status == 3)
        #expect(missing.stderr == "igf-participation: error: /no/such/folder: input folder does not exist\n")

        let folder = TestSupport.temporaryFolder()
        let pipeline = folder.appendingPathComponent("broken.yml")
        try "inputs: [{folder: a}]\nvocabularies: v\noutput: {folder: o}\nthresholds: {diversity_bar: lots}\n"
            .write(to: pipeline, atomically: true, encoding: .utf8)
        let broken = try Self.run(["run", pipeline.path])
        #expect(broken.status == 2)
        #expect(broken.stderr == "igf-participation: error: \(pipeline.path):4: expected a whole number\n")

        let usage = try Self.run(["run", "--jobs", "0"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--jobs must be at least 1"))
        let unknown = try Self.run(["run", "--colour"])
        #expect(unknown.status == 2)
    }

    @Test("inspect shows kind, people with raw and canonical labels, and file:line as JSON")
    func inspect() throws {
        let file = TestSupport.corpus.appendingPathComponent("igf2021-ws188-proposal.txt")
        let outcome = try Self.run(["inspect", file.path])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        let document = try #require(json.first)
        #expect(document["kind"] as? String == "proposal")
        let session = try #require((document["sessions"] as? [[String: Any]])?.first)
        let people = try #require(session["people"] as? [[String: Any]])
        #expect(people.map { $0["role"] as? String } == ["organizer", "organizer", "speaker", "speaker", "speaker",
                                                        "unlabeled", "moderator-online", "unlabeled"])
        let speaker = people[2]
        #expect((speaker["stakeholder_group"] as? [String: String]) == ["raw": "Intergovernmental Organization",
                                                                         "canonical": "Intergovernmental Organization"])
        #expect((speaker["regional_group"] as? [String: String]) == ["raw": "Western European and Others Group (WEOG)",
                                                                      "canonical": "WEOG"])
        #expect(speaker["source"] as? String == "\(file.path):7")
        #expect((document["warnings"] as? [[String: Any]])?.count == 2)
    }

    @Test("inspect FILE.csv prints the rows the reader reads, as a JSON array of arrays")
    func inspectCSV() throws {
        let outcome = try Self.run(["inspect", TableInputTests.messy.path])
        #expect(outcome.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String]])
        #expect(rows.first == ["YEAR ", " Session ", "Role", "Name", "Organisation", "Stakeholder", "Region", "Country", "Gender"])
        #expect(rows[1][3] == "=HYPERLINK(\"http://evil.example\",\"click\")")
        #expect(rows.map(\.count) == [9, 9, 9, 9, 9, 9, 9, 4, 10, 9, 9])
        let broken = try Self.run(["inspect", TestSupport.fixtures.appendingPathComponent("tables/unterminated.csv").path])
        #expect(broken.status == 3)
        #expect(broken.stderr.hasSuffix("unterminated.csv: line 3: quoted field is never closed\n"))
    }

    @Test("--excel writes a byte-order mark")
    func excelFlag() throws {
        let output = TestSupport.temporaryFolder()
        let outcome = try Self.run(["run", TestSupport.defaultPipeline.path, "--output", output.path, "--excel", "--quiet", "--no-cache"])
        #expect(outcome.status == 1)
        #expect(Array(TestSupport.bytes(output.appendingPathComponent("years.csv")).prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("compare 2019 2021 prints the metrics side by side, from a run's outputs or by running the pipeline")
    func compare() throws {
        let expected = """
            metric                         2019  2021     delta   change
            sessions                         10     9        -1   -10.0%
            speaker_slots                     0     3        +3         
            unique_people                     8     4        -4   -50.0%
            newcomers                         8     4        -4   -50.0%
            stakeholder_groups                3     3        +0    +0.0%
            share_meeting_diversity_bar    0.0%  0.0%   +0.0 pp         
            un_regional_groups_reached        4     2        -2   -50.0%
            share_sessions_3plus_regions  10.0%  0.0%  -10.0 pp  -100.0%
            participants                   1197     —                   
            women_share                   47.0%     —                   

            """
        let computed = try Self.run(["compare", "2019", "2021"])
        #expect(computed.status == 0)
        #expect(computed.stdout == expected)
        let output = TestSupport.temporaryFolder()
        _ = try Self.run(["run", "--output", output.path, "--quiet", "--no-cache"])
        let fromRun = try Self.run(["compare", "2019", "2021", "--from", output.path])
        #expect(fromRun.stdout == expected)
        let missing = try Self.run(["compare", "2018", "2021"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "igf-participation: error: no data for 2018; the run has 2019, 2020, 2021\n")
    }

    @Test("--help names every subcommand and the exit status")
    func help() throws {
        let outcome = try Self.run(["--help"])
        #expect(outcome.status == 0)
        for text in ["run", "inspect", "compare", "Exit status", "Pipelines/default.yml"] {
            #expect(outcome.stdout.contains(text), "\(text)")
        }
        let runHelp = try Self.run(["run", "--help"])
        for option in ["--input", "--output", "--jobs", "--quiet", "--excel"] {
            #expect(runHelp.stdout.contains(option), "\(option)")
        }
    }
}
