//! The Leptos UI.
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! { <main><h1>"GCM Review Collector"</h1></main> }
}
