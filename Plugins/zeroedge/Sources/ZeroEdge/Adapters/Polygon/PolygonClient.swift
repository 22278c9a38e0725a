import Foundation
import PackHTTP
import PackKit

/// A Polygon.io REST client: authenticated GETs with retries on 429, pagination through
/// `next_url`, and errors a user can act on. The API key travels only in the `Authorization`
/// header and is scrubbed from every error message, whatever the server echoes back.
struct PolygonClient: Sendable {
    let base: URL
    private let apiKey: String
    let maxRetries: Int
    let retryCap: Double
    let timeout: Double
    private let http: BlockingHTTP

    init(baseURL: String, apiKey: String?, timeout: Double = 30, maxRetries: Int = 2, retryCap: Double = 5) throws(ComponentError) {
        guard let apiKey, !apiKey.isEmpty else {
            throw ComponentError("polygon: no API key — set POLYGON_API_KEY in the environment or in ./.env (the .env of the folder edgehost runs in; the workspace's is not read)")
        }
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let base = URL(string: trimmed), ["http", "https"].contains(base.scheme?.lowercased() ?? ""), base.host != nil else {
            throw ComponentError(redact("polygon: base_url must be an http(s) URL like https://api.polygon.io, got '\(baseURL)'", apiKey))
        }
        self.base = base
        self.apiKey = apiKey
        self.timeout = timeout
        self.maxRetries = max(0, maxRetries)
        self.retryCap = max(0, retryCap)
        http = BlockingHTTP(timeout: timeout)
    }

    /// Every page of `pathAndQuery` (relative to the base URL), following `next_url`.
    func pages<Page: PolygonPage>(_ pathAndQuery: String, as type: Page.Type) throws(ComponentError) -> [Page] {
        guard var url = URL(string: base.absoluteString + pathAndQuery) else {
            throw failure("polygon: cannot build a URL from base_url and '\(pathAndQuery)'")
        }
        var pages: [Page] = []
        var seen: Set<String> = [url.absoluteString]
        while true {
            let page = try fetch(url, as: type)
            pages.append(page)
            guard let next = page.next_url, !next.isEmpty else { return pages }
            url = try follow(next, from: url)
            guard seen.insert(url.absoluteString).inserted else {
                throw failure("polygon: pagination loops at \(url.path) — the server repeats its next_url")
            }
        }
    }

    /// Seconds to wait before retrying a 429: what the server asks, at most `retryCap`, and a
    /// second (capped likewise) when it does not say.
    func retryDelay(retryAfter: Double?) -> Double {
        min(max(retryAfter ?? 1, 0), retryCap)
    }

    private func fetch<Page: PolygonPage>(_ url: URL, as type: Page.Type) throws(ComponentError) -> Page {
        var retries = 0
        while true {
            let answer: HTTPAnswer
            switch http.get(url, headers: ["Authorization": "Bearer \(apiKey)", "Accept": "application/json"]) {
            case .success(let a): answer = a
            case .failure(let error): throw failure(transportMessage(error, url))
            }
            switch answer.status {
            case 200..<300:
                return try decode(answer.body, from: url, as: type)
            case 429 where retries < maxRetries:
                retries += 1
                let delay = retryDelay(retryAfter: answer.retryAfter)
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            case 429:
                throw failure("polygon: rate limited (HTTP 429) after \(retries) retries — wait or upgrade the plan")
            case 401, 403:
                let server = serverText(answer.body).map { " (server: \($0))" } ?? ""
                throw failure("polygon: unauthorized (HTTP \(answer.status)) — check POLYGON_API_KEY\(server)")
            case 300..<400:
                throw failure("polygon: HTTP \(answer.status) from \(url.path) redirects to \(answer.location ?? "nowhere"); "
                              + "redirects are not followed so the key stays with base_url — set base_url to the final address")
            default:
                let server = serverText(answer.body) ?? "no error text"
                throw failure("polygon: HTTP \(answer.status) from \(url.path): \(server)")
            }
        }
    }

    private func decode<Page: PolygonPage>(_ body: Data, from url: URL, as type: Page.Type) throws(ComponentError) -> Page {
        let page: Page
        do {
            page = try JSONDecoder().decode(type, from: body)
        } catch let error as DecodingError {
            throw failure("polygon: malformed JSON from \(url.path): \(describe(error)) (\(body.count) bytes, ending '\(ending(body))')")
        } catch {
            throw failure("polygon: malformed JSON from \(url.path): \(error)")
        }
        if let status = page.status?.uppercased(), status == "ERROR" || status == "NOT_AUTHORIZED" {
            throw failure("polygon: \(status) from \(url.path): \(serverText(body) ?? "no error text")")
        }
        return page
    }

    /// `next_url` on base_url: the key must never go to a host the user did not configure
    /// (Polygon's links name api.polygon.io even when base_url is a proxy, maybe with a path).
    private func follow(_ next: String, from current: URL) throws(ComponentError) -> URL {
        guard var parts = URLComponents(string: next), !parts.path.isEmpty else {
            throw failure("polygon: next_url from \(current.path) is not a URL: '\(next)'")
        }
        if parts.scheme != base.scheme || parts.host != base.host || parts.port != base.port {
            parts.scheme = base.scheme
            parts.host = base.host
            parts.port = base.port
            parts.percentEncodedPath = URLComponents(url: base, resolvingAgainstBaseURL: false)?.percentEncodedPath
                .appending(parts.percentEncodedPath) ?? parts.percentEncodedPath
        }
        guard let url = parts.url else { throw failure("polygon: next_url from \(current.path) is not a URL: '\(next)'") }
        return url
    }

    private func serverText(_ body: Data) -> String? {
        if let parsed = try? JSONDecoder().decode(PolygonErrorBody.self, from: body), let text = parsed.text, !text.isEmpty {
            return text
        }
        let raw = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return raw.isEmpty ? nil : raw
    }

    private func transportMessage(_ error: URLError, _ url: URL) -> String {
        let place = "\(url.host ?? "?"):\(url.port ?? (url.scheme == "https" ? 443 : 80))"
        switch error.code {
        case .cannotConnectToHost:
            return "polygon: cannot connect to \(place) (connection refused) — check base_url and that the server is up"
        case .timedOut:
            return "polygon: no answer from \(place) within \(timeout) s (timeout_s) — the server or the network is slow"
        case .cannotFindHost, .dnsLookupFailed:
            return "polygon: cannot resolve \(place) — check base_url and the network"
        case .notConnectedToInternet, .networkConnectionLost:
            return "polygon: network unavailable while calling \(place)"
        default:
            return "polygon: request to \(place) failed (URLError \(error.code.rawValue)): \(error.localizedDescription)"
        }
    }

    /// An error whose text cannot reveal the key, even if a server or proxy echoed it.
    private func failure(_ message: String) -> ComponentError {
        ComponentError(redact(message, apiKey))
    }
}

private func redact(_ message: String, _ key: String) -> String {
    message.replacingOccurrences(of: key, with: "<POLYGON_API_KEY>")
}

/// The last characters of a body, on one line: enough to see a cut-off or an HTML error page.
private func ending(_ body: Data) -> String {
    String(decoding: body.suffix(40), as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// A decoder error in plain words, with where in the document it happened.
private func describe(_ error: DecodingError) -> String {
    func at(_ path: [any CodingKey]) -> String {
        let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "" : " at \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
    }
    switch error {
    case .dataCorrupted(let c):
        let underlying = (c.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return c.debugDescription + at(c.codingPath) + (underlying.map { " (\($0))" } ?? "")
    case .keyNotFound(let key, let c):
        return "missing key '\(key.stringValue)'\(at(c.codingPath))"
    case .typeMismatch(let type, let c):
        return "expected \(type)\(at(c.codingPath)): \(c.debugDescription)"
    case .valueNotFound(let type, let c):
        return "null where \(type) was expected\(at(c.codingPath))"
    @unknown default:
        return "\(error)"
    }
}
