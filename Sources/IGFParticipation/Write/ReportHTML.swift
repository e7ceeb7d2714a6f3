/// `report.html`: the annual-review page, one self-contained file.
///
/// Headline figures per year with their change, stakeholder shares as stacked bars, regional
/// coverage per year, the women share over time (lower bounds drawn open and marked ≥), and
/// the sessions that miss the diversity bar. No script, no external font, image or style:
/// it opens offline and prints on A4.
public enum ReportHTML {
    public static func document(statistics: [SessionStatistics], years: [YearAccumulator],
                                settings: Aggregator.Settings) -> String {
        let sink = OutputSink()
        render(rows: ResultRows(statistics: statistics, diagnostics: []), years: years, settings: settings, into: sink)
        return sink.text
    }

    /// The page into `sink`, the sessions that miss the bar read from `rows`.
    static func render(rows: ResultRows, years: [YearAccumulator], settings: Aggregator.Settings, into sink: OutputSink) {
        let span = years.isEmpty ? "no years" : years.count == 1 ? "\(years[0].year)" : "\(years.first!.year)–\(years.last!.year)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>IGF participation, \(span)</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>IGF participation, \(span)</h1>
            <p>Stakeholder diversity, regional coverage, attendance and gender of Internet Governance Forum sessions, from \(rows.sessionCount) sessions in the documents of this run. Written by igf-participation; every figure is in the CSV files beside this page.</p></header>

            """
        html += "<section><h2>Headline figures</h2>\n" + headlineTable(years) + "</section>\n"
        html += "<section><h2>Stakeholder shares by year</h2><p>Share of all slots (organizers, speakers, moderators, facilitators, reporters) per stakeholder group; Unknown is a label no vocabulary entry matched.</p>\n"
        html += legend() + SVGChart.stackedShares(years) + "</section>\n"
        html += "<section><h2>Regional coverage by year</h2><p>Slots per UN regional group (and the IGF's Intergovernmental Organization region), all roles. A grey dot: the group is not reached that year.</p>\n"
        html += SVGChart.regionalCoverage(years) + "</section>\n"
        html += "<section><h2>Women share over time</h2><p>Women over participants, summed over the sessions whose report gives both. An open point marked ≥ is a lower bound: some of its figures are given as “over N”.</p>\n"
        html += SVGChart.womenShare(years) + "</section>\n"
        html += "<section><h2>Sessions that miss the diversity bar</h2>\n"
        sink.write(html)
        missingBar(rows, settings, into: sink)
        sink.write("</section>\n</body>\n</html>\n")
    }

    static func headlineTable(_ years: [YearAccumulator]) -> String {
        let rows = YearOverYear.comparison(years)
        var html = "<table class=\"headline\"><thead><tr><th>Metric</th>"
        html += years.map { "<th>\($0.year)</th>" }.joined() + "</tr></thead><tbody>\n"
        for metric in YearOverYear.metrics {
            html += "<tr><th scope=\"row\">\(HTML.escape(metric.description))</th>"
            for row in rows where row.metric == metric.name {
                guard let value = row.value else {
                    html += "<td class=\"none\">—</td>"
                    continue
                }
                let shown = (value.qualifier == .lower ? "≥ " : value.qualifier == .approximate ? "≈ " : "") + format(value.number, count: value.isCount)
                var change = ""
                if let delta = row.delta {
                    let sign = delta > 0 ? "+" : delta < 0 ? "−" : "±"
                    let amount = value.isCount ? format(abs(delta), count: true) : String(Int((abs(delta) * 100).rounded())) + " pp"
                    change = "<span class=\"change\">\(sign)\(amount)</span>"
                }
                html += "<td>\(HTML.escape(shown))\(change)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n<p class=\"note\">Changes are from the previous year of the run (shares in percentage points, pp). ≥ marks a lower bound. — marks a year with no data for the metric.</p>\n"
    }

    static func missingBar(_ rows: ResultRows, _ settings: Aggregator.Settings, into sink: OutputSink) {
        let judged = rows.judged, missing = rows.missingBar
        var html = "<p>A session meets the bar when its speakers come from at least \(settings.diversityBar) stakeholder groups. "
        html += "\(missing) of \(judged) sessions with listed speakers miss it; \(rows.sessionCount - judged) sessions list no speakers and cannot be judged.</p>\n"
        guard missing > 0 else { return sink.write(html) }
        html += "<table><thead><tr><th>Year</th><th>Session</th><th>Title</th><th>Speaker groups</th><th>Speakers</th><th>Source</th></tr></thead><tbody>\n"
        sink.write(html)
        do {
            try rows.missingBarLines { sink.write(raw: $0) }
        } catch {
            sink.fail(error.description)
        }
        sink.write("</tbody></table>\n")
    }

    /// A session's row in the list of sessions that miss the bar.
    static func missingBarRow(_ item: SessionStatistics) -> String {
        let groups = item.speakers.stakeholders.present.filter { $0 != .unknown }.map(\.label).joined(separator: ", ")
        var html = "<tr><td>\(item.session.year)</td><td class=\"nowrap\">\(HTML.escape(item.session.raw.number?.description ?? item.session.id))</td>"
        html += "<td>\(HTML.escape(item.session.title))</td><td>\(item.speakers.distinctStakeholderGroups)\(groups.isEmpty ? "" : ": " + HTML.escape(groups))</td>"
        html += "<td>\(item.speakers.slots)</td><td class=\"source\">\(HTML.escape(item.session.sourcePlaces))</td></tr>\n"
        return html
    }

    static func legend() -> String {
        "<p class=\"legend\">" + StakeholderGroup.allCases.map { group in
            "<span><i style=\"background:\(SVGChart.stakeholderColors[group]!)\"></i>\(HTML.escape(group.label))</span>"
        }.joined(separator: " ") + "</p>\n"
    }

    static func format(_ value: Double, count: Bool) -> String {
        count ? String(Int(value.rounded())) : SVGChart.percent(value)
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222;line-height:1.45}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{padding:.3rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
        table.headline td{text-align:right;white-space:nowrap}td.none{color:#999}.change{display:block;font-size:.78rem;color:#666}
        .note,.muted{color:#666;font-size:.85rem}.nowrap{white-space:nowrap}td.source{font-size:.78rem;color:#555;word-break:break-all}
        .legend span{margin-right:1rem;font-size:.85rem;white-space:nowrap}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
        svg{display:block;max-width:100%;height:auto;margin:.5rem 0}svg text{font-size:12px;fill:#333}svg text.on-bar{fill:#fff;font-weight:600}svg text.muted{fill:#888}svg .grid{stroke:#e3e3e3}
        @media print{body{margin:0;max-width:none;font-size:10pt}section{break-inside:avoid}h2{margin-top:1rem}}
        """
}

/// Escaping for text placed in HTML and SVG.
enum HTML {
    static func escape(_ text: String) -> String {
        // Text without any of the five bytes comes out as it went in; ASCII text is escaped
        // on its bytes (each byte a `Character`); other text by `Character`, where a mark
        // joined to `&` makes a `Character` that is not `&` (and has no `asciiValue`).
        guard text.utf8.contains(where: { entity($0) != nil }) else { return text }
        if text.isASCII {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 16)
            ASCII.appendEscaped(text, to: &bytes, entity)
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        for character in text {
            if let entity = character.asciiValue.flatMap(entity) { out += entity } else { out.append(character) }
        }
        return out
    }

    /// The entity of each of the five characters HTML text escapes.
    private static func entity(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
