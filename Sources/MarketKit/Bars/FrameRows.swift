import PackKit

extension Frame {
    /// The rows at `indices` (ascending), every column kept with its type.
    func rows(_ indices: [Int]) throws -> Frame {
        func pick<C: RandomAccessCollection>(_ values: C) -> [C.Element] where C.Index == Int {
            indices.map { values[$0] }
        }
        return try Frame(columns.map { column in
            switch column.data {
            case .float64(let c): Column(column.name, .float64(Float64Column(pick(c))))
            case .int64(let c): Column(column.name, .int64(Int64Column(pick(c))))
            case .timestamp(let c): Column(column.name, .timestamp(Int64Column(pick(c))))
            case .utf8(let v): Column(column.name, .utf8(pick(v)))
            case .bool(let v): Column(column.name, .bool(pick(v)))
            }
        })
    }
}
