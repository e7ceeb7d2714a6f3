import Crypto
import Foundation

/// SHA-256 as lower-case hex, for manifests and the cache (swift-crypto; hardware-accelerated).
enum Hashing {
    static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
