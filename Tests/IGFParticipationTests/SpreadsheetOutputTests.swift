import Foundation
import Testing
@testable import IGFParticipation

@Suite("Spreadsheet-safe outputs, table descriptions and round trips")
struct SpreadsheetOutputTests {
    /// The sample corpus plus the messy sheet (formula-like names), written into `output`.
    static func run(excel: Bool = false) throws -> URL {
        let output = TestSupport.temporaryFolder()
        var definition = try TestSupport.defaultDefinition(output: output)
        definition.tables = [.init(file: TableInputTests.messy, mapping: TableInputTests.mapping)]
        definition.formats.excel = excel
        _ = try Runner.run(definition, jobs: 2)
        return output
    }

    static func csvFiles(in folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    @Test("a formula-like name comes out inert in every CSV output; negative numbers stay numbers")
    func formulaInjection() throws {
        let output = try Self.run()
        let files = Self.csvFiles(in: output)
        #expect(files.count == 10)
        for file in files {
            for row in TestSupport.rows(file) {
                for cell in row {
                    #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false) || Double(cell) != nil,
                            "\(file.lastPathComponent): live cell \(cell)")
                }
            }
        }
        let people = TestSupport.rows(output.appendingPathComponent("people.csv"))
        #expect(people.contains { $0.contains("'=HYPERLINK(\"http://evil.example\",\"click\")") })
        #expect(people.contains { $0.contains("'@SUM(A1:A9)") && $0.contains("'+Plus, Inc.") })
        #expect(people.contains { $0.contains("'-Minus Person") })
        #expect(Cell.integer(-3).csvField == "-3")
        #expect(Cell.decimal(-0.25).csvField == "-0.250000")
    }

    @Test("--excel: every CSV starts with a byte-order mark and ends lines with CRLF; values unchanged")
    func excel() throws {
        let plain = try Self.run()
        let excel = try Self.run(excel: true)
        for file in Self.csvFiles(in: excel) {
            let bytes = TestSupport.bytes(file)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file.lastPathComponent)")
            let lineFeeds = bytes.enumerated().filter { $0.element == 0x0A }
            #expect(lineFeeds.allSatisfy { $0.offset > 0 && bytes[$0.offset - 1] == 0x0D }, "\(file.lastPathComponent)")
            #expect(TestSupport.rows(file) == TestSupport.rows(plain.appendingPathComponent(file.lastPathComponent)))
        }
    }

    @Test("datapackage.json is JSON and names every column of every CSV output, in order")
    func dataPackage() throws {
        let output = try Self.run()
        let data = try Data(contentsOf: output.appendingPathComponent("datapackage.json"))
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        let resources = try #require(package["resources"] as? [[String: Any]])
        let files = Self.csvFiles(in: output).map(\.lastPathComponent)
        #expect(Set(resources.compactMap { $0["path"] as? String }) == Set(files))
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let fields = try #require((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            let header = try #require(TestSupport.rows(output.appendingPathComponent(path)).first)
            #expect(fields.compactMap { $0["name"] as? String } == header, "\(path)")
            #expect(fields.allSatisfy { ["string", "integer", "number", "boolean"].contains($0["type"] as? String ?? "") })
            #expect(fields.allSatisfy { !($0["description"] as? String ?? "").isEmpty })
        }
    }

    @Test("every CSV output, read back with the project's reader, agrees with summary.json")
    func roundTrip() throws {
        let output = try Self.run()
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("summary.json"))) as? [String: Any])
        let years = try #require(summary["years"] as? [[String: Any]])
        var checked = 0

        let yearRows = TestSupport.rows(output.appendingPathComponent("years.csv"))
        let yearHeader = try #require(yearRows.first)
        for (row, json) in zip(yearRows.dropFirst(), years) {
            for (name, value) in zip(yearHeader, row) where json[name] != nil {
                #expect(Self.matches(json[name], value), "years.csv \(name)")
                checked += 1
            }
        }
        for (file, key) in [("stakeholders_by_year.csv", "stakeholder_groups"), ("regions_by_year.csv", "regional_groups")] {
            for row in TestSupport.rows(output.appendingPathComponent(file)).dropFirst() {
                let year = try #require(years.first { Self.matches($0["year"], row[0]) })
                let group = try #require((((year["scopes"] as? [String: Any])?[row[1]] as? [String: Any])?[key] as? [String: Any])?[row[2]] as? [String: Any])
                #expect(Self.matches(group["count"], row[3]), "\(file) \(row)")
                #expect(Self.matches(group["share"], row[4]), "\(file) \(row)")
                checked += 2
            }
        }
        for row in TestSupport.rows(output.appendingPathComponent("gender_by_year.csv")).dropFirst() where !row[1].contains("[") {
            let year = try #require(years.first { Self.matches($0["year"], row[0]) })
            let measure = try #require((year["gender"] as? [String: Any])?[row[1]] as? [String: Any])
            #expect(Self.matches(measure["value"], row[2]), "gender_by_year.csv \(row)")
            #expect(Self.matches(measure["qualifier"], row[3]), "gender_by_year.csv \(row)")
            checked += 2
        }
        #expect(checked > 400)
    }

    @Test("Python's csv module reads every output as this project does", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || ProcessInfo.processInfo.environment["PATH"]?.contains("python") == true))
    func python() throws {
        let output = try Self.run()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestSupport.root.appendingPathComponent("Tests/IGFParticipationTests/Python/check_outputs.py").path, output.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("checked"), "\(text)")
    }

    /// Whether a JSON value and a CSV cell say the same: null is empty, numbers are equal.
    static func matches(_ value: Any?, _ cell: String) -> Bool {
        switch value {
        case nil, is NSNull: return cell.isEmpty
        case let text as String: return text == cell
        case let number as NSNumber: return Double(cell) == number.doubleValue
        default: return false
        }
    }
}
