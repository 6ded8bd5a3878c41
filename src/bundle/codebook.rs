//! `codebook.csv`: every question and option code of a bundle's forms with its text in each
//! language, so a data manager can label the language-neutral tables (values are codes,
//! columns item ids) in any language. Written like every table: BOM, CRLF, formula-safe.

use super::csv_out::{write_table, CsvFile};
use super::Error;
use crate::engine::{FormDef, ItemDef};
use crate::i18n::{Catalog, Text};

/// The codebook's file name, inside the zip.
pub const CODEBOOK_CSV: &str = "codebook.csv";

/// The codebook of `forms` in the languages of `catalogs` (one `label_<code>` column each, in
/// that order): per form a row for its title (no item), then per item, repeat children after
/// their group, a row for its question (no code) and one per option.
pub fn codebook(forms: &[&FormDef], catalogs: &[&Catalog]) -> Result<CsvFile, Error> {
    let mut header: Vec<String> = ["form", "item", "code"].map(String::from).to_vec();
    header.extend(catalogs.iter().map(|t| format!("label_{}", t.lang().code())));
    let mut rows = Vec::new();
    let row = |form: &str, item: &str, code: &str, text: &Text| -> Vec<String> {
        let lead = [form, item, code].map(String::from);
        lead.into_iter().chain(catalogs.iter().map(|t| text.get(t).to_string())).collect()
    };
    fn items<'a>(list: &'a [ItemDef], out: &mut Vec<&'a ItemDef>) {
        for item in list {
            out.push(item);
            items(&item.items, out);
        }
    }
    // Several versions of one form name the same codes, with the same words (texts are keyed
    // by form, item and code, not by version): each row once, where first named.
    let mut add = |r: Vec<String>| {
        if !rows.iter().any(|o: &Vec<String>| o[..3] == r[..3]) {
            rows.push(r);
        }
    };
    for form in forms {
        add(row(&form.id, "", "", &form.title));
        let mut all = Vec::new();
        for section in &form.sections {
            items(&section.items, &mut all);
        }
        for item in all {
            add(row(&form.id, &item.id, "", &item.label));
            item.choices.iter().for_each(|c| add(row(&form.id, &item.id, &c.value, &c.label)));
        }
    }
    Ok(CsvFile { name: CODEBOOK_CSV.to_string(), bytes: write_table(&header, rows.into_iter())? })
}
