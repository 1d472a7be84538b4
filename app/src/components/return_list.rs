//! The office's return list as the applicant sees it (一次性告知): the live countdown to the
//! 48-hour deadline and every item, each a link to its section and field.

use leptos::prelude::*;

use super::countdown::Countdown;
use super::lang::use_lang;
use crate::domain::materials::Section;
use crate::domain::review::ReturnItem;
use crate::i18n::{return_place, Msg, Text};

/// `only`: show the items of one section (the section page); `None`: all (the overview).
#[component]
pub fn ReturnList(
    app_id: String,
    items: Vec<ReturnItem>,
    due: i64,
    server_now: i64,
    /// With none left (§七: 超过3次后，无法再次提交) the list says so instead of asking to resubmit.
    submissions_left: u8,
    #[prop(optional)] only: Option<Section>,
) -> impl IntoView {
    let lang = use_lang();
    let shown: Vec<(usize, ReturnItem)> = items.into_iter().enumerate().filter(|(_, i)| only.is_none_or(|s| s == i.section)).collect();
    let lines = shown
        .into_iter()
        .map(|(n, i)| {
            let anchor = i.field.clone().map(|f| format!("#{f}")).unwrap_or_default();
            let href = format!("/applications/{app_id}/{}{anchor}", i.section.slug());
            let place = return_place(&i, lang);
            view! {
                <li>
                    <span class="hint">{Text::with(Msg::ReviewReturnRow, [(n + 1).to_string()]).render(lang)}</span>{" "}
                    <a href=href>{place}</a>{"："}{i.note.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card returned" aria-labelledby="returned-title">
            <h2 id="returned-title">{Msg::ReturnedTitle.text(lang)}</h2>
            <p class="deadline"><Countdown due server_now/></p>
            {if submissions_left == 0 {
                view! { <p class="form-alert">{Msg::ReturnedNoneLeft.text(lang)}</p> }.into_any()
            } else {
                view! { <p>{Msg::ReturnedLead.text(lang)}</p> }.into_any()
            }}
            <ol class="return-items">{lines}</ol>
        </section>
    }
}
