//! `/outbox`: every message the platform stored and where it is — waiting, delivered or failed,
//! with its attempts and last error — and 重新发送 for one that failed (administrators).

use leptos::prelude::*;

use crate::api::outbox::{list_outbox, OutboxEntry, ResendMessage};
use crate::components::field::{form_error, server_error};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::i18n::{Lang, Msg, Text};
use crate::pages::admin::refetch_on_success;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let resend = ServerAction::<ResendMessage>::new();
    let changed = RwSignal::new(0u32);
    refetch_on_success(resend, changed);
    let rows = resource(move || changed.get(), |_| list_outbox());
    let error = server_error(resend.value());
    let query = use_query_map();
    // after 重新发送 (the page reloads there without JavaScript; with it the action's answer says so)
    let resent = move || {
        (query.with(|q| q.get("resent").is_some()) || matches!(resend.value().get(), Some(Ok(()))))
            .then(|| view! { <p class="notice" role="status">{Msg::OutboxResent.text(lang)}</p> })
    };
    view! {
        <section class="card wide">
            <h1>{Msg::OutboxTitle.text(lang)}</h1>
            <p class="intro">{Msg::OutboxIntro.text(lang)}</p>
            {resent}
            {form_error(error, lang)}
            {loaded(rows, move |d| match d {
                rows if rows.is_empty() => view! { <p>{Msg::OutboxEmpty.text(lang)}</p> }.into_any(),
                rows => view! {
                    // it scrolls sideways on a phone: a keyboard must be able to reach it (axe)
                    <div class="table-wrap" tabindex="0" role="region" aria-label=Msg::OutboxTitle.text(lang)>
                        <table>
                            <thead>
                                // where a message stands first: on a phone the message's words scroll sideways
                                <tr>
                                    <th scope="col">{Msg::OutboxState.text(lang)}</th>
                                    <th scope="col">{Msg::OutboxRecipient.text(lang)}</th>
                                    <th scope="col">{Msg::OutboxBody.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! { <Row r resend lang/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}

#[component]
fn Row(r: OutboxEntry, resend: ServerAction<ResendMessage>, lang: Lang) -> impl IntoView {
    let channel = if r.channel == "email" { Msg::ChannelEmail } else { Msg::ChannelPhone };
    let (state, class) = match (r.state.as_str(), &r.delivered_by) {
        ("sent", _) => (Msg::OutboxSent, "badge sent"),
        ("failed", _) => (Msg::OutboxFailed, "badge danger"),
        (_, None) => (Msg::OutboxKept, "badge"),
        _ => (Msg::OutboxPending, "badge upcoming"),
    };
    // a failed message, or a delivered one someone says never arrived, may be sent again
    let may_resend = r.delivered_by.is_some() && r.state != "pending";
    view! {
        <tr>
            <td class="message-state">
                <span class=class>{state.text(lang)}</span>
                {r.sent_at.map(|at| view! { <br/><span class="hint">{Text::with(Msg::OutboxSentAt, [at]).render(lang)}</span> })}
                {(r.attempts > 0).then(|| view! { <br/><span class="hint">{Msg::OutboxAttempts.text(lang)}{"："}{r.attempts}</span> })}
                {(!r.last_error.is_empty()).then(|| view! { <br/><span class="hint">{Msg::OutboxLastError.text(lang)}{"："}{r.last_error.clone()}</span> })}
                {may_resend.then(|| view! {
                    <ActionForm action=resend attr:class="inline-form">
                        <input type="hidden" name="id" value=r.id.clone()/>
                        <button type="submit" class="button small">{Msg::OutboxResend.text(lang)}</button>
                    </ActionForm>
                })}
            </td>
            <td>
                {r.recipient}<br/>
                <span class="hint">{channel.text(lang)}{" · "}{r.at}</span>
            </td>
            <td class="message-body">{r.body}</td>
        </tr>
    }
}
