/// The RFC 4180 parser written for this project: one pass over the bytes, fields made into
/// strings only once they are complete.
enum BuiltInCSVParser {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[CSVRecord], CSVError> {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var quotedField: [UInt8] = []
        var index = 0
        var line = 1
        let count = bytes.count

        while index < count {
            // At the start of a row: blank lines are skipped.
            let byte = bytes[index]
            if fields.isEmpty, byte == cr || byte == lf {
                index += byte == cr && index + 1 < count && bytes[index + 1] == lf ? 2 : 1
                line += 1
                continue
            }
            let recordLine = line
            // One row: fields until an unquoted line end or the end of the bytes.
            while true {
                if index < count, bytes[index] == quote {
                    // Quoted field: until a quote that is not doubled.
                    let quoteLine = line
                    index += 1
                    quotedField.removeAll(keepingCapacity: true)
                    var closed = false
                    while index < count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < count, bytes[index + 1] == quote {
                                quotedField.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == lf || (byte == cr && !(index + 1 < count && bytes[index + 1] == lf)) { line += 1 }
                        quotedField.append(byte)
                        index += 1
                    }
                    guard closed else { return .failure(.unterminatedQuote(line: quoteLine)) }
                    // Text after the closing quote (`"ab"c`) stays in the field, as libcsv keeps it.
                    let fieldStart = index
                    while index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf { index += 1 }
                    if index > fieldStart {
                        quotedField.append(quote)
                        quotedField.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]))
                    }
                    fields.append(String(decoding: quotedField, as: UTF8.self))
                } else {
                    let fieldStart = index
                    while index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf { index += 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self))
                }
                if index < count, bytes[index] == comma {
                    index += 1
                    continue
                }
                // Line end or end of bytes: the row is complete.
                if index < count {
                    index += bytes[index] == cr && index + 1 < count && bytes[index + 1] == lf ? 2 : 1
                    line += 1
                }
                records.append(CSVRecord(fields: fields, line: recordLine))
                fields.removeAll(keepingCapacity: true)
                break
            }
        }
        return .success(records)
    }
}
