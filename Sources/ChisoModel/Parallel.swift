import Dispatch
import Foundation

/// Work split over the cores.
public enum Parallel {
    /// How many parts work is split into: one per core, from 1 to 8.
    public static let parts = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `work` for each part at once and gives back the results in the parts' order.
    public static func map<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [work(0)] : [] }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.put(work($0), at: $0) }
        return slots.values
    }
}

/// Places for results, each written once by one worker, read when all are done
/// (`concurrentPerform` returns only then).
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>

    init(_ count: Int) { buffer = .allocate(capacity: count) }

    func put(_ value: T, at index: Int) { buffer.initializeElement(at: index, to: value) }

    var values: [T] { Array(buffer) }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}

/// A column of plain values that workers fill at once, each its own places; it is read
/// only after they are all done, and every place is written before it is read.
final class SharedColumn<T: BitwiseCopyable>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>

    init(_ count: Int) { buffer = .allocate(capacity: count) }

    deinit { buffer.deallocate() }
}
