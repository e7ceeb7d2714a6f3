import Foundation

/// Small inline-SVG charts drawn by the project: no script, no font or file from elsewhere.
enum SVGChart {
    /// Colours per stakeholder group (Unknown grey), chosen to stay apart in print.
    static let stakeholderColors: [StakeholderGroup: String] = [
        .civilSociety: "#1b9e77", .government: "#d95f02", .intergovernmentalOrganization: "#7570b3",
        .privateSector: "#e7298a", .technicalCommunity: "#66a61e", .unknown: "#b3b3b3",
    ]

    /// One horizontal bar per year, split into stakeholder shares of all slots.
    static func stackedShares(_ years: [YearAccumulator]) -> String {
        let width = 640.0, barHeight = 26.0, gap = 12.0, left = 56.0, top = 8.0
        let height = top + Double(years.count) * (barHeight + gap) + 8
        var svg = open(width: width, height: height, label: "Stakeholder shares of all slots, by year")
        for (row, year) in years.enumerated() {
            let y = top + Double(row) * (barHeight + gap)
            svg += text(x: left - 8, y: y + barHeight / 2 + 4, String(year.year), anchor: "end")
            let counts = year.all.pooled.stakeholders
            guard counts.total > 0 else {
                svg += text(x: left, y: y + barHeight / 2 + 4, "no people listed", anchor: "start", css: "muted")
                continue
            }
            var x = left
            for group in StakeholderGroup.allCases where counts[group] > 0 {
                let share = counts.share(of: group) ?? 0
                let w = share * (width - left - 8)
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(barHeight))\" fill=\"\(stakeholderColors[group]!)\">"
                svg += "<title>\(HTML.escape(group.label)): \(counts[group]) of \(counts.total) slots (\(percent(share)))</title></rect>"
                if w > 34 { svg += text(x: x + w / 2, y: y + barHeight / 2 + 4, percent(share), anchor: "middle", css: "on-bar") }
                x += w
            }
        }
        return svg + "</svg>"
    }

    /// A grid of years × regional groups: each cell's disc grows with the slots of that group.
    static func regionalCoverage(_ years: [YearAccumulator]) -> String {
        let groups = RegionalGroup.groups
        let cell = 96.0, left = 56.0, top = 46.0
        let width = left + Double(groups.count) * cell + 8, height = top + Double(years.count) * 44 + 8
        var svg = open(width: width, height: height, label: "Slots per regional group and year")
        for (column, group) in groups.enumerated() {
            let label = [RegionalGroup.african: "African", .asiaPacific: "Asia-Pacific", .easternEuropean: "E. European",
                         .grulac: "GRULAC", .weog: "WEOG", .intergovernmentalOrganization: "IGO"][group] ?? group.label
            svg += text(x: left + (Double(column) + 0.5) * cell, y: 20, label, anchor: "middle")
        }
        let largest = max(1, years.flatMap { year in groups.map { year.all.pooled.regions[$0] } }.max() ?? 1)
        for (row, year) in years.enumerated() {
            let y = top + Double(row) * 44 + 14
            svg += text(x: left - 8, y: y + 4, String(year.year), anchor: "end")
            for (column, group) in groups.enumerated() {
                let count = year.all.pooled.regions[group]
                let x = left + (Double(column) + 0.5) * cell
                if count == 0 {
                    svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"#d0d0d0\"><title>\(year.year), \(HTML.escape(group.label)): none</title></circle>"
                } else {
                    let radius = 5 + 13 * sqrt(Double(count) / Double(largest))
                    svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"#3b6fb6\" fill-opacity=\"0.8\">"
                    svg += "<title>\(year.year), \(HTML.escape(group.label)): \(count) slots</title></circle>"
                    svg += text(x: x, y: y + 4, String(count), anchor: "middle", css: "on-bar")
                }
            }
        }
        return svg + "</svg>"
    }

    /// Women share per year as points on a line; a lower bound is an open point marked ≥.
    static func womenShare(_ years: [YearAccumulator]) -> String {
        let width = 640.0, height = 220.0, left = 48.0, right = 24.0, top = 16.0, bottom = 36.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var svg = open(width: width, height: height, label: "Women share of reported participants, by year")
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let y = top + plotHeight * (1 - tick)
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" class=\"grid\"/>"
            svg += text(x: left - 6, y: y + 4, percent(tick), anchor: "end", css: "muted")
        }
        let inset = 40.0  // keeps the first and last points and their labels off the edges
        let step = years.count > 1 ? (plotWidth - 2 * inset) / Double(years.count - 1) : 0
        var points: [(x: Double, y: Double)] = []
        for (index, year) in years.enumerated() {
            let x = years.count > 1 ? left + inset + Double(index) * step : left + plotWidth / 2
            svg += text(x: x, y: height - 12, String(year.year), anchor: "middle")
            guard let share = year.gender.womenShare else {
                svg += text(x: x, y: top + plotHeight - 6, "no report", anchor: "middle", css: "muted")
                continue
            }
            let y = top + plotHeight * (1 - share)
            points.append((x, y))
            let lower = year.gender.womenShareQualifier == .lower
            let label = (lower ? "≥ " : "") + percent(share)
            svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"6\" fill=\"\(lower ? "#ffffff" : "#b5338a")\" stroke=\"#b5338a\" stroke-width=\"2\">"
            svg += "<title>\(year.year): \(label) women, \(year.gender.womenOfSharedSessions.value) of \(year.gender.totalOfSharedSessions.value) participants in \(year.gender.shares.count) sessions\(lower ? " (a lower bound: some figures are given as 'over N')" : "")</title></circle>"
            svg += text(x: x, y: y - 12, label, anchor: "middle")
        }
        if points.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"#b5338a\" stroke-width=\"2\" points=\"\(points.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " "))\"/>"
        }
        return svg + "</svg>"
    }

    private static func open(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
    }

    private static func text(x: Double, y: Double, _ content: String, anchor: String, css: String? = nil) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\"\(css.map { " class=\"\($0)\"" } ?? "")>\(HTML.escape(content))</text>"
    }

    static func percent(_ share: Double) -> String { CFormat.percent(share) }

    /// Coordinates with one decimal, locale-independent.
    static func f(_ value: Double) -> String { CFormat.fixed(value, places: 1) }
}
