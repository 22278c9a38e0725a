import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer, whatever its status.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var body: Data
    /// `Retry-After` in seconds, when the server sent it as a number.
    public var retryAfter: Double?
    /// Where a 3xx points.
    public var location: String?
    /// Every response header, names lower-cased (rate-limit counters such as Binance's
    /// `x-mbx-used-weight-1m`).
    public var headers: [String: String] = [:]

    public init(status: Int, body: Data, retryAfter: Double? = nil, location: String? = nil, headers: [String: String] = [:]) {
        (self.status, self.body, self.retryAfter, self.location, self.headers) = (status, body, retryAfter, location, headers)
    }
}

/// Blocking GETs over URLSession: the adapter API is synchronous, so each request parks the
/// calling thread on a semaphore until URLSession's own thread delivers the answer. Redirects
/// are returned, not followed, so headers (the API key) never travel to another address.
/// Shared by the packs' vendor adapters (zeroedge's Polygon, crypto's Binance).
public final class BlockingHTTP: @unchecked Sendable {
    private let session: URLSession
    private let timeout: Double

    public init(timeout: Double) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        self.timeout = timeout
    }

    deinit { session.finishTasksAndInvalidate() }

    /// The answer to `GET url`, or the transport's error (refused, timed out, DNS…).
    public func get(_ url: URL, headers: [String: String]) -> Result<HTTPAnswer, URLError> {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let box = AnswerBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.result = Self.answer(data, response, error)
            done.signal()
        }
        task.resume()
        // URLSession enforces the timeout itself; this bound only guards against a lost callback.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            return .failure(URLError(.timedOut))
        }
        return box.result ?? .failure(URLError(.unknown))
    }

    private static func answer(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?) -> Result<HTTPAnswer, URLError> {
        if let error {
            return .failure(error as? URLError ?? URLError(.unknown, userInfo: [NSUnderlyingErrorKey: error]))
        }
        guard let http = response as? HTTPURLResponse else { return .failure(URLError(.badServerResponse)) }
        let retryAfter = (http.value(forHTTPHeaderField: "Retry-After")).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return .success(HTTPAnswer(status: http.statusCode, body: data ?? Data(), retryAfter: retryAfter,
                                   location: http.value(forHTTPHeaderField: "Location"), headers: headers))
    }
}

private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// Written once by URLSession's thread before the semaphore is signalled, read after the wait.
private final class AnswerBox: @unchecked Sendable {
    var result: Result<HTTPAnswer, URLError>?
}
