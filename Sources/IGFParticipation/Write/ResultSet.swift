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

/// One output file's name and full contents, ready to be written.
public struct OutputFile: Hashable, Sendable {
    public var name: String
    public var contents: String
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

    /// Renders every output; the files are independent, so `jobs` workers render them at
    /// once (the result is in the same fixed order whatever `jobs` is).
    public static func files(statistics: [SessionStatistics], years: [YearAccumulator], diagnostics: [Diagnostic],
                             settings: Aggregator.Settings, formats: OutputFormats, jobs: Int = 1) -> [OutputFile] {
        typealias Render = @Sendable () -> OutputFile
        var renders: [Render] = []
        let excel = formats.excel
        if formats.csv {
            let history = YearOverYear.people(years)
            renders += [
                { OutputFile(name: OutputTables.sessions.fileName, contents: OutputTables.sessions.csv(statistics, excel: excel)) },
                {
                    let people = statistics.lazy.flatMap { item in
                        item.session.people.lazy.map { OutputTables.PersonRow(session: item.session, person: $0) }
                    }
                    return OutputFile(name: OutputTables.people.fileName, contents: OutputTables.people.csv(people, excel: excel))
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
        renders.append { OutputFile(name: OutputTables.warnings.fileName, contents: OutputTables.warnings.csv(diagnostics, excel: excel)) }
        if formats.csv {
            renders.append { OutputFile(name: DataPackage.fileName, contents: DataPackage.document(schemas, excel: excel).serialized() + "\n") }
        }
        if formats.html {
            renders.append { OutputFile(name: "report.html", contents: ReportHTML.document(statistics: statistics, years: years, settings: settings)) }
        }
        if formats.json {
            renders.append { OutputFile(name: "summary.json", contents: SummaryJSON.document(years: years, settings: settings).serialized() + "\n") }
        }
        return ParallelMap.map(renders, jobs: jobs) { $0() }
    }
}
