//! The secretariat's consolidated export, for the recipes of docs/analysis.md: a review of every
//! form (three governments, three organisations, two consultation sessions and their
//! participants' inputs) sent in several files, merged by the secretariat's own collection (a
//! duplicate file and a newer revision among them), exported as its page does, to
//! target/analysis-sample/consolidated.zip, beside the app's own statistics of the same records
//! (expected-stats.json). tests/analysis_duckdb.py loads the zip into DuckDB with the recipes
//! and checks the counts against them.
//!
//! Also: docs/analysis/tables.sql (the tables' DDL) and undo_neutralisation.sql are what the
//! form definitions give, the DDL column for column the CSV headers of the export; and
//! docs/analysis/statistics.sql reads every item the app's statistics count by its role.

mod bundle_fixtures;
mod report_fixtures;

use std::collections::BTreeMap;
use std::path::PathBuf;

use gcm_collector::bundle::{self, Bundle, META_COLUMNS, REPEAT_COLUMNS};
use gcm_collector::consolidate::{stats, Collection};
use gcm_collector::engine::{Choice, FormDef, FormRole, ItemDef, ItemKind, Role};
use gcm_collector::forms;
use gcm_collector::i18n::bundled;
use gcm_collector::record::Record;
use serde_json::{json, Value as Json};

const NOW: &str = "2026-11-30T16:00:00.000Z";
const SECRETARIAT: &str = "5ec00000-0000-4000-8000-000000000001";
const TACNA: &str = "5e550000-0000-4000-8000-000000000002";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn choices(form: &str, item: &str) -> Vec<Choice> {
    fn find<'a>(items: &'a [ItemDef], id: &str) -> Option<&'a ItemDef> {
        items.iter().find_map(|i| if i.id == id { Some(i) } else { find(&i.items, id) })
    }
    let f = forms::get(form).unwrap();
    f.sections.iter().find_map(|s| find(&s.items, item)).unwrap_or_else(|| panic!("{form}.{item}")).choices.clone()
}

/// A record of `form` filled by `fill` and completed, as a collector would send it.
fn made(form: &str, id: &str, parent: Option<&str>, fill: impl FnOnce(&mut gcm_collector::engine::Answers)) -> Record {
    bundle_fixtures::real(form, id, |r| fill(&mut r.answers), parent)
}

/// A third organisation, in Argentina and Brazil, on session 4: answers that begin like
/// formulas (`-`, `+`, `@`, a tab, `=`), one that already begins with an apostrophe, two good
/// practices and two pledges.
fn formula_report() -> Record {
    made("stakeholder_report", "5a000000-0000-4000-8000-000000000003", None, |a| {
        for (k, v) in [("org_name", "@Red Sur"), ("org_category", "faith_based"), ("org_scope", "cross_regional"),
            ("contact_person", "-Marta Gómez"), ("contact_email", "marta@sur.example"),
            ("s4_progress", "-40 % de solicitudes pendientes, \"en baja\""), ("s4_situations", "+3 albergues nuevos\r\nsegunda línea"),
            ("s4_challenges", "\tSangría: la lista empieza con un tabulador"),
            ("imrf_recommendations", "=\"Prioridad\" & 1"), ("publication", "anonymised"),
            ("org_website", "'=ya empezaba con apóstrofo")] {
            a.set_text(k, v);
        }
        a.toggle("org_countries", "ARG", true, &choices("stakeholder_report", "org_countries"));
        a.toggle("org_countries", "BRA", true, &choices("stakeholder_report", "org_countries"));
        a.toggle("sessions_reported", "session4", true, &choices("stakeholder_report", "sessions_reported"));
        let objectives = choices("stakeholder_report", "s4_practice_objectives");
        let countries = choices("stakeholder_report", "s4_practice_countries");
        for (id, title, objs, where_) in [("q1", "=Casa de acogida", &["obj01", "obj17"][..], &["ARG", "PRY"][..]), ("q2", "Censo local", &["obj03"][..], &[][..])] {
            a.add_instance("s4_practices", id);
            let p = a.instance_mut("s4_practices", id).unwrap();
            p.set_text("s4_practice_title", title);
            p.set_text("s4_practice_description", "Descripción, con coma");
            for o in objs {
                p.toggle("s4_practice_objectives", o, true, &objectives);
            }
            for c in where_ {
                p.toggle("s4_practice_countries", c, true, &countries);
            }
        }
        let pledge_objectives = choices("stakeholder_report", "pledge_objectives");
        for (id, text, obj) in [("g1", "Abrir dos oficinas", "obj07"), ("g2", "-Reducir a la mitad las esperas", "obj23")] {
            a.add_instance("pledges", id);
            let g = a.instance_mut("pledges", id).unwrap();
            g.set_text("pledge_commitment", text);
            g.set_text("pledge_partners", "@municipio");
            g.toggle("pledge_objectives", obj, true, &pledge_objectives);
        }
        a.toggle("principles_applied", "child_sensitive", true, &choices("stakeholder_report", "principles_applied"));
        a.set_text("principles_text", "Enfoque de niñez");
    })
}

/// A virtual consultation from Tacna (Peru) on sessions 2 and 3, attendance with a zero row.
fn tacna() -> Record {
    made("consultation_session", TACNA, None, |a| {
        for (k, v) in [("session_title", "=Consulta virtual Tacna–Arica"), ("session_date", "2026-11-19"), ("session_place", "Tacna"),
            ("session_country", "PER"), ("modality", "virtual"), ("organiser", "Mesa de movilidad humana"), ("session_language", "es")] {
            a.set_text(k, v);
        }
        let themes = choices("consultation_session", "session_themes");
        a.toggle("session_themes", "session2", true, &themes);
        a.toggle("session_themes", "session3", true, &themes);
        for (code, n) in [("migrant_diaspora", 7), ("local_authorities", 3), ("academia", 0), ("youth", 2)] {
            a.set_count("attendance_by_category", code, Some(n));
        }
        for (code, n) in [("woman", 6), ("man", 5), ("another_or_not_stated", 1)] {
            a.set_count("attendance_by_gender", code, Some(n));
        }
    })
}

/// Participant `n` of `session`: categories, genders, sessions, countries and objectives in
/// turn, some left unanswered, and statements that begin like formulas now and then.
fn participant(session: &str, n: usize) -> Record {
    let id = format!("1a900000-0000-4000-{}-{n:012}", if session == TACNA { "9002" } else { "9001" });
    made("participant_input", &id, Some(session), |a| {
        let category = ["migrant_diaspora", "civil_society", "youth", "academia", "local_authorities"][n % 5];
        a.set_text("input_category", category);
        a.set_text("input_session", &format!("session{}", n % 4 + 1));
        let lead = ["", "-", "+", "@", "=", "\t", ""][n % 7];
        a.set_text("statement", &format!("{lead}Aporte {n}: acceso a salud, documentación; «trabajo»"));
        if n % 6 != 5 {
            a.toggle("consent", "given", true, &choices("participant_input", "consent"));
        }
        if n % 3 == 0 {
            a.set_text("priority_recommendation", &format!("Recomendación {n}\ncon dos líneas"));
        }
        if let Some(c) = [Some("VEN"), Some("HTI"), None, Some("COL"), Some("OTHER")][n % 5] {
            a.set_text("origin_country", c);
        }
        if n % 4 != 3 {
            a.set_text("residence_country", if session == TACNA { "PER" } else { "COL" });
        }
        if let Some(g) = [Some("woman"), Some("man"), None, Some("another"), Some("woman"), Some("prefer_not")][n % 6] {
            a.set_text("gender", g);
        }
        a.set_text("age_band", ["age_18_24", "age_25_34", "age_35_49", "age_50_64"][n % 4]);
        let objectives = choices("participant_input", "input_objectives");
        for k in 0..(n % 4) {
            a.toggle("input_objectives", &objectives[(n * 5 + k * 7) % objectives.len()].value, true, &objectives);
        }
    })
}

fn zip(records: &[Record], device: &str) -> Vec<u8> {
    let all = forms::all();
    bundle::to_zip(&Bundle::submission(records, all, "2026-11-25T12:00:00.000Z", device).unwrap(), all, &bundled::all()).unwrap()
}

/// The files the secretariat receives, merged as its page merges them.
fn consolidated() -> Collection {
    let chile = report_fixtures::annex1();
    let peru = bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000002", "PER", "no");
    let uruguay = bundle_fixtures::annex1_response("a1000000-0000-4000-8000-000000000003", "URY", "yes");
    let mut peru_revised = peru.clone();
    peru_revised.revision = 4;
    peru_revised.modified = "2026-11-24T09:00:00.000Z".into();
    peru_revised.answers.set_text("institution", "Cancillería del Perú — versión revisada");
    let mut cucuta = vec![report_fixtures::session(), report_fixtures::input_given()];
    cucuta.extend((1..=24).map(|n| participant(report_fixtures::SESSION, n)));
    let mut tacna = vec![tacna()];
    tacna.extend((1..=15).map(|n| participant(TACNA, n)));
    let files = [
        ("annex1_CHL.zip", zip(&[chile], "dev-chl")),
        ("annex1_PER_URY.zip", zip(&[peru, uruguay], "dev-per")),
        ("reports.zip", zip(&[report_fixtures::named_report(), report_fixtures::secret_report(), formula_report()], "dev-osc")),
        ("session_cucuta.zip", zip(&cucuta, "dev-cuc")),
        ("session_tacna.zip", zip(&tacna, "dev-tac")),
        ("session_cucuta_again.zip", zip(&cucuta, "dev-cuc")),
        ("annex1_PER_revised.zip", zip(&[peru_revised], "dev-per")),
    ];
    let mut c = Collection::default();
    let mut taken = BTreeMap::new();
    for (name, bytes) in &files {
        for r in c.add_file(name, bytes) {
            assert_eq!(r.rejected, None, "{name}");
            taken.insert(name.to_string(), (r.accepted, r.duplicates, r.conflicts));
        }
    }
    assert_eq!(taken["session_cucuta_again.zip"], (0, 26, 0), "the second copy is all duplicates");
    assert_eq!(taken["annex1_PER_revised.zip"], (0, 0, 1), "the revision wins a conflict");
    assert_eq!(c.records().len(), 3 + 3 + 26 + 16);
    c
}

/// The app's statistics as JSON: each table's total, whether it counts records (overlapping),
/// and its rows with a count.
fn stats_json(c: &Collection) -> Json {
    let rows: Vec<_> = c.records().iter().zip(c.facets()).collect();
    let tables: serde_json::Map<String, Json> = stats::all(&rows)
        .iter()
        .map(|t| {
            let counts: serde_json::Map<String, Json> = t.rows.iter().filter(|r| r.count > 0).map(|r| (r.code.clone(), json!(r.count))).collect();
            (t.id.to_string(), json!({ "total": t.total, "overlapping": t.overlapping, "rows": counts }))
        })
        .collect();
    // What the repeat tables must join back to: instances and records with any, per group.
    let mut repeats = serde_json::Map::new();
    for form in forms::all() {
        for group in form.items().filter(|i| i.kind == ItemKind::Repeat) {
            let of: Vec<usize> = c.records().iter().filter(|r| r.form_id == form.id).map(|r| r.answers.instances(&group.id).len()).collect();
            repeats.insert(
                format!("{}__{}", form.id, group.id),
                json!({ "instances": of.iter().sum::<usize>(), "records_with_any": of.iter().filter(|n| **n > 0).count() }),
            );
        }
    }
    json!({ "records": c.records().len(), "statistics": tables, "repeats": repeats })
}

#[test]
fn write_the_consolidated_sample_and_its_statistics() {
    let c = consolidated();
    let all = forms::all();
    // As the secretariat's page exports (src/ui/secretariat/mod.rs, `export`).
    let b = Bundle::submission(c.records(), all, NOW, SECRETARIAT).unwrap();
    let bytes = bundle::to_zip(&b, all, &bundled::all()).unwrap();
    let dir = root().join("target/analysis-sample");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("consolidated.zip"), &bytes).unwrap();
    let expected = stats_json(&c);
    std::fs::write(dir.join("expected-stats.json"), serde_json::to_string_pretty(&expected).unwrap() + "\n").unwrap();

    // Every table's header is the DDL's columns, in the same order.
    let ddl = ddl_columns(&tables_sql());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut csvs = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if !name.ends_with(".csv") || name == "codebook.csv" {
            continue;
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).unwrap();
        let header: Vec<String> = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes()).headers().unwrap().iter().map(String::from).collect();
        let table = name.trim_end_matches(".csv").to_string();
        assert_eq!(ddl.get(&table), Some(&header), "docs/analysis/tables.sql: {table}");
        csvs.push(table);
    }
    assert_eq!(csvs.len(), 4 + 1 + 5, "a table per form and per repeat group: {csvs:?}");
    assert_eq!(ddl.len(), csvs.len() + 1, "tables.sql has a table for no CSV but thematic_areas");
}

// ---- The tables' DDL, from the form definitions --------------------------------------------

/// The SQL type of a column of `kind`: its own column, or one of an option (`flag`). Types
/// both DuckDB and PostgreSQL know by these names.
fn sql_type(kind: ItemKind, flag: bool) -> &'static str {
    match kind {
        ItemKind::MultipleChoice if flag => "smallint",
        ItemKind::Tally => "integer",
        ItemKind::Date => "date",
        // A number may be signed, so written `'-3`: text until the apostrophe is removed
        // (undo_neutralisation.sql then casts it).
        ItemKind::Number => "text",
        ItemKind::ShortText | ItemKind::LongText | ItemKind::Email | ItemKind::SingleChoice | ItemKind::MultipleChoice | ItemKind::YesNo => "text",
        // A repeat group is a table of its own, not a column.
        ItemKind::Repeat => unreachable!("a repeat group has no column"),
    }
}

fn ident(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        name.to_string()
    } else {
        format!("\"{name}\"")
    }
}

fn item_columns(items: &[ItemDef]) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for item in items.iter().filter(|i| i.kind != ItemKind::Repeat) {
        out.push((item.id.clone(), sql_type(item.kind, false)));
        if matches!(item.kind, ItemKind::MultipleChoice | ItemKind::Tally) {
            out.extend(item.choices.iter().map(|c| (format!("{}/{}", item.id, c.value), sql_type(item.kind, true))));
        }
    }
    out
}

fn create(name: &str, columns: &[(String, &str)], key: &str, comment: &str) -> String {
    let mut s = format!("-- {comment}\nCREATE TABLE {name} (\n");
    for (c, t) in columns {
        s += &format!("  {} {t},\n", ident(c));
    }
    s + &format!("  PRIMARY KEY ({key})\n);\n")
}

fn form_ddl(form: &FormDef) -> String {
    let meta_types = ["text NOT NULL", "text NOT NULL", "text NOT NULL", "text NOT NULL", "integer NOT NULL", "timestamptz NOT NULL", "timestamptz NOT NULL", "timestamptz", "text NOT NULL"];
    let mut columns: Vec<(String, &str)> = META_COLUMNS.iter().zip(meta_types).map(|(c, t)| (c.to_string(), t)).collect();
    if form.parent_form.is_some() {
        columns.push(("parent_id".into(), "text"));
    }
    let top: Vec<ItemDef> = form.items().cloned().collect();
    columns.extend(item_columns(&top));
    let parent_note = form.parent_form.as_ref().map(|p| format!("; parent_id = {p}.instance_id")).unwrap_or_default();
    let mut s = create(&form.id, &columns, "instance_id", &format!("{}.csv: form {} version {}{parent_note}", form.id, form.id, form.version));
    fn groups(form: &str, parent: &str, items: &[ItemDef], s: &mut String) {
        for g in items.iter().filter(|i| i.kind == ItemKind::Repeat) {
            let name = format!("{form}__{}", g.id);
            let mut columns: Vec<(String, &str)> = REPEAT_COLUMNS.iter().zip(["text NOT NULL", "text NOT NULL", "integer NOT NULL"]).map(|(c, t)| (c.to_string(), t)).collect();
            columns.extend(item_columns(&g.items));
            *s += "\n";
            *s += &create(&name, &columns, "parent_instance_id, instance_id", &format!("{name}.csv: a row per instance of {}; parent_instance_id = {parent}.instance_id", g.id));
            groups(form, &name, &g.items, s);
        }
    }
    groups(&form.id, &form.id, &top, &mut s);
    s
}

/// The DDL of every bundled form, as docs/analysis/tables.sql holds it, then the objectives of
/// each thematic area (the statistic of inputs by area reads them).
fn tables_sql() -> String {
    let mut s = String::from(
        "-- The tables of a consolidated export (docs/analysis.md), one per CSV file, for DuckDB and\n\
         -- PostgreSQL alike. Generated from the form definitions (forms/*.json) by\n\
         -- tests/analysis_export.rs, which fails when they differ: run it with\n\
         -- UPDATE_ANALYSIS_SQL=1 to rewrite this file after a change of a form.\n\
         -- Text columns hold cells as written, formula-like ones with an apostrophe in front\n\
         -- (undo_neutralisation.sql gives the answers back).\n",
    );
    for form in forms::all() {
        s += "\n";
        s += &form_ddl(form);
    }
    s += "\n-- The GCM objectives of each thematic area (forms/reference.json, list thematic_areas): an\n\
          -- input counts in every area that holds one of its objectives.\n\
          CREATE TABLE thematic_areas (\n  area text NOT NULL,\n  objective text NOT NULL,\n  PRIMARY KEY (area, objective)\n);\n\
          INSERT INTO thematic_areas (area, objective) VALUES\n";
    let pairs: Vec<String> =
        forms::list("thematic_areas").iter().flat_map(|a| a.members.iter().map(move |o| format!("  ('{}', '{o}')", a.value))).collect();
    s + &pairs.join(",\n") + ";\n"
}

/// The text columns of a table (the only ones a formula-like cell can be in), and whether each
/// is a number's.
fn text_columns(items: &[ItemDef]) -> Vec<(String, bool)> {
    let free_text = |kind: ItemKind| match kind {
        ItemKind::ShortText | ItemKind::LongText | ItemKind::Email | ItemKind::Number => true,
        // Codes, dates, counts and flags never begin with a formula sign.
        ItemKind::Date | ItemKind::SingleChoice | ItemKind::MultipleChoice | ItemKind::YesNo | ItemKind::Tally | ItemKind::Repeat => false,
    };
    items.iter().filter(|i| free_text(i.kind)).map(|i| (i.id.clone(), i.kind == ItemKind::Number)).collect()
}

/// docs/analysis/undo_neutralisation.sql: every text column of every table through
/// `unneutralise`, which the load scripts define; numbers then become numbers.
fn undo_sql() -> String {
    let mut s = String::from(
        "-- Gives back the answers as they were typed: removes the apostrophe the export put before a\n\
         -- cell that begins with =, +, -, @, a tab or a carriage return (docs/bundle-format.md §6),\n\
         -- in every text column. Run once, after loading; unneutralise() is defined by\n\
         -- load_duckdb.sql and load_postgres.sql. For DuckDB and PostgreSQL alike.\n\
         -- Generated from the form definitions by tests/analysis_export.rs (UPDATE_ANALYSIS_SQL=1).\n",
    );
    fn table(name: &str, columns: &[(String, bool)], s: &mut String) {
        if columns.is_empty() {
            return;
        }
        let sets: Vec<String> = columns.iter().map(|(c, _)| format!("  {} = unneutralise({})", ident(c), ident(c))).collect();
        *s += &format!("\nUPDATE {name} SET\n{};\n", sets.join(",\n"));
        for (c, _) in columns.iter().filter(|(_, number)| *number) {
            *s += &format!("ALTER TABLE {name} ALTER COLUMN {} TYPE numeric USING CAST({} AS numeric);\n", ident(c), ident(c));
        }
    }
    fn groups(form: &str, items: &[ItemDef], s: &mut String) {
        for g in items.iter().filter(|i| i.kind == ItemKind::Repeat) {
            table(&format!("{form}__{}", g.id), &text_columns(&g.items), s);
            groups(form, &g.items, s);
        }
    }
    for form in forms::all() {
        let top: Vec<ItemDef> = form.items().cloned().collect();
        table(&form.id, &text_columns(&top), &mut s);
        groups(&form.id, &top, &mut s);
    }
    s
}

/// Table name → column names, read back from a DDL text.
fn ddl_columns(sql: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in sql.lines() {
        if let Some(name) = line.strip_prefix("CREATE TABLE ").and_then(|l| l.strip_suffix(" (")) {
            current = Some((name.to_string(), Vec::new()));
        } else if line.starts_with(");") {
            let (name, cols) = current.take().unwrap();
            out.insert(name, cols);
        } else if let Some((_, cols)) = current.as_mut() {
            let l = line.trim_start();
            if l.starts_with("PRIMARY KEY") {
                continue;
            }
            let name = if let Some(rest) = l.strip_prefix('"') { rest.split('"').next().unwrap() } else { l.split(' ').next().unwrap() };
            cols.push(name.to_string());
        }
    }
    out
}

#[test]
fn the_generated_sql_is_what_the_form_definitions_give() {
    for (file, want) in [("tables.sql", tables_sql()), ("undo_neutralisation.sql", undo_sql())] {
        let path = root().join("docs/analysis").join(file);
        if std::env::var_os("UPDATE_ANALYSIS_SQL").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "{} differs from the form definitions: run `UPDATE_ANALYSIS_SQL=1 cargo test --test analysis_export`", path.display());
    }
}

/// The query of `statistic` in statistics.sql: from its `-- statistic:` line to the next.
fn statistic_sql<'a>(sql: &'a str, statistic: &str) -> &'a str {
    let start = sql.find(&format!("-- statistic: {statistic}\n")).or_else(|| sql.find(&format!("-- statistic: {statistic} ")));
    let rest = &sql[start.unwrap_or_else(|| panic!("statistics.sql has no statistic {statistic}"))..];
    let end = rest[1..].find("-- statistic:").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn statistics_sql_reads_every_item_the_app_counts_by_its_role() {
    // The app finds what it counts by report roles (src/consolidate/stats.rs); SQL has only
    // tables and columns. A new item with a counted role, or a new form, must reach the SQL.
    let sql = std::fs::read_to_string(root().join("docs/analysis/statistics.sql")).unwrap();
    let mut wanted: Vec<(&str, String, String)> = Vec::new();
    for form in forms::all() {
        wanted.push(("records_by_form", form.id.clone(), "form_id".into()));
        if let (Some(role), Some(category)) = (form.role, &form.author_category) {
            if role.is_report() {
                wanted.push(("reports_by_author", form.id.clone(), format!("'{category}'")));
            }
        }
        let mut items: Vec<(String, &ItemDef)> = form.items().map(|i| (form.id.clone(), i)).collect();
        while let Some((table, item)) = items.pop() {
            items.extend(item.items.iter().map(|child| (format!("{}__{}", form.id, item.id), child)));
            let statistics: &[&str] = match (form.role, item.role) {
                (_, Some(Role::Country | Role::OriginCountry)) => &["countries"],
                (Some(FormRole::Input), Some(Role::Category)) => &["inputs_by_category"],
                (Some(FormRole::Input), Some(Role::Gender)) => &["inputs_by_gender"],
                (Some(FormRole::Input), Some(Role::Session)) => &["inputs_by_session"],
                (Some(FormRole::Input), Some(Role::Objectives)) => &["inputs_by_area", "inputs_by_objective"],
                (Some(FormRole::Session), Some(Role::Category)) => &["attendance_by_category"],
                (Some(FormRole::Session), Some(Role::Gender)) => &["attendance_by_gender"],
                (Some(role), Some(Role::Category)) if role.is_report() => &["reports_by_author"],
                _ => &[],
            };
            for statistic in statistics {
                wanted.push((statistic, table.clone(), item.id.clone()));
            }
        }
    }
    for (statistic, table, column) in wanted {
        let query = statistic_sql(&sql, statistic);
        assert!(query.contains(&format!("FROM {table}")) && query.contains(&column), "statistics.sql, {statistic}: does not read {table}.{column}");
    }
}
