import Foundation
import IGFCSV

/// `inspect`: how one document is read, every record with its raw and canonical labels.
public enum Inspection {
    /// Reads `url` and describes it; an unreadable file is an error, anything else a warning.
    public static func inspect(_ url: URL, vocabularies: Vocabularies) throws(PipelineError) -> JSONValue {
        document(bytes: try FileAccess.read(url).get(), file: url.path, vocabularies: vocabularies)
    }

    /// The JSON a user reads to trace a figure back to its text.
    public static func document(bytes: [UInt8], file: String, vocabularies: Vocabularies) -> JSONValue {
        let extracted = Extractor.extract(bytes: bytes, file: file, vocabularies: vocabularies)
        let normalized = Normalizer.normalize(extracted, with: vocabularies)
        let diagnostics = (extracted.diagnostics + normalized.diagnostics).sorted()
        return .object([
            ("file", .string(file)),
            ("kind", extracted.kind.map { .string($0.label) } ?? .null),
            ("sessions", .array(normalized.sessions.map(session))),
            ("warnings", .array(diagnostics.map(warning))),
        ])
    }

    /// The rows a CSV file reads as: an array of arrays of strings.
    public static func inspectTable(_ url: URL) throws(PipelineError) -> JSONValue {
        let bytes = try FileAccess.read(url).get()
        do {
            return .array(try CSVReader.read(bytes).map { .array($0.fields.map { .string($0) }) })
        } catch {
            throw .unreadable(path: url.path, reason: error.description)
        }
    }

    static func session(_ session: Session) -> JSONValue {
        let raw = session.raw
        return .object([
            ("session_id", .string(session.id)),
            ("year", .integer(raw.year)),
            ("source_kind", .string(raw.sourceKind.label)),
            ("number", raw.number.map { .string($0.description) } ?? .null),
            ("title", .string(raw.title)),
            ("session_type", optional(raw.sessionType)),
            ("format", optional(raw.format)),
            ("layout", optional(raw.layout)),
            ("duration_minutes", raw.durationMinutes.map { .integer($0) } ?? .null),
            ("format_description", optional(raw.formatDescription)),
            ("sdgs", .array(raw.sdgs.map { .integer($0) })),
            ("theme", optional(raw.theme)),
            ("organizers", optional(raw.organizers)),
            ("schedule", raw.schedule.map { schedule in
                .object([("date", .string(schedule.date)), ("start_utc", .string(schedule.start)),
                         ("end_utc", .string(schedule.end)), ("duration_minutes", .integer(schedule.durationMinutes))])
            } ?? .null),
            ("participation", raw.participation.map(participation) ?? .null),
            ("source", .string(raw.location.description)),
            ("people", .array(session.people.map(person))),
        ])
    }

    static func participation(_ participation: Participation) -> JSONValue {
        func count(_ count: Count?) -> JSONValue {
            count.map { .object([("value", .integer($0.value)), ("qualifier", .string($0.qualifier.label))]) } ?? .null
        }
        return .object([
            ("onsite", count(participation.onsite)), ("online", count(participation.online)),
            ("total", count(participation.total)), ("women", count(participation.women)),
            ("men", count(participation.men)), ("source", .string(participation.location.description)),
        ])
    }

    static func person(_ person: Person) -> JSONValue {
        .object([
            ("role", .string(person.role.label)),
            ("name", .string(person.name)),
            ("organization", .string(person.organization)),
            ("stakeholder_group", .object([("raw", .string(person.stakeholderRaw)), ("canonical", .string(person.stakeholder.label))])),
            ("regional_group", .object([("raw", .string(person.regionRaw)), ("canonical", .string(person.region.label))])),
            ("country", .object([("raw", .string(person.countryRaw)), ("canonical", .string(person.country))])),
            ("person_key", .string(person.key)),
            ("source", .string(person.location.description)),
        ])
    }

    static func warning(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = []
        warning(diagnostic) { members.append(($0, $1)) }
        return .object(members)
    }

    /// The same object's members, in order, handed to `member` (`JSONValue.writeObject`).
    static func warning(_ diagnostic: Diagnostic, _ member: (String, JSONValue) -> Void) {
        member("code", .string(diagnostic.code.rawValue))
        member("file", .string(diagnostic.location.file))
        member("line", diagnostic.location.line > 0 ? .integer(diagnostic.location.line) : .null)
        member("byte_offset", diagnostic.byteOffset.map { .integer($0) } ?? .null)
        member("message", .string(diagnostic.message))
        member("raw", .string(diagnostic.raw))
    }

    private static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
}
