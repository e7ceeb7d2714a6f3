#if LibCSV
import CLibCSV

/// The libcsv backend (Debian `libcsv-dev`), configured to read exactly as the built-in parser.
///
/// libcsv knows nothing of lines, so the bytes are fed one line at a time: a row's line is the
/// line being fed when the parser left its "row not begun" state, and an unterminated quote is
/// reported at the line where the parser entered a quoted field for the last time.
enum LibCSVParser {
    /// libcsv's parser states (`libcsv.c`).
    private static let rowNotBegun: Int32 = 0, fieldBegun: Int32 = 2

    /// Rows and fields gathered by the C callbacks.
    private final class Collector {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var rowLine = 1
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[CSVRecord], CSVError> {
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT_FINI)) == 0 else { return .failure(.backend("csv_init failed")) }
        defer { csv_free(&parser) }
        // Keep spaces and tabs: libcsv trims them from unquoted fields by default.
        csv_set_space_func(&parser) { _ in 0 }

        let collector = Collector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            if let data, length > 0 {
                collector.fields.append(String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self))
            } else {
                collector.fields.append("")
            }
        }
        let onRow: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            collector.records.append(CSVRecord(fields: collector.fields, line: collector.rowLine))
            collector.fields.removeAll(keepingCapacity: true)
        }

        var index = 0
        var line = 1
        var quoteLine = 0
        let count = bytes.count
        while index < count {
            var end = index
            while end < count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            if end < count { end += bytes[end] == 0x0D && end + 1 < count && bytes[end + 1] == 0x0A ? 2 : 1 }
            if parser.pstate == rowNotBegun { collector.rowLine = line }
            let wasQuoted = parser.pstate == fieldBegun && parser.quoted != 0
            let chunk = UnsafeBufferPointer(rebasing: bytes[index..<end])
            guard csv_parse(&parser, chunk.baseAddress, chunk.count, onField, onRow, context) == chunk.count else {
                return .failure(.backend(String(cString: csv_strerror(csv_error(&parser)))))
            }
            if !wasQuoted, parser.pstate == fieldBegun, parser.quoted != 0 { quoteLine = line }
            index = end
            line += 1
        }
        if parser.pstate == fieldBegun, parser.quoted != 0 { return .failure(.unterminatedQuote(line: quoteLine)) }
        guard csv_fini(&parser, onField, onRow, context) == 0 else {
            return .failure(.backend(String(cString: csv_strerror(csv_error(&parser)))))
        }
        return .success(collector.records)
    }
}
#endif
