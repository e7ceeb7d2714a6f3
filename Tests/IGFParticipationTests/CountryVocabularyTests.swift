import Testing
@testable import IGFParticipation

@Suite("Countries and their UN regional groups")
struct CountryVocabularyTests {
    @Test("names as reports write them, and the states whose group is special", arguments: [
        ("The Netherlands", "Netherlands", RegionalGroup.weog), ("Russia", "Russian Federation", .easternEuropean),
        ("United Kingdom", "United Kingdom", .weog), ("Türkiye", "Türkiye", .weog), ("Turkey", "Türkiye", .weog),
        ("United States", "United States", .weog), ("USA", "United States", .weog), ("Israel", "Israel", .weog),
        ("Kiribati", "Kiribati", .asiaPacific), ("Brazil", "Brazil", .grulac), ("india", "India", .asiaPacific),
        ("Côte d'Ivoire", "Côte d'Ivoire", .african), ("State of Palestine", "State of Palestine", .asiaPacific),
    ])
    func match(_ label: String, _ country: String, _ group: RegionalGroup) throws {
        let entry = try #require(TestSupport.vocabularies.countries.match(label))
        #expect(entry.country == country)
        #expect(entry.group == group)
    }

    @Test("the file covers the 193 member states and 2 observer states")
    func coverage() throws {
        let rows = TestSupport.rows(TestSupport.root.appendingPathComponent("Data/vocabularies/countries.csv"))
        #expect(rows.first == ["country", "regional_group", "aliases"])
        #expect(rows.count == 1 + 195)
        let groups = Dictionary(grouping: rows.dropFirst(), by: { $0[1] }).mapValues(\.count)
        #expect(groups["African Group"] == 54)
        #expect(groups["Eastern European Group"] == 23)
        #expect(groups["GRULAC"] == 33)
    }

    @Test("bad rows name the file and line", arguments: [
        ("country,regional_group,aliases\nFrance,Western Europe,\n", "c.csv:2: `Western Europe` is not a UN regional group (one of: African Group, Asia-Pacific Group, Eastern European Group, GRULAC, WEOG)"),
        ("country,regional_group,aliases\nNiger,African Group,\nNigeria,African Group,niger\n", "c.csv:3: `niger` already names `Niger` on line 2"),
        ("name,group\n", "c.csv:1: the header must be `country,regional_group,aliases`"),
    ])
    func badRows(_ text: String, _ message: String) {
        do {
            _ = try CountryVocabulary.parse(csv: Array(text.utf8), file: "c.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }
}
