import FTECore
import Hummingbird
import Metrics
import Prometheus

/// The process's Prometheus registry, which swift-metrics reports to and `GET /metrics` reads:
/// the gateway's, the worker's (``WorkerMetrics``), or both with `fte serve --with-worker`.
public struct PrometheusMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Bootstraps swift-metrics with a Prometheus registry whose metric and label names are
    /// made Prometheus-safe (`http.route` becomes `http_route`) and whose latency histograms
    /// have the buckets ``WorkerMetrics/durationBuckets`` names. Call once per process, before
    /// any metric is created: metrics made earlier would go nowhere.
    public static func bootstrap() -> PrometheusMetrics {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (prometheusName(name), labels.map { (prometheusName($0.0), $0.1) })
        }
        factory.durationHistogramBuckets = WorkerMetrics.durationBuckets
        MetricsSystem.bootstrap(factory)
        return PrometheusMetrics(registry: registry)
    }

    static func prometheusName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }

    /// `GET /metrics`: every metric in Prometheus's text format.
    func response() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
