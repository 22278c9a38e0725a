import Foundation
import Prometheus

/// The server's own series (swift-prometheus): requests by route, method and status, with their
/// latency; jobs by kind and final state, with their durations; time in each pipeline stage.
/// The registry's series are read from the registry at each scrape (`RegistryMetrics`).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let jobBuckets: [Double] = [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]

    init() {
        // Declared up front so a scrape before any job still names them.
        _ = registry.makeGauge(descriptor: Self.jobsRunning)
    }

    func request(route: String, method: String, status: Int, duration: Duration) {
        requestSeries(route: route, method: method, status: status).record(duration)
    }

    /// One label set's request count and latency, for a caller that counts one route often
    /// (`HealthFastPath` keeps its own instead of looking it up each time).
    struct RequestSeries: Sendable {
        let count: Counter, latency: ValueHistogram

        func record(_ duration: Duration) {
            count.increment()
            latency.record(duration.seconds)
        }
    }

    func requestSeries(route: String, method: String, status: Int) -> RequestSeries {
        let series = requestSeries(RequestKey(route: route, method: method, status: status))
        return RequestSeries(count: series.count, latency: series.latency)
    }

    /// A request's label set; its series are looked up once and kept (`requestSeries`).
    private struct RequestKey: Hashable, Sendable {
        let route: String, method: String, status: Int
    }

    /// Every request is counted: asking the registry by name and labels each time (names built,
    /// labels checked and sorted under its lock) cost more than the rest of a `/healthz`. The
    /// label sets are few (route patterns × methods × statuses), so their series are kept here.
    private let requestSeriesKept = Locked<[RequestKey: (count: Counter, latency: ValueHistogram)]>([:])

    private func requestSeries(_ key: RequestKey) -> (count: Counter, latency: ValueHistogram) {
        if let kept = requestSeriesKept.withLock({ $0[key] }) { return kept }
        let labels = [("route", key.route), ("method", key.method), ("status", String(key.status))]
        let series = (count: registry.makeCounter(descriptor: Self.requests, labels: labels),
                      latency: registry.makeValueHistogram(descriptor: Self.latency, labels: labels, buckets: Self.latencyBuckets))
        requestSeriesKept.withLock { $0[key] = series }
        return series
    }

    func jobFinished(kind: String, state: String, seconds: Double) {
        let labels = [("kind", kind), ("state", state)]
        registry.makeCounter(descriptor: Self.jobs, labels: labels).increment()
        registry.makeValueHistogram(descriptor: Self.jobDuration, labels: labels, buckets: Self.jobBuckets).record(seconds)
    }

    func stageFinished(kind: String, stage: String, seconds: Double) {
        registry.makeValueHistogram(descriptor: Self.stageDuration, labels: [("kind", kind), ("stage", stage)], buckets: Self.jobBuckets)
            .record(seconds)
    }

    func jobsRunning(_ count: Int) { registry.makeGauge(descriptor: Self.jobsRunning).set(Double(count)) }

    var text: String { registry.emitToString() }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "edgehost", metricName: "http_requests", unitName: "total",
                                               helpText: "HTTP requests by route pattern, method and status.") }
    static var latency: MetricNameDescriptor { MetricNameDescriptor(namespace: "edgehost", metricName: "http_request_duration", unitName: "seconds",
                                              helpText: "HTTP request latency by route pattern, method and status.") }
    static var jobs: MetricNameDescriptor { MetricNameDescriptor(namespace: "edgehost", metricName: "jobs", unitName: "total",
                                           helpText: "Jobs that ended, by kind and final state.") }
    static var jobDuration: MetricNameDescriptor { MetricNameDescriptor(namespace: "edgehost", metricName: "job_duration", unitName: "seconds",
                                                  helpText: "Wall time of jobs from start to end, by kind and final state.") }
    static var stageDuration: MetricNameDescriptor { MetricNameDescriptor(namespace: "edgehost", metricName: "pipeline_stage_duration", unitName: "seconds",
                                                    helpText: "Wall time of each pipeline stage a job reported, by job kind and stage.") }
    static var jobsRunning: MetricNameDescriptor { MetricNameDescriptor(namespace: "edgehost", metricName: "jobs_running", unitName: "",
                                                  helpText: "Jobs running now.") }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
