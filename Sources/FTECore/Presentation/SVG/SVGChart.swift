/// A chart on an ``SVGCanvas``: a plot area with an x and a y scale, axes with ticks, grid lines
/// and titles, a legend and reference lines. Charts draw their data through
/// ``canvas`` with ``x`` and ``y``.
struct SVGChart {
    var canvas: SVGCanvas
    let x: ChartScale
    let y: ChartScale
    /// The plot area's edges, pixels.
    let left: Double, top: Double, right: Double, bottom: Double

    init(
        width: Double = 960, height: Double = 320, x: (kind: ChartScale.Kind, lower: Double, upper: Double),
        y: (kind: ChartScale.Kind, lower: Double, upper: Double)
    ) {
        canvas = SVGCanvas(width: width, height: height)
        (left, top, right, bottom) = (72, 44, width - 20, height - 48)
        self.x = ChartScale(x.kind, x.lower, x.upper, from: left, to: right)
        self.y = ChartScale(y.kind, y.lower, y.upper, from: bottom, to: top)
    }

    /// Grid lines and labels at the ticks, the axis lines, and a title for each axis.
    mutating func axes(
        x xTicks: [Double], _ xLabel: (Double) -> String, title xTitle: String,
        y yTicks: [Double], _ yLabel: (Double) -> String, title yTitle: String
    ) {
        for tick in yTicks where y.contains(tick) {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), class: "grid")
            canvas.text(yLabel(tick), x: left - 6, y: y(tick) + 4, anchor: .end, class: "tick")
        }
        for tick in xTicks where x.contains(tick) {
            canvas.line(x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 5, class: "axis")
            canvas.text(xLabel(tick), x: x(tick), y: bottom + 18, anchor: .middle, class: "tick")
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, class: "axis")
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, class: "axis")
        canvas.text(xTitle, x: (left + right) / 2, y: canvas.height - 8, anchor: .middle, class: "axis-title")
        canvas.text(yTitle, x: 16, y: (top + bottom) / 2, anchor: .middle, class: "axis-title", rotated: true)
    }

    /// A row of coloured swatches with labels above the plot.
    mutating func legend(_ items: [(label: String, cssClass: String)]) {
        var position = left
        for item in items {
            canvas.rect(x: position, y: 8, width: 12, height: 12, class: "swatch " + item.cssClass)
            canvas.text(item.label, x: position + 17, y: 18, class: "legend")
            position += 17 + Double(item.label.count) * 7 + 20
        }
    }

    /// A dashed horizontal line across the plot at `value`, labelled under its right end.
    mutating func rule(atY value: Double, label: String, class cssClass: String) {
        guard y.contains(value) else { return }
        canvas.line(x1: left, y1: y(value), x2: right, y2: y(value), class: cssClass, title: label)
        canvas.text(label, x: right - 4, y: y(value) + 14, anchor: .end, class: "rule-label")
    }

    func render(id: String, title: String, description: String) -> String {
        canvas.render(id: id, title: title, description: description)
    }
}
