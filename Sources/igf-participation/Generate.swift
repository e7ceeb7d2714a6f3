import ArgumentParser
import Foundation
import IGFParticipation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic corpus and the figures a run on it must reproduce.",
        discussion: """
            Writes N documents (workshop proposals of both styles, report pages with varied \
            participation wording, event listings) into OUT, and OUT/ground-truth.json with the \
            per-year figures. The same seed gives the same bytes.
            """
    )

    @Argument(help: "Folder to write into (created if missing).") var out: String
    @Option(help: "How many documents.") var documents: Int = 100
    @Option(help: "Seed of the deterministic generator.") var seed: UInt64 = 1
    @Option(help: "Paragraphs of free text per document (about 140 bytes each), to reach a size.") var paragraphs: Int = 1

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw fail("\(folder.path): cannot create the folder", .outputUnavailable)
        }
        var failure: String?
        let truth = CorpusGenerator.generate(documents: documents, seed: seed, paragraphs: paragraphs) { name, text in
            guard failure == nil else { return }
            if !FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(text.utf8)) {
                failure = "\(folder.appendingPathComponent(name).path): cannot write"
            }
        }
        if let failure { throw fail(failure, .outputUnavailable) }
        let truthFile = folder.appendingPathComponent("ground-truth.json")
        guard FileManager.default.createFile(atPath: truthFile.path, contents: Data((truth.document().serialized() + "\n").utf8)) else {
            throw fail("\(truthFile.path): cannot write", .outputUnavailable)
        }
        print("wrote \(documents) documents (\(truth.bytes) bytes) and ground-truth.json to \(folder.path)")
    }
}
