import Dispatch
import Synchronization

/// Work a run does beside its stages, started where it can start and waited for where its
/// result is needed: sorting the warnings during the aggregate pass, removing old result
/// sets and letting the year stores go while the outputs are written.
///
/// With more than one job it runs on a Dispatch thread of its own, in the gaps the stage's
/// workers leave (the disk's flushes, a pass's last store); with one job it runs in line,
/// at once, so `--jobs 1` keeps to one core. A chore touches nothing the stage beside it
/// touches, so what it does is the same either way.
final class Chore<Value: Sendable>: Sendable {
    private let group = DispatchGroup()
    private let outcome = Mutex<Result<Value, PipelineError>?>(nil)

    init(jobs: Int, _ work: @escaping @Sendable () throws(PipelineError) -> Value) {
        if jobs > 1 {
            // A queue of its own, not the global one: its thread starts at once, even while
            // every worker of the global pool is busy or waiting.
            DispatchQueue(label: "igf-participation.chore").async(group: group) { [self] in run(work) }
        } else {
            run(work)
        }
    }

    private func run(_ work: () throws(PipelineError) -> Value) {
        let result = Result { () throws(PipelineError) in try work() }
        outcome.withLock { $0 = result }
    }

    /// Waits for the chore; its failure, if any, is thrown here.
    func value() throws(PipelineError) -> Value {
        group.wait()
        return try outcome.withLock { $0! }.get()
    }
}
