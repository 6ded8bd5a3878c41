use serde::{Deserialize, Serialize};

use super::{exportable, Error};
use crate::engine::FormDef;
use crate::record::Record;

/// The `format` field of every bundle.
pub const FORMAT: &str = "gcm-review-bundle";
/// Bumped on any change a reader of an older version could misread.
pub const FORMAT_VERSION: u32 = 1;

/// A JSON bundle: a header and complete records.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub format_version: u32,
    pub created: String,
    pub app_version: String,
    pub records: Vec<Record>,
}

/// Serialises complete records of `form` as a bundle (pretty-printed: people open these files).
pub fn to_json(form: &FormDef, records: &[Record], now: &str) -> Result<String, Error> {
    let records = records.iter().map(|r| exportable(form, r)).collect::<Result<Vec<_>, _>>()?;
    let bundle = Bundle {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        created: now.into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        records,
    };
    serde_json::to_string_pretty(&bundle).map_err(|e| Error::Write(e.to_string()))
}
