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
    /// The inputs and warnings, read as they are written.
    var rows: ResultRows
    var warningCounts: [(code: String, count: Int)]
    var counts: [(String, Int)]
    var stageSeconds: [(String, Double)]
    var status: ExitStatus

    /// The members of one object, handed to `member` in order (`JSONValue.writeObject`).
    private typealias Members = (_ member: (String, JSONValue) -> Void) -> Void

    /// A top-level member: a value, or an array of objects read as it is written.
    private enum Member {
        case value(JSONValue)
        case items((_ each: (Members) -> Void) throws(PipelineError) -> Void)
    }

    /// The document, as `JSONValue.serialized()` would print it whole (without the final
    /// newline), into `sink`; the inputs and warnings never sit in memory together.
    func render(into sink: OutputSink) {
        let members: [(String, Member)] = [
            ("schema_version", .value(.integer(1))),
            ("tool", .value(.object([("name", .string("igf-participation")), ("version", .string(ToolInfo.version))]))),
            ("run_id", .value(.string(runID))),
            ("started_at", .value(.string(CFormat.iso8601(started)))),
            ("finished_at", .value(.string(CFormat.iso8601(finished)))),
            ("pipeline", .value(.object([
                ("file", definition.file.map { .string($0.path) } ?? .null),
                ("sha256", pipelineSHA256.map { .string($0) } ?? .null),
                ("output", .string(definition.output.path)),
                ("years", definition.years.map { .string("\($0.lowerBound)-\($0.upperBound)") } ?? .null),
                ("diversity_bar", .integer(definition.settings.diversityBar)),
            ]))),
            ("jobs", .value(.integer(jobs))),
            ("inputs", .items { each throws(PipelineError) in
                try rows.inputs { input in
                    each { member in
                        member("path", .string(input.path))
                        member("size", .integer(input.size))
                        member("sha256", .string(input.sha256))
                        member("kind", .string(input.kind))
                    }
                }
            }),
            ("counts", .value(.object(counts.map { ($0.0, .integer($0.1)) }))),
            ("stage_seconds", .value(.object(stageSeconds.map { ($0.0, .decimal($0.1)) }))),
            ("warning_counts", .value(.object(warningCounts.map { ($0.code, .integer($0.count)) }))),
            ("warnings", .items { each throws(PipelineError) in
                try rows.warnings { diagnostic in each { Inspection.warning(diagnostic, $0) } }
            }),
            ("exit_status", .value(.object([("code", .integer(Int(status.rawValue))), ("meaning", .string(status.meaning))]))),
        ]
        sink.write("{\n")
        for (index, (key, member)) in members.enumerated() {
            var text = Array("  ".utf8)
            JSONValue.appendQuoted(key, to: &text)
            JSONValue.append(": ", to: &text)
            switch member {
            case .value(let value):
                value.write(to: &text, indent: 1)
            case .items(let items):
                var count = 0
                do {
                    try items { members in
                        JSONValue.append(count == 0 ? "[\n    " : ",\n    ", to: &text)
                        JSONValue.writeObject(to: &text, indent: 2, members)
                        count += 1
                        if text.count >= OutputSink.flushSize {
                            sink.write(bytes: text)
                            text.removeAll(keepingCapacity: true)
                        }
                    }
                } catch {
                    sink.fail(error.description)
                }
                JSONValue.append(count == 0 ? "[]" : "\n  ]", to: &text)
            }
            JSONValue.append(index < members.count - 1 ? ",\n" : "\n", to: &text)
            sink.write(bytes: text)
        }
        sink.write("}")
    }
}

/// The tool's identity, for manifests, caches and `--version`.
public enum ToolInfo {
    public static let version = "0.6.0"
}
