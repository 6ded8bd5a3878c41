#!/usr/bin/env python3
"""Runs the DuckDB recipes of docs/analysis.md on the consolidated export that
tests/analysis_export.rs writes (the app's own export code), as a secretariat's analyst would:
unzips it, creates the tables (docs/analysis/tables.sql), loads the CSV files and bundle.json
(load_duckdb.sql), removes the formula neutralisation (undo_neutralisation.sql), then checks:

- every table holds as many rows as its CSV file (read with Python's csv module);
- every cell, once the apostrophes are removed, is the answer bundle.json keeps (read with
  read_json): texts, codes, the flag of each option, each tally's counts and total, each
  repeat instance in its row; the only cell that differs is the one the undo cannot tell
  apart (an answer typed with an apostrophe before a formula sign);
- each query of statistics.sql gives the counts and total the app's statistics give
  (expected-stats.json, from src/consolidate/stats.rs);
- every repeat row joins to its record, and the queries of joins.sql count what bundle.json
  holds;
- every ```sql block of docs/analysis.md is in one of the docs/analysis/*.sql files, and the
  load scripts load every table tables.sql creates.

Usage: python3 tests/analysis_duckdb.py target/analysis-sample
"""
import csv
import json
import os
import re
import sys
import tempfile
import zipfile

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SQL_DIR = os.path.join(ROOT, "docs", "analysis")
META = ["instance_id", "form_id", "form_version", "status", "revision", "created", "modified", "completed", "language", "parent_id"]
REPEAT_META = ["parent_instance_id", "instance_id", "position"]
FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
checks = 0


def fail(message):
    print(f"analysis_duckdb.py: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(ok, message):
    global checks
    if not ok:
        fail(message)
    checks += 1


def sql(name):
    with open(os.path.join(SQL_DIR, name), encoding="utf-8") as f:
        return f.read()


def marked(text, marker):
    """The queries of a file, by name: each follows a `-- <marker>: <name>` line."""
    parts = re.split(rf"^-- {marker}: (\S+).*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def tables_of(ddl):
    """Table name -> its columns, in order, from tables.sql."""
    out = {}
    for name, body in re.findall(r"^CREATE TABLE (\w+) \((.*?)^\);", ddl, flags=re.M | re.S):
        out[name] = [m.group(1) or m.group(2) for m in re.finditer(r'^  (?:"([^"]+)"|(\w+)) ', body, flags=re.M)
                     if not (m.group(2) or "").startswith("PRIMARY")]
    return out


def quote(column):
    return '"' + column.replace('"', '""') + '"'


def check_sources(tables):
    """The doc's SQL is the files' SQL; the load scripts load every table."""
    with open(os.path.join(ROOT, "docs", "analysis.md"), encoding="utf-8") as f:
        doc = f.read()
    files = "\n".join(sql(n) for n in sorted(os.listdir(SQL_DIR)) if n.endswith(".sql"))
    blocks = re.findall(r"^```sql\n(.*?)^```", doc, flags=re.M | re.S)
    check(blocks, "docs/analysis.md has no ```sql block")
    for block in blocks:
        check(block.strip() in files, f"docs/analysis.md: this SQL is in no docs/analysis/*.sql file:\n{block}")
    duck, pg = sql("load_duckdb.sql"), sql("load_postgres.sql")
    for t in tables:
        if t == "thematic_areas":
            continue
        check(f"INSERT INTO {t} BY NAME SELECT * FROM read_csv('{t}.csv'" in duck, f"load_duckdb.sql does not load {t}")
        check(f"\\copy {t} FROM '{t}.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')" in pg, f"load_postgres.sql does not load {t}")
    return len(blocks)


def check_loaded(con, folder, tables):
    """Each table has its CSV file's rows."""
    rows = 0
    for t in tables:
        path = os.path.join(folder, f"{t}.csv")
        if t == "thematic_areas":
            continue
        check(os.path.exists(path), f"the export has no {t}.csv")
        with open(path, encoding="utf-8-sig", newline="") as f:
            data = list(csv.reader(f))
        check(data[0] == tables[t], f"{t}.csv: header {data[0]!r} is not tables.sql's")
        (n,) = con.execute(f"SELECT count(*) FROM {t}").fetchone()
        check(n == len(data) - 1, f"{t}: {n} rows loaded, the CSV has {len(data) - 1}")
        rows += n
    return rows


def verbatim(con):
    """bundle.json's answers as read_json gives them: by record, and by repeat instance."""
    records = {}
    for instance_id, form_id, item, answer in con.execute("SELECT instance_id, form_id, item, answer FROM bundle_answers").fetchall():
        records.setdefault(instance_id, {"form": form_id, "answers": {}})["answers"][item] = json.loads(answer)
    instances = {}
    for parent, group, instance_id, item, answer in con.execute(
            "SELECT parent_instance_id, repeat_group, instance_id, item, answer FROM bundle_instance_answers").fetchall():
        instances.setdefault((parent, group, instance_id), {})[item] = json.loads(answer)
    return records, instances


def cell_of(answers, column):
    """What the CSV cell of `column` holds for these answers (docs/bundle-format.md §6), as text."""
    item, _, code = column.partition("/")
    value = answers.get(item)
    if value is None:
        return None
    if code:
        if isinstance(value, list):
            return "1" if code in value else "0"
        return str(value[code]) if code in value else None
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(value)
    return str(sum(value.values()))


def text_rows(con, table, columns, key):
    """The rows of a table, every column as text, by key."""
    select = ", ".join(f"CAST({quote(c)} AS VARCHAR)" for c in key + columns)
    out = {}
    for row in con.execute(f"SELECT {select} FROM {table}").fetchall():
        out[tuple(row[:len(key)])] = dict(zip(columns, row[len(key):]))
    return out


def looks_neutralised(value):
    return isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_SIGNS


def compare_answers(con, tables, records, instances):
    """Every cell against bundle.json; returns the cells that differ."""
    differ = []
    forms = {t for t in tables if "__" not in t and t != "thematic_areas"}
    for form in sorted(forms):
        columns = [c for c in tables[form] if c not in META]
        rows = text_rows(con, form, columns, ["instance_id"])
        ids = {i for i, r in records.items() if r["form"] == form}
        check(set(k[0] for k in rows) == ids, f"{form}: the table's records are not bundle.json's")
        for (instance_id,), row in rows.items():
            answers = records[instance_id]["answers"]
            for column in columns:
                want = cell_of(answers, column)
                if row[column] != want:
                    differ.append((form, instance_id, column, row[column], want))
            top = {c.partition("/")[0] for c in columns}
            for item, value in answers.items():
                is_repeat = isinstance(value, list) and value and isinstance(value[0], dict)
                check(item in top or (is_repeat and f"{form}__{item}" in tables), f"{form} {instance_id}: answer {item} has no column")
    for table in sorted(t for t in tables if "__" in t):
        form, group = table.split("__", 1)
        columns = [c for c in tables[table] if c not in REPEAT_META]
        rows = text_rows(con, table, columns + ["position"], ["parent_instance_id", "instance_id"])
        want_keys = set()
        for instance_id, r in records.items():
            for n, inst in enumerate(r["answers"].get(group, []) if r["form"] == form else [], start=1):
                want_keys.add((instance_id, inst["id"]))
                row = rows.get((instance_id, inst["id"]))
                check(row is not None, f"{table}: no row for instance {inst['id']} of {instance_id}")
                check(row["position"] == str(n), f"{table}: instance {inst['id']} of {instance_id} at position {row['position']}, not {n}")
                answers = instances[(instance_id, group, inst["id"])] if len(inst) > 1 else {}
                for column in columns:
                    want = cell_of(answers, column)
                    if row[column] != want:
                        differ.append((table, f"{instance_id}/{inst['id']}", column, row[column], want))
        check(set(rows) == want_keys, f"{table}: rows {sorted(set(rows) ^ want_keys)} are not bundle.json's instances")
    return differ


def strings(records, instances):
    for r in records.values():
        yield from (v for v in r["answers"].values() if isinstance(v, str))
    for answers in instances.values():
        yield from (v for v in answers.values() if isinstance(v, str))


def count_neutralised(con, tables):
    n = 0
    for t, columns in tables.items():
        for c in columns:
            (k,) = con.execute(f"SELECT count(*) FROM {t} WHERE CAST({quote(c)} AS VARCHAR) LIKE '''%' "
                               f"AND substr(CAST({quote(c)} AS VARCHAR), 2, 1) IN ('=', '+', '-', '@', chr(9), chr(13))").fetchone()
            n += k
    return n


def check_statistics(con, expected):
    queries = marked(sql("statistics.sql"), "statistic")
    check(set(queries) == set(expected), f"statistics.sql has {sorted(queries)}, the app {sorted(expected)}")
    for name, query in queries.items():
        rows = con.execute(query).fetchall()
        totals = [n for code, n in rows if code is None]
        check(len(totals) == 1, f"{name}: {len(totals)} total lines")
        got = {code: n for code, n in rows if code is not None and n > 0}
        want = expected[name]
        check(got == want["rows"], f"{name}: SQL counts {got} but the app {want['rows']}")
        check(totals[0] == want["total"], f"{name}: SQL total {totals[0]} but the app {want['total']}")
    return len(queries)


def check_joins(con, tables, expected, records):
    for table, want in expected["repeats"].items():
        form = table.split("__")[0]
        joined = con.execute(f"SELECT count(*), count(DISTINCT p.instance_id) FROM {table} AS r "
                             f"JOIN {form} AS p ON p.instance_id = r.parent_instance_id").fetchone()
        check(joined == (want["instances"], want["records_with_any"]), f"{table}: joined {joined}, the app has {want}")
        (orphans,) = con.execute(f"SELECT count(*) FROM {table} AS r WHERE NOT EXISTS "
                                 f"(SELECT 1 FROM {form} AS p WHERE p.instance_id = r.parent_instance_id)").fetchone()
        check(orphans == 0, f"{table}: {orphans} rows join to no record")
    check(set(expected["repeats"]) == {t for t in tables if "__" in t}, "a repeat table the app does not know")

    # The queries of joins.sql against bundle.json, read with the json module.
    with open("bundle.json", encoding="utf-8") as f:
        bundle = json.load(f)["records"]
    of = lambda form: [r for r in bundle if r["form_id"] == form]
    queries = marked(sql("joins.sql"), "join")

    want = {}
    for r in of("annex1"):
        n = len(r["answers"].get("examples", []))
        if n:
            e, g = want.get(r["answers"]["country"], (0, 0))
            want[r["answers"]["country"]] = (e + n, g + 1)
    got = {c: (e, g) for c, e, g in con.execute(queries["examples_by_country"]).fetchall()}
    check(got == want, f"examples_by_country: {got} != {want}")

    want = sorted((r["id"], f"session{k}", n) for r in of("stakeholder_report") for k in range(1, 5)
                  for n, _ in enumerate(r["answers"].get(f"s{k}_practices", []), start=1))
    got = [(str(i), s, p) for i, _, _, _, s, p, *_ in con.execute(queries["good_practices"]).fetchall()]
    check(got == want, f"good_practices: {got} != {want}")

    want = {}
    for r in of("stakeholder_report"):
        for pledge in r["answers"].get("pledges", []):
            for o in pledge.get("pledge_objectives", []):
                p, reports = want.get(o, (0, set()))
                want[o] = (p + 1, reports | {r["id"]})
    want = {o: (p, len(reports)) for o, (p, reports) in want.items()}
    got = {o: (p, n) for o, p, n in con.execute(queries["pledges_by_objective"]).fetchall()}
    check(got == want, f"pledges_by_objective: {got} != {want}")

    want = {s["id"]: (sum(s["answers"].get("attendance_by_category", {}).values()),
                      sum(1 for i in of("participant_input") if i.get("parent") == s["id"])) for s in of("consultation_session")}
    got = {i: (a, n) for i, _, _, a, n in con.execute(queries["inputs_by_session_record"]).fetchall()}
    check(got == want, f"inputs_by_session_record: {got} != {want}")
    check(sum(n for _, n in want.values()) == len(of("participant_input")), "an input joins to no session")

    got = con.execute(queries["inputs_by_category_labelled"]).fetchall()
    want = expected["statistics"]["inputs_by_category"]["rows"]
    check({code: n for code, _, _, n in got} == want, f"inputs_by_category_labelled: {got} != {want}")
    check(all(en and es and en != code for code, en, es, _ in got), f"inputs_by_category_labelled: a code without its labels: {got}")
    return len(queries)


def main():
    if len(sys.argv) != 2:
        fail("usage: analysis_duckdb.py DIR (with consolidated.zip and expected-stats.json)")
    folder = os.path.abspath(sys.argv[1])
    with open(os.path.join(folder, "expected-stats.json"), encoding="utf-8") as f:
        expected = json.load(f)
    ddl = sql("tables.sql")
    tables = tables_of(ddl)
    blocks = check_sources(tables)
    with tempfile.TemporaryDirectory(prefix="analysis-duckdb-") as tmp:
        with zipfile.ZipFile(os.path.join(folder, "consolidated.zip")) as z:
            z.extractall(tmp)
        os.chdir(tmp)  # the recipes name the files as they are in the unzipped folder
        con = duckdb.connect()
        con.execute(ddl)
        con.execute(sql("load_duckdb.sql"))
        rows = check_loaded(con, tmp, tables)
        records, instances = verbatim(con)
        with open("bundle.json", encoding="utf-8") as f:
            check(len(records) == len(json.load(f)["records"]) == expected["records"], "read_json did not read every record")

        # Before: the apostrophes are there, one per answer beginning with a formula sign, and
        # one per answer that was typed with an apostrophe before such a sign.
        signs = sum(1 for s in strings(records, instances) if s.startswith(FORMULA_SIGNS))
        typed = [s for s in strings(records, instances) if looks_neutralised(s)]
        item_tables = {t: [c for c in cols if c not in META and c not in REPEAT_META] for t, cols in tables.items() if t != "thematic_areas"}
        before = count_neutralised(con, item_tables)
        check(signs >= 10 and before == signs + len(typed), f"{before} neutralised cells for {signs} answers beginning with a sign")

        con.execute(sql("undo_neutralisation.sql"))
        differ = compare_answers(con, tables, records, instances)
        # The one cell the undo cannot give back: typed as '= it reads as a neutralised =.
        want = [(t, i, c, s[1:], s) for (t, i, c, _, s) in differ if s in typed]
        check(len(typed) == 1 and len(differ) == 1 and differ == want, "cells that differ from bundle.json:\n" + "\n".join(map(repr, differ)))

        stats = check_statistics(con, expected["statistics"])
        joins = check_joins(con, tables, expected, records)
        con.close()
        os.chdir(ROOT)
    print(f"analysis_duckdb.py: {len(tables)} tables, {rows} rows loaded; {before} neutralised cells undone, every answer "
          f"as bundle.json keeps it but the one typed with an apostrophe; {stats} statistics equal the app's; "
          f"{joins} joins; {blocks} SQL blocks of the doc found; {checks} checks passed")


if __name__ == "__main__":
    main()
