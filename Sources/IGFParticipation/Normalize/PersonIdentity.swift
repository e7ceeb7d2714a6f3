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

    /// The same, in place: each session's people are replaced by their keyed list, so a run
    /// never holds two copies of its sessions.
    public static func resolve(_ sessions: inout [Session], aliases: PeopleAliases, jobs: Int = 1) -> [Diagnostic] {
        // Which organizations each name comes with, over the whole run (each session's part
        // on the workers, then merged in session order).
        let parts = ParallelMap.map(sessions, jobs: jobs) { session in
            var names: [(String, String)] = []
            for person in session.people where !person.name.isEmpty {
                let name = person.name.foldedName
                let organization = person.organization.foldedName
                guard aliases.person(name: name, organization: organization) == nil else { continue }
                names.append((name, organization))
            }
            return names
        }
        var organizations: [String: Set<String>] = [:]
        for part in parts {
            for (name, organization) in part {
                organizations[name, default: []].formUnion(organization.isEmpty ? [] : [organization])
            }
        }
        let ambiguous = organizations.filter { $0.value.count > 1 }.mapValues(\.count)
        organizations = [:]
        // Keys per session on the workers; the warning for an ambiguous name is given once,
        // at its first entry without an organization in session order.
        let resolved = ParallelMap.map(sessions, jobs: jobs) { session -> ([Person], [(name: String, person: Person)]) in
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
        var diagnostics: [Diagnostic] = []
        var warned = Set<String>()
        for (index, (people, unplaced)) in resolved.enumerated() {
            sessions[index].people = people
            for (name, person) in unplaced where warned.insert(name).inserted {
                diagnostics.append(Diagnostic(.ambiguousPerson, at: person.location,
                                              "this name appears with \(ambiguous[name]!) organizations; entries without one are counted apart (add a row to people-aliases.csv)",
                                              raw: person.name))
            }
        }
        return diagnostics
    }
}
