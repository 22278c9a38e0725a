/// The physics of an approach (stages 7, 8, 10, 11, 12), all from bars up to and including
/// the touching bar `i`, signed by the approach `side` (+1 from below, −1 from above) so that
/// positive means "toward and through the level":
/// - barrier: resting size on the level's side at bar i (the ask from below, the bid from above);
///   barrier_ratio: that size over the mean book size (bid + ask)/2 of the last 30 bars;
/// - tape: signed trade volume over the approach window (`window` bars ending at i), × side;
/// - kinematics: velocity v = c[i] − c[i−1], acceleration a = v[i] − v[i−1], jerk = a[i] − a[i−1],
///   points per minute (per minute², minute³), × side;
/// - OFI: order-flow imbalance of Cont, Kukanov & Stoikov (2014) from top-of-book changes,
///   e[t] = 1{b[t] ≥ b[t−1]}·qb[t] − 1{b[t] ≤ b[t−1]}·qb[t−1] − 1{a[t] ≤ a[t−1]}·qa[t] + 1{a[t] ≥ a[t−1]}·qa[t−1],
///   integrated over the window, × side;
/// - GEX in ±1, ±2, ±3 strike bands: sums of the dealers' gamma exposure at the strikes around
///   the money (at a touch the money is within 2.5 points of the level); fuel: the ±3 band's
///   share of the absolute exposure, in [−1, 1] (positive = dealers long gamma near the level);
/// - force/mass: force = the integrated OFI (side-signed) in units of the mean book size,
///   mass = volume traded in the window; fma_residual = OFI / (mass + 1) − acceleration / ATR:
///   a diagnostic of F = m·a, near 0 when order flow and the move agree.
struct Physics {
    var barrier = 0.0, barrierRatio = 0.0, tape = 0.0
    var velocity = 0.0, acceleration = 0.0, jerk = 0.0
    var ofi = 0.0, force = 0.0, mass = 0.0, fmaResidual = 0.0
    var gex1 = 0.0, gex2 = 0.0, gex3 = 0.0, fuel = 0.0

    static let bookWindow = 30

    init(_ b: ESBars, at i: Int, side: Double, window: Int, atr: Double, sessionStart: Int) {
        barrier = side > 0 ? b.askSize[i] : b.bidSize[i]
        let from = max(sessionStart, i - Physics.bookWindow + 1)
        var book = 0.0
        for j in from...i { book += (b.bidSize[j] + b.askSize[j]) / 2 }
        let meanBook = max(book / Double(i - from + 1), 1)
        barrierRatio = barrier / meanBook
        let start = max(sessionStart + 1, i - window + 1)
        for j in start...i {
            tape += b.signedVolume[j]
            mass += b.volume[j]
            ofi += Physics.ofi(b, j)
        }
        tape *= side
        ofi *= side
        func c(_ k: Int) -> Double { b.close[max(sessionStart, i - k)] }
        let v0 = c(0) - c(1), v1 = c(1) - c(2), v2 = c(2) - c(3)
        velocity = side * v0
        acceleration = side * (v0 - v1)
        jerk = side * ((v0 - v1) - (v1 - v2))
        force = ofi / meanBook
        fmaResidual = force * meanBook / (mass + 1) - acceleration / max(atr, 0.25)
        let g = b.gex.map { $0[i] } // offsets −3…3
        gex1 = g[2...4].reduce(0, +)
        gex2 = g[1...5].reduce(0, +)
        gex3 = g.reduce(0, +)
        let absolute = g.reduce(0) { $0 + abs($1) }
        fuel = absolute > 0 ? gex3 / absolute : 0
    }

    static func ofi(_ b: ESBars, _ t: Int) -> Double {
        guard t > 0 else { return 0 }
        var e = 0.0
        if b.bid[t] >= b.bid[t - 1] { e += b.bidSize[t] }
        if b.bid[t] <= b.bid[t - 1] { e -= b.bidSize[t - 1] }
        if b.ask[t] <= b.ask[t - 1] { e -= b.askSize[t] }
        if b.ask[t] >= b.ask[t - 1] { e += b.askSize[t - 1] }
        return e
    }

    /// Whether barrier, tape and fuel are all measured (the QA gate's physics coverage).
    var isCovered: Bool { barrier.isFinite && barrier > 0 && tape.isFinite && fuel.isFinite && gex3 != 0 }
}
