// chiso-demo: writes the synthetic demo province's CSV files.
//
//     swift run chiso-demo [OUTPUT_FOLDER]      (default: Datasets/demo)
//
// Exit codes: 0 written, 2 a bad argument or a folder that cannot be written.
import ChisoDemo
import Foundation

let usage = """
    usage: chiso-demo [OUTPUT_FOLDER]
      Writes facilities.csv, observations.csv and plans.csv of the synthetic demo
      province into OUTPUT_FOLDER (default: \(DemoProvince.defaultFolder)), creating it if needed.

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n\(usage)".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["-h"] || arguments == ["--help"] {
    print(usage, terminator: "")
    exit(0)
}
guard arguments.count <= 1 else { fail("expected at most one folder, got \(arguments.count) arguments") }
let folder = arguments.first ?? DemoProvince.defaultFolder
guard !folder.isEmpty, !folder.hasPrefix("-") else { fail("'\(folder)' is not a folder name") }

let manager = FileManager.default
var isDirectory: ObjCBool = false
if manager.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
    fail("\(folder) exists and is not a folder")
}
do {
    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for file in DemoProvince.files() {
        let path = (folder as NSString).appendingPathComponent(file.name)
        try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        print("wrote \(path) (\(file.text.utf8.count) bytes)")
    }
} catch {
    fail("cannot write into \(folder): \(error.localizedDescription)")
}
