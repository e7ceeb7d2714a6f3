import Foundation
import Synchronization

/// Writes a run's outputs as one result set and swaps it in as a whole.
///
/// The output path (`Output/latest`, say) is a symbolic link. Each run writes every file into
/// a fresh folder `.<name>.runs/<run id>/` beside it, syncs them, then points a new link at
/// that folder and renames the link over the output path: `rename(2)` replaces it atomically,
/// so a reader sees the previous complete set or the new complete set, never a mix, and a run
/// killed at any moment (SIGKILL included) leaves the previous set in place. Sets no link
/// points to (older runs, runs killed half-way) are removed by the next run, which holds the
/// output lock. A run whose limits were exceeded is linked as `<name>.rejected` instead.
enum ResultPublisher {
    /// Starts removing the sets no link points to (`prune`) beside the run's stages, from its
    /// start: the run holds the output's lock (`OutputLock`) throughout, so no other run adds
    /// a set or moves a link meanwhile, and this run's own set is made only at `publish`. (A
    /// result set's files take milliseconds of the disk's time to remove; the stages leave
    /// gaps for it that the writers at the end do not.)
    static func startPruning(_ output: URL, runID: String, jobs: Int) -> Chore<Void> {
        let parent = output.deletingLastPathComponent()
        let runs = parent.appendingPathComponent(".\(output.lastPathComponent).runs")
        let links = [output, parent.appendingPathComponent(output.lastPathComponent + ".rejected")]
        return Chore(jobs: jobs) { prune(runs, keeping: links, writing: runID) }
    }

    /// Writes `files` as a new set and links it as `output` (or `<output>.rejected`), once
    /// `pruning` (`startPruning` for the same output and run) is done; returns the set's folder.
    /// `written` is called once every file is written, while their fsyncs may still be running.
    static func publish(_ files: [OutputFile], to output: URL, runID: String, accepted: Bool, jobs: Int = 1,
                        pruning: Chore<Void>, written: () -> Void = {}) throws(PipelineError) -> URL {
        let parent = output.deletingLastPathComponent()
        let runs = parent.appendingPathComponent(".\(output.lastPathComponent).runs")
        let set = runs.appendingPathComponent(runID)
        let links = [output, parent.appendingPathComponent(output.lastPathComponent + ".rejected")]
        defer { try? pruning.value() }
        do {
            try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        } catch {
            throw .output(path: set.path, reason: error.localizedDescription)
        }
        do {
            // Written side by side, the longest files first, so the workers finish together
            // rather than one waiting on the last. Each file's fsync waits on a queue of its
            // own (`Syncs`), so the workers go on to the next file while the disk flushes.
            let longestFirst = files.indices.sorted { (Self.length(files[$0].name), $0) < (Self.length(files[$1].name), $1) }.map { files[$0] }
            let syncs = Syncs()
            let failures = ParallelMap.map(longestFirst, jobs: jobs) { file -> PipelineError? in
                do {
                    try write(file, to: set.appendingPathComponent(file.name), syncs: syncs)
                    return nil
                } catch let error as PipelineError {
                    return error
                } catch {
                    return .output(path: set.appendingPathComponent(file.name).path, reason: error.localizedDescription)
                }
            }
            written()
            let syncFailure = syncs.wait()
            if let failure = failures.compactMap({ $0 }).first ?? syncFailure { throw failure }
            try sync(set)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .output(path: set.path, reason: error.localizedDescription)
        }
        try? pruning.value()
        let link = accepted ? output : links[1]
        try adoptRealFolder(at: link, into: runs)
        let temporary = parent.appendingPathComponent(".\(output.lastPathComponent).link-\(runID)")
        removeStaleLinks(of: output)
        guard symlink(".\(output.lastPathComponent).runs/\(runID)", temporary.path) == 0,
              rename(temporary.path, link.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .output(path: link.path, reason: reason)
        }
        try? sync(parent)
        return set
    }

    /// Removes the temporary links (`.NAME.link-RUNID`) that runs killed between making and
    /// renaming them left beside the output. Runs on one output take turns (`OutputLock`),
    /// so any such link is a leftover, and this run's own is made after.
    private static func removeStaleLinks(of output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).link-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            unlink(parent.appendingPathComponent(name).path)
        }
    }

    /// How long a file takes to write, roughly: 0 for the longest. `run.json` lists every
    /// input and warning; the row tables follow; the rest are a few lines per year.
    private static func length(_ name: String) -> Int {
        ["run.json", "sessions.csv", "people.csv", "warnings.csv", "report.html"].firstIndex(of: name) ?? 5
    }

    /// An output path that is still a real folder (from before result sets, or made by hand)
    /// is moved into the runs folder once, so a link can take its place.
    /// A folder holding anything else is refused: the run will not move a user's files.
    private static func adoptRealFolder(at link: URL, into runs: URL) throws(PipelineError) {
        var status = stat()
        guard lstat(link.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return }
        if rmdir(link.path) == 0 { return }  // empty
        let names = (try? FileManager.default.contentsOfDirectory(atPath: link.path)) ?? []
        if let stranger = names.first(where: { !ResultSet.knownFileNames.contains($0) }) {
            throw .output(path: link.path, reason: "is a folder holding `\(stranger)`, which this tool did not write; give the output a path of its own (such as Output/latest)")
        }
        let aside = runs.appendingPathComponent("adopted-\(UUID().uuidString)")
        guard rename(link.path, aside.path) == 0 else {
            throw .output(path: link.path, reason: "is a folder and cannot be moved aside: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the sets no link points to but `runID`'s, the one being written. Run before the
    /// swap, it leaves two after it: the new set, and the one the swap replaced, for readers
    /// still on it (a set a killed run left half-written, or a folder taken over, goes at
    /// the next run).
    private static func prune(_ runs: URL, keeping links: [URL], writing runID: String) {
        let linked = Set(links.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: $0.path) }
            .map { URL(fileURLWithPath: $0).lastPathComponent })
        guard let sets = try? FileManager.default.contentsOfDirectory(atPath: runs.path) else { return }
        for name in sets.sorted() where !linked.contains(name) && name != runID {
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
        }
    }

    /// Renders `file` into a new file at `url` and hands it to `syncs` to be fsynced and closed.
    private static func write(_ file: OutputFile, to url: URL, syncs: Syncs) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PipelineError.output(path: url.path, reason: String(cString: strerror(errno))) }
        let sink = OutputSink(descriptor: descriptor)
        file.render(sink)
        sink.flush()
        var failure: PipelineError?
        if let problem = sink.problem {
            failure = .output(path: url.path, reason: problem)
        } else if sink.failure != 0 {
            failure = .output(path: url.path, reason: String(cString: strerror(sink.failure)))
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        syncs.add(descriptor, path: url.path)
    }

    /// Written files being fsynced and closed on a concurrent Dispatch queue of their own, on
    /// threads beside the workers' (a thread waiting on the disk uses no core); the file system
    /// commits fsyncs that wait together at once.
    private final class Syncs: Sendable {
        private let queue = DispatchQueue(label: "igf-participation.fsync", attributes: .concurrent)
        private let group = DispatchGroup()
        private let failure = Mutex<PipelineError?>(nil)

        func add(_ descriptor: Int32, path: String) {
            queue.async(group: group) { [self] in
                let synced = fsync(descriptor) == 0 ? 0 : errno
                let closed = close(descriptor) == 0 ? 0 : errno
                if synced != 0 || closed != 0 {
                    let reason = String(cString: strerror(synced != 0 ? synced : closed))
                    failure.withLock { $0 = $0 ?? .output(path: path, reason: reason) }
                }
            }
        }

        /// Waits for every file added; the first failure seen, if any.
        func wait() -> PipelineError? {
            group.wait()
            return failure.withLock { $0 }
        }
    }

    private static func sync(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = fsync(descriptor)
    }
}
