/// The kinds of IGF document the extract stage recognizes.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    /// A workshop proposal page (`IGF 2020 WS #221 …`), one session.
    case proposal
    /// A page of session reports (`IGF 2019 Reports`), many sessions.
    case reportPage = "report-page"
    /// A listing of scheduled events with day and UTC time, many sessions.
    case eventListing = "event-listing"
    /// Rows of a CSV sheet named in the pipeline, with a column mapping.
    case table

    /// The label written to outputs (`source_kind`).
    public var label: String { rawValue }
}
