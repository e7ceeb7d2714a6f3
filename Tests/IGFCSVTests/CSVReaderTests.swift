import Testing
@testable import IGFCSV

@Suite("CSV reader, every backend of the build")
struct CSVReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var rows: [[String]]
        var lines: [Int]
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ rows: [[String]], lines: [Int]? = nil) {
            self.init(name, Array(input.utf8), rows, lines: lines)
        }

        init(_ name: String, _ input: [UInt8], _ rows: [[String]], lines: [Int]? = nil) {
            self.name = name
            self.input = input
            self.rows = rows
            self.lines = lines ?? Array(1...max(1, rows.count)).prefix(rows.count).map { $0 }
        }
    }

    @Test("RFC 4180 and what spreadsheets write", arguments: [
        Case("simple", "a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        Case("no final line end", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
        Case("CRLF", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        Case("lone CR", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
        Case("quoted comma", "\"a,b\",c\n", [["a,b", "c"]]),
        Case("doubled quotes", "\"say \"\"hi\"\"\",x\n", [["say \"hi\"", "x"]]),
        Case("embedded LF", "\"a\nb\",c\nd,e\n", [["a\nb", "c"], ["d", "e"]], lines: [1, 3]),
        Case("embedded CRLF", "\"a\r\nb\",c\r\nd,e\r\n", [["a\r\nb", "c"], ["d", "e"]], lines: [1, 3]),
        Case("empty fields and empty last field", "a,,c,\n,,\n", [["a", "", "c", ""], ["", "", ""]]),
        Case("quoted empty field", "\"\"\n", [[""]]),
        Case("blank lines skipped", "a\n\n\nb\n", [["a"], ["b"]], lines: [1, 4]),
        Case("byte-order mark", [0xEF, 0xBB, 0xBF] + Array("canonical,alias\n".utf8), [["canonical", "alias"]]),
        Case("UTF-8 names", "José Ñúñez,Zoë\n", [["José Ñúñez", "Zoë"]]),
        Case("NUL kept", [0x61, 0x00, 0x62, 0x2C, 0x63], [["a\u{0}b", "c"]]),
        Case("stray quote inside an unquoted field kept", "ab\"c,d\n", [["ab\"c", "d"]]),
        Case("empty input", "", []),
        Case("only a byte-order mark", [0xEF, 0xBB, 0xBF], []),
        Case("spaces are data", " a , b \n", [[" a ", " b "]]),
        Case("a quoted field ends the file without a line end", "a,\"b\"", [["a", "b"]]),
        Case("quoted field with line ends, then more rows", "x\r\n\"1\r\n2\r\n3\",y\r\nz\r\n",
             [["x"], ["1\r\n2\r\n3", "y"], ["z"]], lines: [1, 2, 5]),
        Case("mixed line ends", "a\rb\nc\r\nd", [["a"], ["b"], ["c"], ["d"]]),
        Case("short and long rows are returned as they are", "a,b,c\n1\n1,2,3,4\n", [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]),
    ], CSVBackend.available)
    func reads(_ example: Case, _ backend: CSVBackend) throws {
        let records = try CSVReader.read(example.input, backend: backend)
        #expect(records.map(\.fields) == example.rows)
        #expect(records.map(\.line) == example.lines)
    }

    @Test("an unterminated quote names the line where it opened", arguments: [
        ("a,b\n\"open,\nstill open\n", 2),
        ("a,b\r\nc,\"d\r\ne\r\n", 2),
        ("\"ok\"\n\"closed\nacross\",x\ny,\"never", 4),
        ("\"", 1),
        ("x\n\"abc\"\"", 2),
    ], CSVBackend.available)
    func unterminatedQuote(_ example: (text: String, line: Int), _ backend: CSVBackend) {
        #expect(throws: CSVError.unterminatedQuote(line: example.line)) {
            try CSVReader.read(Array(example.text.utf8), backend: backend)
        }
    }

    @Test("writer quotes only what must be quoted, and round-trips", arguments: [
        ["plain", "with,comma", "with \"quote\"", "line\nbreak", "cr\rhere", "", "José"],
    ])
    func writer(_ fields: [String]) throws {
        var writer = CSVWriter()
        writer.writeRow(fields)
        #expect(writer.text == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",\"cr\rhere\",,José\n")
        #expect(try CSVReader.read(Array(writer.text.utf8)).map(\.fields) == [fields])
    }
}

@Suite("Spreadsheet-safe CSV cells")
struct CSVInjectionTests {
    @Test("text that a spreadsheet would run as a formula gets a leading quote", arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+1 555", "'+1 555"), ("-Minus", "'-Minus"), ("@SUM(A1)", "'@SUM(A1)"), ("\tTab", "'\tTab"), ("\rCR", "'\rCR"),
        ("Ana Lima", "Ana Lima"), ("", ""), ("a=b", "a=b"), ("José", "José"),
    ])
    func neutralized(_ text: String, _ expected: String) {
        #expect(CSVWriter.neutralized(text) == expected)
    }

    @Test("a field appended as bytes is the escaped text, neutralized or not", arguments: [
        ("plain", "plain", "plain"), ("with,comma", "\"with,comma\"", "\"with,comma\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\"", "\"two\nlines\""),
        ("=1+2", "=1+2", "'=1+2"), ("=a,b", "\"=a,b\"", "\"'=a,b\""), ("-3", "-3", "'-3"), ("", "", ""),
        ("José Ñandú, São Tomé", "\"José Ñandú, São Tomé\"", "\"José Ñandú, São Tomé\""),
        ("a long name that is not a small string, with a comma", "\"a long name that is not a small string, with a comma\"",
         "\"a long name that is not a small string, with a comma\""),
    ])
    func appendedField(_ text: String, _ plain: String, _ neutralized: String) {
        // The same text made through a `Substring` and decoded from bytes (small and large
        // strings alike) gives the same bytes.
        for field in [text, String(text[...]), String(decoding: Array(text.utf8), as: UTF8.self)] {
            for (neutralizing, expected) in [(false, plain), (true, neutralized)] {
                var bytes: [UInt8] = [0x41]
                CSVWriter.appendField(field, neutralizing: neutralizing, to: &bytes)
                #expect(bytes == [0x41] + Array(expected.utf8))
                #expect(String(decoding: bytes.dropFirst(), as: UTF8.self)
                        == CSVWriter.escape(neutralizing ? CSVWriter.neutralized(field) : field))
            }
        }
    }

    @Test("Excel form: a byte-order mark and CRLF line ends")
    func excel() {
        var writer = CSVWriter(lineEnding: "\r\n", byteOrderMark: true)
        writer.writeRow(["name", "José"])
        #expect(Array(writer.text.utf8) == [0xEF, 0xBB, 0xBF] + Array("name,José\r\n".utf8))
    }
}
