extension SVGChart {
    /// One mark per fault, numbered from 1 like the faults table: a shaded band over the time it
    /// lasted, or a vertical line for a kill, with its number above the plot (nudged right of
    /// the previous number when they would overlap) and a tooltip naming it. Draw them after the
    /// data: bands are translucent and the page's style lets the pointer through them.
    mutating func faults(_ faults: [FaultRecord]) {
        var lastLabel = -Double.infinity
        for (index, fault) in faults.enumerated() {
            canvas.beginGroup(class: "fault-mark", title: "Fault \(index + 1): \(fault.tooltip)")
            let start = x(fault.startsAt)
            if fault.isWindow {
                canvas.rect(x: start, y: top, width: Swift.max(2, x(fault.endsAt) - start), height: bottom - top,
                            class: "fault-band")
            } else {
                canvas.line(x1: start, y1: top, x2: start, y2: bottom, class: "fault-line")
            }
            let label = "\(index + 1)"
            let labelX = Swift.max(start, lastLabel + 7 * Double(label.count) + 4)
            lastLabel = labelX
            canvas.text(label, x: labelX, y: top - 6, anchor: .middle, class: "fault-label")
            canvas.endGroup()
        }
    }
}
