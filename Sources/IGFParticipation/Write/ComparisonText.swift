import Foundation
import IGFCSV

/// `compare A B`: two years' headline metrics as an aligned table for a terminal.
public enum ComparisonText {
    /// Metric → year → value as written in `comparison.csv` (empty when the year has no data).
    public typealias Values = [(metric: String, byYear: [Int: String])]

    /// The values of a run computed in memory.
    public static func values(_ years: [YearAccumulator]) -> Values {
        let rows = YearOverYear.comparison(years)
        let value = OutputTables.comparison.columns[2].value
        return YearOverYear.metrics.map { metric in
            (metric.name, Dictionary(uniqueKeysWithValues: rows.filter { $0.metric == metric.name }.map { ($0.year, value($0).csvField) }))
        }
    }

    /// The values of a `comparison.csv` written by an earlier run.
    public static func values(csv bytes: [UInt8]) throws(CSVError) -> Values {
        var result: Values = []
        for record in try CSVReader.read(bytes).dropFirst() where record.fields.count >= 3 {
            guard let year = Int(record.fields[1]) else { continue }
            if result.last?.metric != record.fields[0] { result.append((record.fields[0], [:])) }
            result[result.count - 1].byYear[year] = record.fields[2]
        }
        return result
    }

    /// The table: metric, the two years' values, their difference and the change in percent.
    public static func render(_ values: Values, from first: Int, to second: Int) -> String {
        var lines = [["metric", String(first), String(second), "delta", "change"]]
        for (metric, byYear) in values {
            let a = byYear[first] ?? "", b = byYear[second] ?? ""
            var delta = "", change = ""
            if let x = Double(a), let y = Double(b) {
                let isShare = a.contains(".") || b.contains(".")
                delta = isShare ? CFormat.printf("%+.1f pp", (y - x) * 100) : CFormat.printf("%+ld", Int(y - x))
                if x != 0 { change = CFormat.printf("%+.1f%%", (y - x) / x * 100) }
            }
            lines.append([metric, display(a), display(b), delta, change])
        }
        let widths = (0..<5).map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// Shares as percentages, counts as they are, no data as `—`.
    private static func display(_ value: String) -> String {
        guard !value.isEmpty else { return "—" }
        guard value.contains("."), let share = Double(value) else { return value }
        return CFormat.printf("%.1f%%", share * 100)
    }
}
