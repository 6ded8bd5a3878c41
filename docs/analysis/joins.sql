-- Repeat groups and participant inputs joined to the records they belong to
-- (docs/analysis.md), for DuckDB and PostgreSQL alike. A repeat table's parent_instance_id is
-- its record's instance_id; a repeat instance's own instance_id is unique only within its
-- record, so the key of a repeat row is (parent_instance_id, instance_id). A participant
-- input's parent_id is its consultation session's instance_id.
-- tests/analysis_duckdb.py runs each query below, found by its "-- join:" line.

-- join: examples_by_country
-- Annex 1's examples of achievements, by the government that gave them.
SELECT a.country, count(*) AS examples, count(DISTINCT a.instance_id) AS governments
FROM annex1__examples AS e
JOIN annex1 AS a ON a.instance_id = e.parent_instance_id
GROUP BY a.country
ORDER BY a.country;

-- join: good_practices
-- Every good practice of the stakeholder reports, the four sessions' tables in one, with the
-- organisation and its consent: quote a practice only if publication is not
-- not_for_publication, and name the organisation only if it is named.
SELECT r.instance_id, r.org_name, r.org_category, r.publication, p.session, p.position,
       p.title, p.objectives, p.countries
FROM (SELECT parent_instance_id, position, 'session1' AS session, s1_practice_title AS title,
             s1_practice_objectives AS objectives, s1_practice_countries AS countries
      FROM stakeholder_report__s1_practices
      UNION ALL
      SELECT parent_instance_id, position, 'session2', s2_practice_title, s2_practice_objectives, s2_practice_countries
      FROM stakeholder_report__s2_practices
      UNION ALL
      SELECT parent_instance_id, position, 'session3', s3_practice_title, s3_practice_objectives, s3_practice_countries
      FROM stakeholder_report__s3_practices
      UNION ALL
      SELECT parent_instance_id, position, 'session4', s4_practice_title, s4_practice_objectives, s4_practice_countries
      FROM stakeholder_report__s4_practices) AS p
JOIN stakeholder_report AS r ON r.instance_id = p.parent_instance_id
ORDER BY r.instance_id, p.session, p.position;

-- join: pledges_by_objective
-- Pledges by GCM objective: a pledge counts once in each objective it names.
SELECT o.objective, count(*) AS pledges, count(DISTINCT r.instance_id) AS reports
FROM (SELECT parent_instance_id, unnest(string_to_array(pledge_objectives, ' ')) AS objective
      FROM stakeholder_report__pledges) AS o
JOIN stakeholder_report AS r ON r.instance_id = o.parent_instance_id
GROUP BY o.objective
ORDER BY o.objective;

-- join: inputs_by_session_record
-- Each consultation session with its participants' inputs and its declared attendance.
SELECT s.instance_id, s.session_title, s.session_country, s.attendance_by_category AS attending,
       count(i.instance_id) AS inputs
FROM consultation_session AS s
LEFT JOIN participant_input AS i ON i.parent_id = s.instance_id
GROUP BY s.instance_id, s.session_title, s.session_country, s.attendance_by_category
ORDER BY s.instance_id;

-- join: inputs_by_category_labelled
-- Codes in words: codebook.csv has a label for every code of every item, in each language.
SELECT i.input_category AS code, c.label_en, c.label_es, count(*) AS inputs
FROM participant_input AS i
LEFT JOIN codebook AS c
  ON c.form = 'participant_input' AND c.item = 'input_category' AND c.code = i.input_category
GROUP BY i.input_category, c.label_en, c.label_es
ORDER BY inputs DESC, code;
