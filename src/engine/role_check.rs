//! The checks of a definition's report roles (`role.rs`, `docs/report-roles.md`), run by the
//! loader after every other check: a role on an item it does not fit is a definition error,
//! as a condition naming no item is.

use super::def::{FormDef, ItemDef, ItemKind, Lists};
use super::error::{Error, ErrorKind, RoleProblem};
use super::role::{Consent, FormRole, Role};

/// Where each role may be.
impl Role {
    /// The item kinds this role fits.
    pub(super) fn fits(self, kind: ItemKind) -> bool {
        use ItemKind::*;
        match self {
            _ if self.is_finding() => matches!(kind, ShortText | LongText | Repeat),
            Role::Session | Role::Objectives | Role::Principles | Role::Country | Role::OriginCountry | Role::Consent => {
                matches!(kind, SingleChoice | MultipleChoice)
            }
            Role::Category | Role::Gender => matches!(kind, SingleChoice | MultipleChoice | Tally),
            Role::Name => kind == ShortText,
            _ => false,
        }
    }

    /// Whether the role may sit inside a repeat group: what an instance is about (its own
    /// objectives, principles, countries); who speaks and what the findings are belong to
    /// the record.
    pub(super) fn in_repeat(self) -> bool {
        matches!(self, Role::Objectives | Role::Principles | Role::Country)
    }

    /// Whether one form (or one repeat group) may have several items of this role: countries
    /// may (a report's and a practice's); for the others statistics read one item.
    pub(super) fn many(self) -> bool {
        self.is_finding() || matches!(self, Role::Country | Role::OriginCountry)
    }
}

/// Checks a loaded definition's roles: each on an item of a kind it fits, in a place it may
/// be, with choices from its list; the codes a form or section names in their lists; and a
/// consent item on every form that gathers people's words. Problems are kinds, worded only
/// where an error is shown (`error.rs`), so the pages' wasm carries no sentences for them.
pub(crate) fn check(form: &FormDef, lists: &Lists) -> Result<(), Error> {
    let f = form.id.as_str();
    let in_list = |list: &str, code: &str| lists.get(list).is_some_and(|l| l.iter().any(|c| c.value == code));
    if let Some(code) = form.author_category.as_deref().filter(|c| !in_list("stakeholder_categories", c)) {
        return Err(unknown_code(f, "author_category", code, "stakeholder_categories"));
    }
    for section in &form.sections {
        if let Some(code) = section.session.as_deref().filter(|c| !in_list("thematic_sessions", c)) {
            return Err(unknown_code(f, &section.id, code, "thematic_sessions"));
        }
    }
    let mut seen = Vec::new();
    for section in &form.sections {
        check_items(f, &section.items, false, &mut seen, &in_list)?;
    }
    let people = matches!(form.role, Some(FormRole::StakeholderReport | FormRole::Input));
    if people && form.item_with(Role::Consent).is_none() {
        return Err(bad_role(f, "role", Role::Consent, RoleProblem::NoConsent));
    }
    Ok(())
}

/// Checks the roles of `items`; `seen` holds the roles met before at this level (the whole
/// form's top level, or one repeat group). A list, not a set: a form has a handful of roles,
/// and a set of them would cost the pages' wasm its own B-tree code.
fn check_items(form: &str, items: &[ItemDef], inside: bool, seen: &mut Vec<Role>, in_list: &dyn Fn(&str, &str) -> bool) -> Result<(), Error> {
    for item in items {
        if let Some(role) = item.role {
            if let Some(problem) = problem(role, item, inside, seen, in_list) {
                return Err(bad_role(form, &item.id, role, problem));
            }
            seen.push(role);
        }
        if !item.items.is_empty() {
            check_items(form, &item.items, true, &mut Vec::new(), in_list)?;
        }
    }
    Ok(())
}

/// What is wrong with `role` on `item`, given the roles before it at its level.
fn problem(role: Role, item: &ItemDef, inside: bool, seen: &[Role], in_list: &dyn Fn(&str, &str) -> bool) -> Option<RoleProblem> {
    if !role.fits(item.kind) {
        return Some(RoleProblem::Kind);
    }
    if inside && !role.in_repeat() {
        return Some(RoleProblem::InRepeat);
    }
    if !role.many() && seen.contains(&role) {
        return Some(RoleProblem::Twice);
    }
    if let Some(list) = role.list() {
        if let Some(c) = item.choices.iter().find(|c| !in_list(list, &c.value)) {
            return Some(RoleProblem::NotInList { code: c.value.clone(), list });
        }
    }
    if role == Role::Consent {
        if let Some(c) = item.choices.iter().find(|c| Consent::from_code(&c.value).is_none()) {
            return Some(RoleProblem::NotConsent { code: c.value.clone() });
        }
        if item.kind == ItemKind::MultipleChoice && item.choices.len() != 1 {
            return Some(RoleProblem::TickBoxes);
        }
    }
    None
}

fn bad_role(form: &str, item: &str, role: Role, problem: RoleProblem) -> Error {
    Error::new(ErrorKind::BadRole { form: form.into(), item: item.into(), role, problem })
}

fn unknown_code(form: &str, referenced_by: &str, code: &str, list: &str) -> Error {
    Error::new(ErrorKind::UnknownCode { form: form.into(), referenced_by: referenced_by.into(), code: code.into(), list: list.into() })
}
