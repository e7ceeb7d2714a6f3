/// User-kept corrections of person identity, read from `people-aliases.csv`.
///
/// Header `name,organization,person`. Every row says: an entry with this name (and, when the
/// organization cell is filled, this organization) is the person called `person`. Rows with
/// the same `person` merge spellings (`Alexander Seger`, `A. Seger`); rows with the same name
/// and different organizations and persons split namesakes.
public struct PeopleAliases: Sendable {
    struct Entry: Sendable {
        var name: String
        var organization: String
        var person: String
    }

    var entries: [Entry]

    public init() {
        entries = []
    }

    public static func parse(csv bytes: [UInt8], file: String) throws(VocabularyError) -> PeopleAliases {
        let records = try VocabularyError.records(of: bytes, file: file, header: ["name", "organization", "person"])
        var aliases = PeopleAliases()
        for record in records.dropFirst() {
            let fields = record.fields + Array(repeating: "", count: max(0, 3 - record.fields.count))
            let name = fields[0].foldedName, person = fields[2].collapsingWhitespace
            guard !name.isEmpty, !person.isEmpty else {
                throw VocabularyError(file: file, line: record.line, message: "a row needs a `name` and a `person`")
            }
            aliases.entries.append(Entry(name: name, organization: fields[1].foldedName, person: person))
        }
        return aliases
    }

    /// The person a row names for this name and organization: a row with the organization
    /// wins over a row without one.
    func person(name: String, organization: String) -> String? {
        let rows = entries.filter { $0.name == name }
        return (rows.first { !$0.organization.isEmpty && $0.organization == organization }
            ?? rows.first { $0.organization.isEmpty })?.person
    }
}

/// Recognizes one person across sessions and years.
///
/// A person is the folded name. Where the same name comes with two or more different
/// organizations, those are different people (name and organization), and an entry of that
/// name with no organization cannot be placed: it counts apart, with an `ambiguous-person`
/// warning asking for a `people-aliases.csv` row. An alias row always decides. Nameless
/// entries are never merged with anyone.
public enum PersonIdentity {
    public static func resolve(_ sessions: [Session], aliases: PeopleAliases, jobs: Int = 1)
        -> (sessions: [Session], diagnostics: [Diagnostic]) {
        var resolved = sessions
        let diagnostics = resolve(&resolved, aliases: aliases, jobs: jobs)
        return (resolved, diagnostics)
    }

    /// The same, in place: each session's people are replaced by their keyed list.
    public static func resolve(_ sessions: inout [Session], aliases: PeopleAliases, jobs: Int = 1) -> [Diagnostic] {
        // Which organizations each name comes with, over the whole run (each session's part
        // on the workers, then merged in session order).
        let parts = ParallelMap.map(sessions, jobs: jobs) { names(in: $0, aliases: aliases) }
        var organizations: [String: Set<String>] = [:]
        for part in parts {
            for (name, organization) in part where !organization.isEmpty { organizations[name, default: []].insert(organization) }
        }
        let resolution = Resolution(ambiguous: organizations.filter { $0.value.count > 1 }.mapValues(\.count), aliases: aliases)
        let resolved = ParallelMap.map(sessions, jobs: jobs) { resolution.keyed($0) }
        var warnings = Warnings()
        for (index, keyed) in resolved.enumerated() {
            sessions[index].people = keyed.people
            warnings.add(keyed.unplaced, resolution)
        }
        return warnings.diagnostics
    }

    /// The folded names and organizations a session lists that no alias row places: the
    /// facts that decide which names are ambiguous (an empty organization decides nothing).
    static func names(in session: Session, aliases: PeopleAliases) -> [(name: String, organization: String)] {
        names(of: session.people.map { ($0.name, $0.organization) }, aliases: aliases)
    }

    /// The same of people given by name and organization as written.
    static func names(of people: [(name: String, organization: String)], aliases: PeopleAliases) -> [(name: String, organization: String)] {
        var names: [(name: String, organization: String)] = []
        for person in people where !person.name.isEmpty {
            let name = person.name.foldedName
            let organization = person.organization.foldedName
            guard aliases.person(name: name, organization: organization) == nil else { continue }
            names.append((name, organization))
        }
        return names
    }

    /// Keys people once every name's organizations are known.
    struct Resolution: Sendable {
        /// Names that come with two or more organizations, with how many.
        var ambiguous: [String: Int]
        var aliases: PeopleAliases

        /// The session's people with their identity keys (one entry per key and role), and
        /// the entries of an ambiguous name that have no organization.
        func keyed(_ session: Session) -> (people: [Person], unplaced: [(name: String, person: Person)]) {
            var seen = Set<String>()
            var people: [Person] = []
            var unplaced: [(name: String, person: Person)] = []
            for var person in session.people {
                if !person.name.isEmpty {
                    let name = person.name.foldedName
                    let organization = person.organization.foldedName
                    if let alias = aliases.person(name: name, organization: organization) {
                        person.key = alias.foldedName
                    } else if ambiguous[name] != nil {
                        if organization.isEmpty { unplaced.append((name, person)) }
                        person.key = organization.isEmpty ? name : "\(name) | \(organization)"
                    } else {
                        person.key = name
                    }
                }
                if seen.insert("\(person.key)|\(person.role.label)").inserted { people.append(person) }
            }
            return (people, unplaced)
        }
    }

    /// The warning for an ambiguous name, given once, at its first entry without an
    /// organization in session order.
    struct Warnings {
        private var warned = Set<String>()
        private(set) var diagnostics: [Diagnostic] = []

        mutating func add(_ unplaced: [(name: String, person: Person)], _ resolution: Resolution) {
            for (name, person) in unplaced where warned.insert(name).inserted {
                diagnostics.append(Diagnostic(.ambiguousPerson, at: person.location,
                                              "this name appears with \(resolution.ambiguous[name]!) organizations; entries without one are counted apart (add a row to people-aliases.csv)",
                                              raw: person.name))
            }
        }

        /// Hands over the warnings given so far.
        mutating func take() -> [Diagnostic] {
            defer { diagnostics = [] }
            return diagnostics
        }
    }
}
