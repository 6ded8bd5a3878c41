-- Loads a consolidated export into PostgreSQL with psql (docs/analysis.md). Run it in the
-- folder the zip was unzipped to, after tables.sql, with these files copied beside the CSVs:
--   psql -d review -v ON_ERROR_STOP=1 -f tables.sql -f load_postgres.sql -f undo_neutralisation.sql
-- \copy reads the files on the machine psql runs on. A form nobody answered has no CSV file
-- in the zip: leave out its lines; its tables stay empty.
-- Each CSV starts with a UTF-8 byte order mark, on its header line: HEADER true skips that
-- line whole, BOM included. (HEADER MATCH, which compares the names, would see the first
-- one as "\ufeffinstance_id": remove the BOM first, see docs/analysis.md.)

\copy annex1 FROM 'annex1.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy annex1__examples FROM 'annex1__examples.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy stakeholder_report FROM 'stakeholder_report.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy stakeholder_report__s1_practices FROM 'stakeholder_report__s1_practices.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy stakeholder_report__s2_practices FROM 'stakeholder_report__s2_practices.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy stakeholder_report__s3_practices FROM 'stakeholder_report__s3_practices.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy stakeholder_report__s4_practices FROM 'stakeholder_report__s4_practices.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy stakeholder_report__pledges FROM 'stakeholder_report__pledges.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy consultation_session FROM 'consultation_session.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
\copy participant_input FROM 'participant_input.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')

-- The codebook: a label for every form, item and code, in each language.
CREATE TABLE codebook (form text, item text, code text, label_en text, label_es text, label_pt text, label_fr text);
\copy codebook FROM 'codebook.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')

-- bundle.json, every answer verbatim (no apostrophes added), read whole into a psql variable
-- (on Windows, `type bundle.json` for `cat bundle.json`): one row per record, and one per
-- answer, as jsonb (a string, a list of codes, counts by code, or a repeat's instances).
\set bundle `cat bundle.json`
CREATE TABLE bundle_records AS
SELECT jsonb_array_elements(:'bundle'::jsonb -> 'records') AS record;

CREATE TABLE bundle_answers AS
SELECT record ->> 'id' AS instance_id, record ->> 'form_id' AS form_id, a.key AS item, a.value AS answer
FROM bundle_records, jsonb_each(record -> 'answers') AS a;

-- The answers of repeat instances, verbatim: one row per answer of an instance (a repeat's
-- answer is the list of its instances, each an object with its own id).
CREATE TABLE bundle_instance_answers AS
SELECT b.instance_id AS parent_instance_id, b.form_id, b.item AS repeat_group,
       i.value ->> 'id' AS instance_id, a.key AS item, a.value AS answer
FROM (SELECT * FROM bundle_answers WHERE jsonb_typeof(answer -> 0) = 'object') AS b,
     jsonb_array_elements(b.answer) AS i(value), jsonb_each(i.value) AS a
WHERE a.key <> 'id';

-- A cell the export neutralised, given back: used by undo_neutralisation.sql.
CREATE FUNCTION unneutralise(cell text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN cell LIKE '''%' AND substr(cell, 2, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
              THEN substr(cell, 2) ELSE cell END
$$;
