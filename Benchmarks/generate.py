#!/usr/bin/env python3
"""Deterministic benchmark data for chiso, in its bulk CSV layout.

    python3 Benchmarks/generate.py ROWS OUT_DIR

ROWS is a target size (a plain number, or with a K/M suffix: 1M, 10M). The data are one
synthetic province, its districts and their communes; only communes report, 40 indicators
a month from 2016M01 to 2025M12, about 2 % of the (commune, indicator, month) figures
missing. The commune count is ROWS / 5,000, rounded (at least 1): 1M gives 200 communes
and 940,800 figures, 10M gives 2,000 communes and 9,408,000 figures.

Writes OUT_DIR/facilities.csv, OUT_DIR/indicators.csv (the indicators chiso does not
know built in) and OUT_DIR/observations.csv. Standard library only; the same arguments
always give the same bytes.
"""

import os
import random
import sys
import time
import unicodedata

SEED = 20250721
MISSING_SHARE = 0.02
FIRST_YEAR, LAST_YEAR = 2016, 2025
MONTHS = [f"{y}M{m:02d}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
ROWS_PER_COMMUNE_TARGET = 5000

# The 40 indicators: (id, kind, typical monthly level for an average commune, seasonality
# peak month or 0, declared here?). Built-in ids are not redeclared: chiso already knows
# their names and kinds. Stocks and percentages use the level as their centre.
#   (id, kind, level, peak, name_vi, name_en, unit)  name_vi None = built in
INDICATORS = [
    # built-in counts
    ("visits", "count", 620, 0, None, None, None),
    ("inpatient", "count", 45, 0, None, None, None),
    ("outpatient_treatment", "count", 80, 0, None, None, None),
    ("surgeries", "count", 6, 0, None, None, None),
    ("emergency_visits", "count", 30, 0, None, None, None),
    ("births", "count", 9, 0, None, None, None),
    ("influenza_cases", "count", 14, 1, None, None, None),
    ("diarrhoea_cases", "count", 11, 6, None, None, None),
    ("dengue_cases", "count", 3, 9, None, None, None),
    ("hfmd_cases", "count", 4, 4, None, None, None),
    ("tb_cases", "count", 1, 0, None, None, None),
    ("malaria_cases", "count", 1, 7, None, None, None),
    ("measles_cases", "count", 1, 3, None, None, None),
    ("serious_aefi", "count", 1, 0, None, None, None),
    ("health_talks", "count", 8, 0, None, None, None),
    ("health_talk_attendance", "count", 240, 0, None, None, None),
    ("households_visited", "count", 150, 0, None, None, None),
    ("home_counselling", "count", 60, 0, None, None, None),
    # built-in percentages and stock
    ("bed_occupancy", "percentage", 72.0, 0, None, None, None),
    ("patient_satisfaction", "percentage", 91.0, 0, None, None, None),
    ("health_insurance_coverage", "percentage", 89.0, 0, None, None, None),
    ("opioid_treatment_patients", "stock", 12, 0, None, None, None),
    # declared in indicators.csv
    ("fs_inspected", "count", 16, 1, "Lượt kiểm tra cơ sở thực phẩm", "Food premises inspected", "inspections"),
    ("fs_passed", "count", 0, 0, "Cơ sở thực phẩm đạt yêu cầu", "Food premises passing inspection", "inspections"),
    ("anc_visits", "count", 55, 0, "Lượt khám thai", "Antenatal visits", "visits"),
    ("postnatal_visits", "count", 18, 0, "Lượt chăm sóc sau sinh", "Postnatal care visits", "visits"),
    ("iud_insertions", "count", 5, 0, "Ca đặt dụng cụ tử cung", "IUD insertions", "procedures"),
    ("hypertension_screened", "count", 70, 0, "Người được sàng lọc tăng huyết áp", "People screened for hypertension", "people"),
    ("diabetes_screened", "count", 40, 0, "Người được sàng lọc đái tháo đường", "People screened for diabetes", "people"),
    ("dog_bites", "count", 3, 6, "Ca bị chó cắn", "Dog bites", "cases"),
    ("rabies_vaccinations", "count", 7, 6, "Lượt tiêm vắc-xin dại", "Rabies vaccinations", "doses"),
    ("school_health_checks", "count", 90, 10, "Học sinh được khám sức khỏe", "Pupils given health checks", "pupils"),
    ("elderly_checkups", "count", 35, 0, "Người cao tuổi được khám sức khỏe", "Elderly health checks", "people"),
    ("traditional_medicine_visits", "count", 85, 0, "Lượt khám y học cổ truyền", "Traditional medicine visits", "visits"),
    ("lab_tests", "count", 210, 0, "Lượt xét nghiệm", "Laboratory tests", "tests"),
    ("xray_exams", "count", 25, 0, "Lượt chụp X-quang", "X-ray examinations", "exams"),
    ("clean_water_households", "percentage", 84.0, 0, "Tỷ lệ hộ dùng nước sạch", "Households with clean water", "%"),
    ("latrine_coverage", "percentage", 78.0, 0, "Tỷ lệ hộ có nhà tiêu hợp vệ sinh", "Households with a sanitary latrine", "%"),
    ("hypertension_managed", "stock", 160, 0, "Người tăng huyết áp đang được quản lý", "Hypertension patients under management", "patients"),
    ("diabetes_managed", "stock", 70, 0, "Người đái tháo đường đang được quản lý", "Diabetes patients under management", "patients"),
]
assert len(INDICATORS) == 40 and len({i[0] for i in INDICATORS}) == 40

# Syllables for place names (made up; they only need to look Vietnamese).
FIRST = [
    "An", "Bình", "Cẩm", "Châu", "Diễn", "Đại", "Đông", "Gia", "Hà", "Hải", "Hòa", "Hoài",
    "Hưng", "Hương", "Khánh", "Kim", "Lạc", "Lam", "Liên", "Long", "Minh", "Mỹ", "Nam", "Nghĩa",
    "Ngọc", "Nhân", "Phong", "Phú", "Phúc", "Quảng", "Quang", "Sơn", "Tân", "Tây", "Thạch",
    "Thanh", "Thái", "Thiện", "Thịnh", "Thuận", "Tiên", "Trung", "Trường", "Tuy", "Vân",
    "Văn", "Vĩnh", "Xuân", "Yên", "Bảo", "Cao", "Đức", "Hiệp", "Hồng", "Lộc", "Mai", "Ninh",
    "Quế", "Thượng", "Vạn",
]
SECOND = [
    "An", "Bắc", "Bình", "Cát", "Cường", "Dương", "Điền", "Đoài", "Đồng", "Giang", "Hà", "Hạ",
    "Hải", "Hòa", "Hợp", "Hưng", "Khê", "Lâm", "Lạc", "Lĩnh", "Lợi", "Lương", "Mỹ", "Nghĩa",
    "Ninh", "Phong", "Phú", "Phước", "Quang", "Sơn", "Tâm", "Tân", "Thành", "Thịnh", "Thủy",
    "Tiến", "Toàn", "Trạch", "Trung", "Tú", "Tường", "Vinh", "Xá", "Xuyên", "Yên", "Bồng",
    "Châu", "Định", "Hiền", "Kiều", "Liêm", "Nguyên", "Phương", "Quý", "Thượng", "Trà",
    "Uyên", "Vọng", "Lập", "Đạt",
]


def fold(text):
    """Lower case without diacritics, as chiso compares names."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def place_names(count, rng):
    """`count` distinct two-syllable names (three syllables once two run out)."""
    names, seen = [], set()
    pools = [[(a, b) for a in FIRST for b in SECOND if a != b]]
    pools.append([(a, b, c) for a in FIRST for b in SECOND for c in SECOND if len({a, b, c}) == 3])
    for pool in pools:
        rng.shuffle(pool)
        for parts in pool:
            name = " ".join(parts)
            if fold(name) in seen:
                continue
            seen.add(fold(name))
            names.append(name)
            if len(names) == count:
                return names
    raise SystemExit(f"cannot make {count} distinct names")


def parse_rows(text):
    text = text.strip().upper().replace("_", "")
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    return int(float(number) * scale)


def commune_count(rows):
    return max(1, round(rows / ROWS_PER_COMMUNE_TARGET))


def slot_count(communes):
    return communes * len(INDICATORS) * len(MONTHS)


def missing_count(communes):
    return round(slot_count(communes) * MISSING_SHARE)


def expected_rows(rows):
    """The number of figures `generate(rows, …)` writes, without writing them."""
    communes = commune_count(rows)
    return slot_count(communes) - missing_count(communes)


def facilities(communes, rng):
    """(id, name, level, parent) rows: the province, then each district and its communes."""
    sizes = []
    left = communes
    while left > 25:
        size = rng.randint(10, 25)
        if left - size < 10:
            size = left - 10  # leave at least 10 for the last district
        sizes.append(size)
        left -= size
    sizes.append(left)
    district_names = place_names(len(sizes) + communes, rng)
    commune_names = district_names[len(sizes):]
    rows = [("bench", "Sở Y tế Bench Hà Lâm", "province", "")]
    communes_out = []
    n = 0
    for d, size in enumerate(sizes, start=1):
        district = f"h{d:03d}"
        rows.append((district, f"Trung tâm Y tế huyện {district_names[d - 1]}", "district", "bench"))
        for _ in range(size):
            n += 1
            commune = f"x{n:05d}"
            prefix = "Trạm Y tế phường" if n % 7 == 0 else "Trạm Y tế xã"
            rows.append((commune, f"{prefix} {commune_names[n - 1]}", "commune", district))
            communes_out.append(commune)
    return rows, communes_out


def month_factors():
    """Per indicator, a factor per month: a slow trend (with a 2020–2021 dip) and a season."""
    trend = []
    for index, period in enumerate(MONTHS):
        year = FIRST_YEAR + index // 12
        factor = 1 + 0.025 * (index / 12)
        if year in (2020, 2021):
            factor *= 0.82
        trend.append(factor)
    factors = []
    for _, kind, _, peak, *_ in INDICATORS:
        row = []
        for index in range(len(MONTHS)):
            month = index % 12 + 1
            season = 1.0
            if peak:
                distance = min(abs(month - peak), 12 - abs(month - peak))
                season = 1 + 0.8 * max(0.0, 1 - distance / 3)
            row.append((trend[index] if kind != "percentage" else 1.0) * season)
        factors.append(row)
    return factors


def generate(rows, out_dir):
    rng = random.Random(SEED)
    communes = commune_count(rows)
    os.makedirs(out_dir, exist_ok=True)

    facility_rows, commune_ids = facilities(communes, rng)
    with open(os.path.join(out_dir, "facilities.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("facility,name,level,parent\n")
        f.write("".join(",".join(r) + "\n" for r in facility_rows))

    with open(os.path.join(out_dir, "indicators.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("indicator,name_vi,name_en,kind,unit\n")
        for ident, kind, _, _, vi, en, unit in INDICATORS:
            if vi is not None:
                f.write(f"{ident},{vi},{en},{kind},{unit}\n")

    # Which of the slots (commune-major, then month, then indicator) are left out.
    slots = slot_count(communes)
    missing = sorted(rng.sample(range(slots), missing_count(communes)))
    missing.append(slots)  # sentinel

    n_ind = len(INDICATORS)
    factors = month_factors()
    kinds = [i[1] for i in INDICATORS]
    levels = [i[2] for i in INDICATORS]
    i_inspected = [i[0] for i in INDICATORS].index("fs_inspected")
    i_passed = [i[0] for i in INDICATORS].index("fs_passed")
    suffixes = [f",{i[0]}," for i in INDICATORS]
    rand = rng.random

    written = 0
    next_missing_at = 0
    next_missing = missing[0]
    slot = 0
    path = os.path.join(out_dir, "observations.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("facility,period,indicator,value\n")
        block = []
        for c, commune in enumerate(commune_ids):
            # A commune's size, and its own level for each indicator (stocks drift slowly).
            size = 0.4 + 1.6 * rand()
            base = [lvl * size * (0.7 + 0.6 * rand()) if k != "percentage" else lvl + 12 * (rand() - 0.5)
                    for k, lvl in zip(kinds, levels)]
            lines = []
            append = lines.append
            for m, period in enumerate(MONTHS):
                head = commune + "," + period
                inspected = 0
                for i in range(n_ind):
                    kind = kinds[i]
                    if kind == "count":
                        if i == i_passed:
                            value = int(inspected * (0.7 + 0.3 * rand()))
                        else:
                            value = int(base[i] * factors[i][m] * (0.75 + 0.5 * rand()) + 0.5)
                            if i == i_inspected:
                                inspected = value
                        text = str(value)
                    elif kind == "stock":
                        base[i] = max(0.0, base[i] * (0.97 + 0.07 * rand()))
                        text = str(int(base[i] * factors[i][m] + 0.5))
                    else:
                        value = base[i] + 6 * (rand() - 0.5)
                        text = "%.1f" % min(100.0, max(0.0, value))
                    if slot == next_missing:
                        next_missing_at += 1
                        next_missing = missing[next_missing_at]
                    else:
                        append(head + suffixes[i] + text + "\n")
                    slot += 1
            written += len(lines)
            block.append("".join(lines))
            if len(block) >= 50:
                f.write("".join(block))
                block = []
        f.write("".join(block))
    assert written == expected_rows(rows), (written, expected_rows(rows))
    return written, len(facility_rows), communes


def main(argv):
    if len(argv) != 3:
        print("usage: generate.py ROWS OUT_DIR   (ROWS like 1000000, 1M or 10M)", file=sys.stderr)
        return 2
    rows = parse_rows(argv[1])
    start = time.perf_counter()
    written, n_facilities, communes = generate(rows, argv[2])
    elapsed = time.perf_counter() - start
    size = sum(os.path.getsize(os.path.join(argv[2], name))
               for name in ("facilities.csv", "indicators.csv", "observations.csv"))
    obs_size = os.path.getsize(os.path.join(argv[2], "observations.csv"))
    print(f"{written} rows in observations.csv ({obs_size / 1e6:.1f} MB; {size / 1e6:.1f} MB in all), "
          f"{n_facilities} facilities ({communes} communes), {elapsed:.1f} s -> {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
