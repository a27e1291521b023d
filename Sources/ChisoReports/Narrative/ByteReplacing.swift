extension String {
    /// The text with every occurrence of an ASCII byte replaced, by bytes. Cheaper than
    /// Foundation's search, and exact: a quote followed by a combining mark is still a
    /// quote to a CSV or YAML reader, though it reads as one character with the mark.
    func replacing(byte: UInt8, with replacement: String) -> String {
        precondition(byte < 0x80, "only an ASCII byte is a character of its own in UTF-8")
        guard utf8.contains(byte) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        for next in utf8 {
            if next == byte { bytes.append(contentsOf: replacement.utf8) } else { bytes.append(next) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
