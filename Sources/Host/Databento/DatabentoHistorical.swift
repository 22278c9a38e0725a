import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Databento's historical API, `POST <base>/v0/timeseries.get_range` with HTTP basic auth (the
/// key as user name, empty password), as the official client calls it; the DBN answer is filed
/// into the bronze lake (`BronzeImport`), which decodes it whole first, so a truncated stream
/// fails (65) and writes nothing.
///
/// Errors name the endpoint and carry the API's own `detail` (its `case`, `message` and
/// `docs`), never the key: 401/403 → 69 (check the key), 400/422 → 65 (the request was
/// rejected), 429 → retried after `Retry-After` up to `retries` times, then 69; 5xx and
/// transport failures → 69.
public struct DatabentoHistorical {
    public static let defaultBase = "https://hist.databento.com"

    public var base: String
    public var key: String
    public var timeout: Double
    public var retries: Int
    /// The longest `Retry-After` honoured, in seconds.
    public var maxWait: Double

    public init(key: String, base: String = defaultBase, timeout: Double = 300, retries: Int = 3, maxWait: Double = 60) {
        self.key = key
        self.base = base
        self.timeout = timeout
        self.retries = retries
        self.maxWait = maxWait
    }

    var endpoint: String { base.hasSuffix("/") ? base + "v0/timeseries.get_range" : base + "/v0/timeseries.get_range" }

    /// Downloads `request` and files it into `lake` (bronze).
    public func fetch(_ request: DatabentoRequest, into importer: BronzeImport) throws -> BronzeImport.Filed {
        try request.validate()
        let body = try download(request)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-databento-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(request.fileName).path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try body.write(to: URL(fileURLWithPath: file))
        } catch {
            throw EdgehostError(code: "io", object: file, "cannot write the download: \(error.localizedDescription)", exit: .io)
        }
        do {
            guard let filed = try importer.run(files: [file]).first else { throw EdgehostError(code: "internal", "nothing filed", exit: .internalError) }
            return filed
        } catch let error as EdgehostError where error.exit == .badInput && error.object == file {
            throw EdgehostError(code: "databento-bad-stream", object: endpoint,
                                "the answer (\(body.count) bytes) is not a whole DBN stream: \(error.message)", exit: .badInput, cause: error)
        }
    }

    /// The answer's body (DBN, zstd) after retries.
    func download(_ request: DatabentoRequest) throws -> Data {
        guard let url = URL(string: endpoint), url.scheme == "https" || url.scheme == "http" else {
            throw EdgehostError(code: "usage", object: "--base-url", "'\(base)' is not an http(s) address", exit: .usage)
        }
        var attempt = 0
        while true {
            let answer = try post(url, body: request.formBody)
            switch answer.status {
            case 200:
                return answer.body
            case 429 where attempt < retries:
                attempt += 1
                let wait = min(max(answer.retryAfter ?? 1, 0), maxWait)
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            default:
                throw failure(answer)
            }
        }
    }

    func failure(_ answer: (status: Int, body: Data, retryAfter: Double?)) -> EdgehostError {
        let detail = redact(Self.detail(answer.body))
        let said = detail.isEmpty ? "" : ": \(detail)"
        switch answer.status {
        case 401, 403:
            return EdgehostError(code: "databento-unauthorized", object: endpoint,
                                 "HTTP \(answer.status)\(said) (check \(DatabentoKey.variable))", exit: .unavailable)
        case 400, 422:
            return EdgehostError(code: "databento-rejected", object: endpoint, "HTTP \(answer.status), the request was rejected\(said)", exit: .badInput)
        case 429:
            return EdgehostError(code: "databento-rate-limited", object: endpoint,
                                 "HTTP 429 after \(retries + 1) attempts\(said); try again later", exit: .unavailable)
        default:
            return EdgehostError(code: "databento-unavailable", object: endpoint, "HTTP \(answer.status)\(said)", exit: .unavailable)
        }
    }

    /// The API's `detail`: a string, or `{case, message, docs}` composed as the official client does.
    static func detail(_ body: Data) -> String {
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let detail = json["detail"] else {
            return String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let text = detail as? String { return text }
        guard let object = detail as? [String: Any] else { return "\(detail)" }
        var parts = [object["case"], object["message"]].compactMap { $0 as? String }
        if let docs = object["docs"] as? String, !docs.isEmpty { parts.append("documentation: \(docs)") }
        return parts.joined(separator: "; ")
    }

    /// A server that echoes what it was sent must not put the key on a terminal.
    func redact(_ text: String) -> String {
        var out = text.replacingOccurrences(of: key, with: Redaction.mask)
        let basic = Data("\(key):".utf8).base64EncodedString()
        out = out.replacingOccurrences(of: basic, with: Redaction.mask)
        return out
    }

    func post(_ url: URL, body: Data) throws -> (status: Int, body: Data, retryAfter: Double?) {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("Basic " + Data("\(key):".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        // Redirects are not followed: the Authorization header must not travel to another address.
        let session = URLSession(configuration: configuration, delegate: NoRedirect(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let box = PostResult()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            box.set(data, response, error)
            done.signal()
        }.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            throw EdgehostError(code: "databento-unavailable", object: endpoint, "no answer within \(Int(timeout)) s", exit: .unavailable)
        }
        if let error = box.error {
            throw EdgehostError(code: "databento-unavailable", object: endpoint, "cannot reach the API: \(redact(error.localizedDescription))",
                                exit: .unavailable)
        }
        guard let http = box.response else {
            throw EdgehostError(code: "databento-unavailable", object: endpoint, "not an HTTP answer", exit: .unavailable)
        }
        let retryAfter = http.value(forHTTPHeaderField: "Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return (http.statusCode, box.data ?? Data(), retryAfter)
    }
}

/// Written once by URLSession's thread before the semaphore is signalled, read after the wait.
private final class PostResult: @unchecked Sendable {
    private(set) var data: Data?
    private(set) var response: HTTPURLResponse?
    private(set) var error: (any Error)?

    func set(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?) {
        self.data = data
        self.response = response as? HTTPURLResponse
        self.error = error
    }
}

private final class NoRedirect: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
