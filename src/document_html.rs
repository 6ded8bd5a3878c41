//! The read-only document of a response (engine [`Document`]) as HTML, for every use: the print
//! page of a response, a blank paper questionnaire, the secretariat's record view. Plain Rust
//! building one string, tested natively: a page of views would cost some 18 KB gzip of wasm.
//! Every text, the person's and the catalog's alike, is escaped.

use std::fmt::Write;

use crate::engine::{Answer, Chosen, Document, Entry, FormDef, ItemKind, SetAside};
use crate::i18n::Catalog;
use crate::record::Record;

/// `text` safe inside HTML text and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The sections, questions and answers of `doc`, in the language of `t`.
pub fn render(doc: &Document, t: &Catalog) -> String {
    let mut out = String::new();
    for s in &doc.sections {
        out.push_str("<section class=\"doc-section\"><h2>");
        out.push_str(&escape(s.def.title.get(t)));
        out.push_str("</h2>");
        if let Some(intro) = s.def.intro.find(t).filter(|_| doc.blank) {
            let _ = write!(out, "<p class=\"intro\">{}</p>", escape(intro));
        }
        entries(&mut out, &s.entries, doc.blank, t);
        out.push_str("</section>");
    }
    out
}

/// The notice of a draft brought to version `to` of its form (`Record::opened`), for the form
/// page: its heading (id `migration-title`), the version it was begun with, and the answers it
/// keeps set aside (`Record::set_aside`), each under its question as the version it was given
/// in asked it (repeat groups first, `›` between), then the answer in words
/// (`SetAside::words`), as plain text to select and copy. `versions`: every definition the app
/// has. One string, like the documents: views per entry would cost the wasm more.
pub fn migration_notice(record: &Record, to: &str, versions: &[FormDef], t: &Catalog) -> String {
    let from = record.migrated_from.as_deref().unwrap_or_default();
    let mut out = format!(
        "<h2 id=\"migration-title\">{}</h2><p>{}</p>",
        escape(t.migration_title()),
        escape(&t.fill("ui.migration_intro", &[("from", from), ("to", to)]))
    );
    if record.set_aside.is_empty() {
        return out;
    }
    let _ = write!(out, "<p>{}</p><dl class=\"set-aside\">", escape(t.migration_set_aside()));
    for (key, value) in &record.set_aside.0 {
        let s = SetAside::from_entry(key, value);
        let form = versions.iter().find(|f| f.id == record.form_id && f.version == s.version);
        let questions = form.map(|f| s.questions(f)).unwrap_or_default();
        let item = questions.last().copied().filter(|q| q.id == s.item);
        out.push_str("<dt>");
        for q in &questions {
            let _ = write!(out, "{} › ", escape(q.label.get(t)));
        }
        match item {
            // The last label is the answer's own question: no arrow after it.
            Some(_) => out.truncate(out.len() - " › ".len()),
            None => out.push_str(&escape(&s.item)),
        }
        let _ = write!(out, "</dt><dd>{}</dd>", escape(&s.words(item, t)));
    }
    out.push_str("</dl>");
    out
}

fn entries(out: &mut String, list: &[Entry], blank: bool, t: &Catalog) {
    out.push_str("<dl>");
    for e in list {
        let _ = write!(out, "<dt>{}", escape(e.item.label.get(t)));
        if let Some(hint) = e.item.hint.find(t).filter(|_| blank) {
            let _ = write!(out, "<span class=\"hint\">{}</span>", escape(hint));
        }
        out.push_str("</dt><dd>");
        answer(out, e, blank, t);
        out.push_str("</dd>");
    }
    out.push_str("</dl>");
}

fn label(c: &Chosen, t: &Catalog) -> String {
    escape(match c {
        Chosen::Known(c) => c.label.get(t),
        Chosen::Unknown(code) => code,
    })
}

fn instance(out: &mut String, n: usize, list: &[Entry], blank: bool, t: &Catalog) {
    let _ = write!(out, "<div class=\"doc-instance\"><h3>{} {n}</h3>", escape(t.instance()));
    entries(out, list, blank, t);
    out.push_str("</div>");
}

fn answer(out: &mut String, e: &Entry, blank: bool, t: &Catalog) {
    let item = e.item;
    match &e.answer {
        Answer::Text(text) => {
            let _ = write!(out, "<p class=\"answer\">{}</p>", escape(text));
        }
        Answer::Chosen(list) => {
            out.push_str("<ul class=\"answer\">");
            for c in list {
                let _ = write!(out, "<li>{}</li>", label(c, t));
            }
            out.push_str("</ul>");
        }
        Answer::Tally { counts, total } => {
            out.push_str("<table class=\"answer\"><tbody>");
            for (c, n) in counts {
                let _ = write!(out, "<tr><td>{}</td><td>{n}</td></tr>", label(c, t));
            }
            let _ = write!(out, "</tbody><tfoot><tr><th>{}</th><th>{total}</th></tr></tfoot></table>", escape(t.total()));
        }
        Answer::Instances(list) => {
            for (n, inner) in list.iter().enumerate() {
                instance(out, n + 1, inner, false, t);
            }
        }
        Answer::Blank if !blank => {
            let _ = write!(out, "<p class=\"muted\">{}</p>", escape(t.not_answered()));
        }
        // A paper form: room to write, or a box per option.
        Answer::Blank => match item.kind {
            ItemKind::SingleChoice | ItemKind::YesNo | ItemKind::MultipleChoice => {
                let mark = if item.kind == ItemKind::MultipleChoice { "☐" } else { "○" };
                let long = if item.choices.len() > 10 { " long" } else { "" };
                let _ = write!(out, "<ul class=\"boxes{long}\">");
                for c in &item.choices {
                    let _ = write!(out, "<li>{mark} {}</li>", escape(c.label.get(t)));
                }
                out.push_str("</ul>");
            }
            ItemKind::Tally => {
                out.push_str("<table class=\"answer\"><tbody>");
                for c in &item.choices {
                    let _ = write!(out, "<tr><td>{}</td><td class=\"write-box\"></td></tr>", escape(c.label.get(t)));
                }
                let _ = write!(out, "</tbody><tfoot><tr><th>{}</th><th class=\"write-box\"></th></tr></tfoot></table>", escape(t.total()));
            }
            // Room for two instances, each with its questions.
            ItemKind::Repeat => {
                let inner: Vec<Entry> = item.items.iter().map(|item| Entry { item, answer: Answer::Blank }).collect();
                for n in 1..=2 {
                    instance(out, n, &inner, true, t);
                }
            }
            ItemKind::LongText => out.push_str(&"<div class=\"write-in\"></div>".repeat(6)),
            ItemKind::ShortText | ItemKind::Email | ItemKind::Date | ItemKind::Number => out.push_str("<div class=\"write-in\"></div>"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Answers;
    use crate::forms;
    use crate::i18n::{bundled, Lang};

    #[test]
    fn what_people_wrote_is_escaped_never_markup() {
        let form = forms::get("annex1").unwrap();
        let mut a = Answers::default();
        a.set_text("institution", "<script>alert('x')</script> & \"Co\"");
        a.set_text("country", "<b>XX</b>");
        let html = render(&Document::of(form, &a), bundled::catalog(Lang::En));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"), "{html}");
        assert!(html.contains("&lt;b&gt;XX&lt;/b&gt;"), "an unknown code is escaped too");
        assert!(!html.contains("<script") && !html.contains("<b>"));
    }

    #[test]
    fn a_blank_form_has_boxes_for_options_and_lines_for_words() {
        let form = forms::get("consultation_session").unwrap();
        let html = render(&Document::blank(form), bundled::catalog(Lang::Fr));
        assert!(html.contains("<li>○ Pérou</li>"), "single choice: a circle per option");
        assert!(html.contains("☐ "), "multiple choice: a box per option");
        assert!(html.contains("class=\"write-box\""), "tally: a box per row and the total");
        assert!(html.contains("<div class=\"write-in\"></div>"));
    }
}
