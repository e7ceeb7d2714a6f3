import Foundation
import IGFCSV
import Testing
@testable import IGFParticipation

/// Inputs the fuzzers crashed on (Tests/Fixtures/fuzz-regressions), replayed through the same
/// entry points as the fuzz targets, with what they must now yield.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = TestSupport.root.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    @Test("report page whose `Updated:` lines follow each other: sessions do not overlap")
    func overlappingSessions() throws {
        let bytes = TestSupport.bytes(Self.folder.appendingPathComponent("fuzz-report-page/overlapping-sessions.txt"))
        let text = try DocumentText.decode(bytes).get()
        let document = ReportPageExtractor.extract(text, file: "fuzz", vocabularies: FuzzVocabularies.shared)
        #expect(document.kind == .reportPage)
        for session in document.sessions {
            #expect(!(session.sessionType ?? "").hasPrefix("Updated:"))
        }
        #expect(document.sessions.map(\.location.line) == document.sessions.map(\.location.line).sorted())
        #expect(Set(document.sessions.map(\.location.line)).count == document.sessions.count)
        #expect(document.sessions.map(\.location.line) == [3, 19, 28, 33, 42, 52])
        #expect(document.sessions.first?.title == "Concluding Breakout Session: Data Governance")
    }

    @Test("every regression input goes through its extractor", arguments: ["fuzz-proposal", "fuzz-report-page", "fuzz-event-listing", "fuzz-table", "fuzz-csv"])
    func replay(_ target: String) throws {
        let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent(target).path)) ?? []).sorted()
        for name in inputs {
            let bytes = TestSupport.bytes(Self.folder.appendingPathComponent("\(target)/\(name)"))
            let first = Self.run(target, bytes), second = Self.run(target, bytes)
            #expect(first == second, "\(target)/\(name): the same input gives the same result")
        }
    }

    /// The fuzz target's work, summarized as text so two runs can be compared.
    static func run(_ target: String, _ bytes: [UInt8]) -> String {
        let vocabularies = FuzzVocabularies.shared
        switch target {
        case "fuzz-csv":
            return "\((try? CSVReader.read(bytes)) ?? [])"
        case "fuzz-table":
            let mapping = ColumnMapping([.year: "year", .session: "session", .role: "role", .name: "name"])
            let document = TableExtractor.extract(bytes: bytes, file: "fuzz", mapping: mapping)
            return "\(Normalizer.normalize(document, with: vocabularies).sessions.map(\.id))"
        default:
            guard case .success(let text) = DocumentText.decode(bytes) else { return "undecodable" }
            let document = switch target {
            case "fuzz-proposal": ProposalExtractor.extract(text, file: "fuzz")
            case "fuzz-event-listing": EventListingExtractor.extract(text, file: "fuzz")
            default: ReportPageExtractor.extract(text, file: "fuzz", vocabularies: vocabularies)
            }
            return "\(document.sessions.map(\.title)) \(document.diagnostics.map(\.description))"
        }
    }
}
