// libFuzzer target: A session report page. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-report-page FILE…` runs each file once.
import FuzzSupport
import IGFCSV
import IGFParticipation

enum FuzzReportPage: FuzzTarget {
    static func fuzzOne(_ bytes: [UInt8]) {
        guard case .success(var text) = DocumentText.decode(bytes) else { return }
        if text.lines.first?.text.hasPrefix("IGF") != true { text.lines.insert(.init(number: 0, text: "IGF 2019 Reports"), at: 0) }
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
