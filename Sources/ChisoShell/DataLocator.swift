import Foundation

/// Finds the bundled `Datasets/` when no `--data` is given.
public enum DataLocator {
    /// The data folders to load by default: `CHISO_DATA` (paths separated by `:`) if set;
    /// otherwise each dataset folder of the nearest `Datasets/` above the executable, above
    /// the working folder, or beside the sources the binary was built from.
    public static func defaultPaths(
        environment: [String: String], executable: String, workingDirectory: String, sourceRoot: String
    ) -> [String]? {
        if let override = environment["CHISO_DATA"], !override.isEmpty {
            return override.split(separator: ":").map(String.init)
        }
        let executableDirectory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
        for start in [executableDirectory, workingDirectory, sourceRoot] {
            if let datasets = findUpward("Datasets", from: start) { return datasetFolders(in: datasets) }
        }
        return nil
    }

    static func findUpward(_ name: String, from start: String) -> String? {
        var directory = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// Each sub-folder of `Datasets/` is a dataset; files directly inside count as one more.
    static func datasetFolders(in datasets: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: datasets)) ?? []
        let folders = names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: datasets + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        let shown = displayPath(datasets)
        return folders.isEmpty ? [shown] : folders.map { shown + "/" + $0 }
    }

    /// A path relative to the working folder when it lies inside it.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
