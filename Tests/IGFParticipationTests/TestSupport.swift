import Foundation
import IGFCSV
@testable import IGFParticipation

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The project root (the folder holding Package.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Data/corpus")
    static let fixtures = root.appendingPathComponent("Tests/IGFParticipationTests/Fixtures")
    static let defaultPipeline = root.appendingPathComponent("Pipelines/default.yml")

    static func bytes(_ url: URL) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: url.path) ?? Data())
    }

    static func corpusText(_ name: String) -> DocumentText {
        guard case .success(let text) = DocumentText.decode(bytes(corpus.appendingPathComponent(name))) else {
            fatalError("sample document \(name) does not decode")
        }
        return text
    }

    static let vocabularies: Vocabularies = {
        do {
            return try VocabularyLoader.load(root.appendingPathComponent("Data/vocabularies"))
        } catch {
            fatalError("vocabularies do not load: \(error)")
        }
    }()

    /// Extracts and normalizes one sample document.
    static func sessions(in name: String) -> (sessions: [Session], diagnostics: [Diagnostic]) {
        let document = Extractor.extract(bytes: bytes(corpus.appendingPathComponent(name)), file: name, vocabularies: vocabularies)
        let normalized = Normalizer.normalize(document, with: vocabularies)
        return (normalized.sessions, document.diagnostics + normalized.diagnostics)
    }

    /// The one folder this test process keeps its temporary folders in; removed when the process
    /// exits, so runs of the tests do not leave folders behind (a crashed run still may).
    private static let temporaryRoot: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("igf-participation-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestSupport.temporaryRoot) }
        return url
    }()

    /// A fresh empty folder under the test process's temporary root.
    static func temporaryFolder() -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The default pipeline, writing into `output`.
    static func defaultDefinition(output: URL) throws -> PipelineDefinition {
        var definition = try PipelineDefinition.load(defaultPipeline)
        definition.output = output
        return definition
    }

    /// A definition reading `folder` with the project's vocabularies.
    static func definition(reading folder: URL, output: URL) -> PipelineDefinition {
        PipelineDefinition(inputs: [.init(folder: folder)], vocabularies: root.appendingPathComponent("Data/vocabularies"),
                           output: output, base: root)
    }

    static func text(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// A CSV output as rows of fields (header first), read with the project's reader.
    static func rows(_ url: URL) -> [[String]] {
        ((try? CSVReader.read(bytes(url))) ?? []).map(\.fields)
    }
}
