#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(gcm_collector::ui::App);
}

// The app only runs in a browser; natively the crate is its engine, tested with `cargo test`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
