// The rapporteur's page: the workbench from the consolidated collection to the draft review
// report (ui::report_page).
#[cfg(target_arch = "wasm32")]
fn main() {
    gcm_collector::ui::start(gcm_collector::ui::report_page);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
