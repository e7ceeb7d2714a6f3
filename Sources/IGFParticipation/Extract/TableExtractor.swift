import IGFCSV

/// Reads a user's CSV sheet into sessions and people, through a column mapping.
///
/// Each row is one person in one role in one session. Rows with the same year and session
/// (a number such as `WS #184`, or a title) form one session, in the order first seen. Values
/// go through the same vocabularies as documents do; a `gender` column feeds gender counts.
/// A row whose year cannot be read is skipped with a warning; a row of the wrong width is
/// kept or skipped as the pipeline says, with a warning; nothing is guessed.
public enum TableExtractor {
    public static func extract(bytes: [UInt8], file: String, mapping: ColumnMapping,
                               badRows: BadRowPolicy = .keep) -> ExtractedDocument {
        let at = { (line: Int) in SourceLocation(file: file, line: line) }
        let records: [CSVRecord]
        do {
            records = try CSVReader.read(bytes)
        } catch {
            let line = if case .unterminatedQuote(let line) = error { line } else { 0 }
            return ExtractedDocument(file: file, kind: nil, diagnostics: [
                Diagnostic(.unreadableTable, at: at(line), "cannot read the sheet (\(error.description)); skipped"),
            ])
        }
        guard let header = records.first else {
            return ExtractedDocument(file: file, kind: nil, diagnostics: [
                Diagnostic(.emptyFile, at: at(0), "sheet is empty; skipped"),
            ])
        }
        // Header names → column index, ignoring case and white space.
        let headerKeys = header.fields.map { $0.lowercased().collapsingWhitespace }
        var index: [ColumnMapping.Field: Int] = [:]
        for (field, name) in mapping.columns.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let position = headerKeys.firstIndex(of: name.lowercased().collapsingWhitespace) else {
                return ExtractedDocument(file: file, kind: nil, diagnostics: [
                    Diagnostic(.tableColumnMissing, at: at(header.line),
                               "the pipeline maps `\(field.rawValue)` to a column the sheet does not have; sheet skipped", raw: name),
                ])
            }
            index[field] = position
        }

        var sessions: [RawSession] = []
        var sessionIndex: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for record in records.dropFirst() {
            let raw = record.fields.joined(separator: ",")
            if record.fields.count != header.fields.count {
                diagnostics.append(Diagnostic(.tableRowWidth, at: at(record.line),
                                              "row has \(record.fields.count) fields, the header \(header.fields.count); "
                                              + (badRows == .keep ? "kept" : "skipped"), raw: raw))
                if badRows == .skip { continue }
            }
            func value(_ field: ColumnMapping.Field) -> String? {
                guard let position = index[field], position < record.fields.count else { return nil }
                let text = record.fields[position].collapsingWhitespace
                return text.isEmpty ? nil : text
            }
            guard let yearText = value(.year), let year = Int(yearText), (1990...2999).contains(year) else {
                diagnostics.append(Diagnostic(.tableValueUnreadable, at: at(record.line),
                                              "year is missing or not a year; row skipped", raw: value(.year) ?? ""))
                continue
            }
            guard let sessionText = value(.session) else {
                diagnostics.append(Diagnostic(.tableValueUnreadable, at: at(record.line),
                                              "session is empty; row skipped", raw: raw))
                continue
            }
            let number = sessionNumber(sessionText)
            let key = "\(year)|" + (number?.description ?? sessionText.foldedName)
            if sessionIndex[key] == nil {
                sessionIndex[key] = sessions.count
                sessions.append(RawSession(sourceKind: .table, year: year, number: number,
                                           title: value(.title) ?? (number == nil ? sessionText : ""),
                                           sessionType: value(.sessionType)?.sessionTypeCased, location: at(record.line)))
            }
            guard value(.name) != nil || value(.role) != nil || value(.stakeholder) != nil else { continue }
            var role = Role.unlabeled
            if let roleText = value(.role) {
                if let known = Role(cell: roleText) {
                    role = known
                } else {
                    diagnostics.append(Diagnostic(.unknownRole, at: at(record.line),
                                                  "role matches no known role; kept as unlabeled", raw: roleText))
                }
            } else if index[.role] != nil {
                diagnostics.append(Diagnostic(.missingRoleLabel, at: at(record.line), "row gives no role; kept as unlabeled", raw: raw))
            }
            var gender: Gender?
            if index[.gender] != nil {
                let cell = value(.gender) ?? ""
                gender = Gender(cell: cell)
                if gender == nil {
                    diagnostics.append(Diagnostic(.unknownGender, at: at(record.line),
                                                  "gender matches no known value; counted as not given", raw: cell))
                    gender = .notGiven
                }
            }
            sessions[sessionIndex[key]!].people.append(RawPerson(
                role: role, name: value(.name), organization: value(.organization), stakeholder: value(.stakeholder),
                region: value(.region), country: value(.country), gender: gender, location: at(record.line)))
        }
        return ExtractedDocument(file: file, kind: .table, sessions: sessions, diagnostics: diagnostics)
    }

    /// `WS #184`, `WS184`, `ws 184`, `OF #12` → a session number; anything else is a title.
    static func sessionNumber(_ text: String) -> SessionNumber? {
        var scanner = TextScanner(text)
        var prefix = ""
        while let next = scanner.rest.first, next.isLetter, prefix.count < 12 {
            prefix.append(next)
            scanner = TextScanner(scanner.rest.dropFirst())
        }
        guard !prefix.isEmpty else { return nil }
        scanner.skipWhitespace()
        _ = scanner.consume("#")
        scanner.skipWhitespace()
        guard let value = scanner.integer(), scanner.remainder().isBlank else { return nil }
        return SessionNumber(prefix: prefix, value: value)
    }
}
