//! What a screen reads from storage before it can draw: a signal that is `None` while it loads.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// Runs `fetch`, and again whenever a signal it reads changes, and holds the latest answer.
///
/// What Leptos's `LocalResource` does for these screens, without its suspense and transition
/// machinery, which nothing here uses: every page's wasm is smaller by that code (issue 14). An
/// answer that arrives after a newer fetch began is dropped, and one that arrives after the
/// screen is gone is too; the earlier answer stays shown while a new fetch runs.
pub fn loaded<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> ReadSignal<Option<T>, LocalStorage>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    loaded_boxed(Box::new(move || Box::pin(fetch())))
}

/// A fetch, its future boxed: screens reading the same type of answer share one copy of
/// [`loaded`]'s effect in the wasm, whatever their closures.
type Fetch<T> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = T>>>>;

fn loaded_boxed<T: 'static>(fetch: Fetch<T>) -> ReadSignal<Option<T>, LocalStorage> {
    let value = RwSignal::new_local(None::<T>);
    let latest = StoredValue::new(0u32);
    super::effect(move || {
        let fetching = fetch();
        let turn = latest.try_update_value(|n| {
            *n += 1;
            *n
        });
        spawn_local(async move {
            let answer = fetching.await;
            if turn.is_some() && latest.try_get_value() == turn {
                value.try_set(Some(answer));
            }
        });
    });
    value.read_only()
}
