#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns C memory that must stay valid for a while (descriptors until deinit, a message until
/// the next call) and frees it all at once.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    func string(_ s: String) -> UnsafePointer<CChar> {
        let p = strdup(s)!
        blocks.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    func value<T>(_ v: T) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: 1)
        p.initialize(to: v)
        blocks.append(UnsafeMutableRawPointer(p))
        return p
    }

    /// An array of pointers, or nil when empty (the ABI allows NULL with a zero count).
    func pointers<T>(_ items: [UnsafeMutablePointer<T>]) -> UnsafePointer<UnsafePointer<T>?>? {
        guard !items.isEmpty else { return nil }
        let p = UnsafeMutablePointer<UnsafePointer<T>?>.allocate(capacity: items.count)
        for (i, item) in items.enumerated() { (p + i).initialize(to: UnsafePointer(item)) }
        blocks.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    func bytes(_ b: [UInt8]) -> UnsafePointer<UInt8> {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(b.count, 1))
        p.initialize(from: b, count: b.count)
        blocks.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}

/// A C string that stays valid until it is replaced: the ABI's "valid until the next call".
final class CMessage {
    private(set) var pointer: UnsafeMutablePointer<CChar>?

    func set(_ message: String) {
        free(pointer)
        pointer = strdup(message)
    }

    var cString: UnsafePointer<CChar>? { pointer.map { UnsafePointer($0) } }

    deinit { free(pointer) }
}
