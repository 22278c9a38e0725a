import Foundation
import Indicators

/// OHLCV bars read from an edgehost bar CSV (`ts,open,high,low,close,volume`, ts in UTC
/// ISO-8601 with `Z`), parsed without Foundation's date APIs.
struct Bars {
    var ts: [Int64] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []

    var count: Int { close.count }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func load(_ path: String) throws -> Bars {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first, header == "ts,open,high,low,close,volume" else {
            throw ParseError(description: "\(path): expected header ts,open,high,low,close,volume")
        }
        lines.removeFirst()
        var bars = Bars()
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let values = fields.dropFirst().compactMap { Double($0) }
            guard fields.count == 6, values.count == 5, let ts = parseInstant(fields[0]) else {
                throw ParseError(description: "\(path):\(number + 2): cannot parse '\(line)'")
            }
            bars.ts.append(ts)
            bars.open.append(values[0])
            bars.high.append(values[1])
            bars.low.append(values[2])
            bars.close.append(values[3])
            bars.volume.append(values[4])
        }
        return bars
    }
}

/// Nanoseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or nil.
func parseInstant<S: StringProtocol>(_ text: S) -> Int64? {
    let bytes = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int64? {
        guard range.upperBound <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[range] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
    guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
          bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
          bytes.last == UInt8(ascii: "Z"),
          let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
          let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
    var nanoseconds: Int64 = 0
    if bytes.count > 20 {
        let digits = bytes.count - 21
        guard bytes[19] == UInt8(ascii: "."), (1...9).contains(digits), let fraction = number(20..<(bytes.count - 1)) else {
            return nil
        }
        nanoseconds = fraction
        for _ in digits..<9 { nanoseconds *= 10 }
    } else if bytes.count != 20 {
        return nil
    }
    let days = NewYorkCalendar.days(year: year, month: month, day: day)
    return ((days * 24 + hour) * 60 + minute) * 60_000_000_000 + second * 1_000_000_000 + nanoseconds
}
