import Synchronization

/// Counts finished documents across workers and reports progress now and then.
final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func increment() {
        let value = done.add(1, ordering: .relaxed).newValue
        // About a hundred reports per run, and the last one.
        if let report, value == total || value % max(1, total / 100) == 0 { report(value, total) }
    }
}
