import Foundation
import PackHTTP
import PackKit

/// Alpaca market-data REST GETs (`https://data.alpaca.markets`): the keys travel in the
/// `APCA-API-KEY-ID` / `APCA-API-SECRET-KEY` headers only and are scrubbed from every message;
/// pages follow `next_page_token`; 429 waits for `Retry-After`, else `X-RateLimit-Reset` (epoch
/// seconds), at most `retryCap` seconds, and 5xx backs off, both at most `maxRetries` times per
/// request; a refused or dropped connection is retried likewise (a reconnect). Everything it
/// goes through is counted in `health` (`AdapterHealth`). One client serves one read, on one thread.
final class AlpacaClient {
    static let keyVariable = "APCA_API_KEY_ID"
    static let secretVariable = "APCA_API_SECRET_KEY"

    let base: URL
    private let keyID: String
    private let secret: String
    let maxRetries: Int
    let retryCap: Double
    let timeout: Double
    let maxPages: Int
    private let http: BlockingHTTP
    private(set) var health = AdapterHealth()

    init(baseURL: String, keyID: String?, secret: String?, timeout: Double = 30, maxRetries: Int = 3, retryCap: Double = 10,
         maxPages: Int = 500) throws(ComponentError) {
        let missing = [(Self.keyVariable, keyID), (Self.secretVariable, secret)].filter { $0.1?.isEmpty ?? true }.map(\.0)
        guard missing.isEmpty, let keyID, let secret else {
            throw ComponentError("alpaca: no API key — set \(missing.joined(separator: " and ")) in the environment or in ./.env "
                + "(the .env of the folder edgehost runs in)", status: 3)
        }
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let base = URL(string: trimmed), ["http", "https"].contains(base.scheme?.lowercased() ?? ""), base.host != nil else {
            throw ComponentError(Self.redact("alpaca: base_url must be an http(s) URL like https://data.alpaca.markets, got '\(baseURL)'", keyID, secret))
        }
        (self.base, self.keyID, self.secret) = (base, keyID, secret)
        (self.timeout, self.maxRetries, self.retryCap, self.maxPages) = (timeout, max(0, maxRetries), max(0, retryCap), max(1, maxPages))
        http = BlockingHTTP(timeout: timeout)
    }

    /// Every page of `GET path?query`, following `next_page_token` (sent back as `page_token`).
    /// `decode` reads one parsed page into its rows and the next token (nil: the last page).
    func pages<Rows>(_ path: String, _ query: [(String, String)],
                     decode: (JSON, _ page: Int) throws(ComponentError) -> (rows: Rows, next: String?)) throws(ComponentError) -> [Rows] {
        var out: [Rows] = []
        var token: String?
        var seen: Set<String> = []
        while true {
            guard out.count < maxPages else {
                health.pendingPages = 1
                throw failure("alpaca: \(path) has more than \(maxPages) pages (max_pages); narrow the dates or raise max_pages")
            }
            let body = try get(path, query + (token.map { [("page_token", $0)] } ?? []))
            let page = out.count + 1
            let (rows, next) = try decode(try parse(body, path: path, page: page), page)
            health.pages += 1
            out.append(rows)
            guard let next, !next.isEmpty else { return out }
            guard seen.insert(next).inserted else { throw failure("alpaca: pagination loops on \(path): page \(page) repeats a next_page_token") }
            token = next
        }
    }

    /// The body of one `GET`, after the retries above.
    func get(_ path: String, _ query: [(String, String)]) throws(ComponentError) -> Data {
        var parts = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        parts.path += path
        parts.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = parts.url else { throw failure("alpaca: cannot build a URL for \(path)") }
        let shown = parts.path
        var retries = 0, reconnects = 0
        while true {
            health.requests += 1
            let answer: HTTPAnswer
            switch http.get(url, headers: ["APCA-API-KEY-ID": keyID, "APCA-API-SECRET-KEY": secret, "Accept": "application/json"]) {
            case .success(let a): answer = a
            case .failure(let error):
                guard Self.transient.contains(error.code), reconnects < maxRetries else { throw failure(transportMessage(error, url)) }
                reconnects += 1
                health.reconnects += 1
                pause(Self.backoff(reconnects, cap: retryCap))
                continue
            }
            health.lastResponseNs = Int64(Date().timeIntervalSince1970 * 1e9)
            switch answer.status {
            case 200..<300:
                pauseIfSpent(answer)
                return answer.body
            case 429 where retries < maxRetries:
                retries += 1
                health.retries += 1
                pause(Self.retryDelay(retryAfter: answer.retryAfter, reset: Self.header(answer, "x-ratelimit-reset"),
                                      now: Date().timeIntervalSince1970, cap: retryCap))
            case 429:
                throw failure("alpaca: rate limited (HTTP 429) on \(shown) after \(retries) retries\(serverText(answer.body)) — "
                    + "the plan's requests per minute are spent; wait for the next minute", status: 3)
            case 401, 403:
                throw failure("alpaca: \(answer.status == 401 ? "unauthorized" : "forbidden") (HTTP \(answer.status)) on \(shown)\(serverText(answer.body)) — "
                    + "check \(Self.keyVariable) and \(Self.secretVariable)"
                    + (answer.status == 403 ? ", and that their plan includes this data (feed / options_feed)" : ""), status: 3)
            case 500..<600 where retries < maxRetries:
                retries += 1
                health.retries += 1
                pause(Self.backoff(retries, cap: retryCap))
            case 500..<600:
                throw failure("alpaca: HTTP \(answer.status) on \(shown) after \(retries) retries\(serverText(answer.body)) — Alpaca is failing; try later", status: 3)
            case 300..<400:
                throw failure("alpaca: HTTP \(answer.status) on \(shown) redirects to \(answer.location ?? "nowhere"); redirects are not "
                    + "followed so the keys stay with base_url — set base_url to the final address", status: 3)
            default:
                throw failure("alpaca: HTTP \(answer.status) on \(shown)\(serverText(answer.body))")
            }
        }
    }

    /// Records an event time the read's data reached (a bar's start, a quote's time).
    func noteEvent(_ ns: Int64) {
        health.lastEventNs = max(health.lastEventNs ?? ns, ns)
    }

    /// Seconds to wait after a 429: `Retry-After` when sent, else until `X-RateLimit-Reset`
    /// (epoch seconds), else one second; never more than `cap`.
    static func retryDelay(retryAfter: Double?, reset: Double?, now: Double, cap: Double) -> Double {
        let wanted = retryAfter ?? reset.map { $0 - now } ?? 1
        return min(max(wanted, 0), cap)
    }

    /// A quarter second doubled per attempt, at most `cap`.
    static func backoff(_ attempt: Int, cap: Double) -> Double {
        min(0.25 * Double(1 << min(attempt - 1, 10)), cap)
    }

    static let transient: Set<URLError.Code> = [.cannotConnectToHost, .networkConnectionLost, .timedOut, .notConnectedToInternet]

    /// After a success that spent the window (`X-RateLimit-Remaining: 0`), waits for its reset.
    private func pauseIfSpent(_ answer: HTTPAnswer) {
        guard Self.header(answer, "x-ratelimit-remaining") == 0 else { return }
        pause(Self.retryDelay(retryAfter: nil, reset: Self.header(answer, "x-ratelimit-reset"), now: Date().timeIntervalSince1970, cap: retryCap))
    }

    private static func header(_ answer: HTTPAnswer, _ name: String) -> Double? {
        answer.headers[name].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    private func pause(_ seconds: Double) {
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }

    /// The body as JSON, or an error naming the endpoint, the page and the byte where it breaks.
    private func parse(_ body: Data, path: String, page: Int) throws(ComponentError) -> JSON {
        do {
            return try JSON.parse(String(decoding: body, as: UTF8.self))
        } catch {
            let at = Self.byteOffset(of: error.message, in: body).map { " at byte \($0)" } ?? ""
            throw failure("alpaca: malformed JSON from \(path) (page \(page), \(body.count) bytes)\(at): \(error.message)", status: 2)
        }
    }

    /// The byte offset a parser message's "line L, column C" points at (columns count characters).
    static func byteOffset(of message: String, in body: Data) -> Int? {
        guard let match = message.range(of: #"line \d+, column \d+"#, options: .regularExpression) else { return nil }
        let numbers = message[match].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        var line = 1, column = 1
        for (offset, byte) in body.enumerated() {
            if line == numbers[0] && column == numbers[1] { return offset }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return body.count
    }

    /// " (Alpaca 42210000: invalid timeframe)", or the body's start, or "".
    private func serverText(_ body: Data) -> String {
        if case .object(let o)? = try? JSON.parse(String(decoding: body.prefix(4_096), as: UTF8.self)), let message = o["message"]?.stringValue {
            return " (Alpaca\(o["code"]?.intValue.map { " \($0)" } ?? ""): \(message.prefix(200)))"
        }
        let text = String(decoding: body.prefix(120), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : " (\(text))"
    }

    private func transportMessage(_ error: URLError, _ url: URL) -> String {
        let place = "\(url.host ?? "?"):\(url.port ?? (url.scheme == "https" ? 443 : 80))"
        switch error.code {
        case .cannotConnectToHost: return "alpaca: cannot connect to \(place) (connection refused) — check base_url and that the server is up"
        case .timedOut: return "alpaca: no answer from \(place) within \(timeout) s (timeout_s)"
        case .cannotFindHost, .dnsLookupFailed: return "alpaca: cannot resolve \(place) — check base_url and the network"
        default: return "alpaca: request to \(place) failed (URLError \(error.code.rawValue))"
        }
    }

    /// An error whose text cannot reveal the keys, even if a server or proxy echoed them.
    private func failure(_ message: String, status: Int32 = 1) -> ComponentError {
        ComponentError(Self.redact(message, keyID, secret), status: status)
    }

    private static func redact(_ message: String, _ keyID: String, _ secret: String) -> String {
        message.replacingOccurrences(of: secret, with: "<\(secretVariable)>").replacingOccurrences(of: keyID, with: "<\(keyVariable)>")
    }
}
