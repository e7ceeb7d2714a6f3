/// How far a participation figure can be trusted, as the report words it.
public enum Qualifier: String, Sendable, DeclarationOrdered, Codable {
    /// A plain number: `online participants: 300`.
    case exact
    /// Computed from a percentage: `40% of the participants … are women`.
    case derived
    /// `about`, `around`, `approximately`, `estimated`, `~`.
    case approximate
    /// A lower bound: `over`, `more than`, `at least`, `N and +`, `N+`.
    case lower

    public var label: String { rawValue }

    /// The qualifier of a sum or of a figure computed from others: the weakest part wins
    /// (lower, then approximate, then derived, then exact).
    public static func combined(_ qualifiers: some Sequence<Qualifier>) -> Qualifier {
        qualifiers.max() ?? .exact
    }

}

/// A participation figure with its qualifier.
public struct Count: Hashable, Sendable, CustomStringConvertible, Codable {
    public var value: Int
    public var qualifier: Qualifier

    public init(_ value: Int, _ qualifier: Qualifier = .exact) {
        self.value = value
        self.qualifier = qualifier
    }

    public var description: String { qualifier == .exact ? "\(value)" : "\(value) (\(qualifier.label))" }

    /// The sum of `counts` with the combined qualifier, or nil when there are none.
    public static func sum(_ counts: [Count]) -> Count? {
        guard !counts.isEmpty else { return nil }
        return Count(counts.reduce(0) { $0 + $1.value }, Qualifier.combined(counts.map(\.qualifier)))
    }
}

/// A session's attendance and gender figures, read from a report's `Estimated Participation`.
///
/// Any figure may be absent: absent means the report did not say, never zero.
public struct Participation: Hashable, Sendable, Codable {
    public var onsite: Count?
    public var online: Count?
    public var total: Count?
    public var women: Count?
    public var men: Count?
    /// The section's heading line.
    public var location: SourceLocation

    public init(onsite: Count? = nil, online: Count? = nil, total: Count? = nil, women: Count? = nil,
                men: Count? = nil, location: SourceLocation) {
        self.onsite = onsite
        self.online = online
        self.total = total
        self.women = women
        self.men = men
        self.location = location
    }

    /// Whether the report gave any figure at all.
    public var isEmpty: Bool { onsite == nil && online == nil && total == nil && women == nil && men == nil }

    /// Women over total participants, where both are known and the total is not zero.
    public var womenShare: Double? {
        guard let women, let total, total.value > 0 else { return nil }
        return Double(women.value) / Double(total.value)
    }
}
