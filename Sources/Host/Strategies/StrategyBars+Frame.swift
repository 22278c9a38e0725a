import PackKit
import MarketKit

extension StrategyBars {
    /// Bars from an adapter's frame (`ts, open, high, low, close, volume`) with an event
    /// detector's columns computed on it (`flag`, `state`: `<event>_flag`, `<event>_state`).
    /// A thin loader: discovery's event series is the fuller one.
    public init(symbol: String, frame: Frame, flag: [Double], state: [Double]) throws {
        let ts = Array(try frame.timestamps())
        func column(_ name: String) throws -> [Double] {
            guard frame[name] != nil else {
                throw WorkspaceError("\(symbol): the bars have no '\(name)' column (they have: \(frame.columnNames.joined(separator: ", ")))")
            }
            return Array(try frame.float64(name))
        }
        try self.init(symbol: symbol, ts: ts, open: try column("open"), high: try column("high"), low: try column("low"),
                      close: try column("close"), volume: try column("volume"), flag: flag, state: state)
    }
}

/// A kline file `ts,open,high,low,close,volume` (Binance layout in ../shared/data/crypto) as a frame.
public enum KlineFile {
    public static func read(path: String) throws -> Frame { try MinuteBarsFile.read(path: path) }
}
