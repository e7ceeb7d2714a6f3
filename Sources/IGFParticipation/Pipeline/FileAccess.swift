import Foundation

/// The runner's only way to touch files: whole-file reads and atomic whole-file writes.
enum FileAccess {
    /// The bytes of `url`, or the reason it cannot be read.
    static func read(_ url: URL) -> Result<[UInt8], PipelineError> {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            let reason = FileManager.default.isReadableFile(atPath: url.path) ? "cannot open" : "permission denied"
            return .failure(.unreadable(path: url.path, reason: reason))
        }
        defer { try? handle.close() }
        do {
            return .success([UInt8](try handle.readToEnd() ?? Data()))
        } catch {
            return .failure(.unreadable(path: url.path, reason: "read failed: \(error.localizedDescription)"))
        }
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
