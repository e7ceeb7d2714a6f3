/// Closed sets whose outputs list their cases in the order the type declares them.
public protocol DeclarationOrdered: CaseIterable, Comparable {}

extension DeclarationOrdered {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        let cases = Array(allCases)
        return cases.firstIndex(of: lhs)! < cases.firstIndex(of: rhs)!
    }
}
