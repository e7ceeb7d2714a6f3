/// A session's official number, such as `WS #188`: a kind prefix and an integer.
public struct SessionNumber: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The prefix as the IGF writes it, upper-cased: `WS`, `OF`, `EVENT`, `SESSION`, …
    public var prefix: String
    public var value: Int

    public init(prefix: String, value: Int) {
        self.prefix = prefix.uppercased()
        self.value = value
    }

    /// `WS #188`
    public var description: String { "\(prefix) #\(value)" }

    public static func < (lhs: SessionNumber, rhs: SessionNumber) -> Bool {
        (lhs.prefix, lhs.value) < (rhs.prefix, rhs.value)
    }
}
