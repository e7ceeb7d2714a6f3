import Synchronization

/// How many threads a pass over a year store may use, asked again for every chunk it reads:
/// its share of the run's jobs, plus the workers that have finished every other store of
/// the pass and would otherwise wait for this one.
///
/// `RunStore` runs a pass one store per worker, the largest first. With five years on two
/// workers the fifth store runs alone; from the moment the other worker runs out of stores,
/// the last store's chunks are transformed on it while the store's own thread reads and
/// stores (`PassPipeline`). Which thread transforms a chunk never changes what
/// is written: results are delivered in read order.
final class PassWorkers: Sendable {
    /// The pass's own share of the jobs.
    let share: Int
    private let idle = Atomic<Int>(0)

    init(share: Int) {
        self.share = max(1, share)
    }

    /// The threads the pass may use now.
    var now: Int {
        share + idle.load(ordering: .relaxed)
    }

    /// A worker has no store left to start.
    func workerDone() {
        idle.wrappingAdd(1, ordering: .relaxed)
    }
}
