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
    private let file: RecordFile
    /// Lines are read back a piece of this size at a time.
    static let chunkSize = 1 << 18

    init() throws(PipelineError) {
        file = try RecordFile(prefix: "igf-participation-lines")
    }

    /// Appends a line's (or several lines') UTF-8 bytes.
    func append(_ bytes: [UInt8]) {
        file.appendRaw(bytes)
    }

    /// Writes out what is buffered and lets the buffer go (a run keeps a spool per kind and
    /// store); a failed write is thrown here.
    func finish() throws(PipelineError) {
        try file.finish()
    }

    /// Bytes appended so far.
    var length: Int { file.length }

    /// Everything appended, in order, as `read(from:to:)` gives it.
    func read(_ each: (UnsafeRawBufferPointer) throws(PipelineError) -> Void) throws(PipelineError) {
        try read(from: 0, to: file.length, each)
    }

    /// The bytes appended from offset `start` to `end` (after `finish`), in order, a chunk
    /// at a time, each valid during the call: the writers copy them into the output file as
    /// they are (a chunk may end inside a line, or inside a UTF-8 scalar).
    func read(from start: Int, to end: Int, _ each: (UnsafeRawBufferPointer) throws(PipelineError) -> Void) throws(PipelineError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(Self.chunkSize, end - start)), alignment: 8)
        defer { chunk.deallocate() }
        var offset = start
        while offset < end {
            let piece = UnsafeMutableRawBufferPointer(rebasing: chunk[0..<min(chunk.count, end - offset)])
            let failure = file.read(into: piece, at: offset)
            guard failure == 0 else {
                throw .output(path: RunStore.place, reason: "cannot read the lines' spool file (\(String(cString: strerror(failure))))")
            }
            offset += piece.count
            try each(UnsafeRawBufferPointer(piece))
        }
    }
}
