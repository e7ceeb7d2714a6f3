import ArgumentParser
import Foundation
import IGFParticipation

@main
struct IGFParticipationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "igf-participation",
        abstract: "Participation statistics from Internet Governance Forum session documents.",
        discussion: """
            Reads IGF workshop proposals, session report pages and event listings and \
            writes stakeholder diversity, regional coverage, attendance and gender figures \
            per session and per year as CSV and JSON. With no arguments it runs \
            Pipelines/default.yml (found in the working folder or above it).

            Exit status: 0 on success (warnings included); 1 when the run cannot start or \
            finish (missing input folder, a pipeline or vocabulary file with an error, an \
            unwritable output), with a one-line reason on stderr; 64 on a usage error.
            """,
        subcommands: [Run.self, Inspect.self, Compare.self],
        defaultSubcommand: Run.self
    )
}

/// The source checkout this binary was built from: a last place to look for the default pipeline.
let sourceRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Prints `message` as a one-line error on stderr and exits with status 1.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("igf-participation: error: \(message)\n".utf8))
    return ExitCode(1)
}

func loadDefinition(_ path: String?) throws(PipelineError) -> PipelineDefinition {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let file: URL
    if let path {
        file = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
    } else {
        file = try DefinitionLocator.findDefault(from: cwd, fallbackRoots: [sourceRoot])
    }
    return try PipelineDefinition.load(file)
}
