import Foundation

/// One document the run will read.
public struct InputFile: Hashable, Sendable {
    public var url: URL
    /// How outputs and warnings name the file: relative to the run's base folder when the
    /// file is under it (`Data/corpus/x.txt`), so outputs do not depend on where the run starts.
    public var displayPath: String
}

/// Finds the documents of a run's input folders, in a fixed order.
enum InputDiscovery {
    /// Every file under each input folder (recursively, hidden entries skipped) whose name
    /// matches one of its patterns; sorted by display path, each file once. A folder reached
    /// again through a symbolic link (a loop) or a folder that cannot be listed is a warning.
    static func files(of inputs: [PipelineDefinition.Input], base: URL) throws(PipelineError)
        -> (files: [InputFile], diagnostics: [Diagnostic]) {
        var found: [String: InputFile] = [:]
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
            walk(input.folder, include: input.include, base: base, visited: &visited, into: &found, diagnostics: &diagnostics)
        }
        return (found.values.sorted { $0.displayPath < $1.displayPath }, diagnostics)
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
            found.append((InputFile(url: table.file, displayPath: displayPath(of: table.file, base: base)), table))
        }
        return found
    }

    private static func walk(_ folder: URL, include: [String], base: URL, visited: inout Set<String>,
                             into found: inout [String: InputFile], diagnostics: inout [Diagnostic]) {
        let here = SourceLocation(file: displayPath(of: folder, base: base), line: 0)
        guard let real = realpath(folder.path, nil).map({ pointer in defer { free(pointer) }; return String(cString: pointer) }) else {
            diagnostics.append(Diagnostic(.unreadableFile, at: here, "folder cannot be resolved (\(String(cString: strerror(errno)))); skipped"))
            return
        }
        guard visited.insert(real).inserted else {
            diagnostics.append(Diagnostic(.symlinkLoop, at: here, "folder leads back to \(real), already read (a symbolic-link loop); not read again"))
            return
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            diagnostics.append(Diagnostic(.unreadableFile, at: here, "folder cannot be listed; skipped"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                var status = stat()
                if lstat(url.path, &status) == 0 {
                    diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: displayPath(of: url, base: base), line: 0),
                                                  "symbolic link leads nowhere; skipped"))
                }
                continue
            }
            if isDirectory.boolValue {
                walk(url, include: include, base: base, visited: &visited, into: &found, diagnostics: &diagnostics)
            } else if include.contains(where: { fnmatch($0, name, 0) == 0 }) {
                let display = displayPath(of: url, base: base)
                found[display] = InputFile(url: url, displayPath: display)
            }
        }
    }

    static func displayPath(of url: URL, base: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = base.standardizedFileURL.path.hasSuffix("/") ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
