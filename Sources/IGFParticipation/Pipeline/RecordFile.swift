import Foundation

/// Bytes appended to an unnamed temporary file and read back: where a year's store keeps
/// its sessions (`YearStore`), an `ExternalSorter` its sorted runs and a `LineSpool` its
/// lines.
///
/// Two ways in: `appendRaw` puts bytes down as they are and gives their offset, for reading
/// back one piece at a time by offset and length (a session's stored bytes); `append` puts
/// a record down after its varint length, for reading back in order (`records`). Appends
/// are buffered and written in large pieces; a failed write is kept and thrown by the next
/// `flush` (which every read does first). The file lives in the temporary folder (`TMPDIR`)
/// and is unlinked at once, so it disappears with the run however the run ends.
final class RecordFile: @unchecked Sendable {
    // `@unchecked Sendable`: one thread appends at a time (a store's pass runs on one
    // thread); reads use `pread` at their own offsets.
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var written = 0
    private var failure: Int32 = 0
    /// Appends are written out in pieces of about this size; the buffer never grows past it
    /// but for a single larger piece.
    static let bufferSize = 1 << 15

    init(prefix: String = "igf-participation-store") throws(PipelineError) {
        descriptor = try TemporaryFile.make(prefix)
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        close(descriptor)
    }

    /// Bytes appended so far.
    var length: Int { written + buffer.count }

    /// Where `appendRaw` put some bytes.
    struct Piece: Sendable {
        var offset: Int
        var count: Int
    }

    /// Appends `bytes` as they are; returns where they are.
    @discardableResult
    func appendRaw(_ bytes: [UInt8]) -> Piece {
        bytes.withUnsafeBytes { appendRaw($0) }
    }

    @discardableResult
    func appendRaw(_ bytes: UnsafeRawBufferPointer) -> Piece {
        let offset = length
        makeRoom(bytes.count)
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { write() }
        return Piece(offset: offset, count: bytes.count)
    }

    /// Appends one record: its length as a varint, then its bytes.
    func append(_ record: [UInt8]) {
        record.withUnsafeBytes { append($0) }
    }

    func append(_ record: UnsafeRawBufferPointer) {
        makeRoom(record.count + 10)
        var rest = UInt(record.count)
        while rest >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        buffer.append(UInt8(rest))
        buffer.append(contentsOf: record)
        if buffer.count >= Self.bufferSize { write() }
    }

    /// Writes out what is buffered; a failed write, now or before, is thrown.
    func flush() throws(PipelineError) {
        if !buffer.isEmpty { write() }
        if failure != 0 { throw .output(path: RunStore.place, reason: "cannot write the store's file (\(String(cString: strerror(failure))))") }
    }

    /// Writes out what is buffered if `count` more bytes would not fit.
    private func makeRoom(_ count: Int) {
        if !buffer.isEmpty, buffer.count + count > Self.bufferSize { write() }
        if buffer.capacity == 0 { buffer.reserveCapacity(Self.bufferSize) }
    }

    /// Writes out what is buffered and lets the buffer go, for a file that is done with
    /// (an append after reserves it again).
    func finish() throws(PipelineError) {
        try flush()
        buffer = []
    }

    private func write() {
        defer { buffer.removeAll(keepingCapacity: buffer.capacity <= 2 * Self.bufferSize) }
        guard failure == 0 else { return }
        failure = buffer.withUnsafeBytes { FileAccess.writeAll(descriptor, $0, at: written) }
        written += buffer.count
    }

    /// The bytes `appendRaw` put at `piece`.
    func bytes(at piece: Piece) throws(PipelineError) -> [UInt8] {
        let offset = piece.offset, count = piece.count
        if offset + count > written { try flush() }
        guard offset >= 0, count >= 0, offset + count <= written else { throw RunStore.damaged }
        var failure: Int32 = 0
        // Read straight into the new array's storage, not over zeros written first.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failure = read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            initialized = failure == 0 ? count : 0
        }
        if failure != 0 { throw Self.unreadable(failure) }
        return bytes
    }

    /// Fills `target` from `offset`, again after an interruption; 0, or the `errno` of a
    /// failure (`EIO` for a file cut short).
    func read(into target: UnsafeMutableRawBufferPointer, at offset: Int) -> Int32 {
        var done = 0
        while done < target.count {
            let count = pread(descriptor, target.baseAddress! + done, target.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            done += count
        }
        return 0
    }

    fileprivate static func unreadable(_ failure: Int32) -> PipelineError {
        .output(path: RunStore.place, reason: "cannot read the store's file (\(String(cString: strerror(failure))))")
    }

    /// The records appended (`append`) from offset `start` to `end` (nil: to the end), in
    /// order, read `piece` bytes at a time.
    func records(from start: Int = 0, to end: Int? = nil, piece: Int = bufferSize) throws(PipelineError) -> RecordReader {
        try flush()
        return RecordReader(self, from: start, to: end ?? written, piece: piece)
    }
}

/// Reads a `RecordFile`'s records in order, a large piece of the file at a time.
final class RecordReader {
    private let file: RecordFile
    private var buffer: UnsafeMutableRawBufferPointer
    /// The file's bytes in `buffer`: from `bufferStart`, `filled` of them.
    private var bufferStart: Int
    private var filled = 0
    /// The next record's offset in the file, and where reading stops.
    private var position: Int
    private let end: Int

    fileprivate init(_ file: RecordFile, from start: Int, to end: Int, piece: Int) {
        self.file = file
        buffer = .allocate(byteCount: min(piece, max(16, end - start)), alignment: 8)
        bufferStart = start
        position = start
        self.end = end
    }

    deinit {
        buffer.deallocate()
    }

    /// Where the next record starts in the file.
    var offset: Int { position }

    /// The next record's bytes, valid until the next call; nil at the end.
    func next() throws(PipelineError) -> UnsafeRawBufferPointer? {
        guard position < end else { return nil }
        var length = 0, shift = 0, header = 0
        while true {
            guard let byte = try byte(at: position + header) else { throw RunStore.damaged }
            header += 1
            guard shift < 63 else { throw RunStore.damaged }
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let start = position + header
        guard length <= end - start else { throw RunStore.damaged }
        try load(start, count: length)
        position = start + length
        return UnsafeRawBufferPointer(start: buffer.baseAddress! + (start - bufferStart), count: length)
    }

    private func byte(at offset: Int) throws(PipelineError) -> UInt8? {
        guard offset < end else { return nil }
        try load(offset, count: 1)
        return buffer[offset - bufferStart]
    }

    /// Makes sure the file's bytes from `offset`, `count` of them, are in the buffer.
    private func load(_ offset: Int, count: Int) throws(PipelineError) {
        if offset >= bufferStart, offset + count <= bufferStart + filled { return }
        if count > buffer.count {
            buffer.deallocate()
            buffer = .allocate(byteCount: count, alignment: 8)
        }
        let wanted = min(buffer.count, end - offset)
        let failure = file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: offset)
        if failure != 0 { throw RecordFile.unreadable(failure) }
        bufferStart = offset
        filled = wanted
    }
}

/// Unnamed temporary files in the temporary folder (`TMPDIR`).
enum TemporaryFile {
    /// Opens a new file named from `prefix` and unlinks it at once; the descriptor is the
    /// only way to it.
    static func make(_ prefix: String) throws(PipelineError) -> Int32 {
        let folder = RunStore.temporaryFolder
        var template = Array("\(folder)/\(prefix)-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw .output(path: folder, reason: "cannot make a temporary file (\(String(cString: strerror(errno))))")
        }
        unlink(template)
        return descriptor
    }
}
