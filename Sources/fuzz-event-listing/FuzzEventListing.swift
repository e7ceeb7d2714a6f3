// libFuzzer target: An event listing. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-event-listing FILE…` runs each file once.
import Foundation
import IGFCSV
import IGFParticipation

func fuzzOne(_ bytes: [UInt8]) {
    guard case .success(let text) = DocumentText.decode(bytes) else { return }
    let document = EventListingExtractor.extract(text, file: "fuzz")
    _ = Normalizer.normalize(document, with: FuzzVocabularies.shared)
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum FuzzEventListingReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            fuzzOne(Array(FileManager.default.contents(atPath: path) ?? Data()))
        }
    }
}
#endif
