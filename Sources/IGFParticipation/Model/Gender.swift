/// A person's gender as a sheet states it. Documents never state it; tables may.
public enum Gender: String, Sendable, DeclarationOrdered, Codable {
    case woman = "Woman"
    case man = "Man"
    case nonBinary = "Non-binary"
    /// The person chose not to say.
    case undisclosed = "Undisclosed"
    /// The sheet gives nothing (or nothing readable) for this person.
    case notGiven = "Not given"

    public var label: String { rawValue }

    /// Genders a person stated (the denominator of gender shares).
    public var isStated: Bool { self == .woman || self == .man || self == .nonBinary }

    /// The gender a sheet's cell names, or nil when it names none of the known spellings.
    /// An empty cell is `notGiven`.
    public init?(cell: String) {
        switch cell.lowercased().collapsingWhitespace {
        case "": self = .notGiven
        case "woman", "women", "female", "f", "w": self = .woman
        case "man", "men", "male", "m": self = .man
        case "non-binary", "nonbinary", "non binary", "nb", "enby": self = .nonBinary
        case "undisclosed", "prefer not to say", "prefer not to answer", "not disclosed", "declined": self = .undisclosed
        default: return nil
        }
    }

}
