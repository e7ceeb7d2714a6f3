// libFuzzer target: The CSV reader (every backend of the build). Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-csv FILE…` runs each file once.
import Foundation
import IGFCSV

func fuzzOne(_ bytes: [UInt8]) {
    for backend in CSVBackend.available {
        _ = try? CSVReader.read(bytes, backend: backend)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum FuzzCSVReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            fuzzOne(Array(FileManager.default.contents(atPath: path) ?? Data()))
        }
    }
}
#endif
