import Foundation

/// The extract stage: bytes of one file in, the sessions it describes out.
///
/// Pure: it reads no file and prints nothing. A file it cannot use (empty, invalid UTF-8,
/// of no known kind) yields a warning naming the file and is skipped; nothing else is lost.
public enum Extractor {
    /// Detects the document's kind and extracts its sessions.
    /// Lines longer than this are not read (a page of text has no such line; a dump may).
    public static let maximumLineBytes = 1 << 20

    public static func extract(bytes: [UInt8], file: String, vocabularies: Vocabularies) -> ExtractedDocument {
        // NUL bytes do not occur in text pages: a file holding them in its first 8 KiB is binary.
        let nul = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                memchr(base, 0, min(buffer.count, 8192)).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) }
            }
        }
        if let nul {
            return skipped(file, Diagnostic(.binaryFile, at: SourceLocation(file: file, line: 0), byteOffset: nul,
                                            "file holds NUL bytes, so it is binary, not a text page; skipped"))
        }
        var text: DocumentText
        switch DocumentText.decode(bytes) {
        case .success(let decoded):
            text = decoded
        case .failure(.empty):
            return skipped(file, Diagnostic(.emptyFile, at: SourceLocation(file: file, line: 0),
                                            "file is empty; skipped"))
        case .failure(.invalidUTF8(let offset, let line)):
            return skipped(file, Diagnostic(.invalidUTF8, at: SourceLocation(file: file, line: line),
                                            byteOffset: offset, "file is not valid UTF-8; skipped"))
        }
        var longLines: [Diagnostic] = []
        for index in text.lines.indices where text.lines.byteCount(of: index) > maximumLineBytes {
            let line = text.lines[index]
            longLines.append(Diagnostic(.lineTooLong, at: SourceLocation(file: file, line: line.number),
                                        "line of \(line.text.utf8.count) bytes is longer than \(maximumLineBytes); not read",
                                        raw: String(line.text.prefix(80))))
            text.lines.clear(index)
        }
        var document = extract(text: text, file: file, vocabularies: vocabularies)
        document.diagnostics = longLines + document.diagnostics
        return document
    }

    /// Extracts from text already decoded. The vocabularies tell report people from prose.
    public static func extract(text: DocumentText, file: String, vocabularies: Vocabularies) -> ExtractedDocument {
        if ProposalExtractor.recognizes(text) {
            return ProposalExtractor.extract(text, file: file)
        }
        if ReportPageExtractor.recognizes(text) {
            return ReportPageExtractor.extract(text, file: file, vocabularies: vocabularies)
        }
        // A listing is recognized by its schedule lines, which takes reading every line: its
        // extraction reads them once, saying nil when it finds none.
        if let listing = EventListingExtractor.extractIfListing(text, file: file) {
            return listing
        }
        let first = text.nextNonBlank(from: 0).map { text.lines[$0] }
        return skipped(file, Diagnostic(.unknownKind, at: SourceLocation(file: file, line: first?.number ?? 0),
                                        "document of no known kind; skipped",
                                        raw: String((first?.text.trimmed ?? "").prefix(120))))
    }

    private static func skipped(_ file: String, _ diagnostic: Diagnostic) -> ExtractedDocument {
        ExtractedDocument(file: file, kind: nil, diagnostics: [diagnostic])
    }
}
