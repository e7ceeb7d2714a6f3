/// Which formats a run writes.
public struct OutputFormats: Hashable, Sendable {
    public var csv: Bool
    public var json: Bool

    public init(csv: Bool = true, json: Bool = true) {
        self.csv = csv
        self.json = json
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
    public static func files(statistics: [SessionStatistics], years: [YearAccumulator],
                             settings: Aggregator.Settings, formats: OutputFormats) -> [OutputFile] {
        var files: [OutputFile] = []
        if formats.csv {
            let people = statistics.flatMap { item in
                item.session.people.map { OutputTables.PersonRow(session: item.session, person: $0) }
            }
            files.append(OutputFile(name: OutputTables.sessions.fileName, contents: OutputTables.sessions.csv(statistics)))
            files.append(OutputFile(name: OutputTables.people.fileName, contents: OutputTables.people.csv(people)))
            files.append(OutputFile(name: OutputTables.years.fileName,
                                    contents: OutputTables.years.csv(years.map { OutputTables.YearRow(year: $0, settings: settings) })))
            files.append(OutputFile(name: OutputTables.stakeholdersByYear.fileName,
                                    contents: OutputTables.stakeholdersByYear.csv(years.flatMap(OutputTables.stakeholderRows))))
            files.append(OutputFile(name: OutputTables.regionsByYear.fileName,
                                    contents: OutputTables.regionsByYear.csv(years.flatMap(OutputTables.regionRows))))
            files.append(OutputFile(name: OutputTables.genderByYear.fileName,
                                    contents: OutputTables.genderByYear.csv(years.flatMap(OutputTables.genderRows))))
        }
        if formats.json {
            files.append(OutputFile(name: "summary.json",
                                    contents: SummaryJSON.document(years: years, settings: settings).serialized() + "\n"))
        }
        return files
    }
}
