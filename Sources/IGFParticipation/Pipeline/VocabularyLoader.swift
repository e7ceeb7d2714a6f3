import Foundation

/// Reads a vocabulary folder into the vocabularies the normalize stage applies.
public enum VocabularyLoader {
    /// Reads `stakeholder-groups.csv`, `regional-groups.csv`, `countries.csv` and, when present,
    /// `people-aliases.csv` from `folder`.
    public static func load(_ folder: URL) throws(PipelineError) -> Vocabularies {
        func bytes(_ name: String) throws(PipelineError) -> (bytes: [UInt8], path: String) {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw .unreadable(path: url.path, reason: "vocabulary file is missing")
            }
            return (try FileAccess.read(url).get(), url.path)
        }
        do {
            let stakeholders = try bytes(Vocabularies.FileName.stakeholders)
            let regions = try bytes(Vocabularies.FileName.regions)
            let countries = try bytes(Vocabularies.FileName.countries)
            let peopleURL = folder.appendingPathComponent(Vocabularies.FileName.people)
            let people = FileManager.default.fileExists(atPath: peopleURL.path)
                ? try PeopleAliases.parse(csv: try FileAccess.read(peopleURL).get(), file: peopleURL.path) : PeopleAliases()
            var vocabularies = Vocabularies(
                stakeholders: try Vocabulary.parse(csv: stakeholders.bytes, file: stakeholders.path,
                                                   canonical: StakeholderGroup.groups),
                regions: try Vocabulary.parse(csv: regions.bytes, file: regions.path,
                                              canonical: RegionalGroup.groups),
                countries: try CountryVocabulary.parse(csv: countries.bytes, file: countries.path),
                people: people)
            let peopleBytes = (try? FileAccess.read(peopleURL).get()) ?? []
            vocabularies.fingerprint = Hashing.sha256(stakeholders.bytes + [0] + regions.bytes + [0] + countries.bytes + [0] + peopleBytes)
            return vocabularies
        } catch let error as VocabularyError {
            throw .vocabulary(error)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .unreadable(path: folder.path, reason: "\(error)")
        }
    }
}
