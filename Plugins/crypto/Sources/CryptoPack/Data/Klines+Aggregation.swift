extension Klines {
    /// Bars of `bar` nanoseconds from these shorter ones: each UTC-aligned bucket's first open,
    /// highest high, lowest low, last close and summed volume. A bucket with missing minutes is
    /// kept (built from what exists); an empty one stays a gap.
    func aggregated(bar: Int64) -> Klines {
        var out = Klines()
        var i = 0
        while i < count {
            let bucket = ts[i] - ((ts[i] % bar) + bar) % bar
            var (h, l, v) = (high[i], low[i], 0.0)
            var j = i
            while j < count, ts[j] < bucket + bar {
                h = max(h, high[j])
                l = min(l, low[j])
                v += volume[j]
                j += 1
            }
            out.append(ts: bucket, open: open[i], high: h, low: l, close: close[j - 1], volume: v)
            i = j
        }
        return out
    }
}
