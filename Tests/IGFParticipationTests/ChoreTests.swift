import Dispatch
import Synchronization
import Testing
@testable import IGFParticipation

@Suite("Chores beside the stages")
struct ChoreTests {
    @Test("with one job a chore runs in line before the next statement; with more, beside it, and its value or failure comes at the wait",
          arguments: [(1, true), (2, false), (4, false)])
    func chore(jobs: Int, inLine: Bool) throws {
        let started = Mutex(false)
        let gate = DispatchSemaphore(value: 0)  // opened by the test; a chore beside it waits for it
        let chore = Chore(jobs: jobs) { () throws(PipelineError) -> Int in
            started.withLock { $0 = true }
            // Beside the test, it waits for the test to go on (in line, it would wait in vain).
            if jobs > 1, gate.wait(timeout: .now() + 20) == .timedOut { return -1 }
            return 42
        }
        if inLine { #expect(started.withLock { $0 }) }
        gate.signal()
        #expect(try chore.value() == 42)
        #expect(try chore.value() == 42, "a second wait gives the same value")
        let failing = Chore<Int>(jobs: jobs) { () throws(PipelineError) -> Int in throw .output(path: "x", reason: "full disk") }
        #expect(throws: PipelineError.output(path: "x", reason: "full disk")) { try failing.value() }
    }
}
