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
    /// The parsing library failed (out of memory, …).
    case backend(String)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "line \(line): quoted field is never closed"
        case .backend(let message): "CSV reader failed: \(message)"
        }
    }
}

/// The CSV parsers the package can use. The libcsv one exists only in builds with the
/// `LibCSV` trait (`swift build --traits LibCSV`).
public enum CSVBackend: String, Sendable, CaseIterable {
    case builtIn = "built-in"
    case libcsv

    /// The backends compiled into this build.
    public static var available: [CSVBackend] {
        #if LibCSV
        [.builtIn, .libcsv]
        #else
        [.builtIn]
        #endif
    }

    /// libcsv when the build has it, the built-in reader otherwise.
    public static var preferred: CSVBackend { available.last! }
}

/// Reads CSV text: RFC 4180 plus what real spreadsheets write.
///
/// Both backends behave the same on: quoted fields, doubled quotes, commas and line ends
/// (CR, LF, CRLF) inside quotes, a UTF-8 byte-order mark (dropped), empty fields and an empty
/// last field, a final line end or none, blank lines (skipped), a quote inside an unquoted
/// field (kept as a character), NUL bytes (kept as U+0000), and an unterminated quote at the
/// end of the file (an error naming the line where the quote opened). Rows are returned with
/// however many fields they have; the caller decides what a short or long row means. Bytes
/// that are not UTF-8 become U+FFFD.
public enum CSVReader {
    public static func read(_ bytes: [UInt8], backend: CSVBackend = .preferred) throws(CSVError) -> [CSVRecord] {
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let result: Result<[CSVRecord], CSVError> = bytes.withUnsafeBufferPointer { buffer in
            let body = UnsafeBufferPointer(rebasing: buffer[start...])
            switch backend {
            case .builtIn:
                return BuiltInCSVParser.parse(body)
            case .libcsv:
                #if LibCSV
                return LibCSVParser.parse(body)
                #else
                return .failure(.backend("this build has no libcsv; build with --traits LibCSV"))
                #endif
            }
        }
        return try result.get()
    }
}
