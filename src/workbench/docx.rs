//! The draft report as a Word document (.docx: Office Open XML, opened by Word and
//! LibreOffice), written by hand on the bundle's zip writer. Why not a crate: `docx-rs`, the
//! well-kept one, measured 251 KB gzip of wasm for a heading, a paragraph and a footnote (it
//! carries a reader, an XML parser and a compressor), against a secretariat page of about
//! 306 KB; these few parts cost a few KB. Headings use Word's built-in styles (Heading 1–3,
//! Title), so the navigation pane and a table of contents work, and excerpts' footnotes are
//! real footnotes.

use super::report::{Block, DraftReport};
use crate::bundle::{stored_zip, Error};

/// The .docx bytes of `report`; `lang` is the document's language tag (`es`, `pt`…), `created`
/// an ISO 8601 time (the parts' date).
pub fn to_docx(report: &DraftReport, lang: &str, created: &str) -> Result<Vec<u8>, Error> {
    let mut body = String::new();
    let mut notes = Vec::new();
    para(&mut body, Some("Title"), &report.title);
    for block in &report.blocks {
        match block {
            Block::Heading(level, text) => para(&mut body, Some(&format!("Heading{}", level.clamp(&1, &3))), text),
            Block::Paragraph(text) => para(&mut body, None, text),
            Block::Nothing(text) => {
                body.push_str(&format!("<w:p><w:r><w:rPr><w:i/></w:rPr>{}</w:r></w:p>", runs(text)));
            }
            Block::Quote { text, from, footnote } => {
                notes.push(footnote.as_str());
                // Footnote ids 0 and 1 are Word's separators.
                let id = notes.len() + 1;
                body.push_str(&format!(
                    "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr><w:r>{}</w:r><w:r><w:t xml:space=\"preserve\"> — {}</w:t></w:r>\
                     <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r></w:p>",
                    runs(&format!("“{text}”")),
                    escape(from)
                ));
            }
            Block::Table { head, rows } => table(&mut body, head, rows),
        }
    }
    let document = format!(
        "{XML}<w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let mut footnotes = format!(
        "{XML}<w:footnotes {NS}><w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    );
    for (i, note) in notes.iter().enumerate() {
        footnotes.push_str(&format!(
            "<w:footnote w:id=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
             <w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>",
            i + 2,
            escape(note)
        ));
    }
    footnotes.push_str("</w:footnotes>");
    let styles = styles(lang);
    let core = format!(
        "{XML}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:language>{}</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created></cp:coreProperties>",
        escape(&report.title),
        escape(lang),
        escape(created)
    );
    stored_zip(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
            ("word/document.xml", document.as_bytes()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
            ("word/footnotes.xml", footnotes.as_bytes()),
        ],
        created,
    )
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>\
</Relationships>";

/// Word's built-in styles by their ids and English names (Word shows them translated).
fn styles(lang: &str) -> String {
    let style = |id: &str, name: &str, size: u32, extra: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
             <w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>{extra}</w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "{XML}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\"/>\
         <w:sz w:val=\"22\"/><w:lang w:val=\"{}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         {}{}{}{}\
         <w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"567\" w:right=\"567\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
         </w:tblBorders></w:tblPr></w:style></w:styles>",
        escape(lang),
        style("Title", "Title", 40, ""),
        style("Heading1", "heading 1", 32, "<w:outlineLvl w:val=\"0\"/>"),
        style("Heading2", "heading 2", 28, "<w:outlineLvl w:val=\"1\"/>"),
        style("Heading3", "heading 3", 24, "<w:outlineLvl w:val=\"2\"/>"),
    )
}

/// A paragraph of `text`, in a style or Normal.
fn para(body: &mut String, style: Option<&str>, text: &str) {
    body.push_str("<w:p>");
    if let Some(s) = style {
        body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"));
    }
    body.push_str(&format!("<w:r>{}</w:r></w:p>", runs(text)));
}

/// The inside of a run: the text with its line breaks as Word's.
fn runs(text: &str) -> String {
    text.split('\n').map(|line| format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(line))).collect::<Vec<_>>().join("<w:br/>")
}

fn table(body: &mut String, head: &[String], rows: &[Vec<String>]) {
    body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
    let row = |body: &mut String, cells: &[String], bold: bool| {
        body.push_str(if bold { "<w:tr><w:trPr><w:tblHeader/></w:trPr>" } else { "<w:tr>" });
        for c in cells {
            let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
            body.push_str(&format!("<w:tc><w:p><w:r>{b}{}</w:r></w:p></w:tc>", runs(c)));
        }
        body.push_str("</w:tr>");
    };
    row(body, head, true);
    for r in rows {
        row(body, r, false);
    }
    body.push_str("</w:tbl><w:p/>");
}

/// XML text: the HTML escaping of the five special characters, after dropping the control
/// characters XML 1.0 forbids (a pasted answer may hold them; Word refuses the whole file
/// otherwise).
fn escape(text: &str) -> String {
    let allowed = |c: &char| matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'));
    crate::document_html::escape(&text.chars().filter(allowed).collect::<String>())
}
