import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writing a file so that nobody ever sees it half-written: the text goes to a temporary
/// file in the same folder, which is then renamed over the old one (rename(2) replaces it
/// in one step). On failure the old file is left as it was.
public enum SafeFile {
    /// Writes `text` to `path`; returns what went wrong, if anything.
    public static func write(_ text: String, to path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).chiso-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            return "cannot write \(path)"
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "cannot write \(path): \(reason)"
        }
        return nil
    }
}
