/// Runs a buffer kernel into a fresh array. The kernels write every row (warm-up NaNs
/// included), so the array is never read uninitialised; nothing is counted as initialised if
/// the kernel throws.
@inline(__always)
func makeSeries(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows -> [Double] {
    try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        try fill(UnsafeMutableBufferPointer(rebasing: buffer[..<count]))
        initialized = count
    }
}

/// `makeSeries` for kernels with three outputs.
@inline(__always)
func makeSeries3(_ count: Int,
                 _ fill: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>,
                          UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows
    -> ([Double], [Double], [Double]) {
    var second: [Double] = []
    var third: [Double] = []
    let first = try makeSeries(count) { a in
        second = try makeSeries(count) { b in
            third = try makeSeries(count) { c in try fill(a, b, c) }
        }
    }
    return (first, second, third)
}
