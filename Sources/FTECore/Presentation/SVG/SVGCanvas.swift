/// Builds the markup of one SVG image: shapes and text in a `width` × `height` view box, every
/// string escaped, every element closed so the image also parses as XML.
struct SVGCanvas {
    enum Anchor: String { case start, middle, end }

    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, class cssClass: String, title: String? = nil) {
        element("rect", [("x", n(x)), ("y", n(y)), ("width", n(Swift.max(0, width))), ("height", n(Swift.max(0, height)))],
                cssClass, title)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, class cssClass: String, title: String? = nil) {
        element("line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2))], cssClass, title)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, class cssClass: String, title: String? = nil) {
        element("circle", [("cx", n(cx)), ("cy", n(cy)), ("r", n(r))], cssClass, title)
    }

    /// A path through `points`, each run of points a separate sub-path (gaps stay gaps).
    mutating func polyline(_ runs: [[(x: Double, y: Double)]], class cssClass: String, title: String? = nil) {
        let d = runs.filter { !$0.isEmpty }.map { run in
            "M" + run.map { n($0.x) + " " + n($0.y) }.joined(separator: "L")
        }.joined(separator: " ")
        guard !d.isEmpty else { return }
        element("path", [("d", d)], cssClass, title)
    }

    mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, class cssClass: String = "label",
        rotated: Bool = false
    ) {
        var attributes = [("x", n(x)), ("y", n(y)), ("text-anchor", anchor.rawValue)]
        if rotated { attributes.append(("transform", "rotate(-90 \(n(x)) \(n(y)))")) }
        body.append("<text" + render(attributes, cssClass) + ">" + HTMLText.escape(text) + "</text>")
    }

    /// Starts a group; close it with ``endGroup()``.
    mutating func beginGroup(class cssClass: String, title: String? = nil) {
        body.append("<g" + render([], cssClass) + ">" + (title.map { "<title>\(HTMLText.escape($0))</title>" } ?? ""))
    }

    mutating func endGroup() { body.append("</g>") }

    /// The `<svg>` element, named for assistive technology by `title` and described by
    /// `description`; `id` makes the ids of both unique on the page.
    func render(id: String, title: String, description: String) -> String {
        let titleID = HTMLText.escape(id + "-title"), descriptionID = HTMLText.escape(id + "-desc")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(HTMLText.escape(id))\" class=\"chart\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(titleID) \(descriptionID)\">\n"
            + "<title id=\"\(titleID)\">\(HTMLText.escape(title))</title>\n"
            + "<desc id=\"\(descriptionID)\">\(HTMLText.escape(description))</desc>\n"
            + body.joined(separator: "\n") + "\n</svg>"
    }

    private mutating func element(_ name: String, _ attributes: [(String, String)], _ cssClass: String, _ title: String?) {
        let open = "<" + name + render(attributes, cssClass)
        if let title {
            body.append(open + "><title>" + HTMLText.escape(title) + "</title></" + name + ">")
        } else {
            body.append(open + "/>")
        }
    }

    private func render(_ attributes: [(String, String)], _ cssClass: String) -> String {
        var text = cssClass.isEmpty ? "" : " class=\"\(HTMLText.escape(cssClass))\""
        for (name, value) in attributes { text += " \(name)=\"\(HTMLText.escape(value))\"" }
        return text
    }

    /// A coordinate with at most one decimal.
    private func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (Swift.min(Swift.max(value, -1e6), 1e6) * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
