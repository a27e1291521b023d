/// The places of the demo province: nine districts and their communes and wards.
///
/// Every name is real Vietnamese with its diacritics, and every facility name says
/// "Demo", so the data cannot be mistaken for a real province. Ids are written by hand
/// beside the names instead of folded from them, so that they never depend on how a
/// platform strips diacritics.
enum DemoGeography {
    /// A commune or ward: its id suffix, its name, and whether it is a ward (phường).
    struct Commune {
        var slug: String
        var name: String
        var isWard = false
    }

    struct District {
        var slug: String
        var name: String
        /// A highland district: fewer people per commune, some malaria, more stunting.
        var isHighland = false
        var communes: [Commune]
    }

    static let provinceID = "demo"

    /// Đông Sơn merges into Bắc Sơn: its communes change parent after this month, and its
    /// centre reports nothing after it.
    static let mergedDistrict = "demo-dongson"
    static let mergingInto = "demo-bacson"
    static let lastMonthBeforeMerger = DemoMonth(year: 2025, month: 6)

    /// A commune of Đông Sơn that is itself the merger of two older communes.
    static let mergedCommune = "demo-dongson-hoalac"
    static let mergedCommuneFormerNames = ["Trạm Y tế Demo xã Hòa Thượng", "Trạm Y tế Demo xã Lạc Thủy"]

    /// The district whose communes have a dengue outbreak in 2024M07–2024M10.
    static let outbreakDistrict = "demo-tayhoa"

    /// Districts without an opioid substitution programme: they report no opioid figures.
    static let withoutOpioidProgramme: Set<String> = ["demo-kimbang", "demo-myduc"]

    static let districts: [District] = [
        District(
            slug: "bacson", name: "Bắc Sơn",
            communes: [
                Commune(slug: "anphu", name: "An Phú", isWard: true),
                Commune(slug: "binhminh", name: "Bình Minh", isWard: true),
                Commune(slug: "caoxa", name: "Cao Xá"), Commune(slug: "daithanh", name: "Đại Thành"),
                Commune(slug: "hoptien", name: "Hợp Tiến"), Commune(slug: "luongdien", name: "Lương Điền"),
                Commune(slug: "minhtan", name: "Minh Tân"), Commune(slug: "nghiahung", name: "Nghĩa Hưng"),
                Commune(slug: "phuxuan", name: "Phú Xuân"), Commune(slug: "tantien", name: "Tân Tiến"),
                Commune(slug: "vanthang", name: "Vạn Thắng"),
            ]),
        District(
            slug: "dongson", name: "Đông Sơn",
            communes: [
                Commune(slug: "donghai", name: "Đông Hải", isWard: true),
                Commune(slug: "dongphong", name: "Đông Phong"), Commune(slug: "hoalac", name: "Hòa Lạc"),
                Commune(slug: "hoangquang", name: "Hoằng Quang"), Commune(slug: "kimson", name: "Kim Sơn"),
                Commune(slug: "lamxuyen", name: "Lâm Xuyên"), Commune(slug: "quangyen", name: "Quảng Yên"),
                Commune(slug: "thieudo", name: "Thiệu Đô"), Commune(slug: "truongsinh", name: "Trường Sinh"),
                Commune(slug: "xuanloc", name: "Xuân Lộc"),
            ]),
        District(
            slug: "namgiang", name: "Nam Giang",
            communes: [
                Commune(slug: "cambinh", name: "Cẩm Bình", isWard: true),
                Commune(slug: "dongtam", name: "Đồng Tâm"), Commune(slug: "giaothuy", name: "Giao Thủy"),
                Commune(slug: "haihau", name: "Hải Hậu"), Commune(slug: "lienminh", name: "Liên Minh"),
                Commune(slug: "myloc", name: "Mỹ Lộc"), Commune(slug: "namdien", name: "Nam Điền"),
                Commune(slug: "nghialac", name: "Nghĩa Lạc"), Commune(slug: "trucninh", name: "Trực Ninh"),
                Commune(slug: "vuban", name: "Vụ Bản"), Commune(slug: "yyen", name: "Ý Yên"),
            ]),
        District(
            slug: "tayhoa", name: "Tây Hòa",
            communes: [
                Commune(slug: "hoahiep", name: "Hòa Hiệp", isWard: true),
                Commune(slug: "hoaphong", name: "Hòa Phong"), Commune(slug: "hoatan", name: "Hòa Tân"),
                Commune(slug: "sonthanh", name: "Sơn Thành"), Commune(slug: "phuthu", name: "Phú Thứ"),
                Commune(slug: "hoamy", name: "Hòa Mỹ"), Commune(slug: "hoathinh", name: "Hòa Thịnh"),
                Commune(slug: "hoadong", name: "Hòa Đồng"), Commune(slug: "hoabinh", name: "Hòa Bình"),
                Commune(slug: "hoaxuan", name: "Hòa Xuân"), Commune(slug: "sonlong", name: "Sơn Long"),
            ]),
        District(
            slug: "thuonglam", name: "Thượng Lâm", isHighland: true,
            communes: [
                Commune(slug: "langcan", name: "Lăng Can"), Commune(slug: "phucyen", name: "Phúc Yên"),
                Commune(slug: "khuonha", name: "Khuôn Hà"), Commune(slug: "xuanlap", name: "Xuân Lập"),
                Commune(slug: "binhan", name: "Bình An"), Commune(slug: "hongquang", name: "Hồng Quang"),
                Commune(slug: "thobinh", name: "Thổ Bình"), Commune(slug: "nangkha", name: "Năng Khả"),
                Commune(slug: "sonphu", name: "Sơn Phú"), Commune(slug: "davi", name: "Đà Vị"),
                Commune(slug: "yenhoa", name: "Yên Hoa"),
            ]),
        District(
            slug: "phudien", name: "Phú Điền",
            communes: [
                Commune(slug: "phuhoa", name: "Phú Hòa", isWard: true),
                Commune(slug: "dienloc", name: "Điền Lộc"), Commune(slug: "dienhai", name: "Điền Hải"),
                Commune(slug: "phongchuong", name: "Phong Chương"), Commune(slug: "phongbinh", name: "Phong Bình"),
                Commune(slug: "quangcong", name: "Quảng Công"), Commune(slug: "quangngan", name: "Quảng Ngạn"),
                Commune(slug: "vinhthanh", name: "Vinh Thanh"), Commune(slug: "vinhan", name: "Vinh An"),
                Commune(slug: "vinhha", name: "Vinh Hà"), Commune(slug: "loctri", name: "Lộc Trì"),
            ]),
        District(
            slug: "yenlac", name: "Yên Lạc",
            communes: [
                Commune(slug: "yendong", name: "Yên Đồng"), Commune(slug: "telo", name: "Tề Lỗ"),
                Commune(slug: "trungnguyen", name: "Trung Nguyên"), Commune(slug: "tamhong", name: "Tam Hồng"),
                Commune(slug: "dongvan", name: "Đồng Văn"), Commune(slug: "lienchau", name: "Liên Châu"),
                Commune(slug: "hongphuong", name: "Hồng Phương"), Commune(slug: "trungkien", name: "Trung Kiên"),
                Commune(slug: "vantien", name: "Văn Tiến"), Commune(slug: "nguyetduc", name: "Nguyệt Đức"),
                Commune(slug: "binhdinh", name: "Bình Định"),
            ]),
        District(
            slug: "kimbang", name: "Kim Bảng",
            communes: [
                Commune(slug: "basao", name: "Ba Sao", isWard: true),
                Commune(slug: "khaphong", name: "Khả Phong"), Commune(slug: "lienson", name: "Liên Sơn"),
                Commune(slug: "thanhson", name: "Thanh Sơn"), Commune(slug: "thison", name: "Thi Sơn"),
                Commune(slug: "nhattuu", name: "Nhật Tựu"), Commune(slug: "donghoa", name: "Đồng Hóa"),
                Commune(slug: "tuonglinh", name: "Tượng Lĩnh"), Commune(slug: "tanson", name: "Tân Sơn"),
                Commune(slug: "leho", name: "Lê Hồ"), Commune(slug: "ngocson", name: "Ngọc Sơn"),
            ]),
        District(
            slug: "myduc", name: "Mỹ Đức",
            communes: [
                Commune(slug: "dainghia", name: "Đại Nghĩa", isWard: true),
                Commune(slug: "huongson", name: "Hương Sơn"), Commune(slug: "anmy", name: "An Mỹ"),
                Commune(slug: "botxuyen", name: "Bột Xuyên"), Commune(slug: "doctin", name: "Đốc Tín"),
                Commune(slug: "hopthanh", name: "Hợp Thanh"), Commune(slug: "lethanh", name: "Lê Thanh"),
                Commune(slug: "phuluute", name: "Phù Lưu Tế"), Commune(slug: "phuclam", name: "Phúc Lâm"),
                Commune(slug: "tuylai", name: "Tuy Lai"), Commune(slug: "vankim", name: "Vạn Kim"),
            ]),
    ]

    /// Months for which a station sent no report at all: no row, never a zero row.
    static let reportGaps: [String: [DemoMonth]] = [
        "demo-bacson-caoxa": [DemoMonth(year: 2024, month: 3)],
        "demo-namgiang-vuban": [DemoMonth(year: 2023, month: 11), DemoMonth(year: 2023, month: 12)],
        "demo-thuonglam-nangkha": [
            DemoMonth(year: 2022, month: 7), DemoMonth(year: 2022, month: 8), DemoMonth(year: 2022, month: 9),
        ],
        "demo-phudien-loctri": [DemoMonth(year: 2025, month: 2)],
        "demo-dongson-thieudo": [DemoMonth(year: 2025, month: 5)],
        "demo-myduc-tuylai": [DemoMonth(year: 2024, month: 8), DemoMonth(year: 2024, month: 9)],
    ]

    static func districtID(_ district: District) -> String { "\(provinceID)-\(district.slug)" }

    static func communeID(_ commune: Commune, in district: District) -> String {
        "\(districtID(district))-\(commune.slug)"
    }

    /// The facilities in the order `facilities.csv` declares them: the province, the
    /// district centres, then each district's stations.
    static func facilities() -> [DemoFacility] {
        var result = [
            DemoFacility(id: provinceID, name: "Sở Y tế Demo", level: .province, parent: nil, shortName: "SYT Demo")
        ]
        for district in districts {
            result.append(
                DemoFacility(
                    id: districtID(district), name: "Trung tâm Y tế Demo \(district.name)", level: .district,
                    parent: provinceID, shortName: "TTYT Demo \(district.name)"))
        }
        for district in districts {
            let merged = districtID(district) == mergedDistrict
            for commune in district.communes {
                let id = communeID(commune, in: district)
                result.append(
                    DemoFacility(
                        id: id, name: "Trạm Y tế Demo \(commune.isWard ? "phường" : "xã") \(commune.name)",
                        level: .commune, parent: merged ? mergingInto : districtID(district),
                        shortName: "TYT Demo \(commune.name)",
                        formerNames: id == mergedCommune ? mergedCommuneFormerNames : [],
                        formerParent: merged ? DemoFormerParent(id: mergedDistrict, until: lastMonthBeforeMerger) : nil)
                )
            }
        }
        return result
    }
}
