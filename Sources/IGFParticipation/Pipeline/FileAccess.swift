import Foundation

/// The runner's only way to touch files: whole-file reads, whole writes and atomic
/// whole-file writes.
enum FileAccess {
    /// The bytes of `url`, or the reason it cannot be read. POSIX reads straight into the
    /// array: no `Data` in between, one copy fewer per document.
    static func read(_ url: URL) -> Result<[UInt8], PipelineError> {
        read(path: url.path)
    }

    static func read(path: String) -> Result<[UInt8], PipelineError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == EACCES ? "permission denied" : String(cString: strerror(errno))
            return .failure(.unreadable(path: path, reason: reason))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(.unreadable(path: path, reason: "read failed: \(String(cString: strerror(errno)))"))
        }
        // One read of the size `fstat` gave, plus a byte: a file that is still that size
        // gives a short read, and that is its end (a file that grew meanwhile is read on,
        // 64 KiB at a time, to its new end). The bytes land in the array's storage as read.
        let size = max(Int(status.st_size), 0)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            (initialized, failure) = fill(descriptor, UnsafeMutableRawBufferPointer(buffer), endingAt: size)
        }
        if failure == 0, bytes.count > size {
            while true {
                let start = bytes.count
                var got = 0
                bytes.append(contentsOf: repeatElement(0, count: 1 << 16))
                bytes.withUnsafeMutableBytes { buffer in
                    (got, failure) = fill(descriptor, UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
                }
                bytes.removeLast((1 << 16) - got)
                if failure != 0 || got < 1 << 16 { break }
            }
        }
        guard failure == 0 else {
            return .failure(.unreadable(path: path, reason: "read failed: \(String(cString: strerror(failure)))"))
        }
        return .success(bytes)
    }

    /// Reads into `target` until it is full or the file ends: how many bytes came, and 0 or
    /// the `errno` of a failure. Having read `expected` bytes (the size `fstat` gave) is
    /// taken as the end, without another read to prove it.
    private static func fill(_ descriptor: Int32, _ target: UnsafeMutableRawBufferPointer, endingAt expected: Int = -1) -> (Int, Int32) {
        var got = 0
        while got < target.count {
            let count = Glibc.read(descriptor, target.baseAddress! + got, target.count - got)
            if count < 0 {
                if errno == EINTR { continue }
                return (got, errno)
            }
            if count == 0 { break }
            got += count
            if got == expected { break }
        }
        return (got, 0)
    }

    /// Writes all of `bytes` to an open file, at `offset` (`pwrite`) or where the file
    /// stands (`write`), again after an interruption; 0, or the `errno` of a failure.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) -> Int32 {
        var done = 0
        while done < bytes.count {
            let start = bytes.baseAddress! + done, left = bytes.count - done
            let count = offset.map { pwrite(descriptor, start, left, off_t($0 + done)) } ?? write(descriptor, start, left)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            done += count
        }
        return 0
    }

    /// Writes `contents` to a temporary name beside `url`, then renames it into place,
    /// so a reader never sees half a file and a failed run leaves the old one.
    static func writeAtomically(_ contents: String, to url: URL) throws(PipelineError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(contents.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw PipelineError.output(path: url.path, reason: reason)
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .output(path: url.path, reason: error.localizedDescription)
        }
    }
}
