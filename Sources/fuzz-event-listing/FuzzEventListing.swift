// libFuzzer target: An event listing. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-event-listing FILE…` runs each file once.
import FuzzSupport
import IGFCSV
import IGFParticipation

enum FuzzEventListing: FuzzTarget {
    static func fuzzOne(_ bytes: [UInt8]) {
        guard case .success(let text) = DocumentText.decode(bytes) else { return }
        let document = EventListingExtractor.extract(text, file: "fuzz")
        _ = Normalizer.normalize(document, with: FuzzVocabularies.shared)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzEventListing.fuzz(data, size) }
#else
@main enum Replay { static func main() { FuzzEventListing.replay() } }
#endif
