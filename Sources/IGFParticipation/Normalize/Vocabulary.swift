import IGFCSV

/// A user-editable mapping from labels seen in documents to one canonical group.
///
/// Loaded from a CSV file with the header `canonical,alias`, one alias per row; every
/// canonical label also matches itself. Matching ignores case and runs of white space
/// (U+00A0 included). A label with a parenthesized abbreviation, such as
/// `Western European and Others Group (WEOG)`, matches if the whole label, the
/// abbreviation or the text before it is known.
public struct Vocabulary<Group: RawRepresentable & Hashable & Sendable>: Sendable where Group.RawValue == String {
    private var groupsByKey: [String: Group]

    /// A vocabulary from explicit alias pairs (each canonical label matches itself too).
    public init(aliases: [(alias: String, group: Group)], canonical: [Group]) {
        groupsByKey = [:]
        for group in canonical { groupsByKey[Self.key(group.rawValue)] = group }
        for (alias, group) in aliases { groupsByKey[Self.key(alias)] = group }
    }

    /// Reads a vocabulary file; `file` names it in errors.
    ///
    /// - Throws: `VocabularyError` naming the file and line of a bad header, an unknown
    ///   canonical label, or an alias given to two different groups.
    public static func parse(csv bytes: [UInt8], file: String, canonical: [Group]) throws(VocabularyError) -> Vocabulary {
        let records = try VocabularyError.records(of: bytes, file: file, header: ["canonical", "alias"])
        var pairs: [(alias: String, group: Group)] = []
        var seen: [String: (group: Group, line: Int)] = [:]
        for record in records.dropFirst() {
            let label = record.fields[0].collapsingWhitespace
            guard let group = canonical.first(where: { $0.rawValue == label }) else {
                let known = canonical.map(\.rawValue).joined(separator: ", ")
                throw VocabularyError(file: file, line: record.line,
                                      message: "`\(label)` is not a canonical label (one of: \(known))")
            }
            let alias = record.fields.count > 1 ? record.fields[1].collapsingWhitespace : ""
            guard !alias.isEmpty else { continue }
            let key = Self.key(alias)
            if let earlier = seen[key], earlier.group != group {
                throw VocabularyError(file: file, line: record.line,
                                      message: "alias `\(alias)` already maps to `\(earlier.group.rawValue)` on line \(earlier.line)")
            }
            seen[key] = (group, record.line)
            pairs.append((alias, group))
        }
        return Vocabulary(aliases: pairs, canonical: canonical)
    }

    /// The group `label` names, or nil when nothing matches.
    public func match(_ label: String) -> Group? {
        let whole = Self.key(label)
        if let group = groupsByKey[whole] { return group }
        // `Long Name (ABBR)`: try the abbreviation, then the long name alone.
        guard whole.hasSuffix(")"), let open = whole.lastIndex(of: "(") else { return nil }
        let inner = String(whole[whole.index(after: open)..<whole.index(before: whole.endIndex)]).collapsingWhitespace
        let outer = String(whole[..<open]).collapsingWhitespace
        return groupsByKey[inner] ?? groupsByKey[outer]
    }

    /// The matching key: lower case, runs of white space as one space, ends trimmed.
    static func key(_ label: String) -> String {
        var label = label
        return label.withUTF8 { ASCII.collapsed($0, lowercasing: true) } ?? label.lowercased().collapsingWhitespace
    }
}

/// A vocabulary file that cannot be used, with its place.
public struct VocabularyError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }

    /// The rows of a vocabulary file whose header starts with `header`, header row included.
    static func records(of bytes: [UInt8], file: String, header: [String]) throws(VocabularyError) -> [CSVRecord] {
        let records: [CSVRecord]
        do {
            records = try CSVReader.read(bytes)
        } catch {
            throw VocabularyError(file: file, line: 0, message: error.description)
        }
        guard let first = records.first,
              Array(first.fields.map({ $0.collapsingWhitespace.lowercased() }).prefix(header.count)) == header else {
            throw VocabularyError(file: file, line: records.first?.line ?? 1,
                                  message: "the header must be `\(header.joined(separator: ","))`")
        }
        return records
    }
}

/// The vocabularies the extract and normalize stages apply.
public struct Vocabularies: Sendable {
    public var stakeholders: Vocabulary<StakeholderGroup>
    public var regions: Vocabulary<RegionalGroup>
    public var countries: CountryVocabulary
    public var people: PeopleAliases
    /// SHA-256 of the vocabulary files: a cached extraction is valid only for the same one.
    public var fingerprint = ""

    public init(stakeholders: Vocabulary<StakeholderGroup>, regions: Vocabulary<RegionalGroup>,
                countries: CountryVocabulary = CountryVocabulary(), people: PeopleAliases = PeopleAliases()) {
        self.stakeholders = stakeholders
        self.regions = regions
        self.countries = countries
        self.people = people
    }

    /// The file names a vocabulary folder holds.
    public enum FileName {
        public static let stakeholders = "stakeholder-groups.csv"
        public static let regions = "regional-groups.csv"
        public static let countries = "countries.csv"
        /// Optional: a vocabulary folder may leave it out.
        public static let people = "people-aliases.csv"
    }
}
