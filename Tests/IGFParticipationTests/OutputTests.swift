import Foundation
import Testing
@testable import IGFParticipation

@Suite("Outputs written by a run")
struct OutputTests {
    static let fileNames = ["comparison.csv", "datapackage.json", "gender_by_role.csv", "gender_by_year.csv", "people.csv",
                            "people_by_year.csv", "regions_by_year.csv", "report.html", "sessions.csv", "stakeholders_by_year.csv",
                            "summary.json", "warnings.csv", "years.csv"]

    private func runDefault(jobs: Int) throws -> URL {
        let output = TestSupport.temporaryFolder()
        _ = try Runner.run(try TestSupport.defaultDefinition(output: output), jobs: jobs)
        return output
    }

    /// Every file but run.json (which holds times) is compared byte for byte.
    @Test("every file is written, and nothing else (no temporary file left behind)")
    func files() throws {
        let output = try runDefault(jobs: 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(names == (Self.fileNames + ["run.json"]).sorted())
    }

    @Test("byte-identical with one worker, many workers, and run after run")
    func deterministic() throws {
        let one = try runDefault(jobs: 1)
        let many = try runDefault(jobs: 8)
        let again = try runDefault(jobs: 8)
        for name in Self.fileNames {
            let reference = TestSupport.bytes(one.appendingPathComponent(name))
            #expect(!reference.isEmpty)
            #expect(TestSupport.bytes(many.appendingPathComponent(name)) == reference, "\(name)")
            #expect(TestSupport.bytes(again.appendingPathComponent(name)) == reference, "\(name)")
        }
    }

    @Test("years.csv: one row per year with the headline figures")
    func yearsCSV() throws {
        let rows = TestSupport.rows(try runDefault(jobs: 2).appendingPathComponent("years.csv"))
        let header = try #require(rows.first)
        #expect(Array(header.prefix(6)) == ["year", "sessions", "speaker_slots", "organizer_slots", "all_slots", "people_unique"])
        let records = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(records.map { $0["year"] } == ["2019", "2020", "2021"])
        #expect(records.map { $0["sessions"] } == ["10", "2", "9"])
        #expect(records.map { $0["speaker_slots"] } == ["0", "7", "3"])
        #expect(records.map { $0["organizer_slots"] } == ["0", "6", "2"])
        #expect(records.map { $0["people_unique"] } == ["8", "13", "4"])
        #expect(records.map { $0["share_meeting_diversity_bar"] } == ["0.000000", "0.000000", "0.000000"])
        #expect(records.map { $0["speakers_un_regional_groups_list"] }
                == ["", "African Group;Asia-Pacific Group;Eastern European Group;GRULAC;WEOG", "GRULAC;WEOG"])
        #expect(records.map { $0["speakers_share_sessions_3plus_regions"] } == ["0.000000", "0.500000", "0.000000"])
        #expect(records.map { $0["participants_total"] } == ["1197", "", ""])
        #expect(records.map { $0["participants_qualifier"] } == ["lower", "", ""])
        #expect(records.map { $0["women"] } == ["476", "", ""])
        #expect(records.map { $0["women_share"] } == ["0.470356", "", ""])
        #expect(records.map { $0["women_share_median"] } == ["0.400000", "", ""])
    }

    @Test("tidy tables: exactly year,scope,group,count,share; shares are decimal fractions")
    func tidyTables() throws {
        let output = try runDefault(jobs: 2)
        let stakeholders = TestSupport.rows(output.appendingPathComponent("stakeholders_by_year.csv"))
        let regions = TestSupport.rows(output.appendingPathComponent("regions_by_year.csv"))
        #expect(stakeholders.first == ["year", "scope", "group", "count", "share"])
        #expect(regions.first == ["year", "scope", "group", "count", "share"])
        #expect(stakeholders.count == 1 + 3 * 3 * 6, "3 years × 3 scopes × (5 groups + Unknown)")
        #expect(regions.count == 1 + 3 * 3 * 7, "3 years × 3 scopes × (6 groups + Unknown)")
        #expect(stakeholders.contains(["2020", "speakers", "Civil Society", "6", "0.857143"]))
        #expect(stakeholders.contains(["2020", "organizers", "Civil Society", "6", "1.000000"]))
        #expect(stakeholders.contains(["2021", "speakers", "Intergovernmental Organization", "2", "0.666667"]))
        #expect(regions.contains(["2020", "speakers", "Eastern European Group", "2", "0.285714"]))
        #expect(regions.contains(["2021", "speakers", "GRULAC", "1", "0.333333"]))
    }

    @Test("sessions.csv and people.csv: a row per session, a row per person per role per session")
    func rowTables() throws {
        let output = try runDefault(jobs: 2)
        let sessions = TestSupport.rows(output.appendingPathComponent("sessions.csv"))
        #expect(sessions.count == 1 + 10 + 2 + 9)
        let header = try #require(sessions.first)
        let byID = Dictionary(uniqueKeysWithValues: sessions.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(header, $0))) })
        #expect(byID["2021-WS-188"]?["title"] == "Converging government data access, privacy & data flows")
        let iot = try #require(byID["2019-the-future-of-iot-toward-more-secure-and-human-centered-devices"])
        #expect([iot["participants_onsite"], iot["participants_online"], iot["participants_total"], iot["participants_qualifier"],
                 iot["women"], iot["women_qualifier"], iot["men"], iot["women_share"]]
                == ["100", "300", "400", "lower", "160", "derived", "", "0.400000"])
        #expect(iot["source_kind"] == "report-page")
        let ws184 = try #require(byID["2021-WS-184"])
        #expect([ws184["source_kind"], ws184["date"], ws184["start_utc"], ws184["end_utc"], ws184["duration_minutes"]]
                == ["event-listing", "2021-12-08", "15:50", "17:20", "90"])
        let people = TestSupport.rows(output.appendingPathComponent("people.csv"))
        #expect(people.count == 1 + 9 + 6 + 7 + 8)
        let roure = people.filter { $0[3] == "Alexandre Roure" }.map { $0[2] }
        #expect(roure == ["organizer", "unlabeled", "moderator-online"])
    }

    @Test("summary.json nests the same figures by year, with a schema version")
    func summaryJSON() throws {
        let data = try Data(contentsOf: try runDefault(jobs: 2).appendingPathComponent("summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema_version"] as? Int == 1)
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2019, 2020, 2021])
        #expect(years[1]["speaker_slots"] as? Int == 7)
        let gender = try #require(years[0]["gender"] as? [String: [String: Any]])
        #expect(gender["women"]?["value"] as? Int == 476)
        #expect(gender["women"]?["qualifier"] as? String == "lower")
        let byType = try #require(years[0]["gender_by_session_type"] as? [String: [String: [String: Any]]])
        #expect(byType["Main Session"]?["participants_total"]?["value"] as? Int == 1135)
        let scopes = try #require(years[1]["scopes"] as? [String: Any])
        let speakers = try #require(scopes["speakers"] as? [String: Any])
        let groups = try #require(speakers["stakeholder_groups"] as? [String: [String: Any]])
        #expect(groups["Civil Society"]?["count"] as? Int == 6)
        #expect(speakers["un_regional_groups_reached"] as? [String]
                == ["African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG"])
    }

    @Test("gender_by_year.csv: year,measure,value,qualifier, overall then per session type")
    func genderByYear() throws {
        let rows = TestSupport.rows(try runDefault(jobs: 2).appendingPathComponent("gender_by_year.csv"))
        #expect(rows.first == ["year", "measure", "value", "qualifier"])
        #expect(rows.contains(["2019", "participants_total", "1197", "lower"]))
        #expect(rows.contains(["2019", "women", "476", "lower"]))
        #expect(rows.contains(["2019", "men", "50", "exact"]))
        #expect(rows.contains(["2019", "women_share", "0.470356", "lower"]))
        #expect(rows.contains(["2019", "participants_total[Ceremonial/HL Session]", "62", "exact"]))
        #expect(rows.contains(["2020", "participants_total", "", ""]))
        #expect(rows.contains(["2021", "sessions_reporting_participants[Pre-event]", "0", "exact"]))
    }

    @Test("the README documents every column of every CSV output")
    func readmeColumns() {
        let readme = TestSupport.text(TestSupport.root.appendingPathComponent("README.md"))
        for name in ResultSet.schemas.flatMap({ $0.fields.map(\.name) }) {
            #expect(readme.contains("`\(name)`"), "README lacks column \(name)")
        }
    }
}
