//! The statistics and facets of a wider known set (every form, consent and country item
//! answered), pinned whole: the report's tables must not change when the way they find their
//! items does (issue 11: from item names to the forms' report roles).

mod bundle_fixtures;
mod report_fixtures;

use gcm_collector::consolidate::{stats, Facets};
use gcm_collector::record::Record;

fn dump(records: &[Record]) -> String {
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let tables = stats::all(&records.iter().zip(&facets).collect::<Vec<_>>());
    let mut out = String::new();
    for t in &tables {
        let rows: Vec<String> = t.rows.iter().filter(|r| r.count > 0).map(|r| format!("{}={}", r.code, r.count)).collect();
        out += &format!("{} total={}{} rows={}: {}\n", t.id, t.total, if t.overlapping { " (records)" } else { "" }, t.rows.len(), rows.join(" "));
    }
    out
}

fn facets(records: &[Record]) -> String {
    records
        .iter()
        .map(Facets::of)
        .map(|f| format!("{} {}|{}|{}|{}|{}|{}\n", f.form, f.date, f.countries.join(","), f.categories.join(","), f.sessions.join(","), f.objectives.join(","), f.areas.join(",")))
        .collect()
}

#[test]
fn statistics_of_the_known_review_are_pinned() {
    assert_eq!(dump(&report_fixtures::known_set()), "\
records_by_form total=6 rows=4: annex1=1 stakeholder_report=2 consultation_session=1 participant_input=2
reports_by_author total=3 rows=17: governments=1 migrant_diaspora=1 civil_society=1
countries total=6 (records) rows=6: BOL=1 CHL=1 COL=2 ECU=1 PER=1 VEN=2
inputs_by_category total=2 rows=17: migrant_diaspora=1 civil_society=1
inputs_by_gender total=2 rows=4: woman=1 man=1
attendance_by_category total=25 rows=17: migrant_diaspora=15 civil_society=10
attendance_by_gender total=25 rows=3: woman=14 man=11
inputs_by_session total=2 rows=4: session1=1 session2=1
inputs_by_area total=1 (records) rows=5: area1=1 area2=1 area3=1 area4=1 area5=1
inputs_by_objective total=1 (records) rows=23: obj14=1 obj23=1
");
}

#[test]
fn facets_of_the_known_review_are_pinned() {
    // One change with the roles, on purpose: Annex 1's author category (`governments`, the
    // form's) is a category facet, so filtering by governments shows the governments' reports.
    assert_eq!(facets(&report_fixtures::known_set()), "\
annex1 2026-11-10|CHL|governments||obj05,obj23|area1,area2,area3,area4,area5
stakeholder_report 2026-11-20|PER,BOL|civil_society|session1,session3|obj15|area5
stakeholder_report 2026-11-20|ECU,COL|migrant_diaspora|session2||
consultation_session 2026-11-18|COL|civil_society,migrant_diaspora|session1||
participant_input 2026-11-20|VEN|civil_society|session1|obj14,obj23|area1,area2,area3,area4,area5
participant_input 2026-11-20|VEN|migrant_diaspora|session2||
");
}

#[test]
fn every_statistic_finds_its_items_by_role_in_the_bundled_forms() {
    // With no records, each table still lists the codes it counts: the items were found. An
    // item losing its role (or a form its role) would leave a table with no rows at all.
    for t in stats::all(&[]) {
        assert_eq!(t.total, 0);
        if t.id != "countries" {
            assert!(!t.rows.is_empty(), "{} found no item to count", t.id);
        }
    }
}

#[test]
fn codes_no_list_has_follow_the_listed_rows_in_the_order_met_zero_counts_included() {
    // Codes of an older form version: a gender no list has, and tally codes counted 0 and 3.
    let with_gender = |n, gender| {
        let mut r = bundle_fixtures::real_input(n, "civil_society", "woman", "session1");
        r.answers.set_text("gender", gender);
        r
    };
    let mut session = bundle_fixtures::real_session();
    session.answers.set_count("attendance_by_gender", "robots", Some(0));
    session.answers.set_count("attendance_by_gender", "aliens", Some(3));
    let records = [with_gender(1, "zz_other"), with_gender(2, "aa_new"), session, with_gender(3, "zz_other")];
    let facets: Vec<Facets> = records.iter().map(Facets::of).collect();
    let tables = stats::all(&records.iter().zip(&facets).collect::<Vec<_>>());
    let rows = |id: &str| {
        let t = tables.iter().find(|t| t.id == id).unwrap();
        let rows: Vec<String> = t.rows.iter().map(|r| format!("{}={}{}", r.code, r.count, if r.label.is_none() { "?" } else { "" })).collect();
        format!("total={} {}", t.total, rows.join(" "))
    };
    assert_eq!(rows("inputs_by_gender"), "total=3 woman=0 man=0 another=0 prefer_not=0 zz_other=2? aa_new=1?");
    assert_eq!(rows("attendance_by_gender"), "total=28 woman=14 man=11 another_or_not_stated=0 aliens=3? robots=0?");
}
