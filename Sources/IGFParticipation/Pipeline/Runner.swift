import Dispatch
import Foundation

/// What a finished run did, for the summary a user reads.
public struct RunReport: Sendable {
    /// Files found under the inputs.
    public var documentsFound: Int
    /// Files read and of a known kind.
    public var documentsRead: Int
    public var sessions: Int
    /// Distinct people summed over years (a person in two years counts in each).
    public var people: Int
    /// Every warning of the run, sorted by file and line.
    public var diagnostics: [Diagnostic]
    public var outputFolder: URL
    public var outputFiles: [String]
    public var wallSeconds: Double
}

/// The one place that reads files, starts threads and orders the stages.
///
/// extract → normalize → join → aggregate → write. Documents are extracted and normalized
/// on `jobs` Dispatch workers into input-ordered slots; sessions are joined across
/// documents and people across sessions in input order; sessions are summarized and years
/// accumulated in parallel; everything is sorted before it is written, so the bytes written
/// do not depend on the number of workers.
public enum Runner {
    /// The sessions and statistics of a run, before anything is written.
    public struct Result: Sendable {
        public var documentsFound: Int
        public var documentsRead: Int
        public var statistics: [SessionStatistics]
        public var years: [YearAccumulator]
        public var diagnostics: [Diagnostic]
    }

    /// Runs the definition and writes its outputs.
    public static func run(_ definition: PipelineDefinition, jobs: Int) throws(PipelineError) -> RunReport {
        let started = DispatchTime.now()
        let result = try compute(definition, jobs: jobs)
        let files = ResultSet.files(statistics: result.statistics, years: result.years,
                                    settings: definition.settings, formats: definition.formats)
        try write(files, to: definition.output)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return RunReport(documentsFound: result.documentsFound, documentsRead: result.documentsRead,
                         sessions: result.statistics.count,
                         people: result.years.reduce(0) { $0 + $1.people.count },
                         diagnostics: result.diagnostics, outputFolder: definition.output,
                         outputFiles: files.map(\.name), wallSeconds: elapsed)
    }

    /// Runs every stage but the write: reads, extracts, normalizes and aggregates.
    public static func compute(_ definition: PipelineDefinition, jobs: Int) throws(PipelineError) -> Result {
        let vocabularies = try VocabularyLoader.load(definition.vocabularies)
        let documentFiles = try InputDiscovery.files(of: definition.inputs, base: definition.base)
        let tableFiles = try InputDiscovery.tables(definition.tables, base: definition.base)
        let inputs = documentFiles.map { Work.document($0) } + tableFiles.map { Work.table($0.0, $0.1) }
        let settings = definition.settings

        let documents = ParallelMap.map(inputs, jobs: jobs) { work in
            process(work, vocabularies: vocabularies)
        }
        var diagnostics = documents.flatMap(\.diagnostics)
        // One session per session, one person per person: across documents, then across sessions.
        let joined = SessionJoiner.join(documents.flatMap(\.sessions))
        let identified = PersonIdentity.resolve(joined.sessions, aliases: vocabularies.people)
        diagnostics += joined.diagnostics + identified.diagnostics
        let counted = definition.years.map { span in identified.sessions.filter { span.contains($0.year) } } ?? identified.sessions
        var statistics = ParallelMap.map(counted, jobs: jobs) {
            SessionStatistics(session: $0, diversityBar: settings.diversityBar)
        }
        diagnostics += disambiguateDuplicateIDs(&statistics)
        statistics.sort { ($0.session.year, $0.session.id) < ($1.session.year, $1.session.id) }

        let years = Array(Set(statistics.map(\.session.year))).sorted()
        let byYear = Dictionary(grouping: statistics, by: \.session.year)
        let accumulators = ParallelMap.map(years, jobs: jobs) { year in
            Aggregator.accumulate(year: year, byYear[year] ?? [])
        }
        return Result(documentsFound: inputs.count, documentsRead: documents.filter(\.read).count,
                      statistics: statistics, years: accumulators, diagnostics: diagnostics.sorted())
    }

    /// One unit of work: a document, or a sheet with its mapping.
    private enum Work: Sendable {
        case document(InputFile)
        case table(InputFile, PipelineDefinition.TableInput)

        var input: InputFile {
            switch self {
            case .document(let input), .table(let input, _): input
            }
        }
    }

    /// One document or sheet through extract and normalize.
    private static func process(_ work: Work, vocabularies: Vocabularies) -> DocumentResult {
        let input = work.input
        let bytes: [UInt8]
        switch FileAccess.read(input.url) {
        case .success(let read):
            bytes = read
        case .failure(let error):
            let reason = if case .unreadable(_, let reason) = error { reason } else { error.description }
            return DocumentResult(read: false, sessions: [], diagnostics: [
                Diagnostic(.unreadableFile, at: SourceLocation(file: input.displayPath, line: 0), "cannot read file (\(reason)); skipped"),
            ])
        }
        let extracted = switch work {
        case .document: Extractor.extract(bytes: bytes, file: input.displayPath, vocabularies: vocabularies)
        case .table(_, let table): TableExtractor.extract(bytes: bytes, file: input.displayPath,
                                                         mapping: table.mapping, badRows: table.badRows)
        }
        let normalized = Normalizer.normalize(extracted, with: vocabularies)
        return DocumentResult(read: extracted.kind != nil, sessions: normalized.sessions,
                              diagnostics: extracted.diagnostics + normalized.diagnostics)
    }

    /// Two sessions left with one id after joining (titles whose slugs coincide): both are
    /// kept, the later one with a `-2`, `-3`, … suffix, and a warning naming both places.
    private static func disambiguateDuplicateIDs(_ statistics: inout [SessionStatistics]) -> [Diagnostic] {
        var firstSeen: [String: SourceLocation] = [:]
        var used = Set(statistics.map(\.session.id))
        var diagnostics: [Diagnostic] = []
        for index in statistics.indices {
            let id = statistics[index].session.id
            guard let first = firstSeen[id] else {
                firstSeen[id] = statistics[index].session.raw.location
                continue
            }
            var suffix = 2
            while used.contains("\(id)-\(suffix)") { suffix += 1 }
            let newID = "\(id)-\(suffix)"
            used.insert(newID)
            statistics[index].session.id = newID
            diagnostics.append(Diagnostic(.duplicateSession, at: statistics[index].session.raw.location,
                                          "session id \(id) was already read at \(first); kept as \(newID)",
                                          raw: statistics[index].session.title))
        }
        return diagnostics
    }

    private static func write(_ files: [OutputFile], to folder: URL) throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .output(path: folder.path, reason: error.localizedDescription)
        }
        for file in files {
            try FileAccess.writeAtomically(file.contents, to: folder.appendingPathComponent(file.name))
        }
    }

    private struct DocumentResult: Sendable {
        var read: Bool
        var sessions: [Session]
        var diagnostics: [Diagnostic]
    }
}
