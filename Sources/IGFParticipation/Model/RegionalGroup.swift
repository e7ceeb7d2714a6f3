/// The UN regional groups as the IGF uses them, with `unknown` for an unmatched label.
///
/// The IGF also lists `Intergovernmental Organization` as a region for the staff of
/// intergovernmental bodies; it is a group for coverage counts but not one of the five
/// UN regional groups a year can "reach".
public enum RegionalGroup: String, Sendable, DeclarationOrdered, Codable {
    case african = "African Group"
    case asiaPacific = "Asia-Pacific Group"
    case easternEuropean = "Eastern European Group"
    case grulac = "GRULAC"
    case weog = "WEOG"
    case intergovernmentalOrganization = "Intergovernmental Organization"
    case unknown = "Unknown"

    /// The canonical label written to every output.
    public var label: String { rawValue }

    /// The groups proper, without `unknown`.
    public static let groups: [RegionalGroup] = allCases.filter { $0 != .unknown }

    /// The five UN regional groups of member states.
    public static let unRegionalGroups: [RegionalGroup] = [.african, .asiaPacific, .easternEuropean, .grulac, .weog]

}
