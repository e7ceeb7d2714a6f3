import Foundation

/// A key that sorts as its parts do, one after another, when its bytes are compared
/// (`ByteOrder`): an integer as 8 bytes, big-endian, its sign bit flipped; a text as its
/// UTF-8 bytes, each 0 byte written as 0 0xFF, then 0 0 to end it. So a text sorts before a
/// longer one it begins, and before any later part is looked at: SQLite's order for the
/// same columns, and Swift's for NFC text (`ByteOrder`).
struct SortKey {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(64)
    }

    mutating func int(_ value: Int) {
        let bits = UInt64(bitPattern: Int64(value)) ^ (1 << 63)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            if utf8.contains(0) {
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == 0 { bytes.append(0xFF) }
                }
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(0)
        bytes.append(0)
    }
}

/// Reads a `SortKey`'s parts back in the order they were written. It borrows the bytes,
/// like `ByteReader`.
struct SortKeyReader {
    private let bytes: UnsafeRawBufferPointer
    private var at = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func int() throws(StoreCodingError) -> Int {
        guard bytes.count - at >= 8 else { throw StoreCodingError() }
        var bits: UInt64 = 0
        for index in at..<(at + 8) { bits = bits << 8 | UInt64(bytes[index]) }
        at += 8
        return Int(Int64(bitPattern: bits ^ (1 << 63)))
    }

    /// A text part as it was written, without its end: equal texts give equal bytes, and
    /// the bytes sort as the texts do.
    mutating func stringBytes() throws(StoreCodingError) -> UnsafeRawBufferPointer {
        let start = at
        while true {
            guard bytes.count - at >= 2 else { throw StoreCodingError() }
            if bytes[at] == 0 {
                if bytes[at + 1] == 0 { break }
                guard bytes[at + 1] == 0xFF else { throw StoreCodingError() }
                at += 2
            } else {
                at += 1
            }
        }
        defer { at += 2 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<at])
    }

    mutating func string() throws(StoreCodingError) -> String {
        Self.text(try stringBytes())
    }

    /// The text `stringBytes` gave the written form of.
    static func text(_ written: UnsafeRawBufferPointer) -> String {
        guard written.contains(0) else { return String(decoding: written, as: UTF8.self) }
        var plain: [UInt8] = []
        var skip = false
        for byte in written {
            if skip { skip = false; continue }
            plain.append(byte)
            skip = byte == 0
        }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// Records, each a `SortKey` and a value, sorted by key in bounded memory.
///
/// Records are held until they take `budget` bytes; then they are sorted and written out as
/// one run to a temporary file (`RecordFile`), and the next ones gathered. `sorted()` reads
/// them back in key order: from memory when they never filled the budget, else merging the
/// runs, each read a piece at a time. Records with equal keys come in the order they were
/// added. So its memory is the budget and a piece of each run, however many records come.
final class ExternalSorter {
    private let budget: Int
    /// The records in memory, one after another: key, then value.
    private var storage: UnsafeMutableRawBufferPointer
    private var used = 0
    private var entries: [Entry] = []
    /// The runs written so far: where each starts and ends in `file`.
    private var runs: [Range<Int>] = []
    private var file: RecordFile?
    /// The records in memory are in key order (sorted by `settle`, none added since).
    private var inOrder = false

    /// A record in `storage`: where it starts, its key's length and its value's.
    fileprivate struct Entry {
        var start: Int
        var keyCount: Int32
        var valueCount: Int32

        var keyEnd: Int { start + Int(keyCount) }
        var end: Int { keyEnd + Int(valueCount) }
    }

    /// The default budget: a quarter of a megabyte, about the keys of a year's sessions of a
    /// 100 MB corpus (some 3,000 sessions). A run keeps a few sorts per store at once, and
    /// the memory they take must not grow with the corpus: a larger one spills sooner.
    static let defaultBudget = 1 << 18
    /// Each run is read back a piece of at most this size at a time.
    static let runPiece = 1 << 14

    init(budget: Int = defaultBudget) {
        self.budget = max(1, budget)
        storage = .allocate(byteCount: min(self.budget, 1 << 12), alignment: 8)
    }

    deinit {
        storage.deallocate()
    }

    /// Records added so far.
    private(set) var count = 0

    func add(_ key: SortKey, value: [UInt8] = []) throws(PipelineError) {
        let size = key.bytes.count + value.count
        if used > 0, used + size > budget { try spill() }
        if used + size > storage.count {
            // Grows by doubling up to the budget (a record larger than the budget is held alone).
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(min(storage.count * 2, budget), used + size), alignment: 8)
            grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<used]))
            storage.deallocate()
            storage = grown
        }
        key.bytes.withUnsafeBytes { if let base = $0.baseAddress { storage.baseAddress!.advanced(by: used).copyMemory(from: base, byteCount: $0.count) } }
        value.withUnsafeBytes { if let base = $0.baseAddress { storage.baseAddress!.advanced(by: used + key.bytes.count).copyMemory(from: base, byteCount: $0.count) } }
        entries.append(Entry(start: used, keyCount: Int32(key.bytes.count), valueCount: Int32(value.count)))
        inOrder = false
        used += size
        count += 1
    }

    /// Sorts the records in memory: by key bytes, then the order they came in.
    private func sortEntries() {
        let base = UnsafeRawBufferPointer(storage)
        entries.sort { left, right in
            let order = ByteOrder.compare(UnsafeRawBufferPointer(rebasing: base[left.start..<left.keyEnd]),
                                          UnsafeRawBufferPointer(rebasing: base[right.start..<right.keyEnd]))
            return order != 0 ? order < 0 : left.start < right.start
        }
    }

    /// Writes the records in memory out as a sorted run: each a record of the file, its
    /// key's length (`ByteWriter.int`), the key, the value.
    private func spill() throws(PipelineError) {
        sortEntries()
        let file: RecordFile
        if let existing = self.file {
            file = existing
        } else {
            file = try RecordFile()
            self.file = file
        }
        let start = file.length
        for entry in entries {
            var record = ByteWriter(capacity: Int(entry.keyCount) + Int(entry.valueCount) + 4)
            record.int(Int(entry.keyCount))
            record.raw(UnsafeRawBufferPointer(rebasing: storage[entry.start..<entry.end]))
            file.append(record.bytes)
        }
        runs.append(start..<file.length)
        entries.removeAll(keepingCapacity: true)
        used = 0
    }

    /// Done adding for now, the records read later: when some are already written out,
    /// writes the rest out too and lets the memory go, so a store that waits for the others
    /// holds no more than a small sort's records. Records all in memory are sorted now, on
    /// the thread that added them, so `sorted()` on another (a reader of every store's sort,
    /// one after another) has nothing left to sort.
    func settle() throws(PipelineError) {
        guard !runs.isEmpty else {
            sortEntries()
            inOrder = true
            return
        }
        if !entries.isEmpty { try spill() }
        entries = []
        storage.deallocate()
        storage = .allocate(byteCount: 16, alignment: 8)
        try file?.finish()
    }

    /// Every record added, in key order. Call once, after the last `add`.
    func sorted() throws(PipelineError) -> SortedRecords {
        if runs.isEmpty {
            if !inOrder { sortEntries() }
            return SortedRecords(memory: storage, entries: entries, owner: self)
        }
        if !entries.isEmpty { try spill() }
        var readers: [RecordReader] = []
        // The runs' pieces together take about the budget, however many runs there are.
        let piece = max(1 << 12, min(Self.runPiece, budget / runs.count))
        for run in runs { readers.append(try file!.records(from: run.lowerBound, to: run.upperBound, piece: piece)) }
        return try SortedRecords(runs: readers, owner: self)
    }
}

/// An `ExternalSorter`'s records in key order, one at a time: `next()` steps to a record,
/// whose `key` and `value` stay valid until the next step.
final class SortedRecords {
    private(set) var key = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var value = UnsafeRawBufferPointer(start: nil, count: 0)
    /// What keeps the bytes alive.
    private let owner: ExternalSorter
    private let memory: UnsafeMutableRawBufferPointer?
    private let entries: [ExternalSorter.Entry]
    private var position = -1
    /// The runs, and a heap of the ones with a record left (by their record's key, then
    /// their place), each with its current record.
    private let runs: [RecordReader]
    private var current: [(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)] = []
    private var heap: [Int] = []
    private var started = false

    fileprivate init(memory: UnsafeMutableRawBufferPointer, entries: [ExternalSorter.Entry], owner: ExternalSorter) {
        self.memory = memory
        self.entries = entries
        self.owner = owner
        runs = []
    }

    fileprivate init(runs: [RecordReader], owner: ExternalSorter) throws(PipelineError) {
        memory = nil
        entries = []
        self.owner = owner
        self.runs = runs
        current = Array(repeating: (UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0)), count: runs.count)
    }

    /// Steps to the next record: false at the end.
    func next() throws(PipelineError) -> Bool {
        if let memory {
            position += 1
            guard position < entries.count else { return false }
            let entry = entries[position]
            key = UnsafeRawBufferPointer(rebasing: memory[entry.start..<entry.keyEnd])
            value = UnsafeRawBufferPointer(rebasing: memory[entry.keyEnd..<entry.end])
            return true
        }
        if !started {
            started = true
            for run in runs.indices {
                if try advance(run) { push(run) }
            }
        } else if let last = heap.first {
            // The record handed out last is the top's; its run moves on.
            if try advance(last) { siftDown(0) } else { popTop() }
        }
        guard let top = heap.first else { return false }
        (key, value) = current[top]
        return true
    }

    /// Reads the next record of run `run` into `current`; false at the run's end.
    private func advance(_ run: Int) throws(PipelineError) -> Bool {
        guard let record = try runs[run].next() else { return false }
        let (length, header) = try RunStore.decoding { () throws(StoreCodingError) in
            var reader = ByteReader(record)
            return (try reader.int(), reader.offset)
        }
        guard length >= 0, length <= record.count - header else { throw RunStore.damaged }
        current[run] = (UnsafeRawBufferPointer(rebasing: record[header..<(header + length)]),
                        UnsafeRawBufferPointer(rebasing: record[(header + length)...]))
        return true
    }

    private func precedes(_ left: Int, _ right: Int) -> Bool {
        let order = ByteOrder.compare(current[left].key, current[right].key)
        return order != 0 ? order < 0 : left < right
    }

    private func push(_ run: Int) {
        heap.append(run)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var least = parent
            if left < heap.count, precedes(heap[left], heap[least]) { least = left }
            if right < heap.count, precedes(heap[right], heap[least]) { least = right }
            guard least != parent else { return }
            heap.swapAt(parent, least)
            parent = least
        }
    }
}
