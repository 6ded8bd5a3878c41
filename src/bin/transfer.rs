// The transfer page: export for submission and backups between devices (ui::transfer).
#[cfg(target_arch = "wasm32")]
fn main() {
    gcm_collector::ui::start(gcm_collector::ui::transfer_page);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
