/// Countries and the UN regional group each belongs to, read from `countries.csv`.
///
/// The file has the header `country,regional_group,aliases`, one row per state; `aliases`
/// holds other spellings separated by `;`. Matching ignores case and runs of white space.
public struct CountryVocabulary: Sendable {
    /// A matched country: its canonical name and its group (`unknown` when the file gives none).
    public struct Entry: Hashable, Sendable {
        public var country: String
        public var group: RegionalGroup
    }

    private var entriesByKey: [String: Entry]

    public init(_ entries: [(names: [String], entry: Entry)] = []) {
        entriesByKey = [:]
        for (names, entry) in entries {
            for name in names { entriesByKey[Vocabulary<RegionalGroup>.key(name)] = entry }
        }
    }

    public static func parse(csv bytes: [UInt8], file: String) throws(VocabularyError) -> CountryVocabulary {
        let records = try VocabularyError.records(of: bytes, file: file, header: ["country", "regional_group", "aliases"])
        var entries: [(names: [String], entry: Entry)] = []
        var seen: [String: (country: String, line: Int)] = [:]
        for record in records.dropFirst() {
            let country = record.fields[0].collapsingWhitespace
            guard !country.isEmpty else { continue }
            let groupLabel = record.fields.count > 1 ? record.fields[1].collapsingWhitespace : ""
            var group = RegionalGroup.unknown
            if !groupLabel.isEmpty {
                guard let known = RegionalGroup.unRegionalGroups.first(where: { $0.label == groupLabel }) else {
                    throw VocabularyError(file: file, line: record.line,
                                          message: "`\(groupLabel)` is not a UN regional group (one of: \(RegionalGroup.unRegionalGroups.map(\.label).joined(separator: ", ")))")
                }
                group = known
            }
            let aliases = record.fields.count > 2
                ? record.fields[2].split(separator: ";").map { $0.collapsingWhitespace }.filter { !$0.isEmpty } : []
            for name in [country] + aliases {
                let key = Vocabulary<RegionalGroup>.key(name)
                if let earlier = seen[key], earlier.country != country {
                    throw VocabularyError(file: file, line: record.line,
                                          message: "`\(name)` already names `\(earlier.country)` on line \(earlier.line)")
                }
                seen[key] = (country, record.line)
            }
            entries.append(([country] + aliases, Entry(country: country, group: group)))
        }
        return CountryVocabulary(entries)
    }

    /// The country `label` names, or nil.
    public func match(_ label: String) -> Entry? {
        entriesByKey[Vocabulary<RegionalGroup>.key(label)]
    }
}
