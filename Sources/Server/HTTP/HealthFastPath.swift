import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// `GET /healthz` answered on the connection's event loop, from `HealthCache`'s kept answer,
/// without entering the router. Probes call it thousands of times a second; through the router
/// each call paid a task, a logger with a request id and three middlewares around a cached
/// buffer, and that was most of its cost. Answered here only when the answer is fresh (else the
/// route runs and refreshes it), only for exactly `GET /healthz` without `Connection: close`,
/// and only when no earlier request of the connection still awaits its response: a pipelined
/// request behind a slow one goes through the router, so responses stay in request order.
/// The request is counted in the metrics under the route's own labels.
final class HealthFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let cache: HealthCache
    private let metrics: ServerMetrics
    private let serverName: String
    /// Requests passed on to the router whose response has not ended yet.
    private var pending = 0
    /// The kept answer of the request being read, when it is answered here.
    private var answer: (ok: Bool, body: ByteBuffer, started: ContinuousClock.Instant)?
    private var date = HTTPDate()
    /// The route's series for 200 and for 503, each looked up once per connection when first used.
    private lazy var countedOK = metrics.requestSeries(route: "/healthz", method: "GET", status: 200)
    private lazy var countedUnavailable = metrics.requestSeries(route: "/healthz", method: "GET", status: 503)

    init(cache: HealthCache, metrics: ServerMetrics, serverName: String) {
        self.cache = cache
        self.metrics = metrics
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if pending == 0, head.method == .get, head.path == "/healthz", head.headerFields[.connection]?.lowercased() != "close",
               let kept = cache.fresh() {
                answer = (kept.ok, kept.body, ContinuousClock.now)
                return
            }
            pending += 1
            context.fireChannelRead(data)
        case .body:
            if answer == nil { context.fireChannelRead(data) }
        case .end:
            guard let answer else { return context.fireChannelRead(data) }
            self.answer = nil
            let status: HTTPResponse.Status = answer.ok ? .ok : .serviceUnavailable
            var head = HTTPResponse(status: status)
            head.headerFields = [.contentType: "application/json", .contentLength: String(answer.body.readableBytes),
                                 .date: date.now(), .server: serverName]
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(answer.body)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            (answer.ok ? countedOK : countedUnavailable).record(ContinuousClock.now - answer.started)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), pending > 0 { pending -= 1 }
        context.write(data, promise: promise)
    }
}

/// The `Date` header (RFC 9110, IMF-fixdate), formatted once per second per connection.
struct HTTPDate {
    private var second = -1
    private var text = ""

    mutating func now() -> String {
        var t = time(nil)
        guard Int(t) != second else { return text }
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        second = Int(t)
        text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        return text
    }
}
