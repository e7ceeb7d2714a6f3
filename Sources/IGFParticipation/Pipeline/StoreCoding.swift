/// The compact binary form in which a run keeps its sessions, warnings and inputs in its
/// `RunStore` between stages.
///
/// Hand-written rather than `Codable`: the store writes and reads every session several
/// times, and a generic encoder spent more time than the extraction it stores. Integers are
/// zig-zag varints, strings their UTF-8 bytes after a varint length, optionals a 0/1 byte
/// before the value, enums their position in `allCases`. A source location's file is
/// written once per stream: where it is the file the last location named (a session's
/// people, sources and counts are all read from one document), a 0 stands for it, and
/// any other file is its length plus one, then its bytes; the reader hands back the one
/// `String` it made, so a decoded session shares one copy. Only this file reads what it
/// writes: in the same process, or in a shard's partial (`Partial`) by the same version of
/// the tool, which the partial's header names and `merge` checks. So the form carries no
/// version of its own.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []
    /// The file the last location named (`file`).
    private var lastFile: String?

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A location's file: 0 when it is the last one written, else its length plus one and
    /// its bytes.
    mutating func file(_ value: String) {
        if value == lastFile { return bytes.append(0) }
        lastFile = value
        var text = value
        text.withUTF8 { utf8 in
            int(utf8.count + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes as they are (the reader knows their length from elsewhere).
    mutating func raw(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
    }

    mutating func choice<Value: CaseIterable & Equatable>(_ value: Value) {
        var position = 0
        for candidate in Value.allCases {
            if candidate == value { break }
            position += 1
        }
        bytes.append(UInt8(position))
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout ByteWriter, Value) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        write(&self, value)
    }

    mutating func array<Value>(_ values: [Value], _ write: (inout ByteWriter, Value) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// Reads what `ByteWriter` wrote; any byte out of place is `StoreCodingError`.
/// It borrows the bytes: use it inside the `withUnsafeBytes` that lends them.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var at = 0
    /// The file the last location named (`file`); none before the first.
    private var lastFile: String?
    /// Whether a file was stepped over (`skipFile`).
    private var fileSeen = false

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { at == bytes.count }

    /// How many bytes were read.
    var offset: Int { at }

    private mutating func byte() throws(StoreCodingError) -> UInt8 {
        guard at < bytes.count else { throw StoreCodingError() }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func int() throws(StoreCodingError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw StoreCodingError() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
    }

    mutating func bool() throws(StoreCodingError) -> Bool {
        try byte() != 0
    }

    mutating func string() throws(StoreCodingError) -> String {
        let count = try int()
        guard count >= 0, count <= bytes.count - at else { throw StoreCodingError() }
        defer { at += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)]), as: UTF8.self)
    }

    /// Steps over a string.
    mutating func skipString() throws(StoreCodingError) {
        let count = try int()
        guard count >= 0, count <= bytes.count - at else { throw StoreCodingError() }
        at += count
    }

    /// Steps over what `ByteWriter.file` wrote; a back-reference before any file is damage.
    mutating func skipFile() throws(StoreCodingError) {
        let code = try int()
        if code == 0 {
            guard fileSeen else { throw StoreCodingError() }
            return
        }
        let count = code &- 1
        guard code > 0, count <= bytes.count - at else { throw StoreCodingError() }
        at += count
        fileSeen = true
    }

    /// What `ByteWriter.file` wrote. A back-reference before any file is damage.
    mutating func file() throws(StoreCodingError) -> String {
        let code = try int()
        if code == 0 {
            guard let lastFile else { throw StoreCodingError() }
            return lastFile
        }
        let count = code &- 1
        guard code > 0, count <= bytes.count - at else { throw StoreCodingError() }
        defer { at += count }
        let file = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)]), as: UTF8.self)
        lastFile = file
        return file
    }

    mutating func choice<Value: CaseIterable>(_: Value.Type) throws(StoreCodingError) -> Value {
        let position = Int(try byte())
        let cases = Value.allCases
        guard position < cases.count else { throw StoreCodingError() }
        return cases[cases.index(cases.startIndex, offsetBy: position)]
    }

    mutating func optional<Value>(_ read: (inout ByteReader) throws(StoreCodingError) -> Value) throws(StoreCodingError) -> Value? {
        try byte() == 0 ? nil : try read(&self)
    }

    mutating func array<Value>(_ read: (inout ByteReader) throws(StoreCodingError) -> Value) throws(StoreCodingError) -> [Value] {
        let count = try int()
        guard count >= 0, count <= bytes.count - at else { throw StoreCodingError() }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}

/// A stored value that does not read back: the store's file was changed under the run.
struct StoreCodingError: Error {}

/// A value the run store keeps.
protocol StoreCodable {
    func write(to writer: inout ByteWriter)
    init(from reader: inout ByteReader) throws(StoreCodingError)
}

extension StoreCodable {
    var storeBytes: [UInt8] {
        var writer = ByteWriter()
        write(to: &writer)
        return writer.bytes
    }

    init(storeBytes bytes: UnsafeRawBufferPointer) throws(StoreCodingError) {
        var reader = ByteReader(bytes)
        self = try Self(from: &reader)
        guard reader.isAtEnd else { throw StoreCodingError() }
    }

    init(storeBytes bytes: [UInt8]) throws(StoreCodingError) {
        let decoded = bytes.withUnsafeBytes { buffer in Result { () throws(StoreCodingError) in try Self(storeBytes: buffer) } }
        self = try decoded.get()
    }
}

extension SourceLocation: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.file(file)
        writer.int(line)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        self.init(file: try reader.file(), line: try reader.int())
    }
}

extension Count: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.int(value)
        writer.choice(qualifier)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        self.init(try reader.int(), try reader.choice(Qualifier.self))
    }
}

extension Participation: StoreCodable {
    func write(to writer: inout ByteWriter) {
        for count in [onsite, online, total, women, men] { writer.optional(count) { $1.write(to: &$0) } }
        location.write(to: &writer)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        func count(_ reader: inout ByteReader) throws(StoreCodingError) -> Count? { try reader.optional { reader throws(StoreCodingError) in try Count(from: &reader) } }
        self.init(onsite: try count(&reader), online: try count(&reader), total: try count(&reader), women: try count(&reader),
                  men: try count(&reader), location: try SourceLocation(from: &reader))
    }
}

extension Schedule: StoreCodable {
    func write(to writer: inout ByteWriter) {
        for value in [year, month, day, startMinute, endMinute] { writer.int(value) }
        writer.optional(location) { $1.write(to: &$0) }
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        self.init(year: try reader.int(), month: try reader.int(), day: try reader.int(), startMinute: try reader.int(),
                  endMinute: try reader.int(),
                  location: try reader.optional { reader throws(StoreCodingError) in try SourceLocation(from: &reader) })
    }
}

extension RawPerson: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.choice(role)
        for text in [name, organization, stakeholder, region, country] { writer.optional(text) { $0.string($1) } }
        writer.optional(gender) { $0.choice($1) }
        location.write(to: &writer)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        func text(_ reader: inout ByteReader) throws(StoreCodingError) -> String? { try reader.optional { reader throws(StoreCodingError) in try reader.string() } }
        self.init(role: try reader.choice(Role.self), name: try text(&reader), organization: try text(&reader),
                  stakeholder: try text(&reader), region: try text(&reader), country: try text(&reader),
                  gender: try reader.optional { reader throws(StoreCodingError) in try reader.choice(Gender.self) },
                  location: try SourceLocation(from: &reader))
    }
}

extension RawSession: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.choice(sourceKind)
        writer.int(year)
        writer.optional(number) { writer, number in
            writer.string(number.prefix)
            writer.int(number.value)
        }
        writer.string(title)
        for text in [sessionType, format, layout] { writer.optional(text) { $0.string($1) } }
        writer.optional(durationMinutes) { $0.int($1) }
        writer.optional(formatDescription) { $0.string($1) }
        writer.array(sdgs) { $0.int($1) }
        for text in [theme, organizers] { writer.optional(text) { $0.string($1) } }
        writer.optional(schedule) { $1.write(to: &$0) }
        writer.optional(participation) { $1.write(to: &$0) }
        writer.array(people) { $1.write(to: &$0) }
        location.write(to: &writer)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        func text(_ reader: inout ByteReader) throws(StoreCodingError) -> String? { try reader.optional { reader throws(StoreCodingError) in try reader.string() } }
        let sourceKind = try reader.choice(DocumentKind.self)
        let year = try reader.int()
        let number = try reader.optional { reader throws(StoreCodingError) in SessionNumber(prefix: try reader.string(), value: try reader.int()) }
        let title = try reader.string()
        let sessionType = try text(&reader), format = try text(&reader), layout = try text(&reader)
        let duration = try reader.optional { reader throws(StoreCodingError) in try reader.int() }
        let formatDescription = try text(&reader)
        let sdgs = try reader.array { reader throws(StoreCodingError) in try reader.int() }
        let theme = try text(&reader), organizers = try text(&reader)
        let schedule = try reader.optional { reader throws(StoreCodingError) in try Schedule(from: &reader) }
        let participation = try reader.optional { reader throws(StoreCodingError) in try Participation(from: &reader) }
        let people = try reader.array { reader throws(StoreCodingError) in try RawPerson(from: &reader) }
        self.init(sourceKind: sourceKind, year: year, number: number, title: title, sessionType: sessionType, format: format,
                  layout: layout, durationMinutes: duration, formatDescription: formatDescription, sdgs: sdgs, theme: theme,
                  organizers: organizers, schedule: schedule, participation: participation, people: people,
                  location: try SourceLocation(from: &reader))
    }
}

extension Person: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.choice(role)
        for text in [name, organization] { writer.string(text) }
        writer.choice(stakeholder)
        writer.string(stakeholderRaw)
        writer.choice(region)
        for text in [regionRaw, country, countryRaw] { writer.string(text) }
        writer.choice(gender)
        writer.string(key)
        location.write(to: &writer)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        self.init(role: try reader.choice(Role.self), name: try reader.string(), organization: try reader.string(),
                  stakeholder: try reader.choice(StakeholderGroup.self), stakeholderRaw: try reader.string(),
                  region: try reader.choice(RegionalGroup.self), regionRaw: try reader.string(), country: try reader.string(),
                  countryRaw: try reader.string(), gender: try reader.choice(Gender.self), key: try reader.string(),
                  location: try SourceLocation(from: &reader))
    }
}

extension Session: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.string(id)
        raw.write(to: &writer)
        writer.array(people) { $1.write(to: &$0) }
        writer.array(sources) { writer, source in
            writer.choice(source.kind)
            source.location.write(to: &writer)
        }
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        let id = try reader.string()
        let raw = try RawSession(from: &reader)
        let people = try reader.array { reader throws(StoreCodingError) in try Person(from: &reader) }
        let sources = try reader.array { reader throws(StoreCodingError) in
            SessionSource(kind: try reader.choice(DocumentKind.self), location: try SourceLocation(from: &reader))
        }
        self.init(id: id, raw: raw, people: people, sources: sources)
    }
}

/// What the join needs of a session that joins no other: its id, year and people, by name
/// and organization as written (`PersonIdentity.names(of:aliases:)`).
struct JoinSummary: Equatable {
    var id: String
    var year: Int
    var people: [(name: String, organization: String)]

    static func == (left: JoinSummary, right: JoinSummary) -> Bool {
        left.id == right.id && left.year == right.year && left.people.elementsEqual(right.people, by: ==)
    }
}

extension Session {
    /// The join's summary of a stored session, read off its bytes as `init(storeBytes:)`
    /// reads them (any byte out of place is `StoreCodingError` alike), without making the
    /// rest of the session.
    static func joinSummary(storeBytes bytes: [UInt8]) throws(StoreCodingError) -> JoinSummary {
        let read = bytes.withUnsafeBytes { buffer in
            Result { () throws(StoreCodingError) in
                var reader = ByteReader(buffer)
                let summary = try joinSummary(&reader)
                guard reader.isAtEnd else { throw StoreCodingError() }
                return summary
            }
        }
        return try read.get()
    }

    private static func joinSummary(_ reader: inout ByteReader) throws(StoreCodingError) -> JoinSummary {
        func skipText(_ reader: inout ByteReader) throws(StoreCodingError) { _ = try reader.optional { reader throws(StoreCodingError) in try reader.skipString() } }
        func skipLocation(_ reader: inout ByteReader) throws(StoreCodingError) {
            try reader.skipFile()
            _ = try reader.int()
        }
        let id = try reader.string()
        // `RawSession`, field by field as it writes them.
        _ = try reader.choice(DocumentKind.self)
        let year = try reader.int()
        _ = try reader.optional { reader throws(StoreCodingError) in
            try reader.skipString()
            _ = try reader.int()
        }
        try reader.skipString()
        for _ in 0..<3 { try skipText(&reader) }
        _ = try reader.optional { reader throws(StoreCodingError) in try reader.int() }
        try skipText(&reader)
        _ = try reader.array { reader throws(StoreCodingError) in try reader.int() }
        for _ in 0..<2 { try skipText(&reader) }
        _ = try reader.optional { reader throws(StoreCodingError) in
            for _ in 0..<5 { _ = try reader.int() }
            _ = try reader.optional { reader throws(StoreCodingError) in try skipLocation(&reader) }
        }
        _ = try reader.optional { reader throws(StoreCodingError) in
            for _ in 0..<5 {
                _ = try reader.optional { reader throws(StoreCodingError) in
                    _ = try reader.int()
                    _ = try reader.choice(Qualifier.self)
                }
            }
            try skipLocation(&reader)
        }
        _ = try reader.array { reader throws(StoreCodingError) in
            _ = try reader.choice(Role.self)
            for _ in 0..<5 { try skipText(&reader) }
            _ = try reader.optional { reader throws(StoreCodingError) in try reader.choice(Gender.self) }
            try skipLocation(&reader)
        }
        try skipLocation(&reader)
        // `people`: name and organization kept.
        let people = try reader.array { reader throws(StoreCodingError) in
            _ = try reader.choice(Role.self)
            let person = (name: try reader.string(), organization: try reader.string())
            _ = try reader.choice(StakeholderGroup.self)
            try reader.skipString()
            _ = try reader.choice(RegionalGroup.self)
            for _ in 0..<3 { try reader.skipString() }
            _ = try reader.choice(Gender.self)
            try reader.skipString()
            try skipLocation(&reader)
            return person
        }
        _ = try reader.array { reader throws(StoreCodingError) in
            _ = try reader.choice(DocumentKind.self)
            try skipLocation(&reader)
        }
        return JoinSummary(id: id, year: year, people: people)
    }
}

extension Diagnostic: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.choice(code)
        location.write(to: &writer)
        writer.optional(byteOffset) { $0.int($1) }
        writer.string(message)
        writer.string(raw)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        let code = try reader.choice(Code.self)
        let location = try SourceLocation(from: &reader)
        let byteOffset = try reader.optional { reader throws(StoreCodingError) in try reader.int() }
        self.init(code, at: location, byteOffset: byteOffset, try reader.string(), raw: try reader.string())
    }
}

extension RunManifest.Input: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.string(path)
        writer.int(size)
        writer.string(sha256)
        writer.string(kind)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        self.init(path: try reader.string(), size: try reader.int(), sha256: try reader.string(), kind: try reader.string())
    }
}

extension Runner.DocumentResult: StoreCodable {
    func write(to writer: inout ByteWriter) {
        writer.int(index)
        writer.bool(read)
        writer.array(sessions) { $1.write(to: &$0) }
        writer.array(diagnostics) { $1.write(to: &$0) }
        manifest.write(to: &writer)
        writer.bool(cached)
        writer.bool(extracted)
    }

    init(from reader: inout ByteReader) throws(StoreCodingError) {
        let index = try reader.int()
        let read = try reader.bool()
        let sessions = try reader.array { reader throws(StoreCodingError) in try Session(from: &reader) }
        let diagnostics = try reader.array { reader throws(StoreCodingError) in try Diagnostic(from: &reader) }
        let manifest = try RunManifest.Input(from: &reader)
        self.init(index: index, read: read, sessions: sessions, diagnostics: diagnostics, manifest: manifest,
                  cached: try reader.bool(), extracted: try reader.bool())
    }
}
