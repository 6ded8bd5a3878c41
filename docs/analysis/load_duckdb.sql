-- Loads a consolidated export into DuckDB (docs/analysis.md). Run it in the folder the zip
-- was unzipped to, after tables.sql, with these files copied beside the CSVs:
--   duckdb review.duckdb -c ".read tables.sql" -c ".read load_duckdb.sql" -c ".read undo_neutralisation.sql"
-- A form nobody answered has no CSV file in the zip: leave out its lines (read_csv fails
-- with "No files found"); its tables stay empty.

-- The CSV tables: every cell read as text (read_csv removes the byte order mark and reads
-- CRLF, quoted line breaks included), matched to the columns by name and cast to their types.
INSERT INTO annex1 BY NAME SELECT * FROM read_csv('annex1.csv', header = true, all_varchar = true);
INSERT INTO annex1__examples BY NAME SELECT * FROM read_csv('annex1__examples.csv', header = true, all_varchar = true);
INSERT INTO stakeholder_report BY NAME SELECT * FROM read_csv('stakeholder_report.csv', header = true, all_varchar = true);
INSERT INTO stakeholder_report__s1_practices BY NAME SELECT * FROM read_csv('stakeholder_report__s1_practices.csv', header = true, all_varchar = true);
INSERT INTO stakeholder_report__s2_practices BY NAME SELECT * FROM read_csv('stakeholder_report__s2_practices.csv', header = true, all_varchar = true);
INSERT INTO stakeholder_report__s3_practices BY NAME SELECT * FROM read_csv('stakeholder_report__s3_practices.csv', header = true, all_varchar = true);
INSERT INTO stakeholder_report__s4_practices BY NAME SELECT * FROM read_csv('stakeholder_report__s4_practices.csv', header = true, all_varchar = true);
INSERT INTO stakeholder_report__pledges BY NAME SELECT * FROM read_csv('stakeholder_report__pledges.csv', header = true, all_varchar = true);
INSERT INTO consultation_session BY NAME SELECT * FROM read_csv('consultation_session.csv', header = true, all_varchar = true);
INSERT INTO participant_input BY NAME SELECT * FROM read_csv('participant_input.csv', header = true, all_varchar = true);

-- The codebook: a label for every form, item and code, in each language.
CREATE TABLE codebook AS SELECT * FROM read_csv('codebook.csv', header = true, all_varchar = true);

-- bundle.json, every answer verbatim (no apostrophes added): one row per record, and one
-- per answer, as JSON (a string, a list of codes, counts by code, or a repeat's instances).
CREATE TABLE bundle_records AS
SELECT unnest(records) AS record
FROM read_json('bundle.json', columns = {records: 'JSON[]'});

CREATE TABLE bundle_answers AS
SELECT record ->> 'id' AS instance_id, record ->> 'form_id' AS form_id, a.key AS item, a.value AS answer
FROM bundle_records, json_each(record -> 'answers') AS a;

-- The answers of repeat instances, verbatim: one row per answer of an instance (a repeat's
-- answer is the list of its instances, each an object with its own id).
CREATE TABLE bundle_instance_answers AS
SELECT b.instance_id AS parent_instance_id, b.form_id, b.item AS repeat_group,
       i.value ->> 'id' AS instance_id, a.key AS item, a.value AS answer
FROM (SELECT * FROM bundle_answers WHERE json_type(answer -> 0) = 'OBJECT') AS b,
     json_each(b.answer) AS i, json_each(i.value) AS a
WHERE a.key <> 'id';

-- A cell the export neutralised, given back: used by undo_neutralisation.sql.
CREATE MACRO unneutralise(cell) AS
  CASE WHEN cell LIKE '''%' AND substr(cell, 2, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
       THEN substr(cell, 2) ELSE cell END;
