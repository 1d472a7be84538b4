//! `/fees` (收费对账): an evaluation office's fee orders — those waiting for the payment
//! provider's word, with a button that asks it now; the fees to refund (paid twice, or after the
//! application closed), each with 原路退款; and the refunds made. For the office's reviewers.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::fees::{fee_accounts, FeeLine, ReconcileFees, RefundPayment};
use crate::components::field::{form_error, server_error};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::i18n::{Lang, Msg, Text};
use crate::pages::admin::refetch_on_success;

#[component]
pub fn FeeAccountsPage() -> impl IntoView {
    let lang = use_lang();
    let reconcile = ServerAction::<ReconcileFees>::new();
    let refund = ServerAction::<RefundPayment>::new();
    let changed = RwSignal::new(0u32);
    refetch_on_success(reconcile, changed);
    refetch_on_success(refund, changed);
    let data = resource(move || changed.get(), |_| fee_accounts());
    let reconcile_error = server_error(reconcile.value());
    let refund_error = server_error(refund.value());
    let query = use_query_map();
    // what the last button did: the page reloads with it in the address without JavaScript
    let reconciled = move || {
        let from_query = query.with(|q| Some((q.get("asked")?, q.get("found")?)));
        let from_action = match reconcile.value().get() {
            Some(Ok((asked, found))) => Some((asked.to_string(), found.to_string())),
            _ => None,
        };
        from_action.or(from_query).map(|(asked, found)| {
            view! { <p class="notice" role="status">{Text::with(Msg::FeesReconciled, [asked, found]).render(lang)}</p> }
        })
    };
    let refunded = move || {
        let order = query.with(|q| q.get("refunded"));
        let done = matches!(refund.value().get(), Some(Ok(()))) || order.is_some();
        done.then(|| {
            let order = order.unwrap_or_default();
            view! { <p class="notice" role="status">{Text::with(Msg::FeesRefundDone, [order]).render(lang)}</p> }
        })
    };
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::FeesTitle.text(lang)}</h1>
            <p class="intro">{Msg::FeesIntro.text(lang)}</p>
            {reconciled}
            {refunded}
            {form_error(refund_error, lang)}
            {loaded(data, move |d| view! {
                <section class="card" aria-labelledby="refunds-due">
                    <h2 id="refunds-due">{Msg::FeesRefundsDue.text(lang)}</h2>
                    {lines(d.refunds_due, Msg::FeesNoRefundsDue, lang, Some(refund))}
                </section>
                {(!d.closed_paid.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="closed-paid">
                        <h2 id="closed-paid">{Msg::FeesClosedPaid.text(lang)}</h2>
                        <p class="hint">{Msg::FeesClosedPaidHint.text(lang)}</p>
                        {lines(d.closed_paid, Msg::FeesNoRefundsDue, lang, Some(refund))}
                    </section>
                })}
                <section class="card" aria-labelledby="waiting">
                    <h2 id="waiting">{Msg::FeesWaiting.text(lang)}</h2>
                    <p class="hint">{Text::with(Msg::FeesGateway, [d.gateway]).render(lang)}</p>
                    {lines(d.waiting, Msg::FeesNoneWaiting, lang, None)}
                    <ActionForm action=reconcile>
                        <button type="submit" class="button" disabled=move || reconcile.pending().get()>
                            {Msg::FeesReconcile.text(lang)}
                        </button>
                    </ActionForm>
                    {form_error(reconcile_error, lang)}
                </section>
                <section class="card" aria-labelledby="refunded">
                    <h2 id="refunded">{Msg::FeesRefunded.text(lang)}</h2>
                    {lines(d.refunded, Msg::FeesNoneRefunded, lang, None)}
                </section>
            }.into_any())}
        </div>
    }
}

/// The orders of one list, or the words for none; `refund` puts 原路退款 beside each.
fn lines(rows: Vec<FeeLine>, none: Msg, lang: Lang, refund: Option<ServerAction<RefundPayment>>) -> AnyView {
    if rows.is_empty() {
        return view! { <p>{none.text(lang)}</p> }.into_any();
    }
    view! {
        <ul class="notice-list">
            {rows.into_iter().map(|l| view! { <Line l refund lang/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Line(l: FeeLine, refund: Option<ServerAction<RefundPayment>>, lang: Lang) -> impl IntoView {
    let (order, amount) = (l.id.clone(), l.amount.clone());
    let button = refund.map(move |action| {
        let label = Text::with(Msg::FeesRefund, [amount]).render(lang);
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="id" value=order/>
                <button type="submit" class="button small" disabled=move || action.pending().get()>{label}</button>
            </ActionForm>
        }
    });
    view! {
        <li>
            <span>
                <a class="applicant" href=format!("/review/{}", l.application_id)>{l.applicant_name}</a>
                {" · "}{l.series}{" · "}<strong>{l.amount}</strong>
            </span>
            <span class="hint">{Msg::FeesOrder.text(lang)}{" "}{l.id}{" · "}{l.gateway}</span>
            <span class="hint">
                {Text::with(Msg::FeesOpenedAt, [l.opened_at]).render(lang)}
                {l.paid_at.map(|at| format!(" · {}", Text::with(Msg::FeesPaidAt, [at]).render(lang)))}
            </span>
            {l.txn.map(|t| view! { <span class="hint">{Text::with(Msg::FeesTxn, [t]).render(lang)}</span> })}
            {l.refund.map(|(no, at)| view! { <span class="hint">{Text::with(Msg::FeesRefundedAt, [no, at]).render(lang)}</span> })}
            {button}
        </li>
    }
}
