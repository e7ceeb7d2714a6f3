import ArgumentParser
import Foundation
import IGFParticipation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how documents are read: kind, sessions, participation, people with raw and canonical labels, file:line.",
        discussion: "Prints a JSON array, one object per file, on stdout."
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
                documents.append(try Inspection.inspect(URL(fileURLWithPath: file, relativeTo: cwd).standardizedFileURL,
                                                        vocabularies: vocabularies))
            }
            print(JSONValue.array(documents).serialized())
        } catch {
            throw fail(error.description)
        }
    }
}
