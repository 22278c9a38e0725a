import PackKit

/// Float64 columns written in place: `body` gets one writable buffer per column, inside the
/// columns' own initialisers, so a parser fills the frame's memory directly instead of growing
/// arrays that are then copied. Allocate for an upper bound and trim with `prefix(rows:)`:
/// pages never written are never touched.
func float64Columns(_ n: Int, count: Int, _ body: ([UnsafeMutableBufferPointer<Double>]) throws -> Void) throws -> [Float64Column] {
    var buffers: [UnsafeMutableBufferPointer<Double>] = []
    func build(_ k: Int) throws -> [Float64Column] {
        if k == n {
            try body(buffers)
            return []
        }
        var rest: [Float64Column] = []
        let column = try Float64Column(count: count) { out in
            buffers.append(out)
            rest = try build(k + 1)
        }
        return [column] + rest
    }
    return try build(0)
}
