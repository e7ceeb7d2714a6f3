import ArgumentParser
import Foundation
import IGFParticipation
import Logging

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: extract, normalize, join, aggregate and write a result set.",
        discussion: """
            Every output of the run (the CSV tables, datapackage.json, summary.json, \
            report.html, run.json and warnings.csv) is written into a fresh folder beside the \
            output path, which is then switched to it atomically (a symbolic link): readers see \
            the previous complete set or the new one, never a mix. Runs on the same output \
            take turns through a lock (--wait waits for it, otherwise a second run exits 5).

            Exit status: 0 success; 1 success with warnings; 2 usage error; 3 unreadable \
            input; 4 limits exceeded (--strict, --max-warnings: outputs kept aside as \
            <output>.rejected); 5 output unavailable (locked by another run, or unwritable).
            """
    )

    @Argument(help: "Pipeline definition (YAML). Default: Pipelines/default.yml in the working folder or above it.")
    var pipeline: String?

    @OptionGroup var publishing: PublishOptions

    @Option(name: .customLong("input"), help: "Read this folder instead of the pipeline's inputs (repeatable; files matching *.txt).")
    var inputs: [String] = []

    @Option(help: "Keep extracted documents in an SQLite cache in this folder (the pipeline's `cache:` otherwise).")
    var cache: String?

    @Flag(help: "Extract every document, ignoring the pipeline's cache.")
    var noCache = false

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    @Option(help: "Log format on stderr: text, or json (one JSON object per line).")
    var logFormat: StderrLogHandler.Format = .text

    @Option(help: ArgumentHelp("Process only the K-th of N partitions of the inputs (by path hash) and write a partial for `merge`.",
                               discussion: "The partial, shard-K-of-N.json, goes into the --output folder (default: the pipeline's output path + \".shards\"). A shard run exits 0 once its partial is written; warnings are counted by `merge`.",
                               valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, not \(shard)") }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let quiet = publishing.quiet
        let level = quiet ? Logger.Level.error : logLevel
        let format = logFormat
        let logger = Logger(label: "igf-participation") { label in StderrLogHandler(format: format, logLevel: level, label: label) }
        let showProgress = !quiet && format == .text && isatty(STDERR_FILENO) == 1
        var progress: (@Sendable (Int, Int) -> Void)?
        if showProgress {
            progress = { done, total in
                FileHandle.standardError.write(Data("\rreading documents: \(done)/\(total)".utf8))
                if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            }
        }
        let options = publishing.runOptions(logger: logger, progress: progress)
        let report: RunReport
        do {
            var definition = try loadDefinition(pipeline)
            if !inputs.isEmpty {
                definition.inputs = inputs.map { .init(folder: URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL) }
                definition.base = cwd
            }
            publishing.apply(to: &definition, cwd: cwd)
            if let cache { definition.cache = URL(fileURLWithPath: cache, relativeTo: cwd).standardizedFileURL }
            if noCache { definition.cache = nil }
            if let shard = shard.flatMap(Shard.init) {
                let folder = publishing.output.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
                    ?? URL(fileURLWithPath: definition.output.path + ".shards")
                let written = try Runner.runShard(shard, of: definition, options: options, into: folder)
                if !quiet {
                    print("""
                        shard:          \(written.shard) (\(written.documents) of \(written.inputsFound) inputs)
                        documents read: \(written.documentsRead)
                        warnings:       \(written.warnings) (counted by merge)
                        wall time:      \(String(format: "%.3f", written.wallSeconds)) s
                        partial:        \(written.file.path)
                        """)
                }
                return
            }
            report = try Runner.run(definition, options: options)
        } catch {
            throw fail(error)
        }
        try finishReport(report, quiet: quiet, limit: publishing.limit)
    }
}

/// Prints a published run's summary and ends with its exit status.
func finishReport(_ report: RunReport, quiet: Bool, limit: String) throws {
    if !quiet {
        print("""
            documents read: \(report.documentsRead) of \(report.documentsFound)
            sessions:       \(report.sessions)
            people:         \(report.people)
            warnings:       \(report.warnings) (listed in warnings.csv)
            wall time:      \(String(format: "%.3f", report.wallSeconds)) s
            outputs:        \(report.outputFolder.path) (\(report.outputFiles.sorted().joined(separator: ", ")))
            status:         \(report.status.rawValue), \(report.status.meaning)
            """)
    }
    if report.status == .limitsExceeded {
        throw fail("\(report.warnings) warnings exceed the limit (\(limit)); outputs kept aside in \(report.outputFolder.path)", .limitsExceeded)
    }
    if report.status != .success { throw ExitCode(report.status.rawValue) }
}
