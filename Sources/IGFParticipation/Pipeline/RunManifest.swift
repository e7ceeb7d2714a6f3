import Foundation

/// `run.json`: what a run read, did and found, beside its outputs.
///
/// Unlike the other outputs it holds times, so it differs from run to run; everything else
/// in a result set is byte-for-byte the same for the same inputs.
struct RunManifest {
    /// One input file: its size, SHA-256 and the kind detected (or why it was skipped).
    struct Input: Sendable, Codable {
        var path: String
        var size: Int
        var sha256: String
        var kind: String
    }

    var runID: String
    var started: Date
    var finished: Date
    var definition: PipelineDefinition
    var pipelineSHA256: String?
    var jobs: Int
    var inputs: [Input]
    var counts: [(String, Int)]
    var stageSeconds: [(String, Double)]
    var diagnostics: [Diagnostic]
    var status: ExitStatus

    func document() -> JSONValue {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var codes: [String: Int] = [:]
        for diagnostic in diagnostics { codes[diagnostic.code.rawValue, default: 0] += 1 }
        return .object([
            ("schema_version", .integer(1)),
            ("tool", .object([("name", .string("igf-participation")), ("version", .string(ToolInfo.version))])),
            ("run_id", .string(runID)),
            ("started_at", .string(iso.string(from: started))),
            ("finished_at", .string(iso.string(from: finished))),
            ("pipeline", .object([
                ("file", definition.file.map { .string($0.path) } ?? .null),
                ("sha256", pipelineSHA256.map { .string($0) } ?? .null),
                ("output", .string(definition.output.path)),
                ("years", definition.years.map { .string("\($0.lowerBound)-\($0.upperBound)") } ?? .null),
                ("diversity_bar", .integer(definition.settings.diversityBar)),
            ])),
            ("jobs", .integer(jobs)),
            ("inputs", .array(inputs.map { input in
                .object([("path", .string(input.path)), ("size", .integer(input.size)),
                         ("sha256", .string(input.sha256)), ("kind", .string(input.kind))])
            })),
            ("counts", .object(counts.map { ($0.0, .integer($0.1)) })),
            ("stage_seconds", .object(stageSeconds.map { ($0.0, .decimal($0.1)) })),
            ("warning_counts", .object(codes.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
            ("warnings", .array(diagnostics.map(Inspection.warning))),
            ("exit_status", .object([("code", .integer(Int(status.rawValue))), ("meaning", .string(status.meaning))])),
        ])
    }
}

/// The tool's identity, for manifests, caches and `--version`.
public enum ToolInfo {
    public static let version = "0.6.0"
}
