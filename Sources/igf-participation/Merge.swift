import ArgumentParser
import Foundation
import IGFParticipation
import Logging

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partials of a sharded run (run --shard K/N) into one result set.",
        discussion: """
            Give every shard's partial (shard-K-of-N.json), or the folders holding them. All N \
            shards must be there, each once, made by this version with the same vocabularies. \
            The sessions are joined, people identified, years aggregated and the result set \
            published as `run` does: the same bytes a single run over all inputs writes \
            (run.json aside, which records times). Exit statuses as for `run`.
            """
    )

    @Argument(help: "Partials (shard-K-of-N.json) or folders of them.")
    var partials: [String]

    @Option(help: "Pipeline definition the shards ran (default: Pipelines/default.yml in the working folder or above it).")
    var pipeline: String?

    @Option(help: "Write outputs to this path (a link to the newest result set) instead of the pipeline's.")
    var output: String?

    @Option(help: "Parallel workers (default: the active processor count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Write CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.")
    var excel = false

    @Flag(help: "Any warning fails the merge (exit 4); the outputs are kept aside, not published.")
    var strict = false

    @Option(help: "More warnings than this fail the merge (exit 4).")
    var maxWarnings: Int?

    @Flag(help: "Wait for another run holding the output's lock instead of exiting 5.")
    var wait = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard !partials.isEmpty else { throw ValidationError("give the partials (or their folders) to merge") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard (maxWarnings ?? 0) >= 0 else { throw ValidationError("--max-warnings must be 0 or more") }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let level = quiet ? Logger.Level.error : .warning
        let logger = Logger(label: "igf-participation") { label in StderrLogHandler(format: .text, logLevel: level, label: label) }
        let options = RunOptions(jobs: jobs, strict: strict, maxWarnings: maxWarnings, waitForLock: wait, logger: logger)
        let report: RunReport
        do {
            var definition = try loadDefinition(pipeline)
            if let output { definition.output = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL }
            if excel { definition.formats.excel = true }
            report = try Runner.merge(partials.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
                                      definition: definition, options: options)
        } catch {
            throw fail(error)
        }
        try finishReport(report, quiet: quiet, limit: strict ? "--strict" : "--max-warnings \(maxWarnings ?? 0)")
    }
}
