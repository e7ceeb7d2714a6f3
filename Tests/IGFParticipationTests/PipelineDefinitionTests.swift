import Foundation
import Testing
@testable import IGFParticipation

@Suite("Pipeline definitions")
struct PipelineDefinitionTests {
    @Test("the default pipeline: Data/corpus → Output/latest, paths relative to the project root")
    func defaultPipeline() throws {
        let definition = try PipelineDefinition.load(TestSupport.defaultPipeline)
        #expect(definition.inputs.map(\.folder.path) == [TestSupport.root.appendingPathComponent("Data/corpus").standardizedFileURL.path])
        #expect(definition.inputs.first?.include == ["*.txt"])
        #expect(definition.vocabularies.path == TestSupport.root.appendingPathComponent("Data/vocabularies").standardizedFileURL.path)
        #expect(definition.output.path == TestSupport.root.appendingPathComponent("Output/latest").standardizedFileURL.path)
        #expect(definition.formats == OutputFormats(csv: true, json: true, html: true))
        #expect(definition.settings.diversityBar == 3)
        #expect(definition.years == nil)
        let review = try PipelineDefinition.load(TestSupport.root.appendingPathComponent("Pipelines/annual-review.yml"))
        #expect(review.years == 2019...2021)
        #expect(review.formats.html && review.formats.excel)
    }

    @Test("formats and absolute paths")
    func formats() throws {
        let definition = try PipelineDefinition.parse("""
            inputs:
              - folder: /srv/igf/2019
                include: "*.text"
            vocabularies: vocab
            output:
              folder: out
              formats: [json]
            """, file: URL(fileURLWithPath: "/home/a/project/Pipelines/p.yml"))
        #expect(definition.inputs.map(\.folder.path) == ["/srv/igf/2019"])
        #expect(definition.inputs.first?.include == ["*.text"])
        #expect(definition.vocabularies.path == "/home/a/project/vocab")
        #expect(definition.output.path == "/home/a/project/out")
        #expect(definition.formats == OutputFormats(csv: false, json: true, html: false))
    }

    @Test("values that YAML could type are read as the text they are", arguments: [
        ("folder: 2021", "excel: yes", "/p/2021", true),
        ("folder: 0x1F", "excel: off", "/p/0x1F", false),
        ("folder: 1.5e3", "excel: TRUE", "/p/1.5e3", true),
        ("folder: null", "excel: No", "/p/null", false),
        ("folder: '2001-12-14'", "excel: on", "/p/2001-12-14", true),
    ])
    func untypedValues(_ folder: String, _ excel: String, _ path: String, _ isExcel: Bool) throws {
        let definition = try PipelineDefinition.parse("inputs: [{\(folder)}]\nvocabularies: v\noutput: {folder: o, \(excel)}\nyears: {from: 0020, to: +2021}\n",
                                                      file: URL(fileURLWithPath: "/p/Pipelines/p.yml"))
        #expect(definition.inputs.map(\.folder.path) == [path])
        #expect(definition.formats.excel == isExcel)
        #expect(definition.years == 20...2021)
    }

    @Test("errors name the file and line", arguments: [
        ("inputs: [{folder: a}]\nvocabularies: v\noutput: {folder: o}\ncolour: red\n",
         "p.yml:4: unknown key `colour` (allowed: cache, description, inputs, name, output, tables, thresholds, vocabularies, years)"),
        ("vocabularies: v\noutput: {folder: o}\n", "p.yml:1: `inputs` or `tables` must name something to read"),
        ("inputs:\n  - include: ['*.txt']\nvocabularies: v\noutput: {folder: o}\n", "p.yml:2: an input needs a `folder`"),
        ("inputs: [{folder: a}]\nvocabularies: v\noutput:\n  folder: o\n  formats: [csv, xlsx]\n",
         "p.yml:5: unknown output format `xlsx` (csv, json, html)"),
        ("inputs: [{folder: a}]\nvocabularies: v\noutput: {folder: o}\nthresholds:\n  diversity_bar: many\n",
         "p.yml:5: expected a whole number"),
        ("inputs: [{folder: a}]\nvocabularies: v\noutput: {folder: o}\nthresholds:\n  diversity_bar: 9\n",
         "p.yml:5: `diversity_bar` must be between 1 and 5"),
        ("inputs: [{folder: a}\nvocabularies: v\n", "p.yml:2: YAML: did not find expected ',' or ']'"),
        ("", "p.yml:1: the file is empty"),
        ("inputs: [{folder: a}]\nvocabularies: v\noutput: {folder: o}\nyears: {from: 2021, to: 2019}\n", "p.yml:4: `years`: `from` is after `to`"),
        ("tables:\n  - file: t.csv\n    columns: {year: Year, name: Name}\nvocabularies: v\noutput: {folder: o}\n",
         "p.yml:3: `columns` must map `session`"),
        ("tables:\n  - file: t.csv\n    columns: {year: Y, session: S, colour: C}\nvocabularies: v\noutput: {folder: o}\n",
         "p.yml:3: unknown key `colour` (allowed: country, gender, name, organization, region, role, session, session_type, stakeholder, title, year)"),
        ("tables:\n  - file: t.csv\n    columns: {year: Y, session: S}\n    bad_rows: drop\nvocabularies: v\noutput: {folder: o}\n",
         "p.yml:4: `bad_rows` must be keep or skip"),
        ("inputs: [{folder: a}]\nvocabularies: v\noutput: {folder: o, excel: maybe}\n", "p.yml:3: expected true or false"),
    ])
    func errors(_ text: String, _ message: String) {
        do {
            _ = try PipelineDefinition.parse(text, file: URL(fileURLWithPath: "p.yml"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "") == message)
        }
    }

    @Test("tables and the Excel setting")
    func tables() throws {
        let definition = try PipelineDefinition.load(TestSupport.root.appendingPathComponent("Pipelines/with-speaker-sheet.yml"))
        let table = try #require(definition.tables.first)
        #expect(table.file.path == TestSupport.root.appendingPathComponent("Data/tables/example-speaker-sheet.csv").standardizedFileURL.path)
        #expect(table.mapping.columns[.session] == "Session")
        #expect(table.mapping.columns[.gender] == "Gender")
        #expect(table.badRows == .keep)
        #expect(definition.formats.excel == false)
        let excel = try PipelineDefinition.parse("tables: [{file: t.csv, columns: {year: Y, session: S}}]\nvocabularies: v\noutput: {folder: o, excel: true}\n",
                                                 file: URL(fileURLWithPath: "/p/Pipelines/x.yml"))
        #expect(excel.formats.excel)
        #expect(excel.inputs.isEmpty)
    }

    @Test("the default pipeline is found from any folder inside the project")
    func locator() throws {
        let found = try DefinitionLocator.findDefault(from: TestSupport.root.appendingPathComponent("Sources/IGFCSV"))
        #expect(found.standardizedFileURL.path == TestSupport.defaultPipeline.standardizedFileURL.path)
        #expect(throws: PipelineError.self) { try DefinitionLocator.findDefault(from: URL(fileURLWithPath: "/")) }
    }
}
