//! GCM Review Collector: a headless form engine with storage, bundles and a Leptos UI on top.
//!
//! Layering (each module depends only on those above it):
//! `engine` (pure Rust) → `forms` (bundled definitions) → `bundle` (export formats) →
//! `store` (IndexedDB, wasm only) → `ui` (Leptos, wasm only).

pub mod bundle;
pub mod consolidate;
pub mod engine;
pub mod forms;
pub mod record;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
