import Foundation

/// A facilitator or reporter line of a session report.
///
/// `• Safety: Ana Laura Martínez. Coordinator of … (Cetic.br/NIC.br). Brazil. Technical community.`
/// `• Safety, Security: Report of the discussion presented by Alexander Isavnin. RosKomSvoboda. Russia. Civil Society.`
///
/// After the topic (up to the first `: `) the line is read from the right: the last segment is
/// the stakeholder group if the vocabulary knows it, then a country the vocabulary knows,
/// then the name first and the organization in between (it may hold dots). A line whose
/// country is not known is not taken for a person at all. `presented by` makes a reporter;
/// otherwise a facilitator.
enum ReportPersonLine {
    static let bullets: Set<Character> = ["•", "-", "*", "–", "·"]

    /// Whether a line whose first character (after white space) is the ASCII byte `lead`
    /// may be a person line: only the ASCII bullets `-` and `*` may begin one. Most lines are
    /// prose, settled by this on the bytes (the report extractor does not even make them text).
    static func mayBegin(with lead: UInt8) -> Bool {
        lead == UInt8(ascii: "-") || lead == UInt8(ascii: "*")
    }

    static func parse(_ line: String, vocabularies: Vocabularies, at location: SourceLocation) -> RawPerson? {
        if let lead = line.trimmedLeadingASCII, !mayBegin(with: lead) { return nil }
        var content = line.trimmed
        guard let first = content.first, bullets.contains(first) else { return nil }
        content = String(content.dropFirst()).trimmed
        guard let colon = content.range(of: ": ") else { return nil }
        var rest = String(content[colon.upperBound...]).trimmed
        var role = Role.facilitator
        if let presented = rest.range(of: "presented by ", options: .caseInsensitive) {
            role = .reporter
            rest = String(rest[presented.upperBound...])
        }
        var segments = segmentsOf(rest)
        var stakeholder: String?
        if let last = segments.last, vocabularies.stakeholders.match(last) != nil {
            stakeholder = last
            segments.removeLast()
        }
        guard segments.count >= 2, let country = segments.last, vocabularies.countries.match(country) != nil else { return nil }
        segments.removeLast()
        let name = segments.removeFirst()
        guard isPlausibleName(name) else { return nil }
        return RawPerson(role: role, name: name, organization: segments.isEmpty ? nil : segments.joined(separator: ". "),
                         stakeholder: stakeholder, country: country, location: location)
    }

    /// Splits on `. ` (a dot inside `Cetic.br/NIC.br` stays); a lone initial (`A. Seger`)
    /// is joined to what follows.
    static func segmentsOf(_ text: String) -> [String] {
        var segments = text.components(separatedBy: ". ").map { $0.trimmed }
        if let last = segments.last { segments[segments.count - 1] = last.trimmingSuffix(".") }
        segments = segments.filter { !$0.isEmpty }
        var joined: [String] = []
        for segment in segments {
            if let previous = joined.last, previous.count == 1, previous.first?.isUppercase == true {
                joined[joined.count - 1] = previous + ". " + segment
            } else {
                joined.append(segment)
            }
        }
        return joined
    }

    private static func isPlausibleName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        return (1...6).contains(words.count) && !name.contains { $0.isNumber }
    }
}
