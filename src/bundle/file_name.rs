//! Names of exported files that say what they hold: `annex1_CHL_2026-11-22_1a2b3c4d.zip`.

/// Longest `who` part, in characters.
pub const WHO_MAX: usize = 24;

/// `<form>_<who>_<date>_<short id>.<ext>`: `form` is a form id (kept as it is: ids are
/// already snake_case) or `"mixed"`; `who` a country
/// code or organisation name, folded to ASCII letters, digits and `-` and cut to
/// [`WHO_MAX`] characters (left out when empty); `date` the first ten characters of an ISO
/// 8601 date or time; `id` the first eight hex digits of a record or bundle id.
pub fn file_name(form: &str, who: &str, date: &str, id: &str, ext: &str) -> String {
    let mut parts = vec![form.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>()];
    let who = fold(who, WHO_MAX);
    if !who.is_empty() {
        parts.push(who);
    }
    parts.push(date.chars().take(10).filter(|c| c.is_ascii_digit() || *c == '-').collect());
    parts.push(short_id(id));
    let stem: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    format!("{}.{}", stem.join("_"), fold(ext, usize::MAX))
}

/// The first eight hex digits of a record, bundle or device id, lower-cased: the part of a
/// file's name that tells two files of the same day apart.
pub fn short_id(id: &str) -> String {
    id.chars().filter(char::is_ascii_hexdigit).take(8).collect::<String>().to_ascii_lowercase()
}

/// ASCII letters and digits kept (accented Latin letters without their accent), any run of
/// other characters one `-`, none at either end; at most `max` characters.
pub fn fold(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        match base_letters(c) {
            Some(letters) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push_str(letters);
            }
            None => gap = true,
        }
    }
    let mut cut: String = out.chars().take(max).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    cut
}

/// `text` lower-cased without accents, each run of other characters one space: "Cúcuta, Norte"
/// and "cucuta norte" give the same key, so a search finds words however they were typed.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Most text is ASCII: taken as it is, not looked up (that made a key 5× slower, and the
        // secretariat keys every answer of 100,000 records).
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match base_letters(c) {
            Some(letters) => out.extend(letters.chars().map(|l| l.to_ascii_lowercase())),
            None if !out.ends_with(' ') => out.push(' '),
            None => {}
        }
    }
    out
}

/// `c` as ASCII letters, or `None` for a separator. Covers the Latin letters of the languages
/// of the region's forms (Spanish, Portuguese, French, English) and their neighbours.
fn base_letters(c: char) -> Option<&'static str> {
    const ASCII: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    if c.is_ascii_alphanumeric() {
        let i = ASCII.find(c)?;
        return ASCII.get(i..i + 1);
    }
    Some(match c {
        'À'..='Å' => "A",
        'à'..='å' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' => "C",
        'ç' => "c",
        'È'..='Ë' => "E",
        'è'..='ë' => "e",
        'Ì'..='Ï' => "I",
        'ì'..='ï' => "i",
        'Ð' => "D",
        'ð' => "d",
        'Ñ' => "N",
        'ñ' => "n",
        'Ò'..='Ö' | 'Ø' => "O",
        'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' => "U",
        'ù'..='ü' => "u",
        'Ý' | 'Ÿ' => "Y",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'Œ' => "OE",
        'œ' => "oe",
        'Š' => "S",
        'š' => "s",
        'Ž' => "Z",
        'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_says_form_who_date_and_id() {
        let name = file_name("annex1", "CHL", "2026-11-22T10:00:00.000Z", "1A2B3C4D-5e6f-0000", "zip");
        assert_eq!(name, "annex1_CHL_2026-11-22_1a2b3c4d.zip");
    }

    #[test]
    fn who_is_folded_to_ascii_and_cut() {
        assert_eq!(fold("Ministerio de Relaciones Exteriores de Perú", WHO_MAX), "Ministerio-de-Relaciones");
        assert_eq!(fold("Asociación «Niñez» São Tomé", WHO_MAX), "Asociacion-Ninez-Sao-Tom");
        assert_eq!(fold("  --Œuvre ß!  ", WHO_MAX), "OEuvre-ss");
        assert_eq!(fold("東京", WHO_MAX), "");
        assert_eq!(file_name("stakeholder_report", "OIM / IOM", "2026-11-22", "ff", "csv"), "stakeholder_report_OIM-IOM_2026-11-22_ff.csv");
    }

    #[test]
    fn a_search_key_is_lower_case_without_accents_and_one_space_between_words() {
        assert_eq!(search_key("Cúcuta, Norte de Santander — 2026"), "cucuta norte de santander 2026");
        assert_eq!(search_key("  ÆSOP: Œuvre ß!"), " aesop oeuvre ss ");
        assert_eq!(search_key("東京 Açaí"), " acai");
    }

    #[test]
    fn an_empty_who_is_left_out() {
        assert_eq!(file_name("mixed", "", "2026-01-02", "abcdef0123", "json"), "mixed_2026-01-02_abcdef01.json");
    }
}
