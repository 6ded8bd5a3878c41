//! The backup a failed save offers (the form page's "Back up now"), written without the bundle
//! writer: the same `bundle.json` as [`super::Bundle::backup`] gives, which [`super::read`]
//! takes as it takes any, but compact and with the forms' digests from `forms::DIGESTS`. The
//! collector's first load then carries no manifest serializer or pretty printer (issue 14).
//!
//! It must stay in the form page: when storage is full, the service worker's cache may not hold
//! the transfer page, and this file is all that keeps the person's words. The records' digest
//! stays the wasm's own SHA-256, not WebCrypto's: a page served over plain http has none.

use super::digest::sha256_hex;
use super::manifest::{sorted, FORMAT, FORMAT_VERSION};
use super::select::Reason;
use super::{Error, ErrorKind};
use crate::record::Record;

/// `bundle.json` of a backup of `records`, made at `created` (ISO 8601) on `device_id`: every
/// answer, no export time, in the bundle's order (form, creation time, id). Fails on a record
/// of a form this build does not carry.
pub fn plain_backup(records: &[Record], created: &str, device_id: &str) -> Result<String, Error> {
    let records = sorted(records.iter().collect(), |a, b| (&a.form_id, &a.created, &a.id).cmp(&(&b.form_id, &b.created, &b.id)));
    let mut forms = Vec::new();
    // The records as a compact JSON array: the bytes whose SHA-256 is `records_sha256`.
    let mut records_json = vec![b'['];
    for (n, r) in records.iter().enumerate() {
        let digest = crate::forms::digest(&r.form_id, &r.form_version).ok_or_else(|| Reason::UnknownForm.into_error(r))?;
        let form = (r.form_id.as_str(), r.form_version.as_str(), digest);
        if !forms.contains(&form) {
            forms.push(form);
        }
        if n > 0 {
            records_json.push(b',');
        }
        let copy = Record { exported: None, ..(*r).clone() };
        serde_json::to_writer(&mut records_json, &copy).map_err(|e| Error::new(ErrorKind::Write { message: e.to_string() }))?;
    }
    records_json.push(b']');
    let mut listed = String::new();
    for (id, version, sha256) in sorted(forms, |a, b| (a.0, a.1).cmp(&(b.0, b.1))) {
        let sep = if listed.is_empty() { "" } else { "," };
        listed += &format!(r#"{sep}{{"id":{},"version":{},"sha256":"{sha256}"}}"#, quoted(id), quoted(version));
    }
    Ok(format!(
        r#"{{"format":"{FORMAT}","format_version":{FORMAT_VERSION},"manifest":{{"created":{},"app_version":"{}","device_id":{},"kind":"backup","forms":[{listed}],"record_count":{},"records_sha256":"{}"}},"records":{}}}"#,
        quoted(created),
        env!("CARGO_PKG_VERSION"),
        quoted(device_id),
        records.len(),
        sha256_hex(&records_json),
        String::from_utf8_lossy(&records_json),
    ))
}

/// `text` as a JSON string, by the writer the records already use.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{read, Bundle};

    fn record(form: &str, id: &str, created: &str, text: &str) -> Record {
        let mut r = Record::new(crate::forms::get(form).unwrap(), id.into(), created.into(), "es");
        r.answers.set_text(if form == "annex1" { "institution" } else { "org_name" }, text);
        r.exported = Some("2026-11-23T09:00:00.000Z".into());
        r
    }

    #[test]
    fn reads_back_as_the_bundle_writer_s_backup() {
        let records = [
            record("stakeholder_report", "b", "2026-11-20T10:00:00.000Z", "Red \"Migrantes\" — Tacna\nline\u{2028}two"),
            record("annex1", "z", "2026-11-21T10:00:00.000Z", "Cancillería \\ Perú"),
            record("annex1", "a", "2026-11-21T10:00:00.000Z", "<script>alert(1)</script>"),
        ];
        let json = plain_backup(&records, "2026-11-24T01:02:03.000Z", "dev\"ice").unwrap();
        let read = read(json.as_bytes()).expect("read as any bundle");
        let written = Bundle::backup(&records, crate::forms::versions(), "2026-11-24T01:02:03.000Z", "dev\"ice").unwrap();
        assert_eq!(read.bundle(), &written);
        assert_eq!(read.records().iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "z", "b"]);
        assert!(read.changed_forms().is_empty());
    }

    #[test]
    fn no_records_is_an_empty_backup() {
        let json = plain_backup(&[], "2026-11-24T01:02:03.000Z", "d").unwrap();
        let read = read(json.as_bytes()).unwrap();
        assert!(read.records().is_empty());
        assert_eq!(read.manifest().records_sha256, sha256_hex(b"[]"));
    }

    #[test]
    fn a_changed_record_is_refused_by_the_reader() {
        let records = [record("annex1", "a", "2026-11-21T10:00:00.000Z", "x")];
        let json = plain_backup(&records, "2026-11-24T01:02:03.000Z", "d").unwrap();
        let changed = json.replace(r#""institution":"x""#, r#""institution":"y""#);
        assert_ne!(changed, json);
        assert!(matches!(read(changed.as_bytes()).unwrap_err().kind(), ErrorKind::DigestMismatch { .. }));
    }

    #[test]
    fn a_form_this_build_does_not_carry_is_refused() {
        let mut r = record("annex1", "a", "2026-11-21T10:00:00.000Z", "x");
        r.form_version = "1999.1".into();
        assert!(matches!(plain_backup(&[r], "t", "d").unwrap_err().kind(), ErrorKind::UnknownForm { .. }));
    }
}
