import Foundation

/// Diversity indices of a set of group counts.
///
/// Both indices work on the shares of the groups proper: `Unknown` is excluded before
/// shares are taken, and groups with no slots contribute nothing. With no known slots at
/// all the indices are undefined (`nil`), which outputs write as an empty cell.
public enum Diversity {
    /// Shannon entropy H = −Σ pᵢ ln pᵢ (natural log): 0 for a single group, ln k for k equal groups.
    public static func shannon(_ counts: some Collection<Int>) -> Double? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        var entropy = 0.0
        for count in counts where count > 0 {
            let share = Double(count) / Double(total)
            entropy -= share * log(share)
        }
        return entropy + 0.0
    }

    /// Gini–Simpson index 1 − Σ pᵢ²: the chance two slots drawn with replacement differ in group.
    public static func giniSimpson(_ counts: some Collection<Int>) -> Double? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        let sumOfSquares = counts.reduce(0.0) { sum, count in
            let share = Double(count) / Double(total)
            return sum + share * share
        }
        return 1.0 - sumOfSquares + 0.0
    }
}
