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
/// `String` and an `InputFile` per path cost three times the bytes of the paths. So each
/// folder's path is kept once (`folders`), each file's name after it back to back in buffers
/// of 64 KiB, and each document is made an `InputFile` only when it is read. Buffers of a
/// fixed size, never one that doubles: growing one buffer would hold the old copy and the
/// new one at once, the largest memory of a run over many small files. Sorting moves only
/// 4-byte places.
struct InputList: Sendable {
    /// The paths' heads: a folder's path up to its last `/` (or up to the display path, if
    /// that starts later), with where the display path starts in it.
    private var folders: [(bytes: [UInt8], displayStart: Int)] = []
    private var folderIndex: [[UInt8]: Int] = [:]
    /// Every path's rest after its head, back to back in the order found; none spans two.
    private var chunks: [[UInt8]] = []
    /// Per path found: its rest's chunk (32 bits), offset and length there (16 bits each),
    /// and its head (in `folders`).
    private var places: [UInt64] = []
    private var heads: [Int32] = []
    /// The paths kept, in input order (positions in `places`; after `sort`).
    private var order: [Int32] = []
    static let chunkSize = 1 << 16

    var count: Int { order.count }

    private func rest(_ found: Int) -> ArraySlice<UInt8> {
        let packed = places[found]
        let offset = Int(packed >> 16 & 0xFFFF)
        return chunks[Int(packed >> 32)][offset..<(offset + Int(packed & 0xFFFF))]
    }

    subscript(index: Int) -> InputFile {
        let found = Int(order[index])
        let head = folders[Int(heads[found])]
        return InputFile(path: String(decoding: head.bytes + rest(found), as: UTF8.self), displayStart: head.displayStart)
    }

    /// Adds a path whose display path starts at UTF-8 offset `displayStart`.
    mutating func append(path: String, displayStart: Int) throws(PipelineError) {
        var path = path
        let refusal = path.withUTF8 { append(utf8: $0, displayStart: displayStart) }
        if let refusal { throw .unreadable(path: path, reason: refusal) }
    }

    /// The same for the path's bytes; why it cannot be kept, or nil. A path in the folder
    /// of the one before (nearly always) is compared in place, not copied for it.
    mutating func append(utf8: UnsafeBufferPointer<UInt8>, displayStart: Int) -> String? {
        guard displayStart >= 0, displayStart <= utf8.count else { preconditionFailure("the display path is a part of the path") }
        let split = max(displayStart, (utf8.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1)
        let name = UnsafeBufferPointer(rebasing: utf8[split...]), head = UnsafeBufferPointer(rebasing: utf8[..<split])
        guard name.count < Self.chunkSize else { return "the file name is longer than 64 KiB" }
        let folder: Int
        if let last = folders.indices.last, folders[last].displayStart == displayStart, folders[last].bytes.elementsEqual(head) {
            folder = last  // the folder added last: a folder's files are listed together
        } else {
            let key = Array(head) + [0] + Array(String(displayStart).utf8)
            if let known = folderIndex[key] {
                folder = known
            } else {
                guard folders.count < Int(Int32.max) else { return "more than 2 billion input folders" }
                folder = folders.count
                folders.append((Array(head), displayStart))
                folderIndex[key] = folder
            }
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count + name.count > Self.chunkSize {
            guard places.count < Int(Int32.max) else { return "more than 2 billion input files" }
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        let chunk = chunks.count - 1
        places.append(UInt64(chunk) << 32 | UInt64(chunks[chunk].count) << 16 | UInt64(name.count))
        heads.append(Int32(folder))
        chunks[chunk].append(contentsOf: name)
        return nil
    }

    /// Puts what was found in input order: sorted by the UTF-8 bytes of the display path
    /// (the order `RunStore` sorts text in), each display path once, as found last.
    mutating func sort() {
        // The display paths' heads; paths whose heads are alike (one folder, nearly always)
        // compare by their rests, in place.
        let displayHeads = folders.map { Array($0.bytes[$0.displayStart...]) }
        func rest(_ found: Int32) -> (chunk: Int, range: Range<Int>) {
            let packed = places[Int(found)]
            let offset = Int(packed >> 16 & 0xFFFF)
            return (Int(packed >> 32), offset..<(offset + Int(packed & 0xFFFF)))
        }
        func compare(_ a: Int32, _ b: Int32) -> Int {
            let headA = Int(heads[Int(a)]), headB = Int(heads[Int(b)])
            let left = rest(a), right = rest(b)
            if headA == headB || displayHeads[headA] == displayHeads[headB] {
                return chunks[left.chunk].withUnsafeBytes { l in
                    chunks[right.chunk].withUnsafeBytes { r in
                        ByteOrder.compare(UnsafeRawBufferPointer(rebasing: l[left.range]), UnsafeRawBufferPointer(rebasing: r[right.range]))
                    }
                }
            }
            let l = displayHeads[headA] + chunks[left.chunk][left.range], r = displayHeads[headB] + chunks[right.chunk][right.range]
            return l.withUnsafeBytes { l in r.withUnsafeBytes { r in ByteOrder.compare(l, r) } }
        }
        // Paths of one folder (nearly always) also get a key: the first 8 bytes of the name
        // after the part every name shares (`gen-00` of `gen-000123-…`), big-endian, zeros past
        // the end. Names whose keys differ are in the keys' order, two integers compared; only
        // equal keys compare the names.
        var keys = [UInt64](repeating: 0, count: places.count)
        if let first = heads.first, heads.allSatisfy({ $0 == first }) {
            let (firstChunk, firstRange) = rest(0)
            var shared = firstRange.count
            for found in places.indices {
                let (chunk, range) = rest(Int32(found))
                var length = 0
                while length < min(shared, range.count), chunks[chunk][range.lowerBound + length] == chunks[firstChunk][firstRange.lowerBound + length] {
                    length += 1
                }
                shared = length
            }
            for found in places.indices {
                let (chunk, range) = rest(Int32(found))
                var key: UInt64 = 0
                for offset in 0..<8 {
                    let position = range.lowerBound + shared + offset
                    key = key << 8 | UInt64(position < range.upperBound ? chunks[chunk][position] : 0)
                }
                keys[found] = key
            }
        }
        var sorted = (0..<Int32(places.count)).map { $0 }
        sorted.sort { a, b in
            let left = keys[Int(a)], right = keys[Int(b)]
            if left != right { return left < right }
            let order = compare(a, b)
            return order != 0 ? order < 0 : a < b
        }
        var kept = 0
        for position in sorted.indices where position + 1 == sorted.count || keys[Int(sorted[position])] != keys[Int(sorted[position + 1])]
            || compare(sorted[position], sorted[position + 1]) != 0 {
            sorted[kept] = sorted[position]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        order = sorted
        folderIndex = [:]
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
        let displayStart = prefix.hasPrefix(basePrefix) ? basePrefix.utf8.count : 0  // the same for every file here
        // A regular file, nearly every entry, is read on its bytes: its name matched as the C
        // string `readdir` gives and its path built in one reused buffer, no `String` made.
        var filePath = Array(prefix.utf8)
        let prefixCount = filePath.count
        while let entry = readdir(directory) {
            let type = Int32(entry.pointee.d_type)
            let kept: Bool? = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = raw.bindMemory(to: CChar.self)
                guard let first = name.first, first != CChar(UInt8(ascii: ".")), first != 0 else { return false }  // hidden, `.`, `..`
                guard type == Int32(DT_REG) else { return nil }
                filePath.removeLast(filePath.count - prefixCount)
                filePath.append(contentsOf: UnsafeRawBufferPointer(start: raw.baseAddress, count: strlen(name.baseAddress!)))
                return include.contains { fnmatch($0, name.baseAddress!, 0) == 0 }
            }
            switch kept {
            case true?:
                if let refusal = filePath.withUnsafeBufferPointer({ found.append(utf8: $0, displayStart: displayStart) }) {
                    throw .unreadable(path: String(decoding: filePath, as: UTF8.self), reason: refusal)
                }
                continue
            case false?:
                continue
            case nil:
                break
            }
            // A folder, a link or an entry of unknown type.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            let path = prefix + name
            let isFolder: Bool
            if type == Int32(DT_DIR) {
                isFolder = true
            } else {
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
                try found.append(path: path, displayStart: displayStart)
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
