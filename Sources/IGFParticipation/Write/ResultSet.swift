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
            renders += [
                { OutputFile(name: OutputTables.sessions.fileName) { OutputTables.sessions.csv(excel: excel, into: $0, raw: rows.sessionLines) } },
                { OutputFile(name: OutputTables.people.fileName) { OutputTables.people.csv(excel: excel, into: $0, raw: rows.peopleLines) } },
                {
                    let yearRows = years.map { OutputTables.YearRow(year: $0, settings: settings) }
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
                             contents: OutputTables.peopleByYear.csv(years.flatMap { OutputTables.peopleRows($0) }, excel: excel)) },
                { OutputFile(name: OutputTables.comparison.fileName,
                             contents: OutputTables.comparison.csv(YearOverYear.comparison(years), excel: excel)) },
            ]
        }
        // Every run lists its warnings, whatever formats it writes.
        renders.append {
            OutputFile(name: OutputTables.warnings.fileName) { sink in
                OutputTables.warnings.csv(excel: excel, into: sink) { emit throws(PipelineError) in
                    try rows.warnings { emit(OutputTables.warnings.line($0, excel: excel)) }
                }
            }
        }
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

/// The lines of a session that the writers need, rendered once as the sessions are read in
/// output order: its `sessions.csv` row, its `people.csv` rows and, when it misses the
/// diversity bar, its row in the report.
enum SessionLines: Int, CaseIterable, Sendable {
    case sessions, people, missingBar

    /// The lines' bytes, by kind (nil: none of that kind).
    static func render(_ item: SessionStatistics, excel: Bool) -> [[UInt8]?] {
        allCases.map { $0.lines(of: item, excel: excel) }
    }

    /// The bytes of this kind's lines of `item`, or nil for none.
    func lines(of item: SessionStatistics, excel: Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        switch self {
        case .sessions:
            bytes.reserveCapacity(12 * OutputTables.sessions.columns.count)
            OutputTables.sessions.append(item, excel: excel, to: &bytes)
        case .people:
            bytes.reserveCapacity(12 * OutputTables.people.columns.count * item.session.people.count)
            for person in item.session.people {
                OutputTables.people.append(OutputTables.PersonRow(sessionID: item.session.id, year: item.session.year, person: person),
                                           excel: excel, to: &bytes)
            }
        case .missingBar:
            guard item.speakers.slots > 0, !item.meetsDiversityBar else { return nil }
            bytes = Array(ReportHTML.missingBarRow(item).utf8)
        }
        return bytes
    }
}

/// The long lists of a result set, handed over in output order each time a file needs
/// them: from memory, or read back from the run's store.
struct ResultRows: Sendable {
    typealias Each<Row> = @Sendable (_ each: (Row) -> Void) throws(PipelineError) -> Void

    var sessionCount: Int
    /// Sessions with listed speakers (which the diversity bar can judge), and those of them
    /// that miss the bar.
    var judged: Int
    var missingBar: Int
    /// Lines of `sessions.csv`, `people.csv` and the report's sessions that miss the bar.
    /// (Their bytes, a chunk at a time: a chunk may end inside a line.)
    var sessionLines: Each<UnsafeRawBufferPointer>
    var peopleLines: Each<UnsafeRawBufferPointer>
    var missingBarLines: Each<UnsafeRawBufferPointer>
    var warningCount: Int
    /// Every warning, sorted.
    var warnings: Each<Diagnostic>
    /// Every input in input order.
    var inputs: Each<RunManifest.Input>

    init(sessionCount: Int, judged: Int, missingBar: Int, lines: @escaping @Sendable (SessionLines) -> Each<UnsafeRawBufferPointer>,
         warningCount: Int, warnings: @escaping Each<Diagnostic>, inputs: @escaping Each<RunManifest.Input>) {
        self.sessionCount = sessionCount
        self.judged = judged
        self.missingBar = missingBar
        sessionLines = lines(.sessions)
        peopleLines = lines(.people)
        missingBarLines = lines(.missingBar)
        self.warningCount = warningCount
        self.warnings = warnings
        self.inputs = inputs
    }

    /// Rows already in memory (in output order).
    init(statistics: [SessionStatistics], diagnostics: [Diagnostic], excel: Bool = false) {
        let judged = statistics.filter { $0.speakers.slots > 0 }
        self.init(sessionCount: statistics.count, judged: judged.count, missingBar: judged.filter { !$0.meetsDiversityBar }.count,
                  lines: { kind in { each in
                      for item in statistics { kind.lines(of: item, excel: excel)?.withUnsafeBytes { each($0) } }
                  } },
                  warningCount: diagnostics.count, warnings: { diagnostics.forEach($0) }, inputs: { _ in })
    }
}
