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
}

/// Finds the documents of a run's input folders, in a fixed order.
enum InputDiscovery {
    /// Every file under each input folder (recursively, hidden entries skipped) whose name
    /// matches one of its patterns; sorted by display path, each file once. A folder reached
    /// again through a symbolic link (a loop) or a folder that cannot be listed is a warning.
    static func files(of inputs: [PipelineDefinition.Input], base: URL) throws(PipelineError)
        -> (files: [InputFile], diagnostics: [Diagnostic]) {
        var found: [InputFile] = []
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
            walk(input.folder, include: input.include, basePrefix: prefix(of: base), visited: &visited, into: &found,
                 diagnostics: &diagnostics)
        }
        // Sorted by display path; a file found twice (folders that overlap) counts once, as
        // found last. Display paths are made once for the sort, then let go.
        let displays = found.map(\.displayPath)
        let order = found.indices.sorted { (displays[$0], $0) < (displays[$1], $1) }
        var files: [InputFile] = []
        files.reserveCapacity(order.count)
        for (position, index) in order.enumerated() where position + 1 == order.count || displays[order[position + 1]] != displays[index] {
            files.append(found[index])
        }
        return (files, diagnostics)
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

    /// Lists with `readdir` and classifies with `stat`: one system call per entry and no URL
    /// work per file, which matters at tens of thousands of files.
    private static func walk(_ folder: URL, include: [String], basePrefix: String, visited: inout Set<String>,
                             into found: inout [InputFile], diagnostics: inout [Diagnostic]) {
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
        guard let names = entries(of: folderPath) else {
            diagnostics.append(Diagnostic(.unreadableFile, at: here, "folder cannot be listed; skipped"))
            return
        }
        let prefix = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = prefix + name
            var status = stat()
            guard stat(path, &status) == 0 else {
                if lstat(path, &status) == 0 {
                    diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: displayPath(ofStandardized: path, basePrefix: basePrefix), line: 0),
                                                  "symbolic link leads nowhere; skipped"))
                }
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                walk(URL(fileURLWithPath: path, isDirectory: true), include: include, basePrefix: basePrefix, visited: &visited,
                     into: &found, diagnostics: &diagnostics)
            } else if include.contains(where: { fnmatch($0, name, 0) == 0 }) {
                let display = displayPath(ofStandardized: path, basePrefix: basePrefix)
                found.append(InputFile(path: path, displayPath: display))
            }
        }
    }

    /// The names in a folder (`.` and `..` left out), or nil when it cannot be listed.
    private static func entries(of path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
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
