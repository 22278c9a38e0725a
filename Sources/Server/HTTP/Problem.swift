import Foundation
import HTTPTypes
import Host
import Hummingbird
import NIOCore
import PackKit

/// An error as `application/problem+json` (RFC 9457), carrying the CLI's error code and exit
/// class, so a client tells failures apart as a script tells exit statuses apart.
struct Problem: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var detail: String
    var object: String?
    var exit: EdgehostError.Exit?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, _ detail: String, object: String? = nil, exit: EdgehostError.Exit? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.object = object
        self.exit = exit
    }

    /// Any error a handler can meet: the host's error model decides the status.
    init(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case is NIOTooManyBytesError:
            self.init(.contentTooLarge, code: "body-too-large", "the request body is larger than the server accepts (README \"Server\")")
        case let http as any HTTPResponseError:
            self.init(http.status, code: Self.code(http.status), http.status.reasonPhrase)
        default:
            let e = EdgehostError(error)
            self.init(Self.status(e.exit), code: e.code, e.message, object: e.object, exit: e.exit)
        }
    }

    /// 400 bad input or usage, 422 a check that said no (gate, promotion), 503 a database
    /// that cannot be reached, 500 I/O and bugs.
    static func status(_ exit: EdgehostError.Exit) -> HTTPResponse.Status {
        switch exit {
        case .usage, .badInput: .badRequest
        case .checkFailed: .unprocessableContent
        case .unavailable: .serviceUnavailable
        case .notReady: .conflict
        case .io, .internalError: .internalServerError
        }
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 413: "body-too-large"
        default: "http-\(status.code)"
        }
    }

    var json: JSON {
        var o: [String: JSON] = [
            "type": .string("urn:edgehost:error:\(code)"), "title": .string(status.reasonPhrase), "status": .number(Double(status.code)),
            "detail": .string(Redaction.redact(detail)), "code": .string(code),
        ]
        if let object { o["object"] = .string(Redaction.redact(object)) }
        if let exit { o["exit"] = .number(Double(exit.rawValue)) }
        return .object(o)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Reply.json(json, status: status, contentType: "application/problem+json")
        for field in headers { response.headers.append(field) }
        return response
    }
}

/// Turns every error below it into a problem response, so clients never see an empty body.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Problem(error).response(from: request, context: context)
        }
    }
}
