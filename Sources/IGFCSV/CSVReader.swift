/// One row of a CSV file and the line it starts on.
public struct CSVRecord: Equatable, Sendable {
    public var fields: [String]
    /// The 1-based line the row starts on (a quoted field may run over several lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Why a CSV file could not be read.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quoted field is still open at the end of the file; `line` is where the quote opened.
    case unterminatedQuote(line: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "line \(line): quoted field is never closed"
        }
    }
}

/// The built-in RFC 4180 reader.
///
/// Accepts what real spreadsheets write beyond the RFC: LF, CR or CRLF line ends, a UTF-8
/// byte-order mark, a missing final line end, and a stray quote inside an unquoted field
/// (kept as a character). Blank lines are skipped. Bytes are decoded as UTF-8 with
/// U+FFFD for invalid sequences; NUL bytes are kept as U+0000.
public enum CSVReader {
    public static func read(_ bytes: [UInt8], separator: UInt8 = UInt8(ascii: ",")) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var line = 1
        var recordLine = 1
        var quoteLine = 0
        var inQuotes = false
        var fieldWasQuoted = false
        var recordHasContent = false
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if recordHasContent { records.append(CSVRecord(fields: fields, line: recordLine)) }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte != cr, byte != lf { recordHasContent = true }
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf || (byte == cr && !(index + 1 < bytes.count && bytes[index + 1] == lf)) { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote, field.isEmpty, !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            } else if byte == separator {
                endField()
            } else if byte == cr || byte == lf {
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine) }
        if recordHasContent { endRecord() }
        return records
    }
}
