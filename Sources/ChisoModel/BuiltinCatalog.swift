extension IndicatorCatalog {
    /// The indicators chiso knows without any catalog file: every id of the seed reports
    /// and the common indicators of district health centres.
    public static let builtin = IndicatorCatalog(
        builtinIndicators.map { indicator in
            // A percentage of people or places cannot pass 100; bed occupancy can.
            var bounded = indicator
            if indicator.kind == .percentage, indicator.id != "bed_occupancy" { bounded.maximum = 100 }
            return bounded
        })
}

private let builtinIndicators: [Indicator] = [
    // Medical examination and treatment (khám chữa bệnh)
    Indicator(
        id: "visits", vi: "Lượt khám bệnh", en: "Outpatient examinations",
        aliases: ["kham benh", "examinations"], unit: "visits", kind: .count,
        summary: "Medical examinations, all departments and stations"),
    Indicator(
        id: "inpatient", vi: "Lượt điều trị nội trú", en: "Inpatient treatments",
        aliases: ["noi tru", "admissions"], unit: "treatments", kind: .count,
        summary: "Patients treated as inpatients"),
    Indicator(
        id: "outpatient_treatment", vi: "Lượt điều trị ngoại trú", en: "Outpatient treatments",
        aliases: ["ngoai tru", "outpatient"], unit: "treatments", kind: .count,
        summary: "Patients treated as outpatients (day treatment)"),
    Indicator(
        id: "surgeries", vi: "Ca phẫu thuật", en: "Surgeries", aliases: ["phau thuat", "operations"],
        unit: "operations", kind: .count),
    Indicator(
        id: "emergency_visits", vi: "Lượt cấp cứu", en: "Emergency visits", aliases: ["cap cuu"],
        unit: "visits", kind: .count),
    Indicator(
        id: "births", vi: "Ca sinh tại cơ sở", en: "Facility births", aliases: ["sinh"], unit: "births",
        kind: .count),
    Indicator(
        id: "bed_occupancy", vi: "Công suất sử dụng giường bệnh", en: "Bed occupancy",
        aliases: ["cong suat giuong"], unit: "%", kind: .percentage,
        summary: "Bed-days used over bed-days available; can exceed 100 %"),
    Indicator(
        id: "patient_satisfaction", vi: "Tỷ lệ người bệnh hài lòng", en: "Patient satisfaction",
        aliases: ["hai long", "satisfaction"], unit: "%", kind: .percentage),
    // Communicable diseases (bệnh truyền nhiễm)
    Indicator(id: "influenza_cases", vi: "Ca mắc cúm", en: "Influenza cases", aliases: ["cum", "flu"], unit: "cases", kind: .count),
    Indicator(id: "diarrhoea_cases", vi: "Ca mắc tiêu chảy", en: "Diarrhoea cases", aliases: ["tieu chay", "diarrhea_cases"], unit: "cases", kind: .count),
    Indicator(id: "covid_cases", vi: "Ca mắc COVID-19", en: "COVID-19 cases", aliases: ["covid"], unit: "cases", kind: .count),
    Indicator(id: "measles_cases", vi: "Ca mắc sởi", en: "Measles cases", aliases: ["soi", "measles"], unit: "cases", kind: .count),
    Indicator(id: "dengue_cases", vi: "Ca mắc sốt xuất huyết", en: "Dengue cases", aliases: ["sot xuat huyet", "dengue"], unit: "cases", kind: .count),
    Indicator(id: "hfmd_cases", vi: "Ca mắc tay chân miệng", en: "Hand, foot and mouth disease cases", aliases: ["tay chan mieng"], unit: "cases", kind: .count),
    Indicator(id: "tb_cases", vi: "Ca lao được phát hiện", en: "Tuberculosis cases detected", aliases: ["lao", "tuberculosis"], unit: "cases", kind: .count),
    Indicator(id: "malaria_cases", vi: "Ca mắc sốt rét", en: "Malaria cases", aliases: ["sot ret", "malaria"], unit: "cases", kind: .count),
    // Immunisation (tiêm chủng)
    Indicator(
        id: "epi_full_u1", vi: "Trẻ dưới 1 tuổi tiêm chủng đầy đủ", en: "Children under 1 fully immunised",
        aliases: ["tiem chung day du", "full immunisation"], unit: "%", kind: .ratio,
        summary: "Children under 1 with all 8 vaccines of the expanded programme, of the children expected in the year"),
    Indicator(
        id: "tetanus_pregnant", vi: "Phụ nữ có thai tiêm ≥ 2 mũi uốn ván", en: "Pregnant women with 2+ tetanus doses",
        aliases: ["uon van"], unit: "%", kind: .ratio),
    Indicator(
        id: "epi_communes", vi: "Xã, phường triển khai tiêm chủng mở rộng", en: "Communes running the expanded immunisation programme",
        aliases: ["tcmr xa"], unit: "%", kind: .ratio),
    Indicator(id: "serious_aefi", vi: "Tai biến nặng sau tiêm chủng", en: "Serious adverse events after immunisation", aliases: ["tai bien"], unit: "events", kind: .count),
    Indicator(id: "covid_vax_booster1_18plus", vi: "Tiêm mũi nhắc lần 1 vắc-xin COVID-19 (≥ 18 tuổi)", en: "COVID-19 first booster, adults 18+", unit: "%", kind: .percentage),
    Indicator(id: "covid_vax_booster2_18plus", vi: "Tiêm mũi nhắc lần 2 vắc-xin COVID-19 (≥ 18 tuổi)", en: "COVID-19 second booster, adults 18+", unit: "%", kind: .percentage),
    Indicator(id: "covid_vax_primary_12_17", vi: "Tiêm đủ mũi cơ bản vắc-xin COVID-19 (12–17 tuổi)", en: "COVID-19 primary series, ages 12–17", unit: "%", kind: .percentage),
    Indicator(id: "covid_vax_dose3_12_17", vi: "Tiêm mũi 3 vắc-xin COVID-19 (12–17 tuổi)", en: "COVID-19 third dose, ages 12–17", unit: "%", kind: .percentage),
    Indicator(id: "covid_vax_dose1_5_11", vi: "Tiêm mũi 1 vắc-xin COVID-19 (5–11 tuổi)", en: "COVID-19 first dose, ages 5–11", unit: "%", kind: .percentage),
    Indicator(id: "covid_vax_dose2_5_11", vi: "Tiêm mũi 2 vắc-xin COVID-19 (5–11 tuổi)", en: "COVID-19 second dose, ages 5–11", unit: "%", kind: .percentage),
    // Prevention and communication (truyền thông, dự phòng)
    Indicator(id: "health_talks", vi: "Buổi truyền thông trực tiếp", en: "Health talks held", aliases: ["truyen thong"], unit: "sessions", kind: .count),
    Indicator(id: "health_talk_attendance", vi: "Lượt người nghe truyền thông", en: "Health talk attendance", unit: "attendances", kind: .count),
    Indicator(id: "households_visited", vi: "Hộ gia đình được thăm", en: "Households visited", aliases: ["tham ho"], unit: "households", kind: .count),
    Indicator(id: "home_counselling", vi: "Người được tư vấn tại nhà", en: "People counselled at home", unit: "people", kind: .count),
    Indicator(id: "ncd_stations", vi: "Trạm y tế quản lý bệnh không lây nhiễm", en: "Stations managing non-communicable diseases", aliases: ["benh khong lay nhiem"], unit: "%", kind: .ratio),
    Indicator(id: "stunting_u5", vi: "Tỷ lệ suy dinh dưỡng thể thấp còi trẻ dưới 5 tuổi", en: "Stunting, children under 5", aliases: ["thap coi", "stunting"], unit: "%", kind: .percentage),
    Indicator(id: "health_insurance_coverage", vi: "Tỷ lệ bao phủ bảo hiểm y tế", en: "Health insurance coverage", aliases: ["bhyt", "bao hiem y te"], unit: "%", kind: .percentage),
    // Food safety (an toàn vệ sinh thực phẩm)
    Indicator(id: "food_inspections", vi: "Lượt kiểm tra an toàn vệ sinh thực phẩm", en: "Food safety inspections", aliases: ["kiem tra atvstp", "atvstp"], unit: "inspections", kind: .count),
    Indicator(id: "food_inspections_passed", vi: "Cơ sở đạt chuẩn an toàn vệ sinh thực phẩm", en: "Food safety inspections passed", unit: "inspections", kind: .count),
    Indicator(id: "food_inspections_interagency", vi: "Lượt kiểm tra liên ngành ATVSTP", en: "Inter-agency food safety inspections", unit: "inspections", kind: .count),
    Indicator(id: "food_inspections_interagency_passed", vi: "Cơ sở đạt qua kiểm tra liên ngành", en: "Inter-agency inspections passed", unit: "inspections", kind: .count),
    Indicator(id: "food_inspections_routine", vi: "Lượt giám sát thường xuyên ATVSTP", en: "Routine food safety supervisions", unit: "inspections", kind: .count),
    Indicator(id: "food_inspections_routine_passed", vi: "Cơ sở đạt qua giám sát thường xuyên", en: "Routine supervisions passed", unit: "inspections", kind: .count),
    Indicator(id: "food_inspection_teams", vi: "Đoàn kiểm tra liên ngành ATVSTP", en: "Inter-agency food safety teams", unit: "teams", kind: .count),
    // Addiction treatment (điều trị nghiện)
    Indicator(id: "opioid_treatment_patients", vi: "Người bệnh đang điều trị nghiện các chất dạng thuốc phiện", en: "Patients in opioid substitution treatment", aliases: ["methadone"], unit: "patients", kind: .stock, summary: "Methadone and buprenorphine patients in treatment at the end of the period"),
    Indicator(id: "opioid_treatment_facilities", vi: "Cơ sở điều trị thay thế", en: "Opioid treatment facilities", unit: "facilities", kind: .stock),
    Indicator(id: "opioid_dispensing_points", vi: "Điểm cấp phát thuốc thay thế", en: "Opioid dispensing points", unit: "points", kind: .stock),
    // Administration (thi đua, khen thưởng)
    Indicator(id: "awards_individual", vi: "Cá nhân được tặng giấy khen", en: "Individual commendations", unit: "awards", kind: .count),
    Indicator(id: "awards_collective", vi: "Tập thể được tặng giấy khen", en: "Collective commendations", unit: "awards", kind: .count),
]
