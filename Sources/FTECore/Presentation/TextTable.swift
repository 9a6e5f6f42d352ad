/// An aligned plain-text table in the house style of the `fte` commands: a header row, columns
/// two spaces apart, numbers right-aligned; no line ends in spaces.
struct TextTable {
    enum Alignment { case left, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        header = columns.map { $0.0 }
        alignments = columns.map { $0.1 }
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// The table, each line prefixed with `indent`.
    func render(indent: String = "") -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = Swift.max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { i, cell -> String in
                let gap = String(repeating: " ", count: Swift.max(0, widths[i] - cell.count))
                if alignments[i] == .right { return gap + cell }
                return i == cells.count - 1 ? cell : cell + gap
            }.joined(separator: "  ")
            return String((indent + text).reversed().drop { $0 == " " }.reversed())
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
