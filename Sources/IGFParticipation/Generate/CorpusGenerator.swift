/// Writes a deterministic synthetic corpus in the document kinds the extract stage knows,
/// and the figures a run on it must reproduce.
///
/// Proposals of both styles, report pages with the participation wordings the parser reads,
/// and event listings, spread over IGF years 2019–2023. Every session appears in exactly one
/// document (numbers and titles never repeat), a person keeps one organization, and labels
/// are drawn from the spellings the vocabularies accept, so the ground truth is known without
/// running the pipeline. Pure: documents are handed to `emit` one by one, never all held.
public enum CorpusGenerator {
    static let years = 2019...2023
    static let firstNames = ["Amina", "Bruno", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jasmin",
                             "Kofi", "Lucía", "Mateus", "Nadia", "Olga", "Pedro", "Qiu", "Rania", "Sven", "Tamar",
                             "Uma", "Viktor", "Wanjiru", "Ximena", "Yusuf", "Zoë"]
    static let lastNames = ["Abebe", "Bianchi", "Castro", "Diallo", "Eriksen", "Fernández", "Gupta", "Haddad", "Ivanova",
                            "Jensen", "Kim", "Lindqvist", "Mensah", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi",
                            "Silva", "Tanaka", "Usman", "Varga", "Wójcik", "Xu", "Yilmaz", "Zhou"]
    static let stakeholders: [(String, StakeholderGroup)] = [
        ("Civil Society", .civilSociety), ("civil society", .civilSociety), ("Government", .government),
        ("Private sector", .privateSector), ("Private Sector", .privateSector), ("Technical Community", .technicalCommunity),
        ("Intergovernmental Organisation", .intergovernmentalOrganization), ("Intergovernmental Organization", .intergovernmentalOrganization),
    ]
    static let regions = ["African Group", "Asia Pacific Group", "Asia-Pacific Group", "Eastern European Group",
                          "Latin American and Caribbean Group (GRULAC)", "Western European and Others Group (WEOG)", "WEOG"]
    static let formats = ["Round Table - U-shape - 60 Min", "Break-out Group Discussions - Flexible Seating - 90 Min",
                          "Panel - Classroom - 90 Min", "Other - 60 Min"]
    static let filler = "Participants discussed how data, infrastructure and rights interact across jurisdictions, and what each stakeholder group can do next."

    /// Generates `documents` files; `emit(name, text)` receives each. Returns the ground truth.
    /// `paragraphs` sets how much free text each document carries (about 140 bytes each), so
    /// benchmarks can reach a size without changing what the documents count.
    public static func generate(documents: Int, seed: UInt64, paragraphs: Int = 1,
                                emit: (String, String) -> Void) -> GroundTruth {
        var random = SplitMix64(seed: seed)
        var truth = GroundTruth(seed: seed, documents: documents, bytes: 0, years: [:])
        var counters: [Int: Int] = [:]  // per year: the next session number, shared by every kind
        for index in 0..<documents {
            let year = random.int(years)
            var figures = truth.years[year] ?? GroundTruth.Year(year: year)
            figures.documents += 1
            let roll = random.int(1...100)
            let (kind, text): (String, String)
            if roll <= 50 {
                kind = "proposal"
                text = proposal(year: year, number: next(&counters, year), style2021: random.chance(50), paragraphs: paragraphs,
                                &random, &figures)
            } else if roll <= 80 {
                kind = "reports"
                let count = random.int(2...6)
                let first = next(&counters, year, count)
                text = reportPage(year: year, numbers: first..<(first + count), paragraphs: paragraphs, &random, &figures)
            } else {
                kind = "listing"
                let count = random.int(2...6)
                let first = next(&counters, year, count)
                text = listing(year: year, numbers: first..<(first + count), paragraphs: paragraphs, &random, &figures)
            }
            truth.years[year] = figures
            truth.bytes += text.utf8.count
            let padded = String(index).count >= 6 ? String(index) : String(repeating: "0", count: 6 - String(index).count) + String(index)
            emit("gen-\(padded)-\(year)-\(kind).txt", text)
        }
        return truth
    }

    private static func next(_ counters: inout [Int: Int], _ year: Int, _ count: Int = 1) -> Int {
        let value = counters[year, default: 1]
        counters[year] = value + count
        return value
    }

    /// A person: a name from the pool and the one organization that name always has.
    private static func person(_ random: inout SplitMix64) -> (name: String, organization: String) {
        let first = random.int(0...(firstNames.count - 1)), last = random.int(0...(lastNames.count - 1))
        return ("\(firstNames[first]) \(lastNames[last])", "Organization \(first * lastNames.count + last)")
    }

    /// `count` people with distinct names.
    private static func people(_ count: Int, _ random: inout SplitMix64) -> [(name: String, organization: String)] {
        var chosen: [(name: String, organization: String)] = []
        while chosen.count < count {
            let candidate = person(&random)
            if !chosen.contains(where: { $0.name == candidate.name }) { chosen.append(candidate) }
        }
        return chosen
    }

    /// `count` filler paragraphs separated by blank lines.
    private static func prose(_ count: Int) -> [String] {
        (0..<max(1, count)).flatMap { _ in [filler, ""] }
    }

    private static func proposal(year: Int, number: Int, style2021: Bool, paragraphs: Int, _ random: inout SplitMix64,
                                 _ figures: inout GroundTruth.Year) -> String {
        let title = "Generated workshop \(year) number \(number) on data, rights and infrastructure"
        var lines = style2021 ? ["IGF \(year) WS #\(number)", title, ""] : ["IGF \(year) WS #\(number) \(title)", "", ""]
        let speakers = people(random.int(1...5), &random)
        let organizerCount = random.int(1...3)
        var slots = 0
        if style2021 {
            for (offset, organizer) in people(organizerCount, &random).enumerated() {
                lines.append("Organizer \(offset + 1): \(organizer.name), \(organizer.organization)")
                figures.people.insert(organizer.name.foldedName)
            }
        } else {
            for offset in 0..<organizerCount {
                lines.append("Organizer \(offset + 1): \(random.pick(stakeholders).0), \(random.pick(regions))")
                figures.people.insert("\(year)-WS-\(number)#organizer-\(offset + 1)")
            }
        }
        figures.organizerSlots += organizerCount
        slots += organizerCount
        lines.append("")
        for (offset, speaker) in speakers.enumerated() {
            let stakeholder = random.pick(stakeholders)
            lines.append("Speaker \(offset + 1): \(speaker.name), \(stakeholder.0), \(random.pick(regions))")
            figures.people.insert(speaker.name.foldedName)
            figures.speakersByStakeholder[stakeholder.1, default: 0] += 1
        }
        figures.speakerSlots += speakers.count
        slots += speakers.count
        lines += ["", ""]
        if style2021 {
            let moderator = person(&random)
            lines += ["Onsite Moderator", "", "\(moderator.name), \(random.pick(stakeholders).0), \(random.pick(regions))", "", ""]
            figures.people.insert(moderator.name.foldedName)
            slots += 1
        }
        lines += [random.pick(formats), "", "Policy Question(s)", ""] + prose(paragraphs) + ["GOAL 16: Peace, Justice and Strong Institutions", ""]
        figures.allSlots += slots
        figures.sessions += 1
        // Organizer lines of the 2021 style name no group: they borrow one only from the same
        // person elsewhere in the session, which the generator never arranges.
        return lines.joined(separator: random.chance(20) ? "\r\n" : "\n")
    }

    private static func reportPage(year: Int, numbers: Range<Int>, paragraphs: Int, _ random: inout SplitMix64,
                                   _ figures: inout GroundTruth.Year) -> String {
        var lines = ["IGF \(year) Reports", ""]
        for number in numbers {
            lines += ["Generated report session \(year) number \(number)", "", random.chance(50) ? "Main Session" : "Workshop",
                      "Updated: Mon, 27/01/\(year + 1) - 13:09",
                      "1. Key Policy Questions and Expectations", ""] + prose(paragraphs / max(1, numbers.count)) + [
                      "2. Discussion Areas:", "3. Policy Recommendations or Suggestions for the Way Forward:",
                      "4. Other Initiatives Addressing the Session Issues:", "5. Making Progress for Tackled Issues:",
                      "6. Estimated Participation:", ""]
            let (text, total, women) = participation(&random)
            lines += text.flatMap { [$0, ""] }
            figures.add(participation: total, women: women)
            lines += ["7. Reflection to Gender Issues:", "", "Gender balance was 80% men, 20% women in the sector at large.", "",
                      "8. Session Outputs:"]
            figures.sessions += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Section 6 in one of the wordings the parser reads, with the total and women it means.
    private static func participation(_ random: inout SplitMix64) -> (lines: [String], total: Count?, women: Count?) {
        let n = random.int(10...1500), m = random.int(1...400), w = random.int(1...n)
        let number = { (value: Int) in value >= 1000 && value % 2 == 0 ? "\(value / 1000),\(String(format3: value % 1000))" : String(value) }
        switch random.int(0...6) {
        case 0:
            return (["\(number(n)) people, including \(w) women.",
                     "The remote participation technician in the room indicated \(m) participants were connected remotely."],
                    Count(n + m), Count(w))
        case 1:
            return (["Onsite participants: \(number(n))", "online participants: \(m)"], Count(n + m), nil)
        case 2:
            return (["\(number(n)) present participants and \(m) remote participants"], Count(n + m), nil)
        case 3:
            return (["onsite: \(w) women / \(n) men", "online: not known yet"], Count(w + n), Count(w))
        case 4:
            return (["Online and onsite participants: over \(number(n))", "Estimated number of women: over \(w)"],
                    Count(n, .lower), Count(w, .lower))
        case 5:
            let percent = random.int(5...95)
            let total = n + m
            return (["Onsite participants: \(n) and +", "online participants: \(m)",
                     "\(percent)% of the participants both online and offline are women"],
                    Count(total, .lower), Count(Int((Double(percent) / 100 * Double(total)).rounded()), .derived))
        default:
            return ([], nil, nil)
        }
    }

    private static func listing(year: Int, numbers: Range<Int>, paragraphs: Int, _ random: inout SplitMix64,
                                _ figures: inout GroundTruth.Year) -> String {
        var lines = ["The IGF is a global multistakeholder platform.", "Follow these instructions to register for IGF \(year - 1).",
                     "We will be co-organizing these sessions at UN IGF \(year)."]
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        for (offset, number) in numbers.enumerated() {
            let day = random.int(1...28)
            let weekday = weekdays[Schedule.weekday(year: year, month: 12, day: day)]
            let start = random.int(1...10), length = random.pick([30, 60, 90, 150])
            let end = start * 60 + length
            let clock = { (minutes: Int) -> String in
                let hour = minutes / 60 % 24, minute = minutes % 60
                let twelve = hour % 12 == 0 ? 12 : hour % 12
                return "\(twelve):\(minute < 10 ? "0" : "")\(minute) \(hour < 12 ? "AM" : "PM")"
            }
            lines += ["\(offset + 1). Generated listed session \(year) number \(number) (Event #\(number))",
                      "Workshop organized by Organization \(number % 50)",
                      "\(weekday), Dec \(day) | \(clock(start * 60)) - \(clock(end)) UTC",
                      ] + prose(paragraphs / max(1, numbers.count)).filter { !$0.isEmpty } + ["Add the session to your IGF calendar and read more about it here."]
            figures.sessions += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Three digits with leading zeros (`7` → `007`), for thousands groups.
    init(format3 value: Int) {
        self = value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}
