import Foundation
import Indicators
import PackKit

/// Reads bar files in the layout of `../shared/data` (`ts,open,high,low,close,volume`, `ts` in
/// UTC ISO-8601 with `Z`, bar start) into a frame. Errors name the file and line.
public enum BarsCSV {
    public static func read(_ path: String) throws -> Frame {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(.missingFile, file: path, "cannot read the bars file")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }),
              Array(header.prefix(6)) == ["ts", "open", "high", "low", "close", "volume"] else {
            throw FrameError("\(path), line 1: expected the header ts,open,high,low,close,volume")
        }
        var ts: [Int64] = [], fields = Array(repeating: [Double](), count: 5)
        ts.reserveCapacity(lines.count)
        for (index, line) in lines.dropFirst().enumerated() {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count >= 6, let stamp = parseTimestamp(parts[0]) else {
                throw FrameError("\(path), line \(index + 2): expected 6 fields starting with a UTC timestamp like 2024-03-26T13:30:00Z")
            }
            ts.append(stamp)
            for f in 0..<5 {
                guard let value = Double(parts[f + 1]) else {
                    throw FrameError("\(path), line \(index + 2): bad number '\(parts[f + 1])' in column '\(header[f + 1])'")
                }
                fields[f].append(value)
            }
        }
        return try Frame([.timestamp("ts", ts)] + zip(header[1...5], fields).map { .float64($0, $1) })
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` → nanoseconds since the epoch.
    static func parseTimestamp(_ s: Substring) -> Int64? {
        let b = Array(s.utf8)
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b.last == 90 else { return nil }
        func num(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for i in r {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16), let sec = num(17..<19) else { return nil }
        var nanos: Int64 = 0
        if b.count > 20, b[19] == 46 {
            let digits = b[20..<(b.count - 1)]
            guard let frac = num(20..<(b.count - 1)), digits.count <= 9 else { return nil }
            nanos = frac * Int64(pow(10.0, Double(9 - digits.count)))
        }
        let days = Indicators.NewYorkCalendar.days(year: y, month: mo, day: d)
        return ((days * 86_400 + h * 3_600 + mi * 60 + sec) * 1_000_000_000) + nanos
    }
}
