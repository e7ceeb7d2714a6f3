/// Slot counts per group, in the group's canonical (declaration) order; mergeable by addition.
///
/// The counts sit in an array by each group's place in `allCases`, allocated at the first
/// count: a session builds six of these per read (three role scopes, stakeholders and
/// regions), and an array indexed by place costs less than a dictionary keyed by group.
/// Two counts are equal when every group's count is.
public struct GroupCounts<Group: DeclarationOrdered & Hashable & Sendable>: Hashable, Sendable where Group.AllCases == [Group] {
    /// Counts by place in `Group.allCases`; empty until the first `add`.
    private var slots: [Int] = []

    public init() {}

    public subscript(group: Group) -> Int { slots.isEmpty ? 0 : slots[group.declarationPlace] }

    public mutating func add(_ group: Group, _ count: Int = 1) {
        if slots.isEmpty { slots = Array(repeating: 0, count: Group.allCases.count) }
        slots[group.declarationPlace] += count
    }

    public mutating func merge(_ other: GroupCounts) {
        guard !other.slots.isEmpty else { return }
        if slots.isEmpty { slots = other.slots; return }
        for place in slots.indices { slots[place] += other.slots[place] }
    }

    /// Every slot, `Unknown` included.
    public var total: Int { slots.reduce(0, +) }

    /// How many groups other than `excluded` have at least one slot: `present`'s count
    /// without it, made without an array (a per-cell cost of `sessions.csv`).
    public func presentCount(excluding excluded: Group) -> Int {
        guard !slots.isEmpty else { return 0 }
        let skipped = excluded.declarationPlace
        var count = 0
        for place in slots.indices where place != skipped && slots[place] > 0 { count += 1 }
        return count
    }

    /// The counts of every group but `excluded`, in canonical order, handed to `body`
    /// without an array; all zero before the first `add`.
    public func withCounts<Result>(excluding excluded: Group, _ body: (UnsafeBufferPointer<Int>) -> Result) -> Result {
        let skipped = excluded.declarationPlace
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: Group.allCases.count - 1) { buffer in
            var next = 0
            for place in 0..<Group.allCases.count where place != skipped {
                buffer[next] = slots.isEmpty ? 0 : slots[place]
                next += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<next]))
        }
    }

    /// Groups with at least one slot, in canonical order.
    public var present: [Group] {
        zip(Group.allCases, slots).compactMap { group, count in count > 0 ? group : nil }
    }

    /// The share of all slots (`Unknown` included) `group` holds; nil with no slots.
    public func share(of group: Group) -> Double? {
        let total = total
        return total > 0 ? Double(self[group]) / Double(total) : nil
    }

    public static func == (left: GroupCounts, right: GroupCounts) -> Bool {
        Group.allCases.allSatisfy { left[$0] == right[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        for group in Group.allCases { hasher.combine(self[group]) }
    }
}
