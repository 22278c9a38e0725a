import Foundation
import PackHTTP
import PackKit

/// Public Binance REST GETs (no key) with the exchange's rate-limit rules: the used weight of
/// the current minute (`X-MBX-USED-WEIGHT-1M`) is watched and the client pauses before it
/// reaches `weightLimit`; 429 (too many requests) and 418 (IP banned after ignoring 429s) are
/// retried after their `Retry-After` when that fits within `retryCap` seconds, at most
/// `maxRetries` times, then reported; 5xx is retried likewise; other statuses are errors with
/// Binance's own `{"code", "msg"}`.
struct BinanceClient: Sendable {
    let base: URL
    let maxRetries: Int
    /// Longest single wait, in seconds (Retry-After, 5xx back-off, weight pause).
    let retryCap: Double
    let weightLimit: Int
    let timeout: Double
    private let http: BlockingHTTP

    init(baseURL: String, maxRetries: Int = 3, retryCap: Double = 10, weightLimit: Int = 6_000, timeout: Double = 30) throws(ComponentError) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let base = URL(string: trimmed), ["http", "https"].contains(base.scheme?.lowercased() ?? ""), base.host != nil else {
            throw ComponentError("binance: base URL must be an http(s) URL like https://api.binance.com, got '\(baseURL)'")
        }
        (self.base, self.maxRetries, self.retryCap, self.weightLimit, self.timeout) = (base, max(0, maxRetries), max(0, retryCap), max(1, weightLimit), timeout)
        http = BlockingHTTP(timeout: timeout)
    }

    /// The body of `GET path?query`, after the retries above.
    func get(_ path: String, _ query: [(String, String)]) throws(ComponentError) -> Data {
        var parts = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        parts.path += path
        parts.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = parts.url else { throw ComponentError("binance: cannot build a URL for \(path)") }
        // Messages name the full path (a base URL may carry a prefix of its own).
        let path = parts.path
        var retries = 0
        while true {
            let answer: HTTPAnswer
            switch http.get(url, headers: ["Accept": "application/json"]) {
            case .success(let a): answer = a
            case .failure(let error):
                throw ComponentError("binance: request to \(base.host ?? "?"):\(base.port.map(String.init) ?? "default port") failed (URLError \(error.code.rawValue)) — check the base URL and the network", status: 3)
            }
            pauseForWeight(answer)
            switch answer.status {
            case 200..<300:
                return answer.body
            case 418, 429:
                let wait = answer.retryAfter ?? 1
                let what = answer.status == 418 ? "IP banned (HTTP 418) for \(Int(wait)) s" : "rate limited (HTTP 429, retry after \(Int(wait)) s)"
                guard retries < maxRetries, wait <= retryCap else {
                    throw ComponentError("binance: \(what) on \(path) after \(retries) retr\(retries == 1 ? "y" : "ies")\(serverText(answer.body)) — "
                        + "wait before asking again; requests while banned lengthen the ban", status: 3)
                }
                retries += 1
                sleep(wait)
            case 500..<600:
                guard retries < maxRetries else {
                    throw ComponentError("binance: HTTP \(answer.status) on \(path) after \(retries) retries\(serverText(answer.body)) — the exchange is failing; try later", status: 3)
                }
                retries += 1
                sleep(min(Double(1 << retries) / 4, retryCap))
            default:
                throw ComponentError("binance: HTTP \(answer.status) on \(path)\(serverText(answer.body))")
            }
        }
    }

    /// Waits for the next minute's weight when this one's is nearly spent (a page costs 2–10).
    private func pauseForWeight(_ answer: HTTPAnswer) {
        guard let used = answer.headers["x-mbx-used-weight-1m"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
              used >= weightLimit - 10 else { return }
        let secondsLeft = 60 - Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        HostServices.log(.info, "binance: used weight \(used) of \(weightLimit) this minute; pausing \(Int(min(secondsLeft, retryCap))) s")
        sleep(min(secondsLeft, retryCap))
    }

    private func sleep(_ seconds: Double) {
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }

    /// " (Binance -1003: Too many requests…)", or the body's start, or "".
    private func serverText(_ body: Data) -> String {
        if case .object(let o)? = try? JSON.parse(String(decoding: body.prefix(4_096), as: UTF8.self)), let msg = o["msg"]?.stringValue {
            return " (Binance \(o["code"]?.intValue.map(String.init) ?? "?"): \(msg.prefix(200)))"
        }
        let text = String(decoding: body.prefix(120), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : " (\(text))"
    }
}
