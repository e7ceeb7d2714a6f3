import Foundation

/// Text appended in order to an unnamed temporary file, and read back from the start as
/// often as needed: where the aggregate pass leaves the long tables' lines for the writers.
///
/// A plain file rather than a table of the run's store: the lines are written once and read
/// in order, which a B-tree's pages and page cache would only slow down. The file lives in
/// the temporary folder (`TMPDIR`, as the store) and is unlinked at once, so it disappears
/// with the run however the run ends.
final class LineSpool: @unchecked Sendable {
    // `@unchecked Sendable`: one thread appends (the aggregate pass), and reading starts only
    // after `finish`; readers use `pread` at their own offsets, so several may read at once.
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var written = 0
    private var failure: Int32 = 0
    static let chunkSize = 1 << 18

    init() throws(PipelineError) {
        let folder = RunStore.temporaryFolder
        var template = Array("\(folder)/igf-participation-lines-XXXXXX".utf8CString)
        descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw .output(path: folder, reason: "cannot make a temporary file (\(String(cString: strerror(errno))))")
        }
        unlink(template)
        buffer.reserveCapacity(Self.chunkSize)
    }

    deinit {
        close(descriptor)
    }

    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunkSize { flush() }
    }

    /// Writes out what is buffered and lets the buffer go (a run keeps a spool per kind and
    /// year); a failed write is thrown here.
    func finish() throws(PipelineError) {
        flush()
        buffer = []
        if failure != 0 { throw .output(path: RunStore.place, reason: "cannot write the lines' spool file (\(String(cString: strerror(failure))))") }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == 0 else { return }
        failure = buffer.withUnsafeBytes { FileAccess.writeAll(descriptor, $0, at: written) }
        written += buffer.count
    }

    /// Bytes appended so far.
    var length: Int { written + buffer.count }

    /// Everything appended, in order, as `read(from:to:)` gives it.
    func read(_ each: (String) throws(PipelineError) -> Void) throws(PipelineError) {
        try read(from: 0, to: written, each)
    }

    /// The bytes appended from offset `start` to `end` (after `finish`; both where a line
    /// began), in order, a chunk at a time; each chunk ends where a UTF-8 scalar ends, so it
    /// is whole text.
    func read(from start: Int, to end: Int, _ each: (String) throws(PipelineError) -> Void) throws(PipelineError) {
        var chunk = [UInt8](repeating: 0, count: max(1, min(Self.chunkSize, end - start)))
        var carried = 0  // bytes of a scalar cut at the end of the last chunk, moved to the front
        var offset = start
        while offset < end {
            let wanted = min(chunk.count - carried, end - offset)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + carried, wanted, off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw .output(path: RunStore.place, reason: "cannot read the lines' spool file (\(count < 0 ? String(cString: strerror(errno)) : "cut short"))")
            }
            offset += count
            let filled = carried + count
            var cut = filled
            if offset < end {
                // Back to the start of the last scalar (a byte that is not 10xxxxxx).
                cut = filled - 1
                while cut > 0, chunk[cut] & 0xC0 == 0x80 { cut -= 1 }
            }
            try each(String(decoding: chunk[0..<cut], as: UTF8.self))
            carried = filled - cut
            for index in 0..<carried { chunk[index] = chunk[cut + index] }
        }
    }
}
