import Dispatch
import Synchronization

/// Maps over an array on `jobs` Dispatch workers, keeping input order.
///
/// Each worker takes the next index from a shared atomic counter (so a worker that drew
/// small documents takes more of them) and writes each result into that index's own
/// pre-sized slot, so the output is the same whatever the number of workers.
enum ParallelMap {
    /// `workerDone` is called by each worker as it finds no input left (while others may
    /// still be at work); with one worker, never.
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], jobs: Int, workerDone: (@Sendable () -> Void)? = nil,
                                                        _ transform: @escaping @Sendable (Input) -> Output) -> [Output] {
        let workers = max(1, min(jobs, inputs.count))
        if workers == 1 { return inputs.map(transform) }
        let shared = SharedMap(inputs, transform)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            shared.work()
            workerDone?()
        }
        return shared.collect()
    }
}

/// A map that any thread may join while it lasts: each `work` call takes the next index
/// from a shared atomic counter until none is left, writing each result into that index's
/// own slot. `collect` gives the results in input order once every `work` call has returned.
final class SharedMap<Input: Sendable, Output: Sendable>: Sendable {
    private let inputs: [Input]
    private let transform: @Sendable (Input) -> Output
    private let next = Atomic<Int>(0)
    private let slots: Slots<Output>

    init(_ inputs: [Input], _ transform: @escaping @Sendable (Input) -> Output) {
        self.inputs = inputs
        self.transform = transform
        slots = Slots(count: inputs.count)
    }

    func work() {
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < inputs.count else { return }
            slots.store(transform(inputs[index]), at: index)
        }
    }

    /// The results, in input order; only after every `work` call has returned (a
    /// happens-before edge: `concurrentPerform` returning, or a Dispatch group waited on).
    func collect() -> [Output] {
        slots.collect()
    }
}

/// Pre-sized result slots that concurrent workers fill, each index written exactly once.
///
/// `@unchecked Sendable` is sound here because no two workers touch the same index and
/// `collect` runs only after every worker has finished (`SharedMap.collect`).
private final class Slots<Output>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<Output?>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil, count: count)
    }

    deinit {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }

    func store(_ value: Output, at index: Int) {
        buffer[index] = value
    }

    func collect() -> [Output] {
        (0..<count).map { buffer[$0]! }
    }
}
