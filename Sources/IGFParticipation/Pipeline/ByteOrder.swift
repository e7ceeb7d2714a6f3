import Foundation

/// The order the run sorts text in wherever it sorts it itself (input paths, identity keys
/// read side by side from the stores): by UTF-8 bytes, a shorter text before a longer one it
/// begins, which is SQLite's order for the same text and Swift's for NFC text.
enum ByteOrder {
    /// Below, at or above 0 as `left` sorts before, with or after `right` (`memcmp` over the
    /// common length, then the lengths).
    static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let a = left.baseAddress, let b = right.baseAddress {
            let order = memcmp(a, b, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }
}
