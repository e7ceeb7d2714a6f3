/// One of N deterministic partitions of a run's inputs, for `run --shard K/N`.
///
/// A file belongs to shard `1 + h mod N`, where `h` is the 64-bit FNV-1a hash of its display
/// path (the path relative to the run's base folder). The hash depends on nothing but that
/// path, so every machine that sees the same tree makes the same split, whatever its order of
/// listing or its number of cores.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based: the first shard of three is `1/3`.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 ≤ K ≤ N, as on the command line.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the file with this display path is one of this shard's.
    public func owns(_ displayPath: String) -> Bool {
        Int(Self.hash(displayPath) % UInt64(count)) == index - 1
    }

    /// FNV-1a, 64 bits, over the path's UTF-8 bytes.
    static func hash(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
