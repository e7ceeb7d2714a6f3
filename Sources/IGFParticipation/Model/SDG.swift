/// The seventeen UN Sustainable Development Goals, by number, as proposals cite them.
public enum SDG {
    /// Official short titles of the goals (UN General Assembly resolution A/RES/70/1), index = goal − 1.
    public static let titles: [String] = [
        "No Poverty", "Zero Hunger", "Good Health and Well-being", "Quality Education",
        "Gender Equality", "Clean Water and Sanitation", "Affordable and Clean Energy",
        "Decent Work and Economic Growth", "Industry, Innovation and Infrastructure",
        "Reduced Inequalities", "Sustainable Cities and Communities",
        "Responsible Consumption and Production", "Climate Action", "Life Below Water",
        "Life on Land", "Peace, Justice and Strong Institutions", "Partnerships for the Goals",
    ]

    /// The goal number whose title is `title` (case, white space and hyphens ignored), if any.
    public static func number(forTitle title: String) -> Int? {
        let key = fold(title)
        return titles.firstIndex { fold($0) == key }.map { $0 + 1 }
    }

    private static func fold(_ text: String) -> String {
        text.lowercased().split { $0.isWhitespace || $0 == "-" }.joined(separator: " ")
    }
}
