// Times the CSV reader backends on one file: `csv-benchmark FILE [REPEATS]`.
// Each backend compiled into the build parses the file (already in memory) REPEATS times;
// the best time is reported, so disk speed does not count. See Benchmarks/csv-readers.sh.
import Dispatch
import Foundation
import IGFCSV

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: csv-benchmark FILE [REPEATS]\n".utf8))
    exit(64)
}
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
let bytes = [UInt8](data)
let megabytes = Double(bytes.count) / 1_000_000
print("file: \(arguments[1]) (\(String(format: "%.1f", megabytes)) MB), best of \(repeats)")
print("backend    rows         seconds  MB/s     rows/s")
for backend in CSVBackend.available {
    var best = Double.infinity
    var rows = 0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            rows = try CSVReader.read(bytes, backend: backend).count
        } catch {
            print("\(backend.rawValue): \(error)")
            exit(1)
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let name = backend.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
    print(name + " " + String(format: "%-12d %-8.3f %-8.0f %.0f", rows, best, megabytes / best, Double(rows) / best))
}
