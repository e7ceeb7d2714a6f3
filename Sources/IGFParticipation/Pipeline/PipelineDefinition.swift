import Foundation
import Yams

/// A declarative run, read from a hand-edited YAML file under `Pipelines/`.
///
/// Relative paths resolve against the parent of the folder holding the definition file
/// (`Pipelines/default.yml` → the project root), so a run works from any working directory.
public struct PipelineDefinition: Hashable, Sendable {
    /// A folder of documents and the file-name patterns to take from it.
    public struct Input: Hashable, Sendable {
        public var folder: URL
        /// `fnmatch` patterns on file names (`*.txt`); a file matching any is read.
        public var include: [String]

        public init(folder: URL, include: [String] = Input.defaultInclude) {
            self.folder = folder
            self.include = include
        }

        /// What an input takes when it names no patterns.
        public static let defaultInclude = ["*.txt"]
    }

    /// A CSV sheet and how its columns map to the facts the pipeline counts.
    public struct TableInput: Hashable, Sendable {
        public var file: URL
        public var mapping: ColumnMapping
        public var badRows: BadRowPolicy

        public init(file: URL, mapping: ColumnMapping, badRows: BadRowPolicy = .keep) {
            self.file = file
            self.mapping = mapping
            self.badRows = badRows
        }
    }

    /// The definition file, when the run has one.
    public var file: URL?
    public var inputs: [Input]
    public var tables: [TableInput]
    public var vocabularies: URL
    public var output: URL
    public var formats: OutputFormats
    public var settings: Aggregator.Settings
    /// Where the incremental-run cache lives (`cache:`); nil extracts every document every run.
    public var cache: URL?
    /// The IGF years the run counts (`years: {from: 2019, to: 2021}`); nil counts every year.
    public var years: ClosedRange<Int>?
    /// The folder relative paths resolve against and outputs name files from.
    public var base: URL

    public init(file: URL? = nil, inputs: [Input], tables: [TableInput] = [], vocabularies: URL, output: URL,
                formats: OutputFormats = OutputFormats(), settings: Aggregator.Settings = Aggregator.Settings(),
                base: URL? = nil) {
        self.file = file
        self.base = base ?? file?.deletingLastPathComponent().deletingLastPathComponent()
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        self.inputs = inputs
        self.tables = tables
        self.vocabularies = vocabularies
        self.output = output
        self.formats = formats
        self.settings = settings
    }

    /// Reads and checks a definition file.
    ///
    /// - Throws: `PipelineError.definition` naming the file and line of the first problem.
    public static func load(_ file: URL) throws(PipelineError) -> PipelineDefinition {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .unreadable(path: file.path, reason: "cannot read the pipeline file")
        }
        return try parse(text, file: file)
    }

    /// Parses definition text; `file` locates relative paths and names errors.
    public static func parse(_ text: String, file: URL) throws(PipelineError) -> PipelineDefinition {
        let base = file.deletingLastPathComponent().deletingLastPathComponent()
        let fail = { (line: Int, message: String) in PipelineError.definition(file: file.path, line: line, message: message) }
        let root: Node
        do {
            // Every value is read as text (`NodeReader`), so no scalar needs YAML's type tags:
            // the basic resolver spares each run compiling the default one's regular expressions.
            guard let node = try Yams.compose(yaml: text, .basic) else { throw fail(1, "the file is empty") }
            root = node
        } catch let error as PipelineError {
            throw error
        } catch let error as YamlError {
            throw fail(Self.line(of: error), Self.problem(of: error))
        } catch {
            throw fail(1, "not YAML: \(error)")
        }
        let reader = NodeReader(fail: fail)
        let top = try reader.mapping(root, allowed: ["name", "description", "inputs", "tables", "vocabularies", "output", "thresholds", "years", "cache"])

        var inputs: [Input] = []
        for item in try top["inputs"].map(reader.sequence) ?? [] {
            let input = try reader.mapping(item, allowed: ["folder", "include"])
            guard let folder = input["folder"] else { throw fail(line(item), "an input needs a `folder`") }
            var include = Input.defaultInclude
            if let patterns = input["include"] { include = try reader.strings(patterns) }
            inputs.append(Input(folder: resolve(try reader.string(folder), against: base), include: include))
        }
        var tables: [TableInput] = []
        for item in try top["tables"].map(reader.sequence) ?? [] {
            let table = try reader.mapping(item, allowed: ["file", "columns", "bad_rows"])
            guard let fileNode = table["file"] else { throw fail(line(item), "a table needs a `file`") }
            guard let columnsNode = table["columns"] else { throw fail(line(item), "a table needs `columns`") }
            let allowed = Set(ColumnMapping.Field.allCases.map(\.rawValue))
            var columns: [ColumnMapping.Field: String] = [:]
            for (key, value) in try reader.mapping(columnsNode, allowed: allowed) {
                columns[ColumnMapping.Field(rawValue: key)!] = try reader.string(value)
            }
            for field in ColumnMapping.required where columns[field] == nil {
                throw fail(line(columnsNode), "`columns` must map `\(field.rawValue)`")
            }
            var badRows = BadRowPolicy.keep
            if let policyNode = table["bad_rows"] {
                guard let policy = BadRowPolicy(rawValue: try reader.string(policyNode)) else {
                    throw fail(line(policyNode), "`bad_rows` must be keep or skip")
                }
                badRows = policy
            }
            tables.append(TableInput(file: resolve(try reader.string(fileNode), against: base),
                                     mapping: ColumnMapping(columns), badRows: badRows))
        }
        guard !inputs.isEmpty || !tables.isEmpty else {
            throw fail(line(root), "`inputs` or `tables` must name something to read")
        }

        guard let vocabulariesNode = top["vocabularies"] else { throw fail(line(root), "`vocabularies` is missing") }
        let vocabularies = resolve(try reader.string(vocabulariesNode), against: base)

        guard let outputNode = top["output"] else { throw fail(line(root), "`output` is missing") }
        let output = try reader.mapping(outputNode, allowed: ["folder", "formats", "excel"])
        guard let outputFolder = output["folder"] else { throw fail(line(outputNode), "`output` needs a `folder`") }
        var formats = OutputFormats()
        if let formatsNode = output["formats"] {
            let names = try reader.strings(formatsNode)
            for name in names where !["csv", "json", "html"].contains(name) {
                throw fail(line(formatsNode), "unknown output format `\(name)` (csv, json, html)")
            }
            formats = OutputFormats(csv: names.contains("csv"), json: names.contains("json"), html: names.contains("html"))
        }
        if let excelNode = output["excel"] {
            formats.excel = try reader.boolean(excelNode)
        }

        var years: ClosedRange<Int>?
        if let yearsNode = top["years"] {
            let span = try reader.mapping(yearsNode, allowed: ["from", "to"])
            let from = try span["from"].map(reader.integer) ?? 1990
            let to = try span["to"].map(reader.integer) ?? 2999
            guard from <= to else { throw fail(line(yearsNode), "`years`: `from` is after `to`") }
            years = from...to
        }

        var settings = Aggregator.Settings()
        if let thresholdsNode = top["thresholds"] {
            let thresholds = try reader.mapping(thresholdsNode, allowed: ["diversity_bar"])
            if let bar = thresholds["diversity_bar"] {
                let value = try reader.integer(bar)
                guard (1...StakeholderGroup.groups.count).contains(value) else {
                    throw fail(line(bar), "`diversity_bar` must be between 1 and \(StakeholderGroup.groups.count)")
                }
                settings.diversityBar = value
            }
        }
        var definition = PipelineDefinition(file: file, inputs: inputs, tables: tables, vocabularies: vocabularies,
                                            output: resolve(try reader.string(outputFolder), against: base),
                                            formats: formats, settings: settings, base: base)
        definition.years = years
        if let cacheNode = top["cache"] { definition.cache = resolve(try reader.string(cacheNode), against: base) }
        return definition
    }

    static func resolve(_ path: String, against base: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return base.appendingPathComponent(expanded).standardizedFileURL
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): "YAML: \(problem)"
        default: "YAML: \(error)"
        }
    }
}

/// Reads YAML nodes into plain values, failing with the node's line.
private struct NodeReader {
    var fail: (Int, String) -> PipelineError

    func mapping(_ node: Node, allowed: Set<String>) throws(PipelineError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw fail(PipelineDefinition.line(node), "expected a mapping of keys to values")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = try string(keyNode)
            guard allowed.contains(key) else {
                throw fail(PipelineDefinition.line(keyNode), "unknown key `\(key)` (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[key] = value
        }
        return result
    }

    func sequence(_ node: Node) throws(PipelineError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw fail(PipelineDefinition.line(node), "expected a list")
        }
        return Array(sequence)
    }

    func string(_ node: Node) throws(PipelineError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw fail(PipelineDefinition.line(node), "expected a text value")
        }
        return scalar.string
    }

    func strings(_ node: Node) throws(PipelineError) -> [String] {
        if case .scalar = node { return [try string(node)] }
        var values: [String] = []
        for item in try sequence(node) { values.append(try string(item)) }
        return values
    }

    func boolean(_ node: Node) throws(PipelineError) -> Bool {
        switch try string(node).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(PipelineDefinition.line(node), "expected true or false")
        }
    }

    func integer(_ node: Node) throws(PipelineError) -> Int {
        guard let value = Int(try string(node)) else {
            throw fail(PipelineDefinition.line(node), "expected a whole number")
        }
        return value
    }
}
