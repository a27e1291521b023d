// chiso-fuzz: the fuzz targets of Sources/ChisoFuzz.
//
// Built with libFuzzer (Fuzz/run.sh), the target is chosen by CHISO_FUZZ_TARGET and libFuzzer
// drives it. Built plainly, it replays files or a deterministic stream of mutations:
//     chiso-fuzz TARGET FILE...            each file once
//     chiso-fuzz TARGET --random N         the seeds, then N mutations of them
import ChisoFuzz
import Foundation

#if FUZZING
    let fuzzTarget = ProcessInfo.processInfo.environment["CHISO_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .query

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
        let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
        fuzzTarget.run(bytes)
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    // SwiftPM links an executable's entry as <product>_main; here it hands over to libFuzzer.
    @_cdecl("chiso_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runDriver(&count, &arguments, fuzzOne)
    }
#else
    @main struct ChisoFuzzMain {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                FileHandle.standardError.write(Data("usage: chiso-fuzz \(names) FILE... | --random N\n".utf8))
                exit(2)
            }
            if arguments.count == 3, arguments[1] == "--random", let count = Int(arguments[2]) {
                var runs = 0
                for input in FuzzInputs(seeds: target.seeds, count: count) {
                    target.run(input)
                    runs += 1
                }
                print("\(target.rawValue): \(runs) inputs, no crash")
            } else {
                for file in arguments.dropFirst() {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                        exit(2)
                    }
                    target.run(Array(data))
                }
                print("\(target.rawValue): \(arguments.count - 1) files, no crash")
            }
        }
    }
#endif
