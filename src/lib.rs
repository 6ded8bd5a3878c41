//! GCM Review Collector: a headless form engine with storage, bundles and a Leptos UI on top.
//!
//! Layering (each module depends only on those above it):
//! `i18n` (languages and their texts) → `engine` (pure Rust) → `forms` (bundled definitions) →
//! `record` → `bundle` (export formats) → `store` (IndexedDB; its error kinds build natively) →
//! `consolidate` (the secretariat's rules) → `messages` (every kind of problem in the person's
//! words) and `document_html` (a response as a read-only document) → `ui` (Leptos, wasm only).

pub mod bundle;
pub mod consolidate;
pub mod document_html;
pub mod engine;
pub mod forms;
pub mod i18n;
pub mod messages;
pub mod record;
pub mod store;
pub mod workbench;

#[cfg(target_arch = "wasm32")]
pub mod ui;
