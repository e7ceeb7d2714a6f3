/// When a session takes place, in UTC, as an event listing states it.
public struct Schedule: Hashable, Sendable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Minutes after midnight UTC.
    public var startMinute: Int
    public var endMinute: Int
    /// The schedule line it was read from.
    public var location: SourceLocation?

    public init(year: Int, month: Int, day: Int, startMinute: Int, endMinute: Int, location: SourceLocation? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.location = location
    }

    /// `2021-12-06`
    public var date: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }
    /// `09:30`
    public var start: String { Self.clock(startMinute) }
    public var end: String { Self.clock(endMinute) }

    /// Minutes from start to end; a session that runs past midnight UTC ends the next day.
    public var durationMinutes: Int { endMinute >= startMinute ? endMinute - startMinute : endMinute + 1440 - startMinute }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func clock(_ minute: Int) -> String { "\(pad(minute / 60)):\(pad(minute % 60))" }

    /// Day of the week of a Gregorian date, 0 = Monday … 6 = Sunday.
    public static func weekday(year: Int, month: Int, day: Int) -> Int {
        // Days from civil (H. Hinnant's algorithm), with 1970-01-01 (a Thursday) as day 0.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days % 7) + 7 + 3) % 7
    }
}
