/// Memory behind a numeric column: allocated here, kept alive for an imported Arrow array,
/// or borrowed for the duration of one ABI call.
///
/// Columns share buffers instead of copying them, so a frame crosses the ABI without a copy:
/// export retains the buffer in the Arrow array's `private_data`, import keeps the producer's
/// array alive until the last column that points into it is gone.
public final class ColumnBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    enum Owner {
        case allocated(UnsafeMutablePointer<Element>)
        case retained(AnyObject)
        /// Valid only during the call that handed it over; export copies it.
        case borrowed
    }

    let pointer: UnsafePointer<Element>
    let count: Int
    let owner: Owner

    init(pointer: UnsafePointer<Element>, count: Int, owner: Owner) {
        self.pointer = pointer
        self.count = count
        self.owner = owner
    }

    /// A new buffer of `count` elements, filled by `body`.
    convenience init(count: Int, initializingWith body: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(count, 1))
        do {
            try body(UnsafeMutableBufferPointer(start: memory, count: count))
        } catch {
            memory.deallocate()
            throw error
        }
        self.init(pointer: UnsafePointer(memory), count: count, owner: .allocated(memory))
    }

    var isBorrowed: Bool {
        if case .borrowed = owner { return true }
        return false
    }

    deinit {
        if case .allocated(let memory) = owner { memory.deallocate() }
    }
}
