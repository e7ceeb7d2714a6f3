import Foundation

/// Finds `Pipelines/default.yml` when a run names no pipeline.
public enum DefinitionLocator {
    /// The default definition's relative path inside a project.
    public static let defaultRelativePath = "Pipelines/default.yml"

    /// Looks in `start` and each folder above it, then in `fallbackRoots` (such as the
    /// source checkout the tool was built from).
    public static func findDefault(from start: URL, fallbackRoots: [URL] = []) throws(PipelineError) -> URL {
        var searched: [String] = []
        var folder = start.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(defaultRelativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            searched.append(folder.path)
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        for root in fallbackRoots {
            let candidate = root.appendingPathComponent(defaultRelativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            searched.append(root.path)
        }
        throw .noDefinition(searched: [searched.first, searched.last].compactMap { $0 })
    }
}
