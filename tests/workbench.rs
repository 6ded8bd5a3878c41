//! The workbench's own state and the draft report: merging two rapporteurs' work, the consent
//! rule, and the DOCX and Markdown read back with independent readers (the `zip` crate here;
//! Python's python-docx in the end-to-end test).

use std::io::Read;

use gcm_collector::i18n::{bundled, Lang};
use gcm_collector::workbench::docx::to_docx;
use gcm_collector::workbench::markdown::to_markdown;
use gcm_collector::workbench::report::draft;
use gcm_collector::workbench::{Attribution, Excerpt, Finding, Kind, Note, SetAside, Theme, Workbench};

fn finding(id: &str, kind: Kind, text: &str, who: Attribution) -> Finding {
    Finding {
        id: format!("{id}/statement"),
        record_id: id.to_string(),
        form_id: "participant_input".into(),
        item_id: "statement".into(),
        kind,
        sessions: vec!["session1".into()],
        areas: Vec::new(),
        objectives: vec!["obj15".into()],
        principles: vec!["human_rights".into()],
        text: text.to_string(),
        who,
    }
}

fn excerpt(id: &str, f: &Finding, text: &str, revision: u64, modified: &str) -> Excerpt {
    Excerpt {
        id: id.to_string(),
        finding_id: f.id.clone(),
        record_id: f.record_id.clone(),
        text: text.to_string(),
        kind: f.kind,
        theme: Theme::Session("session1".into()),
        objectives: f.objectives.clone(),
        principles: f.principles.clone(),
        summary: false,
        good_practice: false,
        removed: false,
        revision,
        modified: modified.to_string(),
    }
}

fn peru_csos(name: Option<&str>, may_quote: bool) -> Attribution {
    Attribution { category: Some("civil_society".into()), country: Some("PER".into()), name: name.map(String::from), may_quote }
}

#[test]
fn two_rapporteurs_merge_excerpt_by_excerpt_and_nothing_is_lost() {
    let f = finding("rec-1", Kind::Challenges, "Las familias esperan meses por un turno.", peru_csos(None, true));
    let mut a = Workbench::default();
    a.put_excerpt(excerpt("x1", &f, "esperan meses", 0, ""), "2026-11-20T10:00:00Z");
    a.set_note(&Note::cell_key(&Theme::Session("session1".into()), Kind::Challenges), "Demoras.", "2026-11-20T10:00:00Z");
    let mut b = a.clone();
    // Each changes the same excerpt once (revision 2 on both sides), and b adds one.
    let mut ea = a.excerpts[0].clone();
    ea.kind = Kind::Situations;
    a.put_excerpt(ea, "2026-11-21T09:00:00Z");
    let mut eb = b.excerpts[0].clone();
    eb.summary = true;
    b.put_excerpt(eb, "2026-11-21T11:00:00Z");
    b.put_excerpt(excerpt("x2", &f, "un turno", 0, ""), "2026-11-21T11:00:00Z");

    let (mut ab, mut ba) = (a.clone(), b.clone());
    let m = ab.merge(&b);
    ba.merge(&a);
    assert_eq!((m.added, m.same, m.conflicts), (1, 1, 1));
    // Both orders agree: the later save of revision 2 (b's) is kept, a's set aside.
    let kept = |w: &Workbench| w.excerpts.iter().find(|e| e.id == "x1").cloned().unwrap();
    assert_eq!(kept(&ab), kept(&ba));
    assert!(kept(&ab).summary);
    assert_eq!(ab.set_aside.len(), 1);
    assert!(matches!(&ab.set_aside[0], SetAside::Excerpt(e) if e.kind == Kind::Situations));
    // The rapporteur may keep the other copy instead: it becomes the newest, the first set aside.
    let mut chosen = ab.clone();
    assert!(chosen.keep_instead(0, "2026-11-22T08:00:00Z"));
    assert_eq!(kept(&chosen).kind, Kind::Situations);
    assert!(!kept(&chosen).summary);
    assert!(kept(&chosen).revision > kept(&ab).revision, "wins the next merge");
    assert!(matches!(&chosen.set_aside[0], SetAside::Excerpt(e) if e.summary));
    let mut again = chosen.clone();
    again.merge(&ab);
    assert_eq!(kept(&again).kind, Kind::Situations, "a merge with the older file keeps the choice");
    // Merging again changes nothing.
    let again = ab.merge(&b);
    assert_eq!((again.added, again.conflicts), (0, 0));
    assert_eq!(ab.set_aside.len(), 1);
    // Through a file: what is written reads back the same.
    let file = ab.to_file("2026-11-22T12:00:00Z");
    assert_eq!(Workbench::from_file(file.as_bytes()), Some(ab.clone()));
    assert_eq!(Workbench::from_file(b"{\"format\":\"gcm-bundle\",\"version\":1}"), None, "not a workbench");
    assert_eq!(Workbench::from_file(b"PK\x03\x04"), None);
}

fn report_set() -> (Vec<Finding>, Workbench) {
    let quoted = finding("rec-ok", Kind::Challenges, "Las familias esperan meses por un turno en Tacna.", peru_csos(None, true));
    let named = finding("rec-named", Kind::GoodPractices, "Escuelas de acogida <b>abiertas</b> & gratuitas.", peru_csos(Some("Red Clamor"), true));
    let secret = finding("rec-secret", Kind::Challenges, "Mi hermano fue detenido en la frontera.", peru_csos(None, false));
    let mut wb = Workbench::default();
    let now = "2026-11-22T12:00:00Z";
    wb.put_excerpt(excerpt("e1", &quoted, "esperan meses por un turno", 0, ""), now);
    let mut e2 = excerpt("e2", &named, "Escuelas de acogida <b>abiertas</b> & gratuitas.", 0, "");
    e2.summary = true;
    wb.put_excerpt(e2, now);
    wb.put_excerpt(excerpt("e3", &secret, "detenido en la frontera", 0, ""), now);
    wb.set_note(&Note::cell_key(&Theme::Session("session1".into()), Kind::Challenges), "Las demoras administrativas dominan.", now);
    wb.set_note(&Note::section_key("introduction"), "El examen reunió aportes de la región.", now);
    (vec![quoted, named, secret], wb)
}

#[test]
fn the_draft_follows_seed_004_and_never_quotes_without_consent() {
    let (findings, wb) = report_set();
    let t = bundled::catalog(Lang::En);
    let report = draft(&findings, &wb, &[], t);
    assert_eq!(report.withheld, 1);
    let md = to_markdown(&report);
    for heading in ["Introduction", "Executive summary", "Main conclusions", "Challenges and opportunities", "Guiding principles", "Situations to consider"] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("esperan meses por un turno"));
    assert!(md.contains("Civil society organisation, Peru") || md.contains("Peru"), "{md}");
    assert!(md.contains("Red Clamor"), "named where consent allows");
    assert!(!md.contains("detenido"), "a passage without consent never appears");
    assert!(md.contains("]: Record rec-ok."), "footnoted with its record id:\n{md}");
    assert!(!md.contains("<b>"), "a person's words cannot become markup");
    assert!(md.contains("No input on this."), "an empty cell is said");
}

fn part(zip: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_docx_has_the_headings_an_excerpt_and_its_footnote_in_the_readers_language() {
    let (findings, wb) = report_set();
    let t = bundled::catalog(Lang::Es);
    let bytes = to_docx(&draft(&findings, &wb, &[], t), "es", "2026-11-22T12:00:00Z").unwrap();
    let doc = part(&bytes, "word/document.xml");
    for heading in ["Resumen ejecutivo", "Desafíos y oportunidades", "Principios rectores"] {
        assert!(doc.contains(heading), "{heading}");
    }
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Introducción</w:t>"));
    assert!(doc.contains("esperan meses por un turno"));
    assert!(doc.contains("&lt;b&gt;abiertas&lt;/b&gt; &amp; gratuitas"), "escaped");
    assert!(!doc.contains("detenido"));
    assert!(doc.contains("<w:footnoteReference w:id=\"2\"/>"));
    let notes = part(&bytes, "word/footnotes.xml");
    assert!(notes.contains("Registro rec-ok."), "{notes}");
    assert!(part(&bytes, "[Content_Types].xml").contains("footnotes+xml"));
    // For a look with other readers (python-docx, LibreOffice): target/workbench-samples/.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/workbench-samples");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("draft-es.docx"), &bytes).unwrap();
}

#[test]
fn markdown_keeps_a_persons_words_as_words() {
    let (findings, mut wb) = report_set();
    wb.set_note(&Note::section_key("main_conclusions"), "# not a heading\n1. not a list\n- nor this\n<script>x</script> | a [link](http://x)", "2026-11-22T13:00:00Z");
    let md = to_markdown(&draft(&findings, &wb, &[], bundled::catalog(Lang::Pt)));
    assert!(md.contains("\\# not a heading\n1\\. not a list\n\\- nor this\n\\<script\\>x\\</script\\> \\| a \\[link\\](http://x)"), "{md}");
    assert!(md.contains("## Principais conclusões"));
}
