// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "igf-participation",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "igf-participation", targets: ["igf-participation"]),
        .library(name: "IGFParticipation", targets: ["IGFParticipation"]),
    ],
    traits: [
        .trait(name: "LibCSV", description: "Read CSV with Debian's libcsv (apt-get install libcsv-dev) beside the built-in reader."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // The system SQLite (Debian libsqlite3-dev) for the incremental-run cache.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // libcsv's header and library, used only with the LibCSV trait.
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV"),
        // RFC 4180 reading and writing; its own module so the libcsv backend sits behind a trait.
        .target(name: "IGFCSV", dependencies: [.target(name: "CLibCSV", condition: .when(traits: ["LibCSV"]))]),
        // The staged pipeline: Model → Extract → Normalize → Aggregate → Write, run by Pipeline.
        .target(
            name: "IGFParticipation",
            dependencies: [
                "IGFCSV",
                "CSQLite",
                "CSystemTuning",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What the tool asks of the C library and the kernel beyond Swift's Glibc module:
        // glibc's allocator thresholds (set once at start), the heap's figures for the
        // debug log, and early write-back of output files.
        .target(name: "CSystemTuning"),
        // The command-line tool: parses arguments, calls the pipeline, prints.
        .executableTarget(
            name: "igf-participation",
            dependencies: [
                "IGFParticipation",
                "CSystemTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libFuzzer targets (Fuzz/run.sh); in ordinary builds, replayers of crash files.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "fuzz-proposal", dependencies: ["IGFParticipation", "IGFCSV", "FuzzSupport"]),
        .executableTarget(name: "fuzz-report-page", dependencies: ["IGFParticipation", "IGFCSV", "FuzzSupport"]),
        .executableTarget(name: "fuzz-event-listing", dependencies: ["IGFParticipation", "IGFCSV", "FuzzSupport"]),
        .executableTarget(name: "fuzz-table", dependencies: ["IGFParticipation", "IGFCSV", "FuzzSupport"]),
        .executableTarget(name: "fuzz-csv", dependencies: ["IGFCSV", "FuzzSupport"]),
        // Times the CSV reader backends (Benchmarks/csv-readers.sh); not part of the tool.
        .executableTarget(name: "csv-benchmark", dependencies: ["IGFCSV"]),
        .testTarget(name: "IGFCSVTests", dependencies: ["IGFCSV"], exclude: ["Fixtures"]),
        .testTarget(
            name: "IGFParticipationTests",
            dependencies: ["IGFParticipation", "IGFCSV"],
            exclude: ["Fixtures", "Python"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
