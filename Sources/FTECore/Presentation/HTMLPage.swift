/// Writes the report's HTML: elements with escaped text, accessible tables, definition lists,
/// and the page's style sheet (light and dark).
struct HTMLPage {
    private(set) var text = ""

    /// Markup written as is (only for fixed strings and already escaped markup).
    mutating func raw(_ markup: String) { text += markup + "\n" }

    mutating func element(_ name: String, _ content: String, class cssClass: String? = nil, id: String? = nil) {
        let cls = cssClass.map { " class=\"\(HTMLText.escape($0))\"" } ?? ""
        let identifier = id.map { " id=\"\(HTMLText.escape($0))\"" } ?? ""
        raw("<\(name)\(identifier)\(cls)>\(HTMLText.escape(content))</\(name)>")
    }

    /// Opens a `<section>` with an `<h2>`; close it with `raw("</section>")`.
    mutating func section(_ heading: String) {
        raw("<section>")
        element("h2", heading)
    }

    mutating func noData(_ message: String) { element("p", message, class: "no-data") }

    mutating func list(_ items: [String]) {
        raw("<ul>" + items.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>")
    }

    mutating func definitions(_ pairs: [(String, String)]) {
        raw("<dl class=\"facts\">" + pairs.map { "<div><dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd></div>" }.joined() + "</dl>")
    }

    /// A chart in a `<figure>`, or a "no data" note.
    mutating func figure(_ svg: String?, empty: String) {
        guard let svg else { return noData(empty) }
        raw("<figure>\n\(svg)\n</figure>")
    }

    /// A table with column headers (`scope="col"`) and the `rowHeaderColumn` cells as row headers
    /// (`scope="row"`); `numeric` columns are right-aligned, `prose` columns wrap (others do not).
    mutating func table(
        header: [String], numeric: [Int] = [], prose: [Int] = [], rows: [[String]], rowClasses: [String]? = nil,
        rowHeaderColumn: Int = 0
    ) {
        func cls(_ column: Int) -> String {
            numeric.contains(column) ? " class=\"num\"" : prose.contains(column) ? " class=\"prose\"" : ""
        }
        var markup = "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for (column, title) in header.enumerated() { markup += "<th scope=\"col\"\(cls(column))>\(HTMLText.escape(title))</th>" }
        markup += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let rowClass = rowClasses.map { " class=\"\(HTMLText.escape($0[index]))\"" } ?? ""
            markup += "<tr\(rowClass)>"
            for (column, cell) in row.enumerated() {
                let tag = column == rowHeaderColumn ? "th" : "td"
                let scope = column == rowHeaderColumn ? " scope=\"row\"" : ""
                markup += "<\(tag)\(scope)\(cls(column))>\(HTMLText.escape(cell))</\(tag)>"
            }
            markup += "</tr>\n"
        }
        raw(markup + "</tbody>\n</table></div>")
    }

    static let style = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
          --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
          --email: #2563eb; --whatsapp: #15803d; --web_form: #c2410c; --p95: #6d28d9; --fault: #d1242f; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
            --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214;
            --email: #60a5fa; --whatsapp: #4ade80; --web_form: #fb923c; --p95: #c4b5fd; --fault: #ff7b72; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 24px 16px 48px; }
        h1 { font-size: 1.6rem; margin: 0 0 4px; }
        h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 1rem; margin: 20px 0 4px; }
        .lead, .note, .no-data { color: var(--muted); }
        .no-data { font-style: italic; }
        .verdict { border: 2px solid; border-radius: 8px; padding: 4px 16px; margin-top: 16px; }
        .verdict h2 { border: 0; margin: 8px 0; }
        .verdict.pass { border-color: var(--pass); background: var(--pass-bg); }
        .verdict.pass h2 { color: var(--pass); }
        .verdict.fail { border-color: var(--fail); background: var(--fail-bg); }
        .verdict.fail h2 { color: var(--fail); }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 4px 24px; margin: 0; }
        .facts div { display: flex; gap: 8px; border-bottom: 1px dotted var(--line); padding: 2px 0; }
        .facts dt { color: var(--muted); min-width: 13em; }
        .facts dd { margin: 0; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
          white-space: nowrap; }
        th.prose, td.prose { white-space: normal; min-width: 16em; }
        thead th { background: var(--panel); white-space: normal; vertical-align: bottom; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.held > td:first-child { color: var(--pass); }
        tr.missed > td:first-child, tr.missed > th { color: var(--fail); font-weight: 600; }
        figure { margin: 8px 0; }
        svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
        svg .ch-email { --c: var(--email); }
        svg .ch-whatsapp { --c: var(--whatsapp); }
        svg .ch-web_form { --c: var(--web_form); }
        svg .p95 { --c: var(--p95); }
        svg .fault-swatch { --c: var(--fault); opacity: 0.5; }
        svg .bar, svg .swatch { fill: var(--c); }
        svg .dot { fill: var(--c); fill-opacity: 0.65; }
        svg .cdf { fill: none; stroke: var(--c); stroke-width: 2; }
        svg .p95-line { fill: none; stroke: var(--p95); stroke-width: 2; }
        svg .p95-point { fill: var(--p95); }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .axis { stroke: var(--muted); stroke-width: 1; }
        svg .threshold { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .fault-band { fill: var(--fault); fill-opacity: 0.14; pointer-events: none; }
        svg .fault-line { stroke: var(--fault); stroke-width: 1.5; stroke-dasharray: 3 3; }
        svg .fault-label { fill: var(--fault); font-weight: 600; font-size: 11px; }
        svg text { fill: var(--fg); }
        svg .tick, svg .rule-label { fill: var(--muted); font-size: 11px; }
        svg .axis-title { fill: var(--muted); }
        """
}
