import Foundation

/// What one shard of a sharded run hands to `merge`: every document of its slice, extracted
/// and normalized, with its place in the whole run's input order.
///
/// The file is text, one record per line, so shards encode and `merge` decodes the
/// documents on all workers, and a damaged partial is reported with its line: a JSON header
/// object (everything but the documents) on the first line, then one document per line, in
/// base64 of its binary form (`StoreCoding`; format version 2). Version 1 wrote the
/// documents as JSON too, which `merge` spent more time decoding than the rest of its work.
///
/// Decision: a partial holds per-document results rather than per-year sums. A session's
/// proposal and its report can fall in different shards, and a person is recognized across
/// every session of a year, so no session row and no count of people is final before all
/// shards meet. Reading, extracting and normalizing — nearly all of a run's work — happen
/// in the shards; `merge` joins, identifies, aggregates and writes, and because it orders
/// the documents exactly as a single run does, its outputs are the same bytes.
public struct Partial: Codable, Sendable {
    public static let format = "igf-participation-partial"
    public static let formatVersion = 3

    /// One document (or sheet) of the slice: its result and its place in the run's input order.
    typealias Document = Runner.DocumentResult

    var format: String
    var formatVersion: Int
    var toolVersion: String
    var shard: Int
    var shards: Int
    /// Fingerprint of the vocabularies the slice was normalized with.
    var vocabularies: String
    /// Inputs of the whole run, in every shard alike.
    var inputsFound: Int
    /// Warnings about the whole run (input discovery, cache), the same in every shard;
    /// `merge` takes them from shard 1.
    var runDiagnostics: [Diagnostic]
    /// How many document lines follow the header.
    var documentCount: Int

    private enum CodingKeys: String, CodingKey {
        case format, formatVersion, toolVersion, shard, shards, vocabularies, inputsFound, runDiagnostics, documentCount
    }

    /// The file name a shard writes into its output folder.
    public static func fileName(for shard: Shard) -> String {
        "shard-\(shard.index)-of-\(shard.count).json"
    }

    /// Writes a partial line by line: the header first, then the documents batch by batch,
    /// into a temporary file beside the target that `finish` syncs and renames into place.
    struct Writer {
        let url: URL
        let temporary: URL
        let descriptor: Int32
        private let expected: Int
        private var written = 0

        init(to url: URL, header: Partial) throws(PipelineError) {
            self.url = url
            temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .output(path: url.deletingLastPathComponent().path, reason: error.localizedDescription)
            }
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .output(path: temporary.path, reason: String(cString: strerror(errno))) }
            expected = header.documentCount
            try write([Result { try Partial.encode(header) }])
        }

        /// Encodes the documents on `jobs` workers and appends them, one per line, in order.
        mutating func append(_ documents: [Document], jobs: Int) throws(PipelineError) {
            try write(ParallelMap.map(documents, jobs: jobs) { document in .success(Data(document.storeBytes).base64EncodedData()) })
            written += documents.count
        }

        /// Syncs the file and renames it into place.
        func finish() throws(PipelineError) {
            defer { close(descriptor) }
            guard written == expected else {
                unlink(temporary.path)
                throw .output(path: url.path, reason: "\(written) documents written, \(expected) expected")
            }
            guard fsync(descriptor) == 0, rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw .output(path: url.path, reason: reason)
            }
        }

        private func write(_ lines: [Result<Data, any Error>]) throws(PipelineError) {
            var data = Data()
            for line in lines {
                switch line {
                case .success(let encoded): data.append(encoded)
                case .failure(let error): throw .output(path: url.path, reason: "cannot encode: \(error)")
                }
                data.append(0x0A)
            }
            let failed: Int32? = data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { return errno }
                    offset += count
                }
                return nil
            }
            if let failed {
                unlink(temporary.path)
                throw .output(path: url.path, reason: String(cString: strerror(failed)))
            }
        }
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// Reads a partial's header (its first line), naming the file in any error.
    static func header(of url: URL) throws(PipelineError) -> Partial {
        var lines = try LineReader(url)
        guard let first = try lines.next() else {
            throw problem(url, 1, DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the file is empty")))
        }
        let partial: Partial
        do {
            partial = try JSONDecoder().decode(Partial.self, from: Data(first))
        } catch {
            throw problem(url, 1, error)
        }
        guard partial.format == format else {
            throw .unreadable(path: url.path, reason: "not a partial of format \(format) version \(formatVersion)")
        }
        guard partial.formatVersion == formatVersion else {
            throw .unreadable(path: url.path, reason: "a partial of format version \(partial.formatVersion); this igf-participation reads version \(formatVersion): run the shards again")
        }
        guard partial.toolVersion == ToolInfo.version else {
            throw .unreadable(path: url.path, reason: "written by igf-participation \(partial.toolVersion); this is \(ToolInfo.version): run the shards again")
        }
        return partial
    }

    /// Reads a partial's documents a batch of lines at a time, decoded on `jobs` workers and
    /// handed to `deliver`, naming the file and line of any damaged one.
    static func load(_ url: URL, header: Partial, jobs: Int,
                     deliver: ([Document]) throws(PipelineError) -> Void) throws(PipelineError) {
        var lines = try LineReader(url)
        _ = try lines.next()
        var count = 0
        let batchSize = max(256, 64 * jobs)
        while true {
            var batch: [(line: Int, bytes: [UInt8])] = []
            while batch.count < batchSize, let line = try lines.next() {
                count += 1
                batch.append((count + 1, line))
            }
            if batch.isEmpty { break }
            guard count <= header.documentCount else { break }
            let decoded = ParallelMap.map(batch, jobs: jobs) { line, bytes -> Result<Document, PipelineError> in
                guard let record = Data(base64Encoded: Data(bytes)),
                      let document = try? Document(storeBytes: [UInt8](record)) else { return .failure(problem(url, line, DamagedRecord())) }
                return .success(document)
            }
            var documents: [Document] = []
            documents.reserveCapacity(decoded.count)
            for document in decoded {
                switch document {
                case .success(let document): documents.append(document)
                case .failure(let error): throw error
                }
            }
            try deliver(documents)
        }
        guard count == header.documentCount else {
            throw .unreadable(path: url.path, reason: "holds \(count) documents, its header says \(header.documentCount): the file is cut short or damaged")
        }
    }

    private static func problem(_ url: URL, _ line: Int, _ error: any Error) -> PipelineError {
        .unreadable(path: "\(url.path):\(line)", reason: "not a partial written by `run --shard` (\(Self.describe(error)))")
    }

    /// A document line that is not the base64 of a document's binary form.
    private struct DamagedRecord: Error {}

    private static func describe(_ error: any Error) -> String {
        switch error {
        case is DamagedRecord: "damaged document record"
        case DecodingError.dataCorrupted(let context): "damaged JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): "field \(key.stringValue) missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }

    /// Checks that the partials are all N shards of one run, each once, made with these
    /// vocabularies. (That their documents add up to the run's inputs is checked as they
    /// are stored.)
    static func check(_ partials: [(url: URL, partial: Partial)], vocabularies fingerprint: String)
        throws(PipelineError) -> (inputsFound: Int, runDiagnostics: [Diagnostic]) {
        guard let (firstURL, first) = partials.first else {
            throw .unreadable(path: "(none)", reason: "no partials to merge")
        }
        var seen: [Int: URL] = [:]
        for (url, partial) in partials {
            guard partial.shards == first.shards, partial.inputsFound == first.inputsFound else {
                throw .unreadable(path: url.path, reason: "shard \(partial.shard)/\(partial.shards) of a run of \(partial.inputsFound) inputs does not belong with \(firstURL.path) (shard \(first.shard)/\(first.shards), \(first.inputsFound) inputs)")
            }
            guard partial.vocabularies == fingerprint else {
                throw .unreadable(path: url.path, reason: "made with other vocabularies than this pipeline's; run the shards with the same pipeline")
            }
            if let earlier = seen[partial.shard] {
                throw .unreadable(path: url.path, reason: "shard \(partial.shard)/\(partial.shards) is also given as \(earlier.path)")
            }
            seen[partial.shard] = url
        }
        let missing = (1...first.shards).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw .unreadable(path: firstURL.deletingLastPathComponent().path,
                              reason: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(first.shards)" }.joined(separator: ", ")) missing; merge needs every shard")
        }
        let shardOne = partials.first { $0.partial.shard == 1 }!.partial
        return (first.inputsFound, shardOne.runDiagnostics)
    }
}

/// A file's lines, read a megabyte at a time (without their `\n`).
private struct LineReader {
    private let url: URL
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    init(_ url: URL) throws(PipelineError) {
        self.url = url
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: url.path, reason: String(cString: strerror(errno))) }
    }

    /// The next line, or nil at the end of the file (a last line without `\n` counts).
    mutating func next() throws(PipelineError) -> [UInt8]? {
        var searched = start
        while true {
            if let end = buffer[searched...].firstIndex(of: 0x0A) {
                defer { start = end + 1 }
                return Array(buffer[start..<end])
            }
            if ended {
                defer { start = buffer.count }
                return start < buffer.count ? Array(buffer[start...]) : nil
            }
            buffer.removeFirst(start)
            start = 0
            searched = buffer.count
            let chunk = 1 << 20
            buffer.reserveCapacity(buffer.count + chunk)
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            var count = 0
            repeat {
                count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + old, chunk) }
            } while count < 0 && errno == EINTR
            guard count >= 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .unreadable(path: url.path, reason: reason)
            }
            buffer.removeLast(chunk - count)
            if count == 0 {
                ended = true
                close(descriptor)
            }
        }
    }
}
