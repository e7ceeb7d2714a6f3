// libFuzzer target: A session report page. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-report-page FILE…` runs each file once.
import FuzzSupport
import IGFCSV
import IGFParticipation

enum FuzzReportPage: FuzzTarget {
    static func fuzzOne(_ bytes: [UInt8]) {
        guard case .success(let decoded) = DocumentText.decode(bytes) else { return }
        // Input that does not open with `IGF` gets a report header line above it, so that
        // the fuzzer reaches the sessions (its lines are then numbered from 2).
        let opensWithHeader = decoded.lines.first?.text.hasPrefix("IGF") == true
        guard case .success(let text) = opensWithHeader ? .success(decoded) : DocumentText.decode(Array("IGF 2019 Reports\n".utf8) + bytes) else { return }
        let document = ReportPageExtractor.extract(text, file: "fuzz", vocabularies: FuzzVocabularies.shared)
        _ = Normalizer.normalize(document, with: FuzzVocabularies.shared)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzReportPage.fuzz(data, size) }
#else
@main enum Replay { static func main() { FuzzReportPage.replay() } }
#endif
