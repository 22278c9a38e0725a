import Foundation
import PluginAPI

/// The packs alive in this process, one per library. dlopen counts references, but a pack's
/// `init` and `deinit` act on its process-wide state (a Swift pack's runtime, a C pack's
/// globals): two `LoadedPack`s of one library would init it twice, and the first to go would
/// deinit it under the other (a crash seen when a verifier and a catalogue, or two server
/// requests, held the same pack). So a second load while the first is alive shares it, and
/// the pack's deinit runs once, when its last user lets go.
final class LivePacks: @unchecked Sendable {
    static let shared = LivePacks()

    private struct Weak { weak var pack: LoadedPack? }
    // Recursive: a pack released while the lock is held (by the caller's last reference) runs
    // its deinit, which takes the lock again.
    private let lock = NSRecursiveLock()
    private var packs: [UnsafeRawPointer: Weak] = [:]

    /// The live pack whose entry has `init` at the same address, or a new one from `make`.
    func pack(for entry: UnsafePointer<edgehost_pack_entry_t>,
              make: () throws(PluginError) -> LoadedPack) throws(PluginError) -> LoadedPack {
        lock.lock()
        defer { lock.unlock() }
        let key = Self.key(entry)
        if let key, let live = packs[key]?.pack { return live }
        let pack = try make()
        if let key { packs[key] = Weak(pack: pack) }
        return pack
    }

    /// Runs a pack's deinit under the lock, so no new load of the library inits it meanwhile.
    /// A load that raced the last release (the weak reference is gone before deinit runs) made
    /// a new live pack of the library: that one owns the library now, so no deinit here.
    func finish(_ entry: UnsafePointer<edgehost_pack_entry_t>, deinitPack: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if let key = Self.key(entry), packs[key]?.pack != nil { return }
        deinitPack()
    }

    private static func key(_ entry: UnsafePointer<edgehost_pack_entry_t>) -> UnsafeRawPointer? {
        entry.pointee.`init`.map { unsafeBitCast($0, to: UnsafeRawPointer.self) }
    }
}
