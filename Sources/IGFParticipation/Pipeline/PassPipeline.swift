import Dispatch
import Synchronization

/// How a pass over a year's store (`YearStore`) works through its sessions: this thread
/// reads a chunk of them from the store's files, other threads decode and transform it,
/// and this thread hands the results on in read order. The read stage works through its
/// batches of documents the same way (`Runner.extractBatches`).
enum PassPipeline {
    /// A stored session as a pass reads it: its stored bytes, its id and its place.
    struct Row: Sendable {
        var bytes: [UInt8]
        var id: String
        var seq: Int
    }

    /// Reads rows from `next` (nil at the end) a chunk at a time, transforms them on `jobs`
    /// workers and hands each chunk's results to `deliver` in row order.
    static func chunks<Output: Sendable>(jobs: PassWorkers, next: () throws(PipelineError) -> Row?,
                                         _ transform: @escaping @Sendable (Row) throws(StoreCodingError) -> Output,
                                         deliver: ([Output]) throws(PipelineError) -> Void) throws(PipelineError) {
        let chunkSize = max(256, 64 * jobs.share)
        var done = false
        try run(jobs: jobs, read: { () throws(PipelineError) -> [Row]? in
            var rows: [Row] = []
            rows.reserveCapacity(chunkSize)
            while !done, rows.count < chunkSize {
                guard let row = try next() else { done = true; break }
                rows.append(row)
            }
            return rows.isEmpty ? nil : rows
        }, transform: { row in
            Swift.Result { () throws(StoreCodingError) in try transform(row) }
        }, deliver: { results throws(PipelineError) in
            var outputs: [Output] = []
            outputs.reserveCapacity(results.count)
            for result in results {
                guard case .success(let output) = result else { throw RunStore.damaged }
                outputs.append(output)
            }
            try deliver(outputs)
        })
    }

    /// Reads chunks of items on this thread, transforms each item and hands each chunk's
    /// results to `deliver` in order, until `read` gives nil. `jobs` is asked before each
    /// chunk: with one thread the chunk is transformed and delivered in line; with more,
    /// the others start on the chunk (`SharedMap`) while this thread delivers the last one
    /// (which may write to the store) and reads the next, then joins them on what is left:
    /// one chunk in flight, and no thread idle while a chunk has items to take.
    static func run<Item: Sendable, Output: Sendable>(
        jobs: PassWorkers, read: () throws(PipelineError) -> [Item]?, transform: @escaping @Sendable (Item) -> Output,
        deliver: ([Output]) throws(PipelineError) -> Void
    ) throws(PipelineError) {
        let group = DispatchGroup()
        defer { group.wait() }
        var previous: [Output]?
        var next = try read()
        while let chunk = next {
            let threads = jobs.now
            guard threads > 1 else {
                if let done = previous {
                    previous = nil
                    try deliver(done)
                }
                try deliver(chunk.map(transform))
                next = try read()
                continue
            }
            let shared = SharedMap(chunk, transform)
            for _ in 1..<threads {
                DispatchQueue.global().async(group: group) { shared.work() }
            }
            if let done = previous {
                previous = nil
                try deliver(done)
            }
            next = try read()
            shared.work()
            group.wait()
            previous = shared.collect()
        }
        if let done = previous { try deliver(done) }
    }
}
