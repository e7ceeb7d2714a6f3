/// Closed sets whose outputs list their cases in the order the type declares them.
public protocol DeclarationOrdered: CaseIterable, Comparable {}

extension DeclarationOrdered {
    /// The case's place in `allCases`, counted from 0: its rank in the order, and its slot
    /// where counts are kept by case (`GroupCounts`, the store's presence rows).
    public var declarationPlace: Int {
        let cases = Self.allCases
        return cases.distance(from: cases.startIndex, to: cases.firstIndex(of: self)!)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.declarationPlace < rhs.declarationPlace
    }
}
