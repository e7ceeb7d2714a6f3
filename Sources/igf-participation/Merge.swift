import ArgumentParser
import Foundation
import IGFParticipation
import Logging

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
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

    @OptionGroup var publishing: PublishOptions

    func validate() throws {
        guard !partials.isEmpty else { throw ValidationError("give the partials (or their folders) to merge") }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let level = publishing.quiet ? Logger.Level.error : .warning
        let logger = Logger(label: "igf-participation") { label in StderrLogHandler(format: .text, logLevel: level, label: label) }
        let options = publishing.runOptions(logger: logger)
        let report: RunReport
        do {
            var definition = try loadDefinition(pipeline)
            publishing.apply(to: &definition, cwd: cwd)
            report = try Runner.merge(partials.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
                                      definition: definition, options: options)
        } catch {
            throw fail(error)
        }
        try finishReport(report, quiet: publishing.quiet, limit: publishing.limit)
    }
}
