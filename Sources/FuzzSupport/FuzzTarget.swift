import Foundation

/// What every fuzz target shares. A target is a type with `fuzzOne`; its executable adds
/// only the two entry points that must live in each binary: libFuzzer's
/// `LLVMFuzzerTestOneInput` when built by Fuzz/run.sh with `-DFUZZING` (libFuzzer supplies
/// `main`), otherwise a `main` that replays crash files: `fuzz-<target> FILE…`.
public protocol FuzzTarget {
    /// Runs one input through the code under test; must never crash.
    static func fuzzOne(_ bytes: [UInt8])
}

extension FuzzTarget {
    /// libFuzzer's call, for the target's `LLVMFuzzerTestOneInput`.
    public static func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// Runs each file named on the command line once.
    public static func replay() {
        for path in CommandLine.arguments.dropFirst() {
            fuzzOne(Array(FileManager.default.contents(atPath: path) ?? Data()))
        }
    }
}
