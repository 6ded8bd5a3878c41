// No panic hook: it costs 3 KB gzip of formatting code for messages our users could not act on.
// A panic aborts (a trap the page sees): the page's own script, public/crash.js, shows the
// recovery message, with no wasm needed.
#[cfg(target_arch = "wasm32")]
fn main() {
    gcm_collector::ui::start(gcm_collector::ui::collector_page);
}

// The app only runs in a browser; natively the crate is its engine, tested with `cargo test`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
