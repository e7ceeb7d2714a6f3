import Foundation
import Testing
@testable import IGFParticipation

/// Tests/Fixtures/bad-input: every kind of bad input, each a precise warning, nothing else lost.
@Suite("Bad input, every kind")
struct BadInputCorpusTests {
    static let source = TestSupport.root.appendingPathComponent("Tests/Fixtures/bad-input")

    /// A copy of the fixture corpus with the three cases git cannot hold.
    static func corpus(unreadable: Bool = false) throws -> URL {
        let copy = TestSupport.temporaryFolder().appendingPathComponent("bad-input")
        try FileManager.default.copyItem(at: source, to: copy)
        let long = "IGF 2022 WS #906 A proposal with a very long line\n\nSpeaker 1: Ana Lima, Civil Society, GRULAC\n"
            + String(repeating: "x", count: 10_000_000) + "\n\nRound Table - U-shape - 60 Min\n\nPolicy Question(s)\n"
        try long.write(to: copy.appendingPathComponent("long-line-proposal.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: copy.appendingPathComponent("nested/loop").path, withDestinationPath: "..")
        if unreadable {
            let file = copy.appendingPathComponent("unreadable.txt")
            try "IGF 2022 WS #907 Nobody may read this\n".write(to: file, atomically: true, encoding: .utf8)
            chmod(file.path, 0)
        }
        return copy
    }

    static func definition(_ folders: [URL], base: URL) -> PipelineDefinition {
        PipelineDefinition(inputs: folders.map { .init(folder: $0) } + [.init(folder: TestSupport.corpus)],
                           vocabularies: TestSupport.root.appendingPathComponent("Data/vocabularies"),
                           output: TestSupport.temporaryFolder(), base: base)
    }

    @Test("discovery: files and folders by the listing's type, links followed, a link to nowhere warned, hidden entries skipped")
    func discovery() throws {
        let root = TestSupport.temporaryFolder(), outside = TestSupport.temporaryFolder()
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for path in ["a.txt", "sub/b.txt", "notes.md", ".hidden.txt"] {
            try "x\n".write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try "x\n".write(to: outside.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link-to-a.txt").path, withDestinationPath: "a.txt")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("elsewhere").path, withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("gone.txt").path, withDestinationPath: "missing.txt")
        let (files, diagnostics) = try InputDiscovery.files(of: [.init(folder: root)], base: root)
        #expect((0..<files.count).map { files[$0].displayPath } == ["a.txt", "elsewhere/c.txt", "link-to-a.txt", "sub/b.txt"])
        #expect(diagnostics.map(\.description) == ["gone.txt: [unreadable-file] symbolic link leads nowhere; skipped"])
    }

    @Test("each bad file gives a precise warning with its file and line")
    func warnings() throws {
        let copy = try Self.corpus()
        let result = try Runner.compute(Self.definition([copy], base: copy), jobs: 2)
        let found = result.diagnostics.filter { !$0.location.file.contains("Data/corpus") }.map(\.description)
        #expect(found == [
            "bad-utf8-in-a-name-proposal.txt:5 (byte 100): [invalid-utf8] file is not valid UTF-8; skipped",
            "binary.txt (byte 8): [binary-file] file holds NUL bytes, so it is binary, not a text page; skipped",
            "duplicate-b-proposal.txt:1: [duplicate-session] another proposal already gives WS #903 in 2022 (duplicate-a-proposal.txt:1); joined, the first one's facts win: \"Second copy\"",
            "duplicate-b-proposal.txt:1: [session-conflict] duration 90 min differs from 60 min at duplicate-a-proposal.txt:1; the proposal's is kept: \"Second copy\"",
            "empty.txt: [empty-file] file is empty; skipped",
            "impossible-numbers-reports-page.txt:3: [missing-section] session has no `6. Estimated Participation` section; no participation read: \"A session with no section 6\"",
            "impossible-numbers-reports-page.txt:25: [number-too-large] number too large to be a participation count; not counted: \"99999999999999999999 people\"",
            "impossible-numbers-reports-page.txt:42: [percentage-out-of-range] percentage above 100; not counted: \"120% of the participants were women\"",
            "impossible-numbers-reports-page.txt:57: [negative-count] a participation count cannot be negative; not counted: \"-5 people\"",
            "long-line-proposal.txt:4: [line-too-long] line of 10000000 bytes is longer than 1048576; not read: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
            "nested/loop: [symlink-loop] folder leads back to \(copy.resolvingSymlinksInPath().path), already read (a symbolic-link loop); not read again",
            "truncated-proposal.txt:6: [incomplete-document] proposal ends before its format line and Policy Question(s): the page may be truncated; read as far as it goes: \"Speaker 2: Bo Ch\"",
            "truncated-proposal.txt:6: [malformed-person-line] expected <name>, <stakeholder>, <region>: \"Speaker 2: Bo Ch\"",
            "truncated-proposal.txt:6: [unknown-region] no regional group given; counted as Unknown",
            "truncated-proposal.txt:6: [unknown-stakeholder] no stakeholder group given; counted as Unknown",
            "unknown-labels-proposal.txt:3: [unknown-region] regional group matches no vocabulary entry; counted as Unknown: \"Middle East\"",
            "unknown-labels-proposal.txt:3: [unknown-stakeholder] stakeholder group matches no vocabulary entry; counted as Unknown: \"Academia\"",
        ])
    }

    @Test("every other document is fully counted: the same figures with and without the bad files")
    func nothingElseLost() throws {
        let copy = try Self.corpus()
        let good = TestSupport.temporaryFolder()
        try FileManager.default.copyItem(at: copy.appendingPathComponent("nested/good-proposal.txt"),
                                         to: good.appendingPathComponent("good-proposal.txt"))
        let with = try Runner.compute(Self.definition([copy], base: copy), jobs: 2)
        let without = try Runner.compute(Self.definition([good], base: good), jobs: 2)
        func figures(_ result: Runner.Result) -> [String: String] {
            Dictionary(uniqueKeysWithValues: result.statistics.map { item in
                (item.session.id, "\(StakeholderGroup.allCases.map { item.all.stakeholders[$0] }) \(RegionalGroup.allCases.map { item.all.regions[$0] }) "
                    + "\(String(describing: item.session.raw.participation?.total)) \(item.session.people.map(\.key))")
            })
        }
        let withFigures = figures(with), withoutFigures = figures(without)
        for (id, value) in withoutFigures {
            #expect(withFigures[id] == value, "\(id)")
        }
        for year in [2019, 2020, 2021] {
            let a = try #require(with.years.first { $0.year == year }), b = try #require(without.years.first { $0.year == year })
            #expect(a == b, "\(year)")
        }
        // What the bad files still say is counted too.
        let extra = Set(withFigures.keys).subtracting(withoutFigures.keys)
        #expect(extra == ["2022-WS-902", "2022-WS-903", "2022-WS-904", "2022-WS-906", "2022-a-session-with-no-section-6",
                          "2022-a-session-with-a-number-too-large", "2022-a-session-with-a-percentage-above-100",
                          "2022-a-session-with-a-negative-count", "2022-a-session-that-is-fine"])
        let fine = try #require(with.statistics.first { $0.session.id == "2022-a-session-that-is-fine" })
        #expect(fine.session.raw.participation?.women == Count(25))
        let percent = try #require(with.statistics.first { $0.session.id == "2022-a-session-with-a-percentage-above-100" })
        #expect(percent.session.raw.participation?.total == Count(80))
        #expect(percent.session.raw.participation?.women == nil)
        let long = try #require(with.statistics.first { $0.session.id == "2022-WS-906" })
        #expect(long.session.raw.durationMinutes == 60)
        #expect(long.speakers.slots == 1)
    }

    @Test("a file nobody may read: a warning naming it, the rest counted (run as an unprivileged user)",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func unreadableFile() throws {
        let copy = try Self.corpus(unreadable: true)
        let output = TestSupport.temporaryFolder()
        chmod(output.path, 0o777)
        chmod(copy.deletingLastPathComponent().path, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CommandLineTests.executable.path,
                             "run", TestSupport.defaultPipeline.path, "--input", copy.path, "--output", output.appendingPathComponent("latest").path,
                             "--log-format", "json", "--no-cache"]
        process.currentDirectoryURL = copy
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(log)")
        #expect(log.contains("\"code\":\"unreadable-file\""), "\(log)")
        #expect(log.contains("unreadable.txt: [unreadable-file] cannot read file (permission denied); skipped"), "\(log)")
        let warnings = TestSupport.rows(output.appendingPathComponent("latest/warnings.csv"))
        #expect(warnings.contains { $0.first == "unreadable-file" && $0[1] == "unreadable.txt" })
        let sessions = TestSupport.rows(output.appendingPathComponent("latest/sessions.csv"))
        #expect(sessions.contains { $0.first == "2022-WS-905" })
    }
}
