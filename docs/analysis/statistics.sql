-- The review's statistics (seed 004, Annex 2), as the secretariat's page draws them
-- (src/consolidate/stats.rs), over the loaded tables: for DuckDB and PostgreSQL alike.
-- Each query gives a line per code and, last, the total line, whose code is NULL (blank, as
-- in the page's CSV). A statistic marked "records" counts a record once in each of its codes,
-- so its rows may add up to more than its total, which is the number of records counted.
-- The page counts the records its filters show: add the same WHERE to restrict these.
-- tests/analysis_duckdb.py runs each query below, found by its "-- statistic:" line.

-- statistic: records_by_form
SELECT form_id AS code, count(*) AS records
FROM (SELECT form_id FROM annex1
      UNION ALL SELECT form_id FROM stakeholder_report
      UNION ALL SELECT form_id FROM consultation_session
      UNION ALL SELECT form_id FROM participant_input) AS r
GROUP BY ROLLUP (form_id)
ORDER BY code NULLS LAST;

-- statistic: reports_by_author
-- Annex 1's author is always a government (the form states it); a stakeholder report's
-- author category is its answer.
SELECT code, count(*) AS reports
FROM (SELECT 'governments' AS code FROM annex1
      UNION ALL SELECT org_category FROM stakeholder_report) AS r
GROUP BY ROLLUP (code)
ORDER BY code NULLS LAST;

-- statistic: countries (records)
-- Every country a record names: the country it speaks from, where a participant comes
-- from, and the countries of a report's good practices (repeat tables, joined by
-- parent_instance_id). A record counts once per country, and once in the total.
WITH record_country AS (
  SELECT instance_id, country AS code FROM annex1
  UNION SELECT instance_id, unnest(string_to_array(org_countries, ' ')) FROM stakeholder_report
  UNION SELECT parent_instance_id, unnest(string_to_array(s1_practice_countries, ' ')) FROM stakeholder_report__s1_practices
  UNION SELECT parent_instance_id, unnest(string_to_array(s2_practice_countries, ' ')) FROM stakeholder_report__s2_practices
  UNION SELECT parent_instance_id, unnest(string_to_array(s3_practice_countries, ' ')) FROM stakeholder_report__s3_practices
  UNION SELECT parent_instance_id, unnest(string_to_array(s4_practice_countries, ' ')) FROM stakeholder_report__s4_practices
  UNION SELECT instance_id, session_country FROM consultation_session
  UNION SELECT instance_id, origin_country FROM participant_input
  UNION SELECT instance_id, residence_country FROM participant_input
)
SELECT code, count(DISTINCT instance_id) AS records
FROM record_country
WHERE code IS NOT NULL
GROUP BY ROLLUP (code)
ORDER BY code NULLS LAST;

-- statistic: inputs_by_category
SELECT input_category AS code, count(*) AS inputs
FROM participant_input
WHERE input_category IS NOT NULL
GROUP BY ROLLUP (input_category)
ORDER BY code NULLS LAST;

-- statistic: inputs_by_gender
-- Inputs whose gender was not answered are in no line, nor in the total.
SELECT gender AS code, count(*) AS inputs
FROM participant_input
WHERE gender IS NOT NULL
GROUP BY ROLLUP (gender)
ORDER BY code NULLS LAST;

-- statistic: attendance_by_category
-- The tallies' columns (attendance_by_category/<code>) turned into rows: each session's row
-- as JSON, one line per column. A category left blank is JSON null, and not counted.
SELECT split_part(c.key, '/', 2) AS code, sum(CAST(CAST(c.value AS text) AS integer)) AS participants
FROM consultation_session AS s, json_each(to_json(s)) AS c
WHERE starts_with(c.key, 'attendance_by_category/') AND CAST(c.value AS text) <> 'null'
GROUP BY ROLLUP (split_part(c.key, '/', 2))
ORDER BY code NULLS LAST;

-- statistic: attendance_by_gender
SELECT split_part(c.key, '/', 2) AS code, sum(CAST(CAST(c.value AS text) AS integer)) AS participants
FROM consultation_session AS s, json_each(to_json(s)) AS c
WHERE starts_with(c.key, 'attendance_by_gender/') AND CAST(c.value AS text) <> 'null'
GROUP BY ROLLUP (split_part(c.key, '/', 2))
ORDER BY code NULLS LAST;

-- statistic: inputs_by_session
SELECT input_session AS code, count(*) AS inputs
FROM participant_input
WHERE input_session IS NOT NULL
GROUP BY ROLLUP (input_session)
ORDER BY code NULLS LAST;

-- statistic: inputs_by_area (records)
-- An input counts in every thematic area holding one of its objectives, once.
WITH input_objective AS (
  SELECT instance_id, unnest(string_to_array(input_objectives, ' ')) AS objective FROM participant_input
)
SELECT t.area AS code, count(DISTINCT i.instance_id) AS inputs
FROM input_objective AS i JOIN thematic_areas AS t ON t.objective = i.objective
GROUP BY ROLLUP (t.area)
ORDER BY code NULLS LAST;

-- statistic: inputs_by_objective (records)
WITH input_objective AS (
  SELECT instance_id, unnest(string_to_array(input_objectives, ' ')) AS objective FROM participant_input
)
SELECT objective AS code, count(DISTINCT instance_id) AS inputs
FROM input_objective
GROUP BY ROLLUP (objective)
ORDER BY code NULLS LAST;
