/// What the support report and the simulation report draw alike: channels by colour.
extension SVGChart {
    /// The CSS class that colours `channel` in every chart (`ch-email`, `ch-whatsapp`, `ch-web_form`).
    static func cssClass(_ channel: Channel) -> String { "ch-" + channel.rawValue }

    /// A swatch per channel, in `Channel.allCases` order.
    static var channelLegend: [(label: String, cssClass: String)] {
        Channel.allCases.map { (label: $0.displayName, cssClass: cssClass($0)) }
    }

    /// One bar from `start` to `end` on the x scale, stacked by channel from the x axis up
    /// (channels in `Channel.allCases` order, empty ones skipped); each part's tooltip is
    /// `"\(slice) \(channel): N messages"`.
    mutating func stackedChannelBar(from start: Double, to end: Double, counts: [Channel: Int], slice: String) {
        let x0 = x(start) + 0.5
        let width = Swift.max(1, x(end) - x0 - 1)
        var base = 0
        for channel in Channel.allCases {
            let count = Swift.max(0, counts[channel] ?? 0)
            guard count > 0 else { continue }
            let top = y(Double(base + count))
            canvas.rect(
                x: x0, y: top, width: width, height: y(Double(base)) - top, class: "bar " + Self.cssClass(channel),
                title: "\(slice) \(channel.displayName): \(ReportFormat.count(count)) messages")
            base += count
        }
    }
}
