import MarketKit
import PackKit
import PluginAPI

// The adapter struct grew a member in ABI 1.1 (`market`): a 1.0 adapter is as large as the
// struct up to it (`edgehost_data_adapter_t.minimumSize`), so it is read only when present.
extension PackDataAdapter {
    /// The market the adapter declares; NYSE in New York for a 1.0 adapter or one that
    /// declares nothing. A declaration the host cannot use (unknown zone or calendar, bad
    /// windows) is an error naming the adapter.
    public func market() throws(PluginError) -> Market {
        let size = Int(instance.pointee.header.struct_size)
        guard size >= edgehost_data_adapter_t.minimumSize + MemoryLayout<edgehost_data_adapter_market_fn?>.size,
              let function = instance.pointee.market, let declared = function(UnsafePointer(instance)) else { return .nyse }
        do {
            return try Market(declared)
        } catch {
            throw PluginError(.badOutput, file: pack.path, "data adapter '\(pack.id).\(info.id)' declares an unusable market: \(error.description)")
        }
    }
}

extension Market {
    /// Reads a pack's `edgehost_market_t` (section 5b of the header).
    init(_ c: UnsafePointer<edgehost_market_t>) throws(Market.Invalid) {
        guard c.pointee.header.struct_size >= MemoryLayout<edgehost_market_t>.size else {
            throw Market.Invalid(description: "edgehost_market_t struct_size \(c.pointee.header.struct_size) is smaller than \(MemoryLayout<edgehost_market_t>.size)")
        }
        guard let zone = c.pointee.time_zone, let calendar = c.pointee.calendar else {
            throw Market.Invalid(description: "time_zone or calendar is NULL")
        }
        let count = Int(c.pointee.window_count)
        guard count <= 64, count == 0 || c.pointee.windows != nil else {
            throw Market.Invalid(description: "window_count \(count) with windows \(c.pointee.windows == nil ? "NULL" : "set") (at most 64)")
        }
        let windows = (0..<count).map { i in
            let w = c.pointee.windows![i]
            return SessionWindow(openMinute: Int(w.open_minute), closeMinute: Int(w.close_minute), weekdays: w.weekdays)
        }
        try self.init(timeZone: String(cString: zone), calendar: String(cString: calendar), barNanoseconds: c.pointee.bar_ns, windows: windows)
    }
}
