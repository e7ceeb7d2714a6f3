/// The IGF's stakeholder groups, with `unknown` for a label no vocabulary entry matched.
///
/// `unknown` is counted and shown in every output, but it is not a group: it never
/// adds to diversity (distinct groups, entropy, Gini–Simpson).
public enum StakeholderGroup: String, Sendable, DeclarationOrdered, Codable {
    case civilSociety = "Civil Society"
    case government = "Government"
    case intergovernmentalOrganization = "Intergovernmental Organization"
    case privateSector = "Private Sector"
    case technicalCommunity = "Technical Community"
    case unknown = "Unknown"

    /// The canonical label written to every output.
    public var label: String { rawValue }

    /// The groups proper, without `unknown`.
    public static let groups: [StakeholderGroup] = allCases.filter { $0 != .unknown }

}
