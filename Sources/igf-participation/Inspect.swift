import ArgumentParser
import Foundation
import IGFParticipation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how documents are read: kind, sessions, participation, people with raw and canonical labels, file:line.",
        discussion: """
            Prints JSON on stdout: for one .csv file, the rows the CSV reader reads (an array \
            of arrays of strings), so a sheet's parsing can be checked before it is mapped in a \
            pipeline; otherwise an array with one item per file.
            """
    )

    @Argument(help: "Documents to inspect.")
    var files: [String]

    @Option(help: "Pipeline whose vocabularies to apply (default: Pipelines/default.yml).")
    var pipeline: String?

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let vocabularies = try VocabularyLoader.load(loadDefinition(pipeline).vocabularies)
            var documents: [JSONValue] = []
            for file in files {
                let url = URL(fileURLWithPath: file, relativeTo: cwd).standardizedFileURL
                documents.append(url.pathExtension.lowercased() == "csv"
                                 ? try Inspection.inspectTable(url) : try Inspection.inspect(url, vocabularies: vocabularies))
            }
            // One sheet alone prints as its rows; anything else as an array, one item per file.
            print((documents.count == 1 && files[0].lowercased().hasSuffix(".csv") ? documents[0] : .array(documents)).serialized())
        } catch {
            throw fail(error)
        }
    }
}
