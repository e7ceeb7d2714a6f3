import ArgumentParser
import Foundation
import IGFParticipation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two IGF years' headline metrics in an aligned table.",
        discussion: """
            Reads comparison.csv from the outputs of a run (--from DIR), or runs the pipeline \
            in memory (nothing is written). Metrics: sessions, speaker slots, unique people, \
            newcomers, stakeholder groups, share of sessions meeting the diversity bar, UN \
            regional groups reached, share of sessions with 3+ regions, participants, women share.
            """
    )

    @Argument(help: "The earlier year.") var first: Int
    @Argument(help: "The later year.") var second: Int

    @Option(help: "Pipeline to run when no --from is given (default: Pipelines/default.yml).")
    var pipeline: String?

    @Option(help: "A folder holding comparison.csv from an earlier run.")
    var from: String?

    func run() throws {
        let values: ComparisonText.Values
        do {
            if let from {
                let url = URL(fileURLWithPath: from).appendingPathComponent("comparison.csv")
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw fail("\(url.path): cannot read comparison.csv (run the pipeline first)")
                }
                values = try ComparisonText.values(csv: [UInt8](data))
            } else {
                values = ComparisonText.values(try Runner.compute(loadDefinition(pipeline), jobs: RunOptions.processors).years)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("\(error)")
        }
        let years = Set(values.flatMap { $0.byYear.keys })
        for year in [first, second] where !years.contains(year) {
            throw fail("no data for \(year); the run has \(years.sorted().map(String.init).joined(separator: ", "))")
        }
        print(ComparisonText.render(values, from: first, to: second), terminator: "")
    }
}
