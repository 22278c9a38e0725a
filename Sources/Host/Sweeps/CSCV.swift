import Foundation

/// Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey,
/// Borwein, López de Prado & Zhu, 2015): the sessions are cut into S blocks; for every choice
/// of S/2 blocks as "in sample", the configuration with the best in-sample Sharpe is ranked
/// among all configurations on the other half. PBO is the share of choices where it ranks in
/// the bottom half (logit of its relative rank ≤ 0).
public enum CSCV {
    public struct Result: Sendable {
        public let pbo: Double
        public let combinations: Int
        public let blocks: Int
        /// Logit of the in-sample winner's out-of-sample relative rank, per combination.
        public let logits: [Double]
    }

    /// `returns[config][session]`, every row the same length. Nil with fewer than 2
    /// configurations or fewer sessions than blocks. Blocks are reduced to an even number ≤ sessions.
    /// `stop` is asked once per combination (a cancelled sweep must not wait for all 12,870): when
    /// it says yes the answer is nil, which the caller then treats as the cancellation it is.
    public static func pbo(_ returns: [[Double]], blocks requested: Int = 16, stop: () -> Bool = { false }) -> Result? {
        let n = returns.count
        guard n >= 2, let t = returns.first?.count, returns.allSatisfy({ $0.count == t }) else { return nil }
        var s = min(requested, t)
        s -= s % 2
        guard s >= 2 else { return nil }
        // Per configuration and block: count, sum and sum of squares (blocks of near-equal size).
        var sums = [[Double]](repeating: [Double](repeating: 0, count: s), count: n)
        var squares = sums
        var counts = [Double](repeating: 0, count: s)
        for i in 0..<t {
            let b = i * s / t
            counts[b] += 1
            for c in 0..<n {
                let r = returns[c][i].isFinite ? returns[c][i] : 0
                sums[c][b] += r
                squares[c][b] += r * r
            }
        }
        var logits: [Double] = []
        for inSample in combinations(s, s / 2) {
            if stop() { return nil }
            var member = [Bool](repeating: false, count: s)
            for b in inSample { member[b] = true }
            let isSharpe = (0..<n).map { sharpe(sums[$0], squares[$0], counts, member, true) }
            let oosSharpe = (0..<n).map { sharpe(sums[$0], squares[$0], counts, member, false) }
            var best = 0
            for c in 1..<n where isSharpe[c] > isSharpe[best] { best = c }
            // Rank 1 = worst out of sample; ties share their mean rank.
            let below = Double(oosSharpe.filter { $0 < oosSharpe[best] }.count)
            let equal = Double(oosSharpe.filter { $0 == oosSharpe[best] }.count)
            let rank = below + (equal + 1) / 2
            let omega = rank / Double(n + 1)
            logits.append(log(omega / (1 - omega)))
        }
        let overfit = logits.filter { $0 <= 0 }.count
        return Result(pbo: Double(overfit) / Double(logits.count), combinations: logits.count, blocks: s, logits: logits)
    }

    /// Mean over sample standard deviation of the blocks in (or out of) the half; 0 without spread.
    private static func sharpe(_ sum: [Double], _ square: [Double], _ count: [Double], _ member: [Bool], _ side: Bool) -> Double {
        var n = 0.0, s = 0.0, q = 0.0
        for b in member.indices where member[b] == side {
            n += count[b]
            s += sum[b]
            q += square[b]
        }
        guard n >= 2 else { return 0 }
        let mean = s / n
        let variance = (q - n * mean * mean) / (n - 1)
        return variance > 1e-300 ? mean / variance.squareRoot() : 0
    }

    /// Every k-subset of 0..<n, in lexicographic order.
    static func combinations(_ n: Int, _ k: Int) -> [[Int]] {
        var out: [[Int]] = []
        var pick = Array(0..<k)
        while true {
            out.append(pick)
            var i = k - 1
            while i >= 0 && pick[i] == n - k + i { i -= 1 }
            guard i >= 0 else { return out }
            pick[i] += 1
            for j in (i + 1)..<k { pick[j] = pick[j - 1] + 1 }
        }
    }
}
