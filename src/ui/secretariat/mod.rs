//! The secretariat's view: many bundles imported into one collection (kept in IndexedDB, apart
//! from drafts), a report per file, statistics with charts, a filtered table of records, and
//! the consolidated export in the same formats as everyone's.

mod driver;
mod export;
mod key;
mod link;
mod records;
mod statistics;
pub(crate) mod tabs;
mod unseal;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{browser, locale, use_lang};
use crate::consolidate::stats;
use crate::consolidate::sync::CollectionSync;
use crate::consolidate::{FileReport, Filter, Search};
use crate::messages::Say;
use crate::record::Record;
use driver::Driver;

/// The page. Its state (the collection, the reports, the filters) is made once; the view is
/// drawn again in a new language from that state, so switching neither reloads ten thousand
/// records nor forgets a search. What it does with the store and other tabs is decided by
/// `consolidate::sync`; this forwards the browser's events to it (`Driver`) and draws its state.
#[component]
pub fn Secretariat() -> impl IntoView {
    let lang = use_lang();
    let driver = Driver::new(lang);
    let Driver { loading, progress, reports, problem, version, .. } = driver;
    let export_error = RwSignal::new(None::<String>);
    driver.send(CollectionSync::opened);
    // Another tab changed the collection: read now, or once this tab's work is done.
    tabs::on_change(move || driver.send(CollectionSync::other_tab_changed));
    // Encrypted files are opened first (WebCrypto, with the keys on this device); the machine
    // gets each file's zip, or why it could not be opened, under the name it was chosen by.
    let import = move |files: Vec<(String, Vec<u8>)>| async move {
        if !files.is_empty() {
            export_error.set(None);
        }
        let files = unseal::open_all(files).await;
        driver.send(move |s| s.files_opened(files, tabs::current()));
    };
    let on_pick = move |ev: leptos::ev::Event| {
        spawn_local(async move { import(browser::read_chosen_files(&ev).await).await });
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        spawn_local(async move { import(browser::read_dropped_files(&ev).await).await });
    };
    let keys = key::KeyState::new();
    let clear = move |_| {
        if browser::confirm(lang.t().confirm_clear()) {
            driver.send(CollectionSync::clear);
        }
    };
    // The share of the export written, while one is (the buttons wait meanwhile).
    let exporting = RwSignal::new(None::<f64>);
    let export = move |zip: bool| {
        if exporting.get_untracked().is_some() {
            return;
        }
        exporting.set(Some(0.0));
        spawn_local(async move {
            let t = lang.t();
            // The zip carries the codebook and README in every language.
            let catalogs = if zip {
                match locale::load_all().await {
                    Ok(all) => all,
                    Err(_) => {
                        exporting.set(None);
                        return export_error.set(Some(t.language_unavailable().to_string()));
                    }
                }
            } else {
                Vec::new()
            };
            let written = export::consolidated(driver, zip, &catalogs, exporting).await;
            exporting.set(None);
            if let Err(e) = written {
                export_error.set(Some(e.say(t)));
            }
        });
    };
    let keep = Callback::new(move |copy: Record| driver.send(move |s| s.keep_instead(&copy)));
    let counts = move || {
        version.track();
        driver.collection(|c| (c.records().len(), c.set_aside().len()))
    };
    let filter = RwSignal::new(Filter::default());
    // The search reads chosen options in the page's language: a change of language re-filters.
    // A letter typed searches only the last matches (`Search`).
    let search = StoredValue::new_local(Search::default());
    let shown = Memo::new(move |_| {
        version.track();
        let t = lang.tracked();
        filter.with(|f| driver.collection(|c| search.try_update_value(|s| s.matching(f, c, t)).unwrap_or_default()))
    });
    let statistics = move || {
        // Sums of what each record adds, found when it arrived: cheap for 100,000 records.
        let tables = shown.with(|shown| driver.collection(|c| stats::of(shown.iter().map(|&i| &c.facets()[i].counted))));
        view! { <statistics::Statistics tables=tables/> }
    };
    // The part of the page shown: kept across a change of language.
    let tab = RwSignal::new(Tab::Import);
    lang.keyed(move || {
    let t = lang.t();
    let n = move |k: usize| browser::number(k as u64, t.lang());
    view! {
        <p class="back"><a href="../">"← "{t.home()}</a></p>
        <h1>{t.secretariat()}</h1>
        <p class="hint">{t.secretariat_intro()}</p>
        <p role="alert" class="error" hidden=move || export_error.with(Option::is_none) && problem.with(Option::is_none)>
            {move || export_error.get().or_else(|| problem.get())}
        </p>
        <div class="summary-bar">
            <p data-testid="collection-count">{move || {
                if loading.get() {
                    return t.loading().to_string();
                }
                let (kept, aside) = counts();
                let count = |k: usize, one, other| browser::count(k as u64, t.lang(), one, other);
                let aside = if aside > 0 { format!(" · {}", count(aside, t.set_aside_count_one(), t.set_aside_count())) } else { String::new() };
                format!("{}{aside}", count(kept, t.records_in_collection_one(), t.records_in_collection()))
            }}</p>
            <div class="actions">
                <button class="primary" data-testid="consolidated-export" disabled=move || exporting.with(Option::is_some) on:click=move |_| export(true)>{t.download_zip()}</button>
                <button data-testid="consolidated-json" disabled=move || exporting.with(Option::is_some) on:click=move |_| export(false)>{t.download_json()}</button>
                <button class="danger" data-testid="clear-collection" on:click=clear>{t.clear_collection()}</button>
                // The rapporteur's workbench is a page of its own (its wasm is not this page's).
                <a class="button" href="../report/">{t.workbench_link()}</a>
            </div>
        </div>
        // Shown from the first yield of an export: one shorter than a slice never shows it.
        <p role="status" data-testid="export-progress" hidden=move || !exporting.with(|p| p.is_some_and(|p| p > 0.0))>
            // A whole percentage: a float drawn as an attribute would bring float formatting into the wasm (11 KB).
            {move || exporting.get().filter(|&p| p > 0.0).map(|p| view! { <progress max="100" value=(p * 100.0) as u32></progress>" "{t.export_writing()} })}
        </p>
        <TabList tab=tab/>
        <div role="tabpanel" id="panel-import" aria-labelledby="tab-import" hidden=move || tab.get() != Tab::Import>
            <section class="section drop" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop data-testid="drop-zone">
                <label for="bundle-files">{t.import_bundles()}</label>
                <input id="bundle-files" type="file" multiple accept=".zip,.json,.gcm-encrypted,application/zip,application/json" on:change=on_pick/>
                <p class="hint">{t.drop_hint()}</p>
                <p role="status" data-testid="import-progress">
                    // A large file moves the bar as it is read; the words count whole files.
                    {move || progress.get().map(|(k, of, pct)| view! { <progress max=of * 100 value=k * 100 + usize::from(pct)></progress>" "{format!("{} / {} {}", n(k), n(of), t.files_read())} })}
                </p>
                <FileReports reports=reports/>
            </section>
        </div>
        // The filters choose what both the records and the statistics show.
        <div class="filter-bar" hidden=move || !matches!(tab.get(), Tab::Records | Tab::Statistics)>
            <h2 class="visually-hidden">{t.filters()}</h2>
            <records::Filters filter=filter/>
        </div>
        <div role="tabpanel" id="panel-records" aria-labelledby="tab-records" hidden=move || tab.get() != Tab::Records>
            <records::Records driver=driver version=version shown=shown on_keep=keep/>
        </div>
        <div role="tabpanel" id="panel-statistics" aria-labelledby="tab-statistics" hidden=move || tab.get() != Tab::Statistics>
            {statistics}
        </div>
        <div role="tabpanel" id="panel-links" aria-labelledby="tab-links" hidden=move || tab.get() != Tab::Links>
            <link::LinkMaker/>
        </div>
        <div role="tabpanel" id="panel-encryption" aria-labelledby="tab-encryption" hidden=move || tab.get() != Tab::Encryption>
            <key::Encryption state=keys/>
        </div>

    }
    })
}

/// The parts of the page, shown one at a time (a laptop screen, not one 8,000 px column).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tab {
    Import,
    Records,
    Statistics,
    Links,
    Encryption,
}

const TABS: [Tab; 5] = [Tab::Import, Tab::Records, Tab::Statistics, Tab::Links, Tab::Encryption];

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Import => "import",
            Tab::Records => "records",
            Tab::Statistics => "statistics",
            Tab::Links => "links",
            Tab::Encryption => "encryption",
        }
    }
}

/// The WAI-ARIA tabs pattern: one tab in the tab order, arrow keys (and Home, End) move
/// between them and show each part.
#[component]
fn TabList(tab: RwSignal<Tab>) -> impl IntoView {
    let t = use_lang().t();
    let name = move |k: Tab| match k {
        Tab::Import => t.import(),
        Tab::Records => t.records(),
        Tab::Statistics => t.statistics(),
        Tab::Links => t.links(),
        Tab::Encryption => t.encryption(),
    };
    let key = move |ev: leptos::ev::KeyboardEvent| {
        let at = TABS.iter().position(|&k| k == tab.get_untracked()).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (at + 1) % TABS.len(),
            "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        tab.set(TABS[next]);
        browser::focus(&format!("tab-{}", TABS[next].id()));
    };
    view! {
        <div role="tablist" class="tabs" aria-label=t.sections() on:keydown=key>
            {TABS.iter().map(|&k| view! {
                <button role="tab" id=format!("tab-{}", k.id()) aria-controls=format!("panel-{}", k.id())
                    aria-selected=move || (tab.get() == k).to_string() tabindex=move || if tab.get() == k { "0" } else { "-1" }
                    on:click=move |_| tab.set(k)>{name(k)}</button>
            }).collect_view()}
        </div>
    }
}

#[component]
fn FileReports(reports: RwSignal<Vec<FileReport>>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let n = move |k: usize| browser::number(k as u64, lang.lang());
    view! {
        <table class="reports" data-testid="file-reports" hidden=move || reports.with(Vec::is_empty)>
            <thead><tr><th>{t.file()}</th><th>{t.accepted()}</th><th>{t.duplicates()}</th><th>{t.conflicts()}</th><th>{t.rejected()}</th></tr></thead>
            <tbody>
                // Keyed by position: a report never changes once made, so each row is drawn once
                // (and only the positions are listed at each change, not copies of every report).
                <For each=move || 0..reports.with(Vec::len) key=|i| *i let(i)>
                    {reports.with_untracked(|all| all.get(i).cloned()).map(|r| view! {
                    <tr class:rejected=r.rejected.is_some()>
                        <td>{r.file.clone()}</td><td>{n(r.accepted)}</td><td>{n(r.duplicates)}</td><td>{n(r.conflicts)}</td>
                        <td>{r.rejected.as_ref().map(|why| why.say(t))}</td>
                    </tr>
                    })}
                </For>
            </tbody>
        </table>
    }
}
