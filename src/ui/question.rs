//! One item of a form, routed by kind to its control. Every control has a real label (or a
//! fieldset legend) whose text is the question as the definition words it.

use leptos::prelude::*;

use super::form_page::use_form;
use super::repeat::RepeatGroup;
use super::{browser, use_lang};
use crate::engine::{Choice, Edit, ItemDef, ItemKind, Place};
use crate::messages::Say;

/// Where an item sits: at the top of the form or inside one repeat instance.
pub type Within = Option<(String, String)>;

/// Lists longer than this get a type-to-filter picker (countries, objectives, categories).
const LONG_LIST: usize = 10;

/// Where one field is, and what its views track (see [`super::form_page::FormCtx`]).
#[derive(Clone)]
pub(super) struct Field {
    pub place: Place,
    pub trigger: ArcTrigger,
}

/// The field of `item` inside `within`, shared by its views.
pub(super) type FieldRef = StoredValue<Field>;

/// An item, shown only while relevant.
#[component]
pub fn Item(item: &'static ItemDef, #[prop(optional)] within: Within) -> impl IntoView {
    let ctx = use_form();
    let place = Place { within: within.clone(), item: item.id.clone() };
    let field = StoredValue::new(Field { trigger: ctx.field(&place), place });
    let within = StoredValue::new(within);
    let relevant = super::memo(move || field.with_value(|f| ctx.relevant(&f.place, &f.trigger)));
    super::when(relevant, move || match item.kind {
        ItemKind::Repeat => view! { <RepeatGroup item=item/> }.into_any(),
        _ => view! { <Question item=item within=within field=field/> }.into_any(),
    })
}

#[component]
fn Question(item: &'static ItemDef, within: StoredValue<Within>, field: FieldRef) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let fid = field.with_value(|f| f.place.field_id());
    let problem = super::memo(move || field.with_value(|f| ctx.problem(&f.place, &f.trigger)));
    let hint_id = format!("{fid}-hint");
    let err_id = format!("{fid}-err");
    let described = format!("{hint_id} {err_id}");
    let label = item.label.get(lang.t());
    let control = match item.kind {
        ItemKind::SingleChoice | ItemKind::YesNo | ItemKind::MultipleChoice | ItemKind::Tally => {
            let body = if item.kind == ItemKind::Tally {
                tally(item, within, field, &fid).into_any()
            } else if item.choices.len() > LONG_LIST {
                super::picker::picker(item, within, field, &fid).into_any()
            } else {
                all_options(item, within, field, &fid, None).into_any()
            };
            return view! {
                <form novalidate autocomplete="off" on:submit={super::handler(no_submit)}>
                <fieldset class=move || if problem.get().is_some() { "question invalid" } else { "question" }.to_string()
                    id=fid.clone() tabindex="-1" aria-describedby=described>
                    <legend>{label}{optional(item)}</legend>
                    <Hint item=item id=hint_id/>
                    {body}
                    <FieldError id=err_id problem=problem/>
                </fieldset>
                </form>
            }
            .into_any();
        }
        ItemKind::ShortText | ItemKind::LongText | ItemKind::Email | ItemKind::Date | ItemKind::Number => {
            text(item, within, field, &fid, described.clone(), problem).into_any()
        }
        // Routed to RepeatGroup by `Item`.
        ItemKind::Repeat => ().into_any(),
    };
    view! {
        <form novalidate autocomplete="off" on:submit={super::handler(no_submit)}>
        <div class=move || if problem.get().is_some() { "question invalid" } else { "question" }.to_string()>
            <label for=fid>{label}</label>{optional(item)}
            <Hint item=item id=hint_id/>
            {control}
            <FieldError id=err_id problem=problem/>
        </div>
        </form>
    }
    .into_any()
}

/// Each question is a `<form>` of its own, never submitted: Enter in a text box submits a form
/// implicitly, and nothing happens, as before (`novalidate`: no browser bubble either).
/// Why (issue 14): at every keystroke Chromium's autofill (Android's too) reads the form the
/// edited control belongs to, and controls outside any form count as one form of the whole
/// page: in the voluntary report at its longest, 1,110 controls, the largest part of a key's
/// work. Now it reads one question. `autocomplete="off"`: the browser keeps no copy of the
/// answers in its form history or in the page state it saves for session history (once a
/// second while typing, every control of the page; the draft is the app's to keep), and people
/// at risk are named in them.
fn no_submit(ev: leptos::ev::SubmitEvent) {
    ev.prevent_default();
}

fn optional(item: &'static ItemDef) -> impl IntoView {
    let lang = use_lang();
    (!item.required).then(|| view! { " "<span class="muted" aria-hidden="true">{lang.t().optional()}</span> }.into_any())
}

#[component]
fn Hint(item: &'static ItemDef, id: String) -> impl IntoView {
    let t = use_lang().t();
    item.hint.find(t).map(|h| view! { <p class="hint" id=id>{h}</p> }.into_any())
}

#[component]
fn FieldError(id: String, problem: Memo<Option<crate::engine::ViolationKind>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="field-error" id=id hidden=move || problem.get().is_none()>
            {move || problem.get().map(|k| k.say(lang.t())).unwrap_or_default()}
        </p>
    }
}

/// Text-like controls. The value is set once from the draft, then the control owns it:
/// writing it back on every keystroke would fight the caret.
fn text(
    item: &'static ItemDef,
    within: StoredValue<Within>,
    field: FieldRef,
    fid: &str,
    described: String,
    problem: Memo<Option<crate::engine::ViolationKind>>,
) -> impl IntoView {
    let ctx = use_form();
    let initial = within.with_value(|w| ctx.answers(w.as_ref(), |a| a.text(&item.id).to_string()));
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        field.with_value(|f| ctx.edit(&f.place, Edit::Text(&value)));
    };
    let invalid = move || problem.get().is_some().to_string();
    let max = item.max_length.map(|m| m.to_string());
    match item.kind {
        ItemKind::LongText => view! {
            <textarea id=fid.to_string() rows="6" required=item.required maxlength=max aria-describedby=described
                aria-invalid=invalid prop:value=initial on:input={super::handler(on_input)}></textarea>
        }
        .into_any(),
        kind => {
            let (kind_attr, mode) = match kind {
                ItemKind::Email => ("email", None),
                ItemKind::Date => ("date", None),
                ItemKind::Number => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input id=fid.to_string() type=kind_attr inputmode=mode required=item.required maxlength=max
                    aria-describedby=described aria-invalid=invalid prop:value=initial on:input={super::handler(on_input)}/>
            }
            .into_any()
        }
    }
}

/// Every option of a choice item: under the headings of its grouping list if it has one.
/// With `filter`, options whose label does not hold the typed words are hidden.
pub(super) fn all_options(item: &'static ItemDef, within: StoredValue<Within>, field: FieldRef, fid: &str, filter: Option<Filter>) -> impl IntoView {
    if item.groups.is_empty() {
        options(item, within, field, fid, fid, item.choices.iter().collect(), filter).into_any()
    } else {
        grouped_options(item, within, field, fid, filter).into_any()
    }
}

/// The typed words a picker filters its options by (folded, as [`crate::bundle::search_key`]).
pub(super) type Filter = RwSignal<String>;

/// Whether `label` holds the folded words `query` (all options when it is empty).
pub(super) fn shows(label: &str, query: &str) -> bool {
    query.is_empty() || crate::bundle::search_key(label).contains(query)
}

/// Radios (one answer) or checkboxes (several), each option with its own label.
/// `name` groups the radios of one item; `id_base` keeps ids unique when an option shows twice.
/// Each option's checked state tracks its own field only: a choice redraws its options, not the form's.
fn options(
    item: &'static ItemDef,
    within: StoredValue<Within>,
    field: FieldRef,
    name: &str,
    id_base: &str,
    choices: Vec<&'static Choice>,
    filter: Option<Filter>,
) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let many = item.kind == ItemKind::MultipleChoice;
    let fid = name;
    choices
        .into_iter()
        .map(|c| {
            let code = c.value.as_str();
            let oid = format!("{id_base}-{code}");
            let label_for = oid.clone();
            let checked = move || {
                field.with_value(|f| f.trigger.track());
                within.with_value(|w| {
                    ctx.answers(w.as_ref(), |a| if many { a.many(&item.id).iter().any(|x| x == code) } else { a.text(&item.id) == code })
                })
            };
            let on_change = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let edit = if many { Edit::Toggle { code, on } } else { Edit::Text(code) };
                field.with_value(|f| ctx.edit(&f.place, edit));
            };
            let text = c.label.get(lang.t());
            let hidden = move || filter.is_some_and(|q| q.with(|q| !shows(text, q)));
            view! {
                <label class="option" for=label_for hidden=hidden>
                    <input type=if many { "checkbox" } else { "radio" } id=oid name=fid.to_string() value=code
                        prop:checked=checked on:change={super::handler(on_change)}/>
                    " "{text}
                </label>
            }
            .into_any()
        })
        .collect_view()
}

/// Options under the headings of the item's grouping list (objectives by thematic session);
/// a heading hides with the last of its options when a filter leaves none.
fn grouped_options(item: &'static ItemDef, within: StoredValue<Within>, field: FieldRef, fid: &str, filter: Option<Filter>) -> impl IntoView {
    let t = use_lang().t();
    let in_group = |c: &Choice| item.groups.iter().any(|g| g.members.contains(&c.value));
    let rest: Vec<&'static Choice> = item.choices.iter().filter(|c| !in_group(c)).collect();
    let groups = item.groups.iter().map(|g| {
        let choices: Vec<&'static Choice> = item.choices.iter().filter(|c| g.members.contains(&c.value)).collect();
        let labels: Vec<&'static str> = choices.iter().map(|c| c.label.get(t)).collect();
        let hidden = move || filter.is_some_and(|q| q.with(|q| !labels.iter().any(|l| shows(l, q))));
        view! {
            <fieldset class="group" hidden=hidden>
                <legend>{g.label.get(t)}</legend>
                {options(item, within, field, fid, &format!("{fid}-{}", g.value), choices, filter)}
            </fieldset>
        }
        .into_any()
    });
    view! { {groups.collect_view()} {options(item, within, field, fid, fid, rest, filter)} }
}

/// Counts per row, typed; the total beside them is computed and cannot be typed.
fn tally(item: &'static ItemDef, within: StoredValue<Within>, field: FieldRef, fid: &str) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let total = move || {
        field.with_value(|f| f.trigger.track());
        within.with_value(|w| ctx.answers(w.as_ref(), |a| a.total(&item.id)))
    };
    let rows = item.choices.iter().map(|c| {
        let code = c.value.as_str();
        let oid = format!("{fid}-{code}");
        let initial = within.with_value(|w| ctx.answers(w.as_ref(), |a| a.counts(&item.id).and_then(|m| m.get(code)).map(u32::to_string)));
        let on_input = move |ev: leptos::ev::Event| {
            let count = event_target_value(&ev).trim().parse::<u32>().ok();
            field.with_value(|f| ctx.edit(&f.place, Edit::Count { code, count }));
        };
        view! {
            <div class="tally-row">
                <label for=oid.clone()>{c.label.get(lang.t())}</label>
                <input id=oid type="number" inputmode="numeric" min="0" step="1" prop:value=initial.unwrap_or_default() on:input={super::handler(on_input)}/>
            </div>
        }
        .into_any()
    });
    view! {
        {rows.collect_view()}
        <p class="tally-total" data-testid=format!("total-{}", item.id) aria-live="polite">
            <strong>{lang.t().total()}": "{move || browser::number(total(), lang.lang())}</strong>
        </p>
    }
}
