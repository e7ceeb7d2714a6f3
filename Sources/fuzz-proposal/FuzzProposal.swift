// libFuzzer target: A workshop proposal page. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-proposal FILE…` runs each file once.
import FuzzSupport
import IGFCSV
import IGFParticipation

enum FuzzProposal: FuzzTarget {
    static func fuzzOne(_ bytes: [UInt8]) {
        guard case .success(let text) = DocumentText.decode(bytes) else { return }
        let document = ProposalExtractor.extract(text, file: "fuzz")
        _ = Normalizer.normalize(document, with: FuzzVocabularies.shared)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzProposal.fuzz(data, size) }
#else
@main enum Replay { static func main() { FuzzProposal.replay() } }
#endif
