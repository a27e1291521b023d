/// Monthly factors that give each series the shape of a northern Vietnamese year.
///
/// Tables start in January. Each averages about 1, so a series' base is its monthly mean.
enum Season {
    static let flat = [Double](repeating: 1, count: 12)
    /// Fewer visits around Tết (late January or February), more in the cold months.
    static let visits = [1.04, 0.84, 1.02, 1.00, 0.98, 0.97, 1.00, 1.01, 0.99, 1.02, 1.05, 1.08]
    static let inpatient = [1.08, 0.86, 1.04, 0.98, 0.96, 0.98, 1.02, 1.02, 0.98, 0.99, 1.02, 1.07]
    static let births = [0.92, 0.86, 0.94, 0.95, 0.99, 1.01, 1.05, 1.06, 1.09, 1.08, 1.04, 1.01]
    /// Bed occupancy in percentage points around its base: fuller in winter.
    static let bedOccupancyPoints = [6.0, 1.0, 2.0, -2.0, -3.0, -2.0, 0.0, 1.0, -1.0, -1.0, 1.0, 4.0]
    /// Influenza peaks in winter and early spring.
    static let influenza = [1.9, 1.6, 1.3, 0.9, 0.6, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.6]
    /// Diarrhoea peaks in the hot months.
    static let diarrhoea = [0.7, 0.7, 0.8, 0.9, 1.2, 1.4, 1.4, 1.3, 1.1, 0.9, 0.8, 0.8]
    /// Dengue follows the rainy season, highest in August–October.
    static let dengue = [0.3, 0.2, 0.2, 0.2, 0.4, 0.7, 1.2, 1.8, 2.2, 2.0, 1.5, 0.8]
    /// Hand, foot and mouth disease has a spring and an autumn wave.
    static let handFootMouth = [0.6, 0.5, 1.2, 1.5, 1.4, 0.9, 0.7, 0.8, 1.3, 1.5, 1.2, 0.7]
    /// Food-safety inspections: before Tết, the April–May action month, Mid-Autumn.
    static let foodInspections = [1.8, 1.4, 0.8, 1.3, 1.3, 0.8, 0.7, 1.1, 1.4, 0.6, 0.7, 1.1]

    /// The factor of a table for a month.
    static func factor(_ table: [Double], _ month: DemoMonth) -> Double {
        table[month.month - 1]
    }
}
