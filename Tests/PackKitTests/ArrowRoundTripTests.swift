import PackKit
import PluginAPI
import Testing

/// Frames through the Arrow C Data Interface and back, with Arrow's ownership rules.
@Suite struct ArrowRoundTripTests {
    static func sample() throws -> Frame {
        try Frame([
            .timestamp("ts", [1_711_459_800_000_000_000, 1_711_459_860_000_000_000, 1_711_459_920_000_000_000]),
            .float64("close", [521.01, .nan, -0.5]),
            .int64("volume", [342_898, 0, -7]),
            .utf8("label", ["UP", "", "DOWN é"]),
            .bool("flag", [true, false, true]),
        ])
    }

    static func same(_ a: Frame, _ b: Frame) throws -> Bool {
        guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
        let closeA = try a.float64("close"), closeB = try b.float64("close")
        let tsA = Array(try a.timestamps()), tsB = Array(try b.timestamps())
        let volA = Array(try a.int64("volume")), volB = Array(try b.int64("volume"))
        let labelA = try a.utf8("label"), labelB = try b.utf8("label")
        guard case .bool(let flags)? = b["flag"] else { return false }
        return tsA == tsB && zip(closeA, closeB).allSatisfy { $0.bitPattern == $1.bitPattern }
            && volA == volB && labelA == labelB && flags == [true, false, true]
    }

    @Test func exportThenTakeRoundTripsEveryType() throws {
        let frame = try Self.sample()
        var schema = ArrowSchema(), array = ArrowArray()
        frame.exportArrow(schema: &schema, array: &array)
        #expect(String(cString: schema.format) == "+s")
        #expect(schema.n_children == 5 && array.length == 3 && array.n_children == 5)
        #expect(String(cString: schema.children![0]!.pointee.format) == "tsn:UTC")
        let back = try Frame(arrowSchema: &schema, array: &array, ownership: .take)
        // Taking moves the array and releases the schema: both are now empty slots.
        #expect(schema.release == nil && array.release == nil)
        #expect(try Self.same(frame, back))
    }

    @Test func borrowLeavesOwnershipWithTheProducer() throws {
        var schema = ArrowSchema(), array = ArrowArray()
        try Self.sample().exportArrow(schema: &schema, array: &array)
        let view = try Frame(arrowSchema: &schema, array: &array, ownership: .borrow)
        #expect(try Self.same(try Self.sample(), view))
        // Re-exporting a borrowed frame copies, so it outlives the producer's release.
        var schema2 = ArrowSchema(), array2 = ArrowArray()
        view.exportArrow(schema: &schema2, array: &array2)
        #expect(schema.release != nil && array.release != nil)
        schema.release?(&schema)
        array.release?(&array)
        #expect(schema.release == nil && array.release == nil)
        let copy = try Frame(arrowSchema: &schema2, array: &array2, ownership: .take)
        #expect(try Self.same(try Self.sample(), copy))
    }

    @Test func consumerMayMoveAChildOutBeforeReleasingTheParent() throws {
        var schema = ArrowSchema(), array = ArrowArray()
        try Self.sample().exportArrow(schema: &schema, array: &array)
        var moved = array.children![1]!.pointee
        array.children![1]!.pointee.release = nil  // moved out, per the spec
        array.release?(&array)
        #expect(moved.release != nil)
        let values = moved.buffers[1]!.assumingMemoryBound(to: Double.self)
        #expect(values[0] == 521.01)
        moved.release?(&moved)
        schema.release?(&schema)
    }

    /// One export's memory is shared by all its columns: a schema child and a utf8 child moved
    /// out stay whole after the parent's release, until their own.
    @Test func movedChildrenOutliveTheirParent() throws {
        var schema = ArrowSchema(), array = ArrowArray()
        try Self.sample().exportArrow(schema: &schema, array: &array)
        var column = schema.children![3]!.pointee, labels = array.children![3]!.pointee
        schema.children![3]!.pointee.release = nil
        array.children![3]!.pointee.release = nil
        schema.release?(&schema)
        array.release?(&array)
        #expect(schema.release == nil && array.release == nil && column.release != nil && labels.release != nil)
        #expect(String(cString: column.name) == "label" && String(cString: column.format) == "u" && labels.n_buffers == 3)
        let offsets = labels.buffers[1]!.assumingMemoryBound(to: Int32.self), bytes = labels.buffers[2]!.assumingMemoryBound(to: UInt8.self)
        let strings = (0..<3).map { String(decoding: UnsafeBufferPointer(start: bytes + Int(offsets[$0]), count: Int(offsets[$0 + 1] - offsets[$0])), as: UTF8.self) }
        #expect(strings == ["UP", "", "DOWN é"])
        column.release?(&column)
        labels.release?(&labels)
        #expect(column.release == nil && labels.release == nil)
    }

    @Test func badInputGivesClearErrors() throws {
        var schema = ArrowSchema(), array = ArrowArray()
        try Self.sample().exportSchema(into: &schema)
        try Frame([.float64("x", [1, 2])]).exportArray(into: &array)
        #expect(throws: FrameError.self) { try Frame(arrowSchema: &schema, array: &array, ownership: .borrow) }
        schema.release?(&schema)
        array.release?(&array)
        #expect(throws: FrameError.self) { try Frame([.float64("a", [1]), .float64("a", [2])]) }
        #expect(throws: FrameError.self) { try Frame([.float64("a", [1]), .float64("b", [1, 2])]) }
        let frame = try Frame([.float64("a", [1])])
        do {
            _ = try frame.timestamps("a")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "column 'a' is g, expected timestamp[ns, UTC] (tsn:UTC)")
        }
    }

    @Test func concatenationAndPrefix() throws {
        let a = try Frame([.timestamp("ts", [1, 2]), .float64("x", [1, 2])])
        let b = try Frame([.timestamp("ts", [3]), .float64("x", [3])])
        let joined = try Frame(concatenating: [a, b])
        #expect(Array(try joined.float64("x")) == [1, 2, 3])
        #expect(Array(try joined.prefix(rows: 2).timestamps()) == [1, 2])
        #expect(throws: FrameError.self) { try Frame(concatenating: [a, try Frame([.float64("y", [1])])]) }
    }
}
