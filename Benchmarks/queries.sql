-- The five statements of queries.chiso in SQL, in the same order, one statement per
-- query (each ends with a semicolon at the end of a line). Portable between DuckDB and
-- sqlite3, over:
--   obs(facility TEXT, period TEXT, indicator TEXT, value REAL/DOUBLE)  observations.csv
--   fac(facility TEXT, name TEXT, level TEXT, parent TEXT)              facilities.csv
-- Column names are those of chiso's `--format csv` answer; run.py compares exactly these
-- columns, row by row. Rows come in chiso's order: facilities and districts in the order
-- facilities.csv declares them (the ids x00001…, h001… sort the same way), rank ties by
-- that order too. Periods are text (2025M03): ranges compare as text, which the
-- (indicator, period, …) index can use; years and quarters are cut out with substr.
-- Integer division differs between the two engines (DuckDB's / gives a fraction), so the
-- quarter is spelt out with CASE.

-- 1: compare visits 2024H1 2025H1 by facility
SELECT f.name AS facility, 'visits' AS indicator,
       s.a AS "2024H1", s.b AS "2025H1", s.b - s.a AS change,
       (s.b - s.a) * 100.0 / NULLIF(s.a, 0) AS growth_pct
FROM (SELECT facility,
             SUM(CASE WHEN period <= '2024M06' THEN value END) AS a,
             SUM(CASE WHEN period >= '2025M01' THEN value END) AS b
      FROM obs
      WHERE indicator = 'visits' AND period BETWEEN '2024M01' AND '2025M06'
      GROUP BY facility
      -- one range the index can seek (an OR of two ranges makes sqlite3 read every
      -- month of visits); 2024H2 is read but counted nowhere
      HAVING SUM(CASE WHEN period <= '2024M06' OR period >= '2025M01' THEN 1 END) > 0) AS s
JOIN fac AS f ON f.facility = s.facility
ORDER BY f.facility;

-- 2: trend visits 2016..2025 by year
SELECT 'all facilities' AS facilities, 'visits' AS indicator,
       substr(period, 1, 4) AS period, SUM(value) AS value
FROM obs
WHERE indicator = 'visits' AND period BETWEEN '2016M01' AND '2025M12'
GROUP BY substr(period, 1, 4)
ORDER BY 3;

-- 3: rank facilities by inpatient 2025 top 10 (ties share a place; the 10th's ties stay)
SELECT r.place AS "rank", f.name AS facility, 'inpatient' AS indicator, '2025' AS period,
       r.total AS value
FROM (SELECT facility, total, RANK() OVER (ORDER BY total DESC) AS place
      FROM (SELECT facility, SUM(value) AS total
            FROM obs
            WHERE indicator = 'inpatient' AND period BETWEEN '2025M01' AND '2025M12'
            GROUP BY facility) AS t) AS r
JOIN fac AS f ON f.facility = r.facility
WHERE r.place <= 10
ORDER BY r.place, r.facility;

-- 4: compare visits, inpatient, surgeries 2024 2025 by district
-- (communes report and a commune's parent is its district; totals per commune first, then
-- per district, so that sqlite3 does not probe fac once per observation)
SELECT d.name AS district, s.indicator AS indicator,
       s.a AS "2024", s.b AS "2025", s.b - s.a AS change,
       (s.b - s.a) * 100.0 / NULLIF(s.a, 0) AS growth_pct
FROM (SELECT c.parent AS district, t.indicator AS indicator, SUM(t.a) AS a, SUM(t.b) AS b
      FROM (SELECT facility, indicator,
                   SUM(CASE WHEN period <= '2024M12' THEN value END) AS a,
                   SUM(CASE WHEN period >= '2025M01' THEN value END) AS b
            FROM obs
            WHERE indicator IN ('visits', 'inpatient', 'surgeries')
              AND period BETWEEN '2024M01' AND '2025M12'
            GROUP BY facility, indicator) AS t
      JOIN fac AS c ON c.facility = t.facility
      GROUP BY c.parent, t.indicator) AS s
JOIN fac AS d ON d.facility = s.district
ORDER BY d.facility,
         CASE s.indicator WHEN 'visits' THEN 1 WHEN 'inpatient' THEN 2 ELSE 3 END;

-- 5: trend fs_passed / fs_inspected * 100 as pass_rate 2025Q1..2025Q4 by quarter
-- (a ratio of sums: each side totalled over all facilities and the quarter, then divided)
SELECT 'all facilities' AS facilities, 'pass_rate' AS indicator, q.quarter AS period,
       q.passed * 100.0 / NULLIF(q.inspected, 0) AS value,
       q.passed AS value_numerator, q.inspected AS value_denominator
FROM (SELECT substr(period, 1, 4) || CASE WHEN substr(period, 6, 2) <= '03' THEN 'Q1'
                                          WHEN substr(period, 6, 2) <= '06' THEN 'Q2'
                                          WHEN substr(period, 6, 2) <= '09' THEN 'Q3'
                                          ELSE 'Q4' END AS quarter,
             SUM(CASE WHEN indicator = 'fs_passed' THEN value END) AS passed,
             SUM(CASE WHEN indicator = 'fs_inspected' THEN value END) AS inspected
      FROM obs
      WHERE indicator IN ('fs_passed', 'fs_inspected') AND period BETWEEN '2025M01' AND '2025M12'
      GROUP BY 1) AS q
ORDER BY q.quarter;
