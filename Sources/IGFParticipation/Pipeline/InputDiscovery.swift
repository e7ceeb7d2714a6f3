import Foundation

/// One document the run will read.
///
/// A run keeps one per input until it ends, so it is small: the path once (not a `URL`,
/// which costs ten times the memory), and the display path as the part of it after the
/// base folder.
public struct InputFile: Hashable, Sendable {
    /// The file's path as the run reads it.
    public let path: String
    /// Where the display path starts in `path` (UTF-8 bytes), or -1 when it is `otherDisplay`.
    private let displayStart: Int
    private let otherDisplay: String?

    init(path: String, displayPath: String) {
        self.path = path
        if path.utf8.count >= displayPath.utf8.count, path.utf8.suffix(displayPath.utf8.count).elementsEqual(displayPath.utf8) {
            displayStart = path.utf8.count - displayPath.utf8.count
            otherDisplay = nil
        } else {
            displayStart = -1
            otherDisplay = displayPath
        }
    }

    public var url: URL { URL(fileURLWithPath: path, isDirectory: false) }

    /// How outputs and warnings name the file: relative to the run's base folder when the
    /// file is under it (`Data/corpus/x.txt`), so outputs do not depend on where the run starts.
    public var displayPath: String {
        otherDisplay ?? String(decoding: path.utf8.dropFirst(displayStart), as: UTF8.self)
    }

    /// A file whose display path is `path` from UTF-8 offset `displayStart` on.
    init(path: String, displayStart: Int) {
        self.path = path
        self.displayStart = displayStart
        otherDisplay = nil
    }
}

/// The documents a run found, in input order, kept compactly.
///
/// A run holds its list until every document is stored; at tens of thousands of files a
/// `String` and an `InputFile` per path cost three times the bytes of the paths, so the
/// paths sit back to back in one buffer and each document is made an `InputFile` only when
/// it is read.
struct InputList: Sendable {
    /// Every path's UTF-8 bytes, back to back, in the order found.
    private var bytes: [UInt8] = []
    /// Per path found: where it starts in `bytes`, and where its display path starts.
    private var starts: [Int32] = []
    private var displayStarts: [Int32] = []
    /// The paths kept, in input order (positions in `starts`).
    private var order: [Int32] = []

    var count: Int { order.count }

    subscript(index: Int) -> InputFile {
        let found = Int(order[index])
        let start = Int(starts[found]), end = found + 1 < starts.count ? Int(starts[found + 1]) : bytes.count
        return InputFile(path: String(decoding: bytes[start..<end], as: UTF8.self), displayStart: Int(displayStarts[found]) - start)
    }

    /// Adds a path whose display path starts at UTF-8 offset `displayStart`.
    mutating func append(path: String, displayStart: Int) throws(PipelineError) {
        guard bytes.count + path.utf8.count < Int(Int32.max) else {
            throw .unreadable(path: path, reason: "the input folders hold more than 2 GB of file paths")
        }
        starts.append(Int32(bytes.count))
        displayStarts.append(Int32(bytes.count + displayStart))
        bytes.append(contentsOf: path.utf8)
    }

    /// Puts what was found in input order: sorted by the UTF-8 bytes of the display path
    /// (the order `RunStore` sorts text in), each display path once, as found last.
    mutating func sort() {
        let found = starts.count
        func display(_ index: Int) -> Range<Int> {
            Int(displayStarts[index])..<(index + 1 < found ? Int(starts[index + 1]) : bytes.count)
        }
        let order = bytes.withUnsafeBufferPointer { buffer in
            func compare(_ a: Int, _ b: Int) -> Int {
                ByteOrder.compare(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[display(a)])),
                                  UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[display(b)])))
            }
            let sorted = (0..<found).sorted { a, b in
                let order = compare(a, b)
                return order != 0 ? order < 0 : a < b
            }
            return sorted.indices.compactMap { position -> Int32? in
                position + 1 < sorted.count && compare(sorted[position], sorted[position + 1]) == 0 ? nil : Int32(sorted[position])
            }
        }
        self.order = order
    }
}

/// Finds the documents of a run's input folders, in a fixed order.
enum InputDiscovery {
    /// Every file under each input folder (recursively, hidden entries skipped) whose name
    /// matches one of its patterns; sorted by display path, each file once. A folder reached
    /// again through a symbolic link (a loop) or a folder that cannot be listed is a warning.
    static func files(of inputs: [PipelineDefinition.Input], base: URL) throws(PipelineError)
        -> (files: InputList, diagnostics: [Diagnostic]) {
        var found = InputList()
        var diagnostics: [Diagnostic] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input.folder.path, isDirectory: &isDirectory) else {
                throw .unreadable(path: input.folder.path, reason: "input folder does not exist")
            }
            guard isDirectory.boolValue else {
                throw .unreadable(path: input.folder.path, reason: "input is not a folder")
            }
            var visited = Set<String>()
            try walk(input.folder, include: input.include, basePrefix: prefix(of: base), visited: &visited, into: &found,
                     diagnostics: &diagnostics)
        }
        found.sort()
        return (found, diagnostics)
    }

    /// The sheets a pipeline names, each of which must exist.
    static func tables(_ tables: [PipelineDefinition.TableInput], base: URL) throws(PipelineError)
        -> [(InputFile, PipelineDefinition.TableInput)] {
        var found: [(InputFile, PipelineDefinition.TableInput)] = []
        for table in tables {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: table.file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw .unreadable(path: table.file.path, reason: "table file does not exist")
            }
            found.append((InputFile(path: table.file.path, displayPath: displayPath(of: table.file, base: base)), table))
        }
        return found
    }

    /// Lists with `readdir` and classifies by the type it gives (a `stat` only for a symbolic
    /// link or an entry of unknown type): no system call per file and no URL work, which
    /// matters at tens of thousands of files. Entries are taken as
    /// `readdir` gives them, not collected first (the caller sorts what is found).
    private static func walk(_ folder: URL, include: [String], basePrefix: String, visited: inout Set<String>,
                             into found: inout InputList, diagnostics: inout [Diagnostic]) throws(PipelineError) {
        let folderPath = folder.standardizedFileURL.path
        let here = SourceLocation(file: displayPath(ofStandardized: folderPath, basePrefix: basePrefix), line: 0)
        guard let real = realpath(folderPath, nil).map({ pointer in defer { free(pointer) }; return String(cString: pointer) }) else {
            diagnostics.append(Diagnostic(.unreadableFile, at: here, "folder cannot be resolved (\(String(cString: strerror(errno)))); skipped"))
            return
        }
        guard visited.insert(real).inserted else {
            diagnostics.append(Diagnostic(.symlinkLoop, at: here, "folder leads back to \(real), already read (a symbolic-link loop); not read again"))
            return
        }
        guard let directory = opendir(folderPath) else {
            diagnostics.append(Diagnostic(.unreadableFile, at: here, "folder cannot be listed; skipped"))
            return
        }
        defer { closedir(directory) }
        let prefix = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }  // hidden entries, `.` and `..`
            let path = prefix + name
            let isFolder: Bool
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): isFolder = false
            case Int32(DT_DIR): isFolder = true
            default:
                var status = stat()
                guard stat(path, &status) == 0 else {
                    if lstat(path, &status) == 0 {
                        diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: displayPath(ofStandardized: path, basePrefix: basePrefix), line: 0),
                                                      "symbolic link leads nowhere; skipped"))
                    }
                    continue
                }
                isFolder = (status.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder {
                try walk(URL(fileURLWithPath: path, isDirectory: true), include: include, basePrefix: basePrefix, visited: &visited,
                         into: &found, diagnostics: &diagnostics)
            } else if include.contains(where: { fnmatch($0, name, 0) == 0 }) {
                try found.append(path: path, displayStart: path.hasPrefix(basePrefix) ? basePrefix.utf8.count : 0)
            }
        }
    }

    /// As `displayPath(of:base:)` for a path already standardized.
    static func displayPath(ofStandardized path: String, basePrefix prefix: String) -> String {
        path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The base folder's path with a trailing `/`, as display paths drop it.
    static func prefix(of base: URL) -> String {
        let path = base.standardizedFileURL.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    static func displayPath(of url: URL, base: URL) -> String {
        displayPath(ofStandardized: url.standardizedFileURL.path, basePrefix: prefix(of: base))
    }
}
