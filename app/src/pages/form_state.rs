//! The state of a section being filled in, shared by its fields: the materials as typed (the
//! domain's `set_value` applied in the browser, so the completeness function answers at once),
//! the version the server last confirmed, and saving — debounced while typing, at once for
//! choices, kept on the device while the connection is down and sent when it returns.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::form::FormView;
use crate::domain::materials::fields::{field_id, layout, parse_field_id};
use crate::domain::materials::{advice, missing, Basis, Materials, Missing, Section};
use crate::i18n::Text;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    /// The connection failed: the edits wait on the device and are retried.
    Offline,
    Failed(Text),
}

#[derive(Clone, Copy)]
pub struct FormState {
    pub app_id: StoredValue<String>,
    pub section: Section,
    pub materials: RwSignal<Materials>,
    pub version: RwSignal<i64>,
    pub gaps: Memo<Vec<Missing>>,
    /// Wording that may be vague: a warning at the field, never a reason to hold submission.
    pub advice: Memo<Vec<Missing>>,
    /// Values that could not be read (a malformed date…), by field id.
    pub bad: RwSignal<HashMap<String, Text>>,
    pub status: RwSignal<SaveState>,
    pub editable: bool,
    basis: StoredValue<Basis>,
    refresh: RwSignal<u32>,
    /// The autosave waiting for a quiet spell (browser only).
    #[cfg(feature = "hydrate")]
    autosave: crate::components::timers::Debounce,
    /// The saves, one at a time (browser only).
    #[cfg(feature = "hydrate")]
    saves: crate::components::timers::Serial,
}

impl FormState {
    pub fn new(f: &FormView, section: Section, refresh: RwSignal<u32>) -> Self {
        let materials = RwSignal::new(f.materials.clone());
        let basis = StoredValue::new(f.basis.clone());
        let state = Self {
            app_id: StoredValue::new(f.id.clone()),
            section,
            materials,
            version: RwSignal::new(f.version),
            gaps: Memo::new(move |_| materials.with(|m| basis.with_value(|b| missing(m, b)))),
            advice: Memo::new(move |_| materials.with(|m| basis.with_value(|b| advice(m, b)))),
            bad: RwSignal::new(HashMap::new()),
            status: RwSignal::new(SaveState::Idle),
            editable: f.editable,
            basis,
            refresh,
            #[cfg(feature = "hydrate")]
            autosave: Default::default(),
            #[cfg(feature = "hydrate")]
            saves: Default::default(),
        };
        #[cfg(feature = "hydrate")]
        if state.editable {
            // edits kept on this device (offline, or the tab closed before they were sent)
            Effect::new(move |_| state.restore_stash());
            // and sent as soon as the connection returns, not only at the next retry
            let online = window_event_listener(leptos::ev::online, move |_| {
                if state.status.get_untracked() == SaveState::Offline {
                    state.send(None, None);
                }
            });
            on_cleanup(move || online.remove());
            // Leaving the section (a tab, a link) before the debounced save ran: send what waits
            // now, from plain values, since the state's signals go with the section's page.
            on_cleanup(move || state.flush_on_leave());
        }
        state
    }

    /// Reloads the section from the server (after an upload, a list change, a stale page).
    pub fn reload(&self) {
        self.refresh.update(|n| *n += 1);
    }

    pub fn reload_callback(&self) -> Callback<()> {
        let refresh = self.refresh;
        Callback::new(move |_| refresh.update(|n| *n += 1))
    }

    /// A value typed or chosen at field `key`: judged at once in the browser, saved soon.
    pub fn typed(&self, key: &str, raw: String, now: bool) {
        let (name, item) = parse_field_id(key);
        let reference_date = self.basis.with_value(|b| b.reference_date);
        let result = self.materials.try_update(|m| {
            let r = m.set_value(name, item, &raw);
            m.sync_years(reference_date);
            r
        });
        self.bad.update(|b| match result {
            Some(Err(bad)) => {
                b.insert(key.to_string(), Text::from(bad));
            }
            _ => {
                b.remove(key);
            }
        });
        #[cfg(feature = "hydrate")]
        {
            browser::stash(&self.app_id.get_value(), key, &raw);
            self.schedule(if now { 0 } else { 700 });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = now;
    }

    /// The section's values as the server takes them (`v[<field id>]`), leaving out those that
    /// could not be read.
    pub fn values(&self) -> HashMap<String, String> {
        let l = layout(self.section);
        let bad = self.bad.get_untracked();
        self.materials.with_untracked(|m| {
            let mut out = HashMap::new();
            let mut put = |name: &str, item: Option<usize>| {
                let key = field_id(name, item);
                if let (Some(v), false) = (m.value(name, item), bad.contains_key(&key)) {
                    out.insert(key, v);
                }
            };
            for f in l.fields.iter().chain(l.after) {
                put(f.name, None);
            }
            if let Some(list) = l.list {
                for i in 0..50 {
                    for f in list.item {
                        put(f.name, Some(i));
                    }
                }
            }
            out.retain(|k, _| !k.starts_with("training_year-") && !k.starts_with("assessment_year-"));
            out
        })
    }

    /// Saves now: the values, then `op` (a list button) and, with `next`, goes on to that
    /// section. Browser only; the page without JavaScript posts the form instead.
    pub fn send(&self, op: Option<String>, next: Option<String>) {
        #[cfg(feature = "hydrate")]
        {
            let state = *self;
            leptos::task::spawn_local(async move { state.send_now(op, next).await });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (op, next);
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::collections::HashMap;

    use leptos::prelude::*;

    use super::{FormState, SaveState};
    use crate::api::error::AppError;
    use crate::api::form::save_section;
    use crate::i18n::Msg;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    fn stash_key(app_id: &str) -> String {
        format!("zp-draft-{app_id}")
    }

    pub fn read_stash(app_id: &str) -> HashMap<String, String> {
        storage()
            .and_then(|s| s.get_item(&stash_key(app_id)).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    fn write_stash(app_id: &str, map: &HashMap<String, String>) {
        if let Some(s) = storage() {
            let _ = if map.is_empty() {
                s.remove_item(&stash_key(app_id))
            } else {
                s.set_item(&stash_key(app_id), &serde_json::to_string(map).unwrap_or_default())
            };
        }
    }

    pub fn stash(app_id: &str, key: &str, raw: &str) {
        let mut map = read_stash(app_id);
        map.insert(key.to_string(), raw.to_string());
        write_stash(app_id, &map);
    }

    /// Forgets stashed edits the server now holds.
    fn unstash(app_id: &str, sent: &HashMap<String, String>) {
        let mut map = read_stash(app_id);
        map.retain(|k, v| sent.get(k) != Some(v));
        write_stash(app_id, &map);
    }

    impl FormState {
        pub(super) fn restore_stash(&self) {
            let stashed = read_stash(&self.app_id.get_value());
            let mine: Vec<(String, String)> = stashed
                .into_iter()
                .filter(|(k, _)| {
                    let (name, _) = crate::domain::materials::fields::parse_field_id(k);
                    crate::domain::materials::fields::section_of(name) == Some(self.section)
                })
                .collect();
            if mine.is_empty() {
                return;
            }
            for (k, v) in &mine {
                let (name, item) = crate::domain::materials::fields::parse_field_id(k);
                let reference_date = self.basis.with_value(|b| b.reference_date);
                self.materials.update(|m| {
                    let _ = m.set_value(name, item, v);
                    m.sync_years(reference_date);
                });
            }
            self.schedule(0);
        }

        pub(super) fn flush_on_leave(&self) {
            if !self.autosave.cancel() {
                return;
            }
            let (Some(app_id), Some(version)) = (self.app_id.try_get_value(), self.version.try_get_untracked()) else {
                return;
            };
            let values = self.values();
            let section = self.section.slug().to_string();
            leptos::task::spawn_local(async move {
                if save_section(app_id.clone(), section, version, values.clone(), None, None).await.is_ok() {
                    unstash(&app_id, &values);
                }
                // otherwise the edits stay stashed on the device and return with the section
            });
        }

        pub(super) fn schedule(&self, ms: u32) {
            let state = *self;
            self.autosave.schedule(ms, move || state.send(None, None));
        }

        pub(super) async fn send_now(self, op: Option<String>, next: Option<String>) {
            self.autosave.cancel();
            // after the save still on its way, with the version it returns
            self.saves.wait_turn().await;
            if self.app_id.try_get_value().is_none() {
                // the section was left meanwhile: its leaving sent what waited
                self.saves.done();
                return;
            }
            let values = self.values();
            self.status.set(SaveState::Saving);
            let had_op = op.is_some();
            let result = save_section(
                self.app_id.get_value(),
                self.section.slug().to_string(),
                self.version.get_untracked(),
                values.clone(),
                op,
                None,
            )
            .await;
            if let Ok(saved) = &result {
                self.version.try_set(saved.version);
            }
            self.saves.done();
            match result {
                Ok(_) => {
                    self.status.set(SaveState::Saved);
                    unstash(&self.app_id.get_value(), &values);
                    if let Some(next) = next {
                        let to = format!("/applications/{}/{next}", self.app_id.get_value());
                        crate::components::address::go(&to, false);
                    } else if had_op {
                        self.reload();
                    }
                }
                Err(AppError::Transport(_)) => {
                    self.status.set(SaveState::Offline);
                    if !had_op {
                        self.schedule(5000);
                    }
                }
                Err(AppError::Invalid(list)) => {
                    self.bad.update(|b| {
                        for f in list {
                            b.insert(f.field, f.text);
                        }
                    });
                    self.status.set(SaveState::Idle);
                }
                Err(AppError::Refused(t)) if t.msg == Msg::StaleVersion => self.reload(),
                Err(e) => self.status.set(SaveState::Failed(e.form_text().unwrap_or_else(|| Msg::Internal.into()))),
            }
        }
    }
}
