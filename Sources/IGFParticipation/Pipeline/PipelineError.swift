/// Why a run could not start or finish: one line, naming the place.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pipeline definition has a problem at `line`.
    case definition(file: String, line: Int, message: String)
    /// A file or folder the run needs cannot be read.
    case unreadable(path: String, reason: String)
    /// A vocabulary file has a problem.
    case vocabulary(VocabularyError)
    /// An output could not be written.
    case output(path: String, reason: String)
    /// No pipeline definition was given and none was found.
    case noDefinition(searched: [String])
    /// Another run holds the output folder's lock.
    case locked(path: String, holder: String)

    public var description: String {
        switch self {
        case .definition(let file, let line, let message): "\(file):\(line): \(message)"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .vocabulary(let error): error.description
        case .output(let path, let reason): "\(path): cannot write output: \(reason)"
        case .noDefinition(let searched):
            "no pipeline given and no Pipelines/default.yml found in \(searched.joined(separator: ", ")); pass a pipeline file"
        case .locked(let path, let holder):
            "\(path): another run (\(holder)) is writing this output folder; try again later or pass --wait"
        }
    }
}
