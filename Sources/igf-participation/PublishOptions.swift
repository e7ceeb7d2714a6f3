import ArgumentParser
import Foundation
import IGFParticipation
import Logging

/// The options of every command that publishes a result set (`run`, `merge`).
struct PublishOptions: ParsableArguments {
    @Option(help: "Write outputs to this path (a link to the newest result set) instead of the pipeline's.")
    var output: String?

    @Option(help: "Parallel workers (default: the active processor count).")
    var jobs: Int = RunOptions.processors

    @Flag(help: "Write CSV for Excel: a UTF-8 byte-order mark and CRLF line ends (also `excel: true` under `output:`).")
    var excel = false

    @Flag(help: "Any warning fails the run (exit 4); the outputs are kept aside, not published.")
    var strict = false

    @Option(help: "More warnings than this fail the run (exit 4).")
    var maxWarnings: Int?

    @Flag(help: "Wait for another run holding the output's lock instead of exiting 5.")
    var wait = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard (maxWarnings ?? 0) >= 0 else { throw ValidationError("--max-warnings must be 0 or more") }
    }

    /// The limit a rejected run exceeded, as the user wrote it.
    var limit: String { strict ? "--strict" : "--max-warnings \(maxWarnings ?? 0)" }

    func runOptions(logger: Logger, progress: (@Sendable (Int, Int) -> Void)? = nil) -> RunOptions {
        RunOptions(jobs: jobs, strict: strict, maxWarnings: maxWarnings, waitForLock: wait, logger: logger, progress: progress)
    }

    /// Applies `--output` and `--excel` to a loaded pipeline.
    func apply(to definition: inout PipelineDefinition, cwd: URL) {
        if let output { definition.output = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL }
        if excel { definition.formats.excel = true }
    }
}
