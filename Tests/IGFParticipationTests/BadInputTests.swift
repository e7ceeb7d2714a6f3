import Foundation
import Testing
@testable import IGFParticipation

@Suite("Bad input costs nothing else")
struct BadInputTests {
    @Test("empty, blank, undecodable and unknown files are skipped with warnings; the good one is counted")
    func badFiles() throws {
        let folder = TestSupport.fixtures.appendingPathComponent("run-with-bad-files")
        let result = try Runner.compute(TestSupport.definition(reading: folder, output: TestSupport.temporaryFolder()), jobs: 2)
        #expect(result.documentsFound == 5, "ignored.md does not match *.txt")
        #expect(result.documentsRead == 1)
        let prefix = "Tests/IGFParticipationTests/Fixtures/run-with-bad-files/"
        #expect(result.diagnostics.map(\.description) == [
            prefix + "bad-utf8-proposal.txt:3 (byte 44): [invalid-utf8] file is not valid UTF-8; skipped",
            prefix + "blank-lines.txt: [empty-file] file is empty; skipped",
            prefix + "empty.txt: [empty-file] file is empty; skipped",
            prefix + "notes.txt:1: [unknown-kind] document of no known kind; skipped: \"Meeting notes, not an IGF document.\"",
        ])
        let session = try #require(result.statistics.first)
        #expect(result.statistics.count == 1)
        #expect(session.session.id == "2020-WS-905")
        #expect(session.speakers.distinctStakeholderGroups == 3)
        #expect(session.meetsDiversityBar)
        #expect(result.years.first?.diversityBarShare == 1.0)
    }

    @Test("two documents of one kind with one session number are the same session: joined, with a warning naming both")
    func duplicateSessions() throws {
        let folder = TestSupport.temporaryFolder()
        let proposal = "IGF 2020 WS #7 Same number\n\nSpeaker 1: Ana Lima, Civil Society, GRULAC\n\nOther - 60 Min\n"
        try proposal.write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try proposal.write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        var definition = TestSupport.definition(reading: folder, output: TestSupport.temporaryFolder())
        definition.base = folder
        let result = try Runner.compute(definition, jobs: 2)
        #expect(result.statistics.map(\.session.id) == ["2020-WS-7"])
        #expect(result.statistics.first?.session.sources.map(\.description) == ["a.txt:1", "b.txt:1"])
        #expect(result.statistics.first?.speakers.slots == 1)
        #expect(result.diagnostics.map(\.description)
                == ["b.txt:1: [duplicate-session] another proposal already gives WS #7 in 2020 (a.txt:1); joined, the first one's facts win: \"Same number\""])
    }

    @Test("a missing input folder stops the run with a one-line reason")
    func missingFolder() {
        let missing = TestSupport.root.appendingPathComponent("no-such-folder")
        #expect(throws: PipelineError.unreadable(path: missing.path, reason: "input folder does not exist")) {
            try Runner.compute(TestSupport.definition(reading: missing, output: TestSupport.temporaryFolder()), jobs: 1)
        }
    }
}
