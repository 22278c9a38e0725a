/// The running-sum window behind SMA, variance, Bollinger bands, z-score and realized
/// volatility, in TA-Lib's order: add the new value, emit the window, then drop the value
/// leaving it. Keeping TA-Lib's order is what makes the results bit-identical, not just close.
enum SlidingWindow {
    /// Visits every full window of `period` rows among `count`: `add(i)` for each row entering,
    /// `emit(i)` once the window ends at row `i`, `drop(j)` for the row leaving afterwards.
    @inline(__always)
    static func slide(count: Int, period: Int, add: (Int) -> Void, emit: (Int) -> Void, drop: (Int) -> Void) {
        guard period >= 1, count >= period else { return }
        for i in 0..<(period - 1) { add(i) }
        for i in (period - 1)..<count {
            add(i)
            emit(i)
            drop(i - period + 1)
        }
    }

    /// Mean of each window, as TA-Lib's `TA_INT_SMA`.
    @inline(__always)
    static func means(_ x: UnsafeBufferPointer<Double>, period: Int, emit: (_ row: Int, _ mean: Double) -> Void) {
        var sum = 0.0
        let p = Double(period)
        slide(count: x.count, period: period,
              add: { sum += x[$0] },
              emit: { emit($0, sum / p) },
              drop: { sum -= x[$0] })
    }

    /// Mean and population variance of each window, as TA-Lib's `TA_INT_VAR` (E[x²] − E[x]²);
    /// the mean is bit-identical to `means`, as TA-Lib's BBANDS middle band is to its SMA.
    @inline(__always)
    static func meanVariance(_ x: UnsafeBufferPointer<Double>, period: Int,
                             emit: (_ row: Int, _ mean: Double, _ variance: Double) -> Void) {
        var sum = 0.0
        var sumOfSquares = 0.0
        let p = Double(period)
        slide(count: x.count, period: period,
              add: { let v = x[$0]; sum += v; sumOfSquares += v * v },
              emit: { let mean = sum / p; emit($0, mean, sumOfSquares / p - mean * mean) },
              drop: { let v = x[$0]; sum -= v; sumOfSquares -= v * v })
    }
}

/// A running sum that keeps the rounding error of each step (Knuth's TwoSum), so adding and
/// later removing the same values cancels exactly instead of leaving residue. Used where no
/// TA-Lib result has to be reproduced and a window of zeros must give exactly 0.
struct CompensatedSum {
    private var sum = 0.0
    private var error = 0.0

    @inline(__always)
    mutating func add(_ v: Double) {
        let t = sum + v
        let vPart = t - sum
        error += (sum - (t - vPart)) + (v - vPart)
        sum = t
    }

    @inline(__always)
    mutating func remove(_ v: Double) { add(-v) }

    var value: Double { sum + error }
}
