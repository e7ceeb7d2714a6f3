// libFuzzer target: A session report page. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-report-page FILE…` runs each file once.
import Foundation
import IGFCSV
import IGFParticipation

func fuzzOne(_ bytes: [UInt8]) {
    guard case .success(var text) = DocumentText.decode(bytes) else { return }
    if text.lines.first?.text.hasPrefix("IGF") != true { text.lines.insert(.init(number: 0, text: "IGF 2019 Reports"), at: 0) }
    let document = ReportPageExtractor.extract(text, file: "fuzz", vocabularies: FuzzVocabularies.shared)
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
enum FuzzReportPageReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            fuzzOne(Array(FileManager.default.contents(atPath: path) ?? Data()))
        }
    }
}
#endif
