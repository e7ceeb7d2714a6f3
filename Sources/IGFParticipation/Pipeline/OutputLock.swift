import Foundation

/// An advisory lock on an output folder, so two runs never interleave their writes.
///
/// `flock` on `.<name>.lock` beside the output folder: the kernel releases it when the
/// process ends, however it ends (SIGKILL included), so a crashed run cannot leave it held.
final class OutputLock {
    private let descriptor: Int32

    /// Takes the lock for `output`, waiting for it or failing at once as `wait` says.
    init(for output: URL, wait: Bool) throws(PipelineError) {
        let parent = output.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .output(path: parent.path, reason: error.localizedDescription)
        }
        let path = parent.appendingPathComponent(".\(output.lastPathComponent).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .output(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .locked(path: output.path, holder: holder.map { $0.isEmpty ? "unknown" : $0 } ?? "unknown")
        }
        // Say who holds it, for the message a second run prints.
        let note = "pid \(ProcessInfo.processInfo.processIdentifier)\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
