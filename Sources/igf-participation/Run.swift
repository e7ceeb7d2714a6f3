import ArgumentParser
import Foundation
import IGFParticipation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: extract, normalize, aggregate and write CSV and JSON.",
        discussion: """
            Outputs: sessions.csv, people.csv, years.csv, stakeholders_by_year.csv, \
            regions_by_year.csv, gender_by_year.csv, gender_by_role.csv, datapackage.json \
            and summary.json, each written to a temporary name and renamed into place. \
            Warnings (file:line, code, raw text) go to stderr.
            """
    )

    @Argument(help: "Pipeline definition (YAML). Default: Pipelines/default.yml in the working folder or above it.")
    var pipeline: String?

    @Option(name: .customLong("input"), help: "Read this folder instead of the pipeline's inputs (repeatable; files matching *.txt).")
    var inputs: [String] = []

    @Option(help: "Write outputs to this folder instead of the pipeline's.")
    var output: String?

    @Option(help: "Parallel workers (default: the active processor count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Write CSV for Excel: a UTF-8 byte-order mark and CRLF line ends (also `excel: true` under `output:`).")
    var excel = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let report: RunReport
        do {
            var definition = try loadDefinition(pipeline)
            if !inputs.isEmpty {
                definition.inputs = inputs.map { .init(folder: URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL) }
                definition.base = cwd
            }
            if let output { definition.output = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL }
            if excel { definition.formats.excel = true }
            report = try Runner.run(definition, jobs: jobs)
        } catch {
            throw fail(error.description)
        }
        guard !quiet else { return }
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data("warning: \(diagnostic)\n".utf8))
        }
        print("""
            documents read: \(report.documentsRead) of \(report.documentsFound)
            sessions:       \(report.sessions)
            people:         \(report.people)
            warnings:       \(report.diagnostics.count)
            wall time:      \(String(format: "%.3f", report.wallSeconds)) s
            outputs:        \(report.outputFolder.path) (\(report.outputFiles.joined(separator: ", ")))
            """)
    }
}
