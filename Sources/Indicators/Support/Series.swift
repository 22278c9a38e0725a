/// Warm-up handling shared by the kernels, following Python talib's wrapper: leading NaNs are
/// skipped (`check_begidx`), the indicator runs on the rest, and the first
/// `firstValid + lookback` outputs are NaN.
enum Series {
    /// Index of the first row where `isValid` holds, or `count` when none does.
    @inline(__always)
    static func firstValid(count: Int, _ isValid: (Int) -> Bool) -> Int {
        var i = 0
        while i < count && !isValid(i) { i += 1 }
        return i
    }

    /// First row that is not NaN.
    @inline(__always)
    static func firstValid(_ x: UnsafeBufferPointer<Double>) -> Int {
        firstValid(count: x.count) { !x[$0].isNaN }
    }

    /// The rows of `x` from `start` on, re-indexed from 0.
    @inline(__always)
    static func tail(_ x: UnsafeBufferPointer<Double>, from start: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: x[start...])
    }

    /// The rows of `x` from `start` on, re-indexed from 0.
    @inline(__always)
    static func tail(_ x: UnsafeMutableBufferPointer<Double>, from start: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: x[start...])
    }

    /// Writes NaN into the first `warmUp` rows of `out` (clamped to its length).
    @inline(__always)
    static func fillWarmUp(_ out: UnsafeMutableBufferPointer<Double>, _ warmUp: Int) {
        let end = Swift.min(Swift.max(warmUp, 0), out.count)
        if end > 0 { UnsafeMutableBufferPointer(rebasing: out[..<end]).update(repeating: .nan) }
    }
}
