//! `/outbox`: the messages the platform "sent" (demo mode, administrators).

use leptos::prelude::*;

use crate::api::outbox::list_outbox;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::i18n::Msg;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let rows = resource(|| (), |_| list_outbox());
    view! {
        <section class="card wide">
            <h1>{Msg::OutboxTitle.text(lang)}</h1>
            {loaded(rows, move |d| match d {
                rows if rows.is_empty() => view! { <p class="intro">{Msg::OutboxIntro.text(lang)}</p> <p>{Msg::OutboxEmpty.text(lang)}</p> }.into_any(),
                rows => view! {
                    <p class="intro">{Msg::OutboxIntro.text(lang)}</p>
                    // it scrolls sideways on a phone: a keyboard must be able to reach it (axe)
                    <div class="table-wrap" tabindex="0" role="region" aria-label=Msg::OutboxTitle.text(lang)>
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::OutboxTime.text(lang)}</th>
                                    <th scope="col">{Msg::OutboxChannel.text(lang)}</th>
                                    <th scope="col">{Msg::OutboxRecipient.text(lang)}</th>
                                    <th scope="col">{Msg::OutboxBody.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let channel = if r.channel == "email" { Msg::ChannelEmail } else { Msg::ChannelPhone };
                                    view! {
                                        <tr>
                                            <td>{r.at}</td>
                                            <td>{channel.text(lang)}</td>
                                            <td>{r.recipient}</td>
                                            <td>{r.body}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}
