import Dispatch
import Synchronization

/// How a pass over a year's store (`YearStore`) works through its sessions: this thread
/// reads a chunk of them from the store's files, other threads decode and transform it,
/// and this thread hands the results on in read order.
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
        }, transform: { rows, threads in
            ParallelMap.map(rows, jobs: threads) { row in Swift.Result { () throws(StoreCodingError) in try transform(row) } }
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

    /// Reads chunks on this thread, transforms each and hands the results to `deliver` in
    /// order, until `read` gives nil. `jobs` is asked before each chunk: with one thread the
    /// chunk is transformed and delivered in line; with more, the chunk is transformed on the
    /// others (`transform` gets how many) while this thread delivers the last one (which may
    /// write to the store) and reads the next: one chunk in flight.
    static func run<Chunk: Sendable, Result: Sendable>(
        jobs: PassWorkers, read: () throws(PipelineError) -> Chunk?, transform: @escaping @Sendable (Chunk, Int) -> Result,
        deliver: (Result) throws(PipelineError) -> Void
    ) throws(PipelineError) {
        let inFlight = Mutex<Result?>(nil)
        let group = DispatchGroup()
        defer { group.wait() }
        var previous: Result?
        var next = try read()
        while let chunk = next {
            let threads = jobs.now
            guard threads > 1 else {
                if let done = previous {
                    previous = nil
                    try deliver(done)
                }
                try deliver(transform(chunk, 1))
                next = try read()
                continue
            }
            DispatchQueue.global().async(group: group) {
                let result = transform(chunk, threads - 1)
                inFlight.withLock { $0 = result }
            }
            if let done = previous { try deliver(done) }
            next = try read()
            group.wait()
            previous = inFlight.withLock { result in
                defer { result = nil }
                return result
            }
        }
        if let done = previous { try deliver(done) }
    }
}
