//! The screens' loader (`ui::loaded`) in the browser, with Leptos's real executor and the
//! fetches' answers arriving in the order a slow IndexedDB can give them (wasm-bindgen-test,
//! headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gcm_collector::ui::loaded::loaded;
use js_sys::{Function, Promise};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the effects and spawned tasks run: waits for a later task (a timeout) of the browser.
async fn settle() {
    let later = Promise::new(&mut |done, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&done, 0);
    });
    JsFuture::from(later).await.unwrap();
}

/// Fetches whose answers the test releases one by one, in any order: fetch `k` answers `k`.
#[derive(Clone, Default)]
struct Pending(Rc<RefCell<BTreeMap<u32, Function>>>);

impl Pending {
    fn fetch(&self, k: u32) -> impl std::future::Future<Output = u32> {
        let pending = self.0.clone();
        let answer = Promise::new(&mut |done, _| {
            pending.borrow_mut().insert(k, done);
        });
        async move {
            JsFuture::from(answer).await.unwrap();
            k
        }
    }
    fn started(&self) -> Vec<u32> {
        self.0.borrow().keys().copied().collect()
    }
    async fn answer(&self, k: u32) {
        let done = self.0.borrow_mut().remove(&k).expect("that fetch started");
        done.call0(&JsValue::NULL).unwrap();
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn the_latest_fetch_wins_and_an_answer_after_the_screen_is_gone_is_dropped() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.set();
    let pending = Pending::default();
    let which = RwSignal::new(1u32);
    let shown = {
        let pending = pending.clone();
        loaded(move || pending.fetch(which.get()))
    };
    settle().await;
    assert_eq!(pending.started(), vec![1]);
    assert_eq!(shown.get_untracked(), None, "nothing shown before the first answer");

    // A newer fetch begins (the signal it reads changed); its answer comes first, then the
    // older one's, which must not replace it.
    which.set(2);
    settle().await;
    assert_eq!(pending.started(), vec![1, 2]);
    pending.answer(2).await;
    assert_eq!(shown.get_untracked(), Some(2));
    pending.answer(1).await;
    assert_eq!(shown.get_untracked(), Some(2), "a late answer replaced the latest one");

    // The earlier answer stays shown while a new fetch runs, and is replaced by it.
    which.set(3);
    settle().await;
    assert_eq!(shown.get_untracked(), Some(2));
    pending.answer(3).await;
    assert_eq!(shown.get_untracked(), Some(3));

    // The screen goes while a fetch runs: its answer, arriving later, is dropped without a fault.
    which.set(4);
    settle().await;
    assert_eq!(pending.started(), vec![4]);
    owner.cleanup();
    pending.answer(4).await;
    assert_eq!(shown.try_get_untracked(), None, "the signal went with the screen");
}
