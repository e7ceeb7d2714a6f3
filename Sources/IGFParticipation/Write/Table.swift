import IGFCSV

/// A column of an output table: its name, type, meaning and how a row fills it.
///
/// Column definitions are the single source of the CSV headers, of the README's column
/// lists and (later) of machine-readable table descriptions.
public struct Column<Row>: Sendable {
    /// The value type of a column, as table schemas name them.
    public enum Kind: String, Sendable {
        case string, integer, number, boolean
    }

    public var name: String
    public var kind: Kind
    public var description: String
    public var value: @Sendable (Row) -> Cell

    public init(_ name: String, _ kind: Kind, _ description: String, _ value: @escaping @Sendable (Row) -> Cell) {
        self.name = name
        self.kind = kind
        self.description = description
        self.value = value
    }
}

/// A named output table: its columns and its rows.
public struct Table<Row>: Sendable where Row: Sendable {
    public var fileName: String
    public var columns: [Column<Row>]

    public init(fileName: String, columns: [Column<Row>]) {
        self.fileName = fileName
        self.columns = columns
    }

    /// The table as CSV text: the header row, then one line per row.
    public func csv(_ rows: some Sequence<Row>) -> String {
        var writer = CSVWriter()
        writer.writeRow(columns.map(\.name))
        for row in rows { writer.writeRow(columns.map { $0.value(row).csvField }) }
        return writer.text
    }
}
