/// The normalize stage: raw labels to canonical groups, people to identities, sessions to ids.
///
/// Pure: vocabularies in, sessions and warnings out. A label that matches no vocabulary
/// entry becomes `Unknown` and a warning with the file, line and raw text. A person listed
/// without groups takes those stated for the same person (same folded name) elsewhere in
/// the same session; nothing is ever taken from another session or document.
public enum Normalizer {
    /// Normalizes every session of one document.
    public static func normalize(_ document: ExtractedDocument, with vocabularies: Vocabularies)
        -> (sessions: [Session], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let sessions = document.sessions.map { normalize($0, with: vocabularies, diagnostics: &diagnostics) }
        return (sessions, diagnostics)
    }

    /// Normalizes one session: canonical groups, identity keys, one slot per person per role.
    public static func normalize(_ raw: RawSession, with vocabularies: Vocabularies,
                                 diagnostics: inout [Diagnostic]) -> Session {
        let id = sessionID(for: raw)
        var people: [Person] = []
        var seenSlots = Set<PersonSlot>()
        // The same person within the session: an alias row's person, else the folded name.
        let sameness = { (person: RawPerson) -> String in
            let name = (person.name ?? "").foldedName
            guard !name.isEmpty else { return "" }
            return vocabularies.people.person(name: name, organization: (person.organization ?? "").foldedName)
                .map(\.foldedName) ?? name
        }
        let keys = raw.people.map(sameness)
        var statedLabels: [String: (stakeholder: String?, region: String?)] = [:]
        for (person, key) in zip(raw.people, keys) {
            guard !key.isEmpty else { continue }
            var stated = statedLabels[key] ?? (nil, nil)
            if stated.stakeholder == nil, let label = person.stakeholder, !label.isBlank { stated.stakeholder = label }
            if stated.region == nil, let label = person.region, !label.isBlank { stated.region = label }
            statedLabels[key] = stated
        }
        for (position, var rawPerson) in raw.people.enumerated() {
            // A listing without groups (2021 organizers: `<name>, <organization>`) takes the
            // groups the same person is given elsewhere in the same session.
            if let stated = statedLabels[keys[position]] {
                if rawPerson.stakeholder?.isBlank ?? true { rawPerson.stakeholder = stated.stakeholder }
                if rawPerson.region?.isBlank ?? true { rawPerson.region = stated.region }
            }
            let role = rawPerson.role
            let person = normalize(rawPerson, anonymousKey: "\(id)#\(role.label)-\(position + 1)", with: vocabularies, diagnostics: &diagnostics)
            if seenSlots.insert(PersonSlot(key: person.key, role: person.role)).inserted {
                people.append(person)
            }
        }
        // The raw entries live on only as `people`: a session does not carry them twice.
        var kept = raw
        kept.people = []
        return Session(id: id, raw: kept, people: people)
    }

    /// `anonymousKey` identifies a person the page gives no name for: such a person is
    /// never merged with anyone. (Made only for such a person.)
    static func normalize(_ raw: RawPerson, anonymousKey: @autoclosure () -> String, with vocabularies: Vocabularies,
                          diagnostics: inout [Diagnostic]) -> Person {
        let stakeholderRaw = raw.stakeholder?.collapsingWhitespace ?? ""
        let regionRaw = raw.region?.collapsingWhitespace ?? ""
        let countryRaw = raw.country?.collapsingWhitespace ?? ""
        let stakeholder = vocabularies.stakeholders.match(stakeholderRaw) ?? .unknown
        let country = countryRaw.isEmpty ? nil : vocabularies.countries.match(countryRaw)
        if !countryRaw.isEmpty, country == nil {
            diagnostics.append(Diagnostic(.unknownCountry, at: raw.location,
                                          "country matches no entry of countries.csv", raw: countryRaw))
        }
        // A stated regional label wins; a country gives its UN regional group otherwise.
        let region = vocabularies.regions.match(regionRaw)
            ?? (regionRaw.isEmpty ? country?.group : nil) ?? .unknown
        if stakeholder == .unknown {
            diagnostics.append(Diagnostic(.unknownStakeholder, at: raw.location,
                                          stakeholderRaw.isEmpty ? "no stakeholder group given; counted as Unknown"
                                                                 : "stakeholder group matches no vocabulary entry; counted as Unknown",
                                          raw: stakeholderRaw))
        }
        if region == .unknown, countryRaw.isEmpty || country != nil {
            diagnostics.append(Diagnostic(.unknownRegion, at: raw.location,
                                          regionRaw.isEmpty ? "no regional group given; counted as Unknown"
                                                            : "regional group matches no vocabulary entry; counted as Unknown",
                                          raw: regionRaw))
        }
        let name = raw.name?.collapsingWhitespace ?? ""
        let folded = name.foldedName
        return Person(role: raw.role, name: name, organization: raw.organization?.collapsingWhitespace ?? "",
                      stakeholder: stakeholder, stakeholderRaw: stakeholderRaw,
                      region: region, regionRaw: regionRaw,
                      country: country?.country ?? "", countryRaw: countryRaw, gender: raw.gender ?? .notGiven,
                      key: folded.isEmpty ? anonymousKey() : folded,
                      location: raw.location)
    }

    /// `2020-WS-221` for a numbered session; the year and the title's slug otherwise.
    public static func sessionID(for raw: RawSession) -> String {
        if let number = raw.number { return "\(raw.year)-\(number.prefix)-\(number.value)" }
        let slug = raw.title.slug
        return "\(raw.year)-\(slug.isEmpty ? "untitled" : slug)"
    }

    private struct PersonSlot: Hashable {
        var key: String
        var role: Role
    }
}
