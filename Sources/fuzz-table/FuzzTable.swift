// libFuzzer target: A CSV sheet through the table extractor. Built by Fuzz/run.sh with `-DFUZZING`
// (libFuzzer supplies `main`); otherwise a replayer: `fuzz-table FILE…` runs each file once.
import FuzzSupport
import IGFCSV
import IGFParticipation

enum FuzzTable: FuzzTarget {
    static func fuzzOne(_ bytes: [UInt8]) {
        let mapping = ColumnMapping([.year: "year", .session: "session", .title: "title", .sessionType: "type", .role: "role",
                                     .name: "name", .organization: "organization", .stakeholder: "stakeholder",
                                     .region: "region", .country: "country", .gender: "gender"])
        let document = TableExtractor.extract(bytes: bytes, file: "fuzz", mapping: mapping)
        _ = Normalizer.normalize(document, with: FuzzVocabularies.shared)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzTable.fuzz(data, size) }
#else
@main enum Replay { static func main() { FuzzTable.replay() } }
#endif
