import Foundation
import Testing
@testable import IGFParticipation

@Suite("The annual-review report")
struct ReportTests {
    static let output: URL = {
        let output = TestSupport.temporaryFolder()
        _ = try! Runner.run(try! TestSupport.defaultDefinition(output: output), jobs: 2)
        return output
    }()

    static var html: String { TestSupport.text(output.appendingPathComponent("report.html")) }

    @Test("one self-contained file: no script, no external style, font or image")
    func selfContained() {
        let html = Self.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href="] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
    }

    @Test("HTML escaping: the five characters, on the bytes for ASCII and by Character otherwise", arguments: [
        ("Plain title", "Plain title"), ("", ""), ("Ana Laura Martínez", "Ana Laura Martínez"),
        ("AT&T <b>\"x\"</b> it's", "AT&amp;T &lt;b&gt;&quot;x&quot;&lt;/b&gt; it&#39;s"),
        ("Société & <État>", "Société &amp; &lt;État&gt;"),
        ("&\u{301} & x", "&\u{301} &amp; x"),  // a mark joined to & makes another Character
    ])
    func escape(_ text: String, _ expected: String) {
        #expect(Array(HTML.escape(text).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("headline figures per year with their change, lower bounds marked")
    func headline() {
        let html = Self.html
        #expect(html.contains("<th scope=\"row\">Sessions</th><td>10</td><td>2<span class=\"change\">−8</span></td><td>9<span class=\"change\">+7</span></td>"))
        #expect(html.contains("<td>≥ 1197</td>"))
        #expect(html.contains("<td>≥ 47%</td>"))
    }

    @Test("the sessions that miss the diversity bar are listed with their sources")
    func missingBar() {
        let html = Self.html
        #expect(html.contains("3 of 3 sessions with listed speakers miss it; 18 sessions list no speakers and cannot be judged."))
        for number in ["WS #221", "WS #334", "WS #188"] {
            #expect(html.contains("<td class=\"nowrap\">\(number)</td>"))
        }
        #expect(html.contains("Data/corpus/igf2020-ws334-proposal.txt:1"))
    }

    @Test("charts: stakeholder shares, regional coverage, women share with a lower bound drawn open")
    func charts() {
        let html = Self.html
        #expect(html.contains("aria-label=\"Stakeholder shares of all slots, by year\""))
        #expect(html.contains("<title>Civil Society: 12 of 13 slots (92%)</title>"))
        #expect(html.contains("<title>2021, WEOG: 7 slots</title>"))
        #expect(html.contains("fill=\"#ffffff\" stroke=\"#b5338a\""))
        #expect(html.contains(">≥ 47%</text>"))
    }

    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }.first

    /// Runs headless Chromium with `arguments`; returns stdout.
    static func runChromium(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(TestSupport.temporaryFolder().path)"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("headless Chromium loads the page with no console error, the charts have a size, the screenshot is taken",
          .enabled(if: chromium != nil), .timeLimit(.minutes(2)))
    func browser() throws {
        // A copy of the page with a probe: it records errors and measures the charts.
        let folder = TestSupport.temporaryFolder()
        let probe = """
            <script>window.__errors=[];window.addEventListener('error',e=>window.__errors.push(String(e.message)));
            const __e=console.error;console.error=(...a)=>{window.__errors.push(a.join(' '));__e(...a)};</script>
            """
        let measure = """
            <script>document.addEventListener('DOMContentLoaded',()=>{const p=document.createElement('pre');p.id='probe';
            p.textContent=JSON.stringify({errors:window.__errors,svgs:[...document.querySelectorAll('svg')].map(s=>{const r=s.getBoundingClientRect();return [r.width,r.height]})});
            document.body.appendChild(p)});</script>
            """
        let page = Self.html.replacingOccurrences(of: "<head>", with: "<head>" + probe)
            .replacingOccurrences(of: "</body>", with: measure + "</body>")
        let probed = folder.appendingPathComponent("probed.html")
        try page.write(to: probed, atomically: true, encoding: .utf8)

        let dom = try Self.runChromium(["--dump-dom", probed.absoluteString])
        let start = try #require(dom.range(of: "<pre id=\"probe\">"))
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((result["errors"] as? [Any])?.isEmpty == true, "console errors: \(result["errors"] ?? "")")
        let sizes = try #require(result["svgs"] as? [[Double]])
        #expect(sizes.count == 3)
        #expect(sizes.allSatisfy { $0[0] > 100 && $0[1] > 50 }, "\(sizes)")

        let screenshot = folder.appendingPathComponent("report.png")
        _ = try Self.runChromium(["--window-size=1100,2200", "--screenshot=\(screenshot.path)",
                                  Self.output.appendingPathComponent("report.html").absoluteString])
        let png = TestSupport.bytes(screenshot)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count > 50_000)
    }
}
