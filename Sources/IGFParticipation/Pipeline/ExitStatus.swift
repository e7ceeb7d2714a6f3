/// How a run ended, as the exit status a scheduler acts on.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Outputs written; no warning.
    case success = 0
    /// Outputs written; some input gave warnings (listed in `warnings.csv` and `run.json`).
    case successWithWarnings = 1
    /// Bad arguments, or a pipeline or vocabulary file with an error.
    case usageError = 2
    /// An input the run needs is missing or unreadable (an input folder, a named sheet).
    case unreadableInput = 3
    /// `--strict` or `--max-warnings` was exceeded: the outputs were not published.
    case limitsExceeded = 4
    /// The output folder is locked by another run, or cannot be written.
    case outputUnavailable = 5

    /// Words for the README, `--help` and `run.json`.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .successWithWarnings: "success with warnings"
        case .usageError: "usage error"
        case .unreadableInput: "unreadable input"
        case .limitsExceeded: "limits exceeded"
        case .outputUnavailable: "output unavailable"
        }
    }

    /// The status a pipeline error ends a run with.
    public init(_ error: PipelineError) {
        switch error {
        case .definition, .vocabulary, .noDefinition: self = .usageError
        case .unreadable: self = .unreadableInput
        case .output, .locked: self = .outputUnavailable
        }
    }
}
