/// Vocabularies for fuzz targets and other code that runs without a vocabulary folder:
/// every canonical label, a few aliases and countries, so the vocabulary-driven rules
/// (report people read from the right) are exercised.
public enum FuzzVocabularies {
    public static let shared = Vocabularies(
        stakeholders: Vocabulary(aliases: [("Technical community", .technicalCommunity), ("Intergovernmental Organisation", .intergovernmentalOrganization)],
                                 canonical: StakeholderGroup.groups),
        regions: Vocabulary(aliases: [("Western European and Others Group", .weog), ("Latin American and Caribbean Group", .grulac)],
                            canonical: RegionalGroup.groups),
        countries: CountryVocabulary([(["Brazil"], .init(country: "Brazil", group: .grulac)),
                                      (["Russia", "Russian Federation"], .init(country: "Russian Federation", group: .easternEuropean)),
                                      (["The Netherlands", "Netherlands"], .init(country: "Netherlands", group: .weog)),
                                      (["India"], .init(country: "India", group: .asiaPacific))]))
}
