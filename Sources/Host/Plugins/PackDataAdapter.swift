import PackKit
import PluginAPI

/// A data-adapter instance of a loaded pack (`PackDataAdapter`): what only adapters do.
extension ComponentHandle where Instance == edgehost_data_adapter_t {
    /// Reads every batch for `query` into one frame, checking that `ts` increases across batches.
    public func read(_ query: JSON) throws(PluginError) -> Frame {
        var stream = ArrowArrayStream()
        let status = instance.pointee.open(instance, query.text, &stream)
        guard status == EDGEHOST_OK else { throw failure(status) }
        defer { stream.release?(&stream) }
        var batches: [Frame] = []
        while true {
            var array = ArrowArray()
            var schema = ArrowSchema()
            let rc = stream.get_next(&stream, &array)
            guard rc == 0 else {
                throw PluginError(.componentFailed, file: pack.path, "\(context) stream failed (errno \(rc)): \(String(optionalCString: stream.get_last_error(&stream)))")
            }
            guard array.release != nil else { break }
            guard stream.get_schema(&stream, &schema) == 0 else {
                array.release?(&array)
                throw PluginError(.badOutput, file: pack.path, "\(context) stream gave no schema")
            }
            do {
                batches.append(try Frame(arrowSchema: &schema, array: &array, ownership: .take))
            } catch {
                throw PluginError(.badOutput, file: pack.path, "\(context) produced a malformed batch: \(error.message)")
            }
        }
        do {
            let frame = try Frame(concatenating: batches)
            if frame.rowCount > 0 { try checkIncreasing(try frame.timestamps()) }
            try OutputChecks.validate(frame, rows: nil, declared: info.outputs, context: context, file: pack.path)
            return frame
        } catch let error as PluginError {
            throw error
        } catch {
            throw PluginError(.badOutput, file: pack.path, "\(context): \(error)")
        }
    }

    private func checkIncreasing(_ ts: Int64Column) throws(PluginError) {
        for i in 1..<ts.count where ts[i] <= ts[i - 1] {
            throw PluginError(.badOutput, file: pack.path, "\(context): 'ts' does not increase at row \(i)")
        }
    }
}
