import PackKit
import MarketKit

extension StrategyBars {
    /// Bars from an adapter's frame (`ts, open, high, low, close, volume`) with an event
    /// detector's columns computed on it (`flag`, `state`: `<event>_flag`, `<event>_state`).
    /// A thin loader: discovery's event series is the fuller one.
    public init(symbol: String, frame: Frame, flag: [Double], state: [Double]) throws {
        // Copied through the columns' buffers: one memcpy each, not an element-by-element walk.
        let ts = try frame.timestamps().withUnsafeBufferPointer { Array($0) }
        func column(_ name: String) throws -> [Double] {
            guard frame[name] != nil else {
                throw WorkspaceError("\(symbol): the bars have no '\(name)' column (they have: \(frame.columnNames.joined(separator: ", ")))")
            }
            return try frame.float64(name).withUnsafeBufferPointer { Array($0) }
        }
        try self.init(symbol: symbol, ts: ts, open: try column("open"), high: try column("high"), low: try column("low"),
                      close: try column("close"), volume: try column("volume"), flag: flag, state: state)
    }
}

/// A kline file `ts,open,high,low,close,volume` (Binance layout in ../shared/data/crypto) as a frame.
public enum KlineFile {
    public static func read(path: String) throws -> Frame { try MinuteBarsFile.read(path: path) }
}
