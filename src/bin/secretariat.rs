// The secretariat's page: consolidation, statistics and the consolidated export (ui::secretariat_page).
#[cfg(target_arch = "wasm32")]
fn main() {
    gcm_collector::ui::start(gcm_collector::ui::secretariat_page);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
