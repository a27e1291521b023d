/// A synthetic province for demonstrations and tests: "Sở Y tế Demo", nine district
/// health centres and 98 commune and ward stations, with monthly figures for 2022–2025.
///
/// Every name says "Demo", so the data can never be taken for a real province. The same
/// seed always gives the same files, byte for byte:
///
///     for file in DemoProvince.files() {
///         try file.text.write(toFile: "Datasets/demo/" + file.name, atomically: true, encoding: .utf8)
///     }
public enum DemoProvince {
    /// The seed of every figure: "CHISODEM" in ASCII.
    public static let seed: UInt64 = 0x4348_4953_4F44_454D
    public static let firstMonth = DemoMonth(year: 2022, month: 1)
    public static let lastMonth = DemoMonth(year: 2025, month: 12)
    /// Where `chiso-demo` writes by default, relative to the package.
    public static let defaultFolder = "Datasets/demo"

    /// The facilities, figures and plans of the province, made afresh from the seed.
    public static func generate() -> DemoData {
        DemoGenerator(seed: seed, from: firstMonth, to: lastMonth).generate()
    }

    /// The data files, named as chiso expects them in a dataset folder.
    public static func files() -> [(name: String, text: String)] {
        files(of: generate())
    }

    /// The data files of generated data.
    public static func files(of data: DemoData) -> [(name: String, text: String)] {
        [
            ("facilities.csv", DemoCSV.facilities(data.facilities)),
            ("observations.csv", DemoCSV.observations(data.observations)),
            ("plans.csv", DemoCSV.plans(data.plans)),
        ]
    }

    /// The facility the demo merges into another, the one it merges into, and the last
    /// month before the merger.
    public static var merger: (district: String, into: String, lastMonthBefore: DemoMonth) {
        (DemoGeography.mergedDistrict, DemoGeography.mergingInto, DemoGeography.lastMonthBeforeMerger)
    }

    /// The district whose communes have the 2024M07–2024M10 dengue outbreak.
    public static var outbreakDistrict: String { DemoGeography.outbreakDistrict }

    /// Stations that sent no report for some months, with those months.
    public static var reportGaps: [String: [DemoMonth]] { DemoGeography.reportGaps }
}
