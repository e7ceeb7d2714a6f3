/// Which formats a run writes.
public struct OutputFormats: Hashable, Sendable {
    public var csv: Bool
    public var json: Bool
    /// The annual-review page, `report.html`.
    public var html: Bool
    /// CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.
    public var excel: Bool

    public init(csv: Bool = true, json: Bool = true, html: Bool = true, excel: Bool = false) {
        self.csv = csv
        self.json = json
        self.html = html
        self.excel = excel
    }
}

/// One output file: its name and how to render it into a sink (a file being written, or
/// memory).
public struct OutputFile: Sendable {
    public var name: String
    let render: @Sendable (OutputSink) -> Void

    public init(name: String, contents: String) {
        self.name = name
        render = { $0.write(contents) }
    }

    init(name: String, render: @escaping @Sendable (OutputSink) -> Void) {
        self.name = name
        self.render = render
    }

    /// The whole file as text (rendered into memory).
    public var contents: String {
        let sink = OutputSink()
        render(sink)
        return sink.text
    }
}

/// The write stage: statistics in, the text of every output file out (in a fixed order).
///
/// Pure and deterministic: sessions are written in the order given (the runner sorts them
/// by year and id), years ascending, groups in canonical order.
public enum ResultSet {
    /// The schemas of every CSV output, in the order they are written.
    public static let schemas: [TableSchema] = [
        OutputTables.sessions.schema, OutputTables.people.schema, OutputTables.years.schema,
        OutputTables.stakeholdersByYear.schema, OutputTables.regionsByYear.schema,
        OutputTables.genderByYear.schema, OutputTables.genderByRole.schema,
        OutputTables.peopleByYear.schema, OutputTables.comparison.schema, OutputTables.warnings.schema,
    ]

    /// Every file name a result set may hold.
    public static var knownFileNames: Set<String> {
        Set(schemas.map(\.fileName) + [DataPackage.fileName, "summary.json", "report.html", "run.json"])
    }

    /// Every output, ready to render; the files are independent, so `jobs` workers render
    /// the small ones at once (in the same fixed order whatever `jobs` is). The long tables
    /// (`sessions.csv`, `people.csv`, `warnings.csv`) and the report's list of sessions are
    /// read from `rows` as they are written, never whole in memory.
    static func files(rows: ResultRows, years: [YearAccumulator], settings: Aggregator.Settings,
                      formats: OutputFormats, jobs: Int = 1) -> [OutputFile] {
        typealias Render = @Sendable () -> OutputFile
        var renders: [Render] = []
        let excel = formats.excel
        if formats.csv {
            let history = YearOverYear.people(years)
            renders += [
                { OutputFile(name: OutputTables.sessions.fileName) { OutputTables.sessions.csv(excel: excel, into: $0, rows: rows.sessions) } },
                {
                    OutputFile(name: OutputTables.people.fileName) { sink in
                        OutputTables.people.csv(excel: excel, into: sink) { emit throws(PipelineError) in
                            try rows.sessions { item in
                                for person in item.session.people { emit(OutputTables.PersonRow(session: item.session, person: person)) }
                            }
                        }
                    }
                },
                {
                    let yearRows = years.map { OutputTables.YearRow(year: $0, settings: settings, people: history[$0.year] ?? [:]) }
                    return OutputFile(name: OutputTables.years.fileName, contents: OutputTables.years.csv(yearRows, excel: excel))
                },
                { OutputFile(name: OutputTables.stakeholdersByYear.fileName,
                             contents: OutputTables.stakeholdersByYear.csv(years.flatMap(OutputTables.stakeholderRows), excel: excel)) },
                { OutputFile(name: OutputTables.regionsByYear.fileName,
                             contents: OutputTables.regionsByYear.csv(years.flatMap(OutputTables.regionRows), excel: excel)) },
                { OutputFile(name: OutputTables.genderByYear.fileName,
                             contents: OutputTables.genderByYear.csv(years.flatMap(OutputTables.genderRows), excel: excel)) },
                { OutputFile(name: OutputTables.genderByRole.fileName,
                             contents: OutputTables.genderByRole.csv(years.flatMap(OutputTables.genderRoleRows), excel: excel)) },
                { OutputFile(name: OutputTables.peopleByYear.fileName,
                             contents: OutputTables.peopleByYear.csv(years.flatMap { OutputTables.peopleRows($0, history[$0.year] ?? [:]) }, excel: excel)) },
                { OutputFile(name: OutputTables.comparison.fileName,
                             contents: OutputTables.comparison.csv(YearOverYear.comparison(years), excel: excel)) },
            ]
        }
        // Every run lists its warnings, whatever formats it writes.
        renders.append { OutputFile(name: OutputTables.warnings.fileName) { OutputTables.warnings.csv(excel: excel, into: $0, rows: rows.warnings) } }
        if formats.csv {
            renders.append { OutputFile(name: DataPackage.fileName, contents: DataPackage.document(schemas, excel: excel).serialized() + "\n") }
        }
        if formats.html {
            renders.append { OutputFile(name: "report.html") { ReportHTML.render(rows: rows, years: years, settings: settings, into: $0) } }
        }
        if formats.json {
            renders.append { OutputFile(name: "summary.json", contents: SummaryJSON.document(years: years, settings: settings).serialized() + "\n") }
        }
        return ParallelMap.map(renders, jobs: jobs) { $0() }
    }
}

/// The long lists of a result set, handed over in output order each time a file needs
/// them: from memory, or read back from the run's store.
struct ResultRows: Sendable {
    typealias Each<Row> = @Sendable (_ each: (Row) -> Void) throws(PipelineError) -> Void

    var sessionCount: Int
    /// Sessions by year and id, with their statistics.
    var sessions: Each<SessionStatistics>
    var warningCount: Int
    /// Every warning, sorted.
    var warnings: Each<Diagnostic>
    /// Every input in input order.
    var inputs: Each<RunManifest.Input>

    init(sessionCount: Int, sessions: @escaping Each<SessionStatistics>, warningCount: Int,
         warnings: @escaping Each<Diagnostic>, inputs: @escaping Each<RunManifest.Input>) {
        self.sessionCount = sessionCount
        self.sessions = sessions
        self.warningCount = warningCount
        self.warnings = warnings
        self.inputs = inputs
    }

    /// Rows already in memory (in output order).
    init(statistics: [SessionStatistics], diagnostics: [Diagnostic], inputs: [RunManifest.Input] = []) {
        self.init(sessionCount: statistics.count, sessions: { statistics.forEach($0) }, warningCount: diagnostics.count,
                  warnings: { diagnostics.forEach($0) }, inputs: { inputs.forEach($0) })
    }
}
