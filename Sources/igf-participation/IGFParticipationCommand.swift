import ArgumentParser
import CSystemTuning
import Foundation
import IGFParticipation

struct IGFParticipationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "igf-participation",
        abstract: "Participation statistics from Internet Governance Forum session documents.",
        discussion: """
            Reads IGF workshop proposals, session report pages, event listings and CSV sheets \
            and writes stakeholder diversity, regional coverage, attendance and gender figures \
            per session and per year as CSV, JSON and an HTML report. With no arguments it runs \
            Pipelines/default.yml (found in the working folder or above it).

            Exit status:
            \(ExitStatus.allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n"))
            A one-line reason goes to stderr whenever the status is 2 or more.
            """,
        version: ToolInfo.version,
        subcommands: [Run.self, Merge.self, Inspect.self, Compare.self, Generate.self],
        defaultSubcommand: Run.self
    )

    /// Parses and runs, mapping every failure to the documented exit statuses.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usageError.rawValue)
        }
    }
}

@main
enum Main {
    static func main() {
        // glibc raises its mmap threshold each time a large block is freed, after which big
        // transient buffers (a file's bytes, an output being rendered) come from the heap and
        // leave it fragmented. Fixed thresholds keep them mmapped and hand freed memory back:
        // about 8 MiB less peak memory on a 100 MB corpus, at no measurable cost in time.
        igf_tune_malloc()
        IGFParticipationCommand.main()
    }
}

/// The source checkout this binary was built from: a last place to look for the default pipeline.
let sourceRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Prints `message` as a one-line error on stderr; the exit status to end with.
func fail(_ message: String, _ status: ExitStatus = .usageError) -> ExitCode {
    FileHandle.standardError.write(Data("igf-participation: error: \(message)\n".utf8))
    return ExitCode(status.rawValue)
}

/// A pipeline error as its one-line reason and exit status.
func fail(_ error: PipelineError) -> ExitCode {
    fail(error.description, ExitStatus(error))
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
