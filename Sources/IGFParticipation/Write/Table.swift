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
    /// What one row is, for table descriptions (`datapackage.json`).
    public var rowDescription: String
    public var columns: [Column<Row>]

    public init(fileName: String, rowDescription: String, columns: [Column<Row>]) {
        self.fileName = fileName
        self.rowDescription = rowDescription
        self.columns = columns
    }

    /// The table's name, types and meanings, without its rows.
    public var schema: TableSchema {
        TableSchema(fileName: fileName, rowDescription: rowDescription,
                    fields: columns.map { .init(name: $0.name, type: $0.kind.rawValue, description: $0.description) })
    }

    /// The table as CSV text: the header row, then one line per row. `excel` adds a UTF-8
    /// byte-order mark and CRLF line ends.
    public func csv(_ rows: some Sequence<Row>, excel: Bool = false) -> String {
        let sink = OutputSink()
        csv(rows, excel: excel, into: sink)
        return sink.text
    }

    /// The same text, handed to `sink` a row at a time.
    public func csv(_ rows: some Sequence<Row>, excel: Bool = false, into sink: OutputSink) {
        csv(excel: excel, into: sink) { emit in
            for row in rows { emit(line(row, excel: excel)) }
        }
    }

    /// One row's line of CSV text, line end included: the text `CSVWriter.writeRow` writes
    /// of the row's `csvField`s, built as bytes without a `String` per field (a per-session
    /// cost of the aggregate pass).
    func line(_ row: Row, excel: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12 * columns.count)
        append(row, excel: excel, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One row's line, appended to `bytes`.
    func append(_ row: Row, excel: Bool, to bytes: inout [UInt8]) {
        for index in columns.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            columns[index].value(row).appendCSV(to: &bytes)
        }
        if excel { bytes.append(0x0D) }
        bytes.append(0x0A)
    }

    /// The header, then the lines `lines` hands over (rendered earlier); a failure to read
    /// them is the sink's failure.
    func csv(excel: Bool, into sink: OutputSink, lines: (_ emit: (String) -> Void) throws(PipelineError) -> Void) {
        header(excel: excel, into: sink)
        do {
            try lines { sink.write($0) }
        } catch {
            sink.fail(error.description)
        }
    }

    /// The same, with the lines' bytes handed over in chunks (read back from the run's
    /// store), copied into the file as they are.
    func csv(excel: Bool, into sink: OutputSink, raw chunks: (_ emit: (UnsafeRawBufferPointer) -> Void) throws(PipelineError) -> Void) {
        header(excel: excel, into: sink)
        do {
            try chunks { sink.write(raw: $0) }
        } catch {
            sink.fail(error.description)
        }
    }

    private func header(excel: Bool, into sink: OutputSink) {
        var header = CSVWriter(lineEnding: excel ? "\r\n" : "\n", byteOrderMark: excel)
        header.writeRow(columns.map(\.name))
        sink.write(header.text)
    }
}

/// A table's description without its rows: what `datapackage.json` lists.
public struct TableSchema: Hashable, Sendable {
    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: String
        public var description: String
    }

    public var fileName: String
    public var rowDescription: String
    public var fields: [Field]
}
