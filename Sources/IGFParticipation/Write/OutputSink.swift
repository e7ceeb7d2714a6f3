import CSystemTuning
import Foundation

/// Where an output file's bytes go while it is rendered: straight into an open file through
/// a 64 KiB buffer (so a table of a million rows never exists whole in memory), or into
/// memory for tests and small files.
public final class OutputSink {
    private var buffer: [UInt8] = []
    private let descriptor: Int32?
    /// The `errno` of the first failed write, if any; later writes are dropped.
    private(set) var failure: Int32 = 0
    /// Why the rows could not be read, if they could not (the file is then not published).
    private(set) var problem: String?
    static let flushSize = 1 << 16
    /// Bytes written to the file, and how many of them the disk was asked to start writing.
    private var written = 0, started = 0
    /// Every this many bytes, the disk is asked to start writing what the file holds so far
    /// (`sync_file_range`, without waiting), so the fsync at the end waits only for the rest.
    static let startSize = 1 << 20

    /// A sink into memory.
    public init() {
        descriptor = nil
    }

    /// A sink into an open file; the caller closes it after `flush()`.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(raw: UnsafeRawBufferPointer($0)) }
    }

    /// The same for text already in bytes.
    func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(raw: $0) }
    }

    /// The same for bytes valid during the call (a chunk of a spool of lines): a chunk of
    /// 64 KiB or more goes to the file as it is, after what is buffered, without a copy.
    func write(raw bytes: UnsafeRawBufferPointer) {
        if let descriptor, bytes.count >= Self.flushSize {
            flush()
            if failure == 0 { failure = FileAccess.writeAll(descriptor, bytes) }
            wrote(bytes.count, to: descriptor)
            return
        }
        buffer.append(contentsOf: bytes)
        if descriptor != nil, buffer.count >= Self.flushSize { flush() }
    }

    /// Records that the file's rows could not be read; the first reason is kept.
    func fail(_ reason: String) {
        if problem == nil { problem = reason }
    }

    /// Writes what is buffered to the file (a memory sink keeps it).
    func flush() {
        guard let descriptor, !buffer.isEmpty else { return }
        if failure == 0 {
            failure = buffer.withUnsafeBytes { FileAccess.writeAll(descriptor, $0) }
        }
        wrote(buffer.count, to: descriptor)
        buffer.removeAll(keepingCapacity: true)
    }

    private func wrote(_ count: Int, to descriptor: Int32) {
        written += count
        guard written - started >= Self.startSize else { return }
        // Only a hint: a failure here shows, if it is real, in the fsync that follows.
        _ = igf_start_writeback(descriptor, Int64(started), Int64(written - started))
        started = written
    }

    /// What a memory sink holds.
    public var text: String { String(decoding: buffer, as: UTF8.self) }
}
