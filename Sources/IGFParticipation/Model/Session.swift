/// A person after normalization: canonical groups beside the raw labels, and an identity key.
public struct Person: Hashable, Sendable {
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
    /// Identity: the folded name, or, for a nameless entry, a key of its session and position.
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

/// A session after normalization: what the aggregate and write stages work on.
public struct Session: Hashable, Sendable {
    /// Stable across runs: `2020-WS-221`, or `2019-` and the title's slug when unnumbered.
    public var id: String
    public var raw: RawSession
    /// One entry per person per role (a second listing in the same role is the same slot).
    public var people: [Person]

    public init(id: String, raw: RawSession, people: [Person]) {
        self.id = id
        self.raw = raw
        self.people = people
    }

    public var year: Int { raw.year }
    public var title: String { raw.title }

    /// How many distinct people the session lists, whatever their roles.
    public var uniquePeople: Int { Set(people.map(\.key)).count }
}
