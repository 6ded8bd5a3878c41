// The secretariat's page: consolidation, statistics and the consolidated export (ui::secretariat).
#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(gcm_collector::ui::SecretariatApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
