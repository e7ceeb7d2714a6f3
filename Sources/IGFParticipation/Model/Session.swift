/// A person after normalization: canonical groups beside the raw labels, and an identity key.
public struct Person: Hashable, Sendable, Codable {
    public var role: Role
    /// The name as written (diacritics kept), or empty when the page gives none.
    public var name: String
    public var organization: String
    public var stakeholder: StakeholderGroup
    public var stakeholderRaw: String
    public var region: RegionalGroup
    public var regionRaw: String
    /// The country's canonical name, or empty when none is given or it matched nothing.
    public var country: String
    public var countryRaw: String
    /// `notGiven` unless a sheet states it.
    public var gender: Gender
    /// Identity across sessions and years: the folded name (with the organization where two
    /// organizations share a name, or the person a `people-aliases.csv` row names); for a
    /// nameless entry, a key of its session and position, never shared.
    public var key: String
    public var location: SourceLocation

    public init(role: Role, name: String, organization: String, stakeholder: StakeholderGroup,
                stakeholderRaw: String, region: RegionalGroup, regionRaw: String,
                country: String = "", countryRaw: String = "", gender: Gender = .notGiven, key: String,
                location: SourceLocation) {
        self.role = role
        self.name = name
        self.organization = organization
        self.stakeholder = stakeholder
        self.stakeholderRaw = stakeholderRaw
        self.region = region
        self.regionRaw = regionRaw
        self.country = country
        self.countryRaw = countryRaw
        self.gender = gender
        self.key = key
        self.location = location
    }
}

/// One document a session was read from.
public struct SessionSource: Hashable, Sendable, CustomStringConvertible, Codable {
    public var kind: DocumentKind
    /// The line that opens the session in that document.
    public var location: SourceLocation

    public init(kind: DocumentKind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public var description: String { location.description }
}

/// A session after normalization: what the aggregate and write stages work on.
///
/// A session described by several documents (a proposal, a report, a listing, a sheet) is
/// one `Session` whose `raw` holds the facts joined from all of them and whose `sources`
/// lists them.
public struct Session: Hashable, Sendable, Codable {
    /// Stable across runs: `2020-WS-221`, or `2019-` and the title's slug when unnumbered.
    public var id: String
    public var raw: RawSession
    /// One entry per person per role (a second listing in the same role is the same slot).
    public var people: [Person]
    /// The documents joined into this session, in the order their facts take precedence.
    public var sources: [SessionSource]

    public init(id: String, raw: RawSession, people: [Person], sources: [SessionSource]? = nil) {
        self.id = id
        self.raw = raw
        self.people = people
        self.sources = sources ?? [SessionSource(kind: raw.sourceKind, location: raw.location)]
    }

    public var year: Int { raw.year }
    public var title: String { raw.title }

    /// How many distinct people the session lists, whatever their roles. A session lists
    /// a handful, whose keys are compared pairwise rather than hashed into a set.
    public var uniquePeople: Int {
        guard people.count > 16 else {
            return people.indices.reduce(0) { count, index in people[..<index].contains { $0.key == people[index].key } ? count : count + 1 }
        }
        return Set(people.map(\.key)).count
    }

    /// The kinds of its sources' documents, each once, in order, joined by `+`
    /// (`proposal+report-page`).
    public var sourceKinds: String {
        var text = ""
        for (index, source) in sources.enumerated() where !sources[..<index].contains(where: { $0.kind.label == source.kind.label }) {
            if !text.isEmpty { text += "+" }
            text += source.kind.label
        }
        return text
    }

    /// Its sources' places (`file:line`), joined by `; `.
    public var sourcePlaces: String {
        var text = ""
        for source in sources {
            if !text.isEmpty { text += "; " }
            source.location.append(to: &text)
        }
        return text
    }
}
