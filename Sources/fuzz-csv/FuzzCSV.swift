// libFuzzer target: The CSV reader (every backend of the build). Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-csv FILE…` runs each file once.
import FuzzSupport
import IGFCSV

enum FuzzCSV: FuzzTarget {
    static func fuzzOne(_ bytes: [UInt8]) {
        for backend in CSVBackend.available {
            _ = try? CSVReader.read(bytes, backend: backend)
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzCSV.fuzz(data, size) }
#else
@main enum Replay { static func main() { FuzzCSV.replay() } }
#endif
