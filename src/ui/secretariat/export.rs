//! The consolidated export, written in slices of at most [`SLICE_MS`] with the browser let in
//! between them (`bundle::in_steps`): 100,000 records were 1.6 s of one task, the page frozen.
//! The page shows how far it is and keeps its buttons from starting a second one meanwhile.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use super::driver::Driver;
use crate::bundle::in_steps::{self, Pause, Wait};
use crate::bundle::{self, Error};
use crate::i18n::Catalog;
use crate::ui::{browser, device_id};
use crate::forms;

/// The longest slice of work between two yields to the browser (ms): under the 50 ms at which
/// the browser counts a long task, with room for the last piece of work of a slice.
const SLICE_MS: f64 = 30.0;

/// Records copied (checked again, relevant answers kept) between two looks at the clock.
const COPIES_STEP: usize = 100;

/// The consolidated bundle of every kept record, as its zip (with a codebook and README in the
/// languages of `catalogs`) or its `bundle.json`, then downloaded. `shown` is the share done,
/// from 0 to 1, set at each yield: only an export longer than a slice shows it.
pub(super) async fn consolidated(driver: Driver, zip: bool, catalogs: &[&Catalog], shown: RwSignal<Option<f64>>) -> Result<(), Error> {
    let since = Rc::new(Cell::new(js_sys::Date::now()));
    let mut step = |done: f64| -> Option<Wait> {
        if js_sys::Date::now() - since.get() < SLICE_MS {
            return None;
        }
        shown.set(Some(done));
        let since = since.clone();
        Some(Box::pin(async move {
            browser::yield_now().await;
            since.set(js_sys::Date::now());
        }))
    };
    let mut pause = Pause::new(&mut step);
    let forms = forms::versions();
    let now = browser::now();
    let copies = copies(driver, &mut pause.part(0.0..0.2)).await?;
    let bundle = in_steps::submission(copies, forms, &now, &device_id(), &mut pause.part(0.2..0.4)).await?;
    let (ext, mime) = if zip { ("zip", "application/zip") } else { ("json", "application/json") };
    let bytes = if zip {
        in_steps::to_zip(&bundle, forms, catalogs, &mut pause.part(0.4..0.95)).await?
    } else {
        in_steps::to_json(&bundle, &mut pause.part(0.4..0.95)).await?
    };
    in_steps::drop_records(bundle.records, &mut pause.part(0.95..0.97)).await;
    browser::download_in_steps(&bundle::file_name("consolidated", "", now.get(..10).unwrap_or(""), &device_id(), ext), mime, &bytes).await;
    Ok(())
}

/// The submission copies of the kept records, a few at a time. The collection may change
/// between two (an import, another tab's change read again): the copies then start over.
async fn copies(driver: Driver, pause: &mut Pause<'_>) -> Result<Vec<crate::record::Record>, Error> {
    'again: loop {
        let (n, edits) = driver.collection(|c| (c.records().len(), c.edits()));
        let mut copies = Vec::with_capacity(n);
        for start in (0..n).step_by(COPIES_STEP) {
            let end = (start + COPIES_STEP).min(n);
            let part = driver.collection(|c| {
                (c.edits() == edits && c.records().len() == n).then(|| in_steps::submission_copies(&c.records()[start..end], forms::versions()))
            });
            match part {
                Some(part) => copies.extend(part?),
                None => continue 'again,
            }
            pause.at(end as f64 / n as f64).await;
        }
        return Ok(copies);
    }
}
