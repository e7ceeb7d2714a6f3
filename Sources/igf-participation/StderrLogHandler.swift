import ArgumentParser
import Foundation
import IGFParticipation
import Logging

/// Log lines on stderr: `warning: file:line: [code] …` for people, or JSON lines for machines.
struct StderrLogHandler: LogHandler {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    var format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        var line: String
        switch format {
        case .text:
            line = "\(event.level.rawValue): \(event.message)"
            // Warnings carry their place in the message already.
            if event.level != .warning, !all.isEmpty {
                line += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            }
        case .json:
            var object: [String: Any] = ["timestamp": CFormat.iso8601(Date()), "level": event.level.rawValue,
                                         "label": label, "message": "\(event.message)"]
            for (key, value) in all { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
