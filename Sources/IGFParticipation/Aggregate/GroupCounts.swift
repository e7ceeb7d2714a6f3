/// Slot counts per group, in the group's canonical order; mergeable by addition.
public struct GroupCounts<Group: Hashable & Comparable & CaseIterable & Sendable>: Hashable, Sendable {
    public private(set) var counts: [Group: Int] = [:]

    public init() {}

    public subscript(group: Group) -> Int { counts[group, default: 0] }

    public mutating func add(_ group: Group, _ count: Int = 1) {
        counts[group, default: 0] += count
    }

    public mutating func merge(_ other: GroupCounts) {
        for (group, count) in other.counts { add(group, count) }
    }

    /// Every slot, `Unknown` included.
    public var total: Int { counts.values.reduce(0, +) }

    /// Groups with at least one slot, in canonical order.
    public var present: [Group] { counts.filter { $0.value > 0 }.keys.sorted() }

    /// The share of all slots (`Unknown` included) `group` holds; nil with no slots.
    public func share(of group: Group) -> Double? {
        let total = total
        return total > 0 ? Double(self[group]) / Double(total) : nil
    }
}
