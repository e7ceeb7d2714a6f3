import Foundation
import IGFCSV
import Testing
@testable import IGFParticipation

/// The small parts that keep a run's memory flat: the spool the aggregate pass writes lines
/// to, the input list, and text formatting without Foundation's locale data.
@Suite("Streaming parts")
struct StreamingPartsTests {
    @Test("the line spool gives back the bytes appended, in order, a chunk at a time, as often as asked, and any span of them")
    func spool() throws {
        let spool = try LineSpool()
        // Lines of 3 bytes ("é" is 2) so chunk ends fall inside a scalar again and again.
        var expected = ""
        for index in 0..<(LineSpool.chunkSize / 2) {
            let line = index % 3 == 0 ? "é\n" : "ab\n"
            spool.append(Array(line.utf8))
            expected += line
        }
        spool.append(Array("last line without end, 🌍".utf8))
        expected += "last line without end, 🌍"
        try spool.finish()
        for _ in 0..<2 {
            var chunks: [[UInt8]] = []
            try spool.read { chunks.append(Array($0)) }
            #expect(chunks.map(\.count) == [LineSpool.chunkSize, expected.utf8.count - LineSpool.chunkSize])
            #expect(chunks.joined().elementsEqual(expected.utf8))
        }
        var span: [UInt8] = []
        try spool.read(from: 3, to: 12) { span += Array($0) }
        #expect(String(decoding: span, as: UTF8.self) == "ab\nab\né\n")
        let empty = try LineSpool()
        try empty.finish()
        var read = 0
        try empty.read { _ in read += 1 }
        #expect(read == 0)
    }

    @Test("the input list: sorted by the display path's bytes, each display path once as found last, paths whole",
          arguments: [
              ([("/base/b.txt", 6), ("/base/a.txt", 6), ("/other/a.txt", 7)], ["a.txt", "b.txt"], ["/other/a.txt", "/base/b.txt"]),
              ([("/base/Z.txt", 6), ("/base/a.txt", 6), ("/base/É.txt", 6)], ["Z.txt", "a.txt", "É.txt"], ["/base/Z.txt", "/base/a.txt", "/base/É.txt"]),
              ([], [], []),
              // One folder: names past their shared `gen-` keyed by 8 bytes; a name that begins
              // another, keys alike (names that differ after them), one found twice.
              ([("/c/gen-000123-2019-b.txt", 3), ("/c/gen-000123-2019-a.txt", 3), ("/c/gen-0001", 3), ("/c/gen-É", 3),
                ("/c/gen-000120.txt", 3), ("/c/gen-000123-2019-a.txt", 3), ("/c/gen-00012", 3)],
               ["gen-0001", "gen-00012", "gen-000120.txt", "gen-000123-2019-a.txt", "gen-000123-2019-b.txt", "gen-É"],
               ["/c/gen-0001", "/c/gen-00012", "/c/gen-000120.txt", "/c/gen-000123-2019-a.txt", "/c/gen-000123-2019-b.txt", "/c/gen-É"]),
          ] as [([(String, Int)], [String], [String])])
    func inputList(found: [(String, Int)], displays: [String], paths: [String]) throws {
        var list = InputList()
        for (path, start) in found { try list.append(path: path, displayStart: start) }
        list.sort()
        #expect(list.count == displays.count)
        #expect((0..<list.count).map { list[$0].displayPath } == displays)
        #expect((0..<list.count).map { list[$0].path } == paths)
    }

    @Test("an input list across many 64 KiB buffers and folders: sorted by display path, each once as found last; a file name of 64 KiB refused")
    func inputListBuffers() throws {
        var list = InputList()
        // 5,000 paths in a scrambled order (about 200 KB), a path of 60,000 bytes among them,
        // and one display path found twice under two folders.
        let names = (0..<5000).map { "/corpus/doc-\(String(format: "%05d", ($0 * 7919) % 5000)).txt" }
        for name in names { try list.append(path: name, displayStart: 8) }
        let long = "/corpus/" + String(repeating: "x", count: 60_000)
        try list.append(path: long, displayStart: 8)
        try list.append(path: "/elsewhere/doc-00042.txt", displayStart: 11)
        // Display paths that begin in the folder's part: "sub/…" sorts after "doc-…", before "xx…".
        try list.append(path: "/corpus/sub/deep/a.txt", displayStart: 8)
        try list.append(path: "/corpus/sub/b.txt", displayStart: 8)
        list.sort()
        #expect(list.count == 5003)
        #expect(list[5000].displayPath == "sub/b.txt" && list[5001].displayPath == "sub/deep/a.txt" && list[5001].path == "/corpus/sub/deep/a.txt")
        #expect(list[0].displayPath == "doc-00000.txt" && list[0].path == "/corpus/doc-00000.txt")
        #expect(list[42].path == "/elsewhere/doc-00042.txt")
        #expect(list[4999].displayPath == "doc-04999.txt")
        #expect(list[5002].path.utf8.count == long.utf8.count && list[5002].path == long)
        #expect((0..<5000).allSatisfy { list[$0].displayPath == "doc-\(String(format: "%05d", $0)).txt" })
        #expect(throws: PipelineError.self) { try list.append(path: "/" + String(repeating: "y", count: 65_536), displayStart: 1) }
    }

    @Test("C formatting: the digits of printf in the C locale, ISO 8601 and compact UTC times",
          arguments: [
              (CFormat.fixed(0.4703557, places: 6), "0.470356"),
              (CFormat.fixed(-2.5, places: 1), "-2.5"),
              // Longer than the stack buffer: printed again on the heap, digits of the exact double.
              (CFormat.fixed(1e70, places: 1), "10000000000000000725314363815292351261583744096465219555182101554790400.0"),
              (CFormat.printf("%+.1f pp", 12.34), "+12.3 pp"),
              (CFormat.printf("%+ld", -3), "-3"),
              (CFormat.printf("%.0f%%", 47.5), "48%"),
              (CFormat.iso8601(Date(timeIntervalSince1970: 1_795_494_622.619)), "2026-11-24T04:30:22.619Z"),
              (CFormat.compactTimestamp(Date(timeIntervalSince1970: 1_795_494_622.619)), "20261124T043022.619Z"),
              (CFormat.iso8601(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z"),
              (CFormat.iso8601(Date(timeIntervalSince1970: -0.25)), "1969-12-31T23:59:59.750Z"),
              (CFormat.iso8601(Date(timeIntervalSince1970: 59.9996)), "1970-01-01T00:01:00.000Z"),
              (CFormat.printf("%0300ld", 7), String(repeating: "0", count: 299) + "7"),
          ])
    func cFormat(_ text: String, _ expected: String) {
        #expect(text == expected)
    }

    @Test("decimals written as bytes are printf's text, long ones included, never -0.000000",
          arguments: [0, -0.0, 0.5, -2.5, 1e70, -1e-9, 0.1234565, Double.pi, 1e300, -1e300])
    func decimalBytes(_ value: Double) {
        var bytes: [UInt8] = []
        Cell.appendDecimal(value, to: &bytes)
        let printed = CFormat.printf("%.6f", value)
        let expected = printed.hasPrefix("-") && printed.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(printed.dropFirst()) : printed
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(Cell.format(value) == expected)
        #expect(value != 1e300 || expected.count > 64, "the long path is taken")
    }

    @Test("six places without printf: exact ties to even, the rounding edges, and 200,000 values of every scale as printf writes them")
    func decimalsAsPrintf() {
        func printed(_ value: Double) -> String {
            let text = CFormat.printf("%.6f", value)
            return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
        }
        func written(_ value: Double) -> String {
            var bytes: [UInt8] = []
            Cell.appendDecimal(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        // 2⁻⁷ × 10⁶ = 7812.5 and 3 × 2⁻⁷ × 10⁶ = 23437.5: exact ties, to even.
        let edges: [(Double, String)] = [
            (0.0078125, "0.007812"), (0.0234375, "0.023438"), (-0.0078125, "-0.007812"), (0.0000005, "0.000000"),
            (0.00000050000000000001, "0.000001"), (0.9999995, "1.000000"), (0.99999949999999, "0.999999"),
            (1e-300, "0.000000"), (Double.leastNonzeroMagnitude, "0.000000"), (-Double.leastNonzeroMagnitude, "0.000000"),
            (999_999_999_999.9999, "999999999999.999878"), (1e12, "1000000000000.000000"), (0.5, "0.500000"),
            (Double(1 << 52) / 1e6, "4503599627.370496"), (0.470355731225296, "0.470356"),
        ]
        for (value, text) in edges {
            #expect(written(value) == text, "\(value)")
            #expect(printed(value) == text, "\(value)")
            #expect(Cell.scaled(value, places: Cell.decimalPlaces) != nil || value.magnitude >= 1e12)
        }
        var generator = SplitMix64(seed: 7)
        var mismatches: [Double] = []
        for index in 0..<200_000 {
            // Uniform in [0, 1) scaled by 10^(-9...12), either sign; every fourth a ratio of small integers.
            let unit = Double(generator.next() >> 11) / Double(1 << 53)
            var value = index % 4 == 0
                ? Double(generator.next() % 1000) / Double(generator.next() % 999 + 1)
                : unit * pow(10, Double(Int(generator.next() % 22) - 9))
            if generator.next() & 1 == 1 { value = -value }
            if written(value) != printed(value) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("fixed places from 0 to 6 without printf are printf's text, ties, -0 and the edges of each included",
          arguments: 0...6)
    func fixedPlacesAsPrintf(_ places: Int) {
        func printed(_ value: Double) -> String { CFormat.printf("%.*f", Int32(places), value) }
        // Ties at every scale (k + 0.5 units of the last place, exact in binary for small k),
        // signs, zero of either sign, and the limits of the fast path.
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.25, 0.125, 0.05, 0.95, 9.995, 99.5, 1e12, 999_999_999_999.5, -1e-300]
        var generator = SplitMix64(seed: UInt64(11 + places))
        for index in 0..<50_000 {
            let unit = Double(generator.next() >> 11) / Double(1 << 53)
            var value = index % 3 == 0
                ? Double(generator.next() % 2000) / 2 / pow(10, Double(places))  // ties
                : unit * pow(10, Double(Int(generator.next() % 16) - 3))
            if generator.next() & 1 == 1 { value = -value }
            values.append(value)
        }
        let mismatches = values.filter { CFormat.fixed($0, places: places) != printed($0) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(CFormat.percent(0.475) == CFormat.printf("%.0f%%", 0.475 * 100))
    }

    @Test("a table's line: cells as CSV fields, quoted and neutralized as CSVWriter does, one line end",
          arguments: [
              ([Cell.text("plain"), .integer(-3), .decimal(0.5), .boolean(true), .empty], false, "plain,-3,0.500000,true,\n"),
              ([Cell.text("a, b"), .text("say \"hi\""), .text("=SUM(A1)"), .text("two\nlines")], false,
               "\"a, b\",\"say \"\"hi\"\"\",'=SUM(A1),\"two\nlines\"\n"),
              ([Cell.decimal(-0.0000001), .text("Ana Laura Martínez"), .text(nil)], true, "0.000000,Ana Laura Martínez,\r\n"),
              ([Cell.integer(0), .integer(1000), .integer(Int.min), .integer(Int.max), .boolean(false)], false,
               "0,1000,-9223372036854775808,9223372036854775807,false\n"),
              ([Cell.text("-a,b"), .text("\rx"), .text("@x"), .text("\"q"), .text(""), .text("+")], true,
               "\"'-a,b\",\"'\rx\",'@x,\"\"\"q\",,'+\r\n"),
          ])
    func tableLine(_ cells: [Cell], _ excel: Bool, _ expected: String) {
        let table = Table<[Cell]>(fileName: "t.csv", rowDescription: "", columns: cells.indices.map { index in
            Column("c\(index)", .string, "") { $0[index] }
        })
        #expect(table.line(cells, excel: excel) == expected)
        var writer = CSVWriter(lineEnding: excel ? "\r\n" : "\n")
        writer.writeRow(cells.map(\.csvField))
        #expect(writer.text == expected)
    }

    @Test("JSON strings: plain text is copied whole; quotes, backslashes and control characters are escaped",
          arguments: [("plain – text", "\"plain – text\""), ("a \"b\" \\ c", "\"a \\\"b\\\" \\\\ c\""), ("tab\there\n", "\"tab\\there\\n\""),
                      ("\u{01}", "\"\\u0001\""), ("\u{1F}é\r\u{7F}", "\"\\u001fé\\r\u{7F}\""), ("", "\"\"")])
    func jsonQuote(_ text: String, _ expected: String) {
        #expect(JSONValue.quote(text) == expected)
    }

    @Test("JSON documents: nested objects and arrays, two spaces a level, empty ones closed on their line")
    func jsonDocument() {
        let value = JSONValue.object([
            ("a", .array([.integer(-1), .decimal(0.25), .decimal(.nan), .null, .boolean(true)])),
            ("b", .object([("c", .string("x\"y")), ("d", .object([])), ("e", .array([]))])),
        ])
        #expect(value.serialized() == """
            {
              "a": [
                -1,
                0.250000,
                null,
                null,
                true
              ],
              "b": {
                "c": "x\\"y",
                "d": {},
                "e": []
              }
            }
            """)
    }

    @Test("a whole-file read: one read at the size fstat gives, files of any size byte for byte, a file whose size fstat does not know read to its end",
          arguments: [0, 1, 4095, 65_536, 65_537, 300_001])
    func wholeFile(size: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("igf-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let file = folder.appendingPathComponent("f.bin")
        try Data(bytes).write(to: file)
        #expect(try FileAccess.read(path: file.path).get() == bytes)
    }

    @Test("a file sink writes what it is given byte for byte past its write-back steps: small pieces, buffered ones and whole chunks of 64 KiB and more",
          arguments: [0, 1, 65_535, 1 << 20, 3 * (1 << 20) + 12_345])
    func fileSink(size: Int) throws {
        let file = TestSupport.temporaryFolder().appendingPathComponent("sink.bin")
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        #expect(descriptor >= 0)
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
        let sink = OutputSink(descriptor: descriptor)
        // Pieces of 1 byte to 192 KiB in turn: some buffered, some written as they are.
        let pieces = [1, 700, 40_000, 65_536, 196_608]
        var offset = 0, turn = 0
        while offset < size {
            let end = min(size, offset + pieces[turn % pieces.count])
            bytes[offset..<end].withUnsafeBytes { sink.write(raw: $0) }
            offset = end
            turn += 1
        }
        sink.flush()
        #expect(sink.failure == 0)
        #expect(fsync(descriptor) == 0)
        close(descriptor)
        #expect(try FileAccess.read(path: file.path).get() == bytes)
    }

    @Test("a whole-file read of what fstat gives no size (a /proc file) goes on to its end; a missing file is a failure naming it")
    func wholeFileWithoutSize() throws {
        let status = try FileAccess.read(path: "/proc/self/status").get()
        #expect(status.count > 100)
        #expect(String(decoding: status, as: UTF8.self).hasSuffix("\n"))
        #expect(String(decoding: status, as: UTF8.self).contains("VmRSS:"))
        guard case .failure(let error) = FileAccess.read(path: "/nonexistent/igf.txt") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(error.description.contains("/nonexistent/igf.txt"))
        #expect(error.description.contains("No such file"))
    }
}
