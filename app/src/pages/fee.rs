//! `/applications/<id>/fee`: the evaluation fee (§(十)) — what is due, the pay button while the
//! application is 通过形式, the receipt once paid, and the session's time and place once assigned.

use leptos::prelude::*;

use crate::components::loaded::{loaded, resource};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::fees::{fee_view, CheckPayment, FeeInfo, StartPayment};
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::domain::fee::yuan;
use crate::domain::instant::Instant;
use crate::i18n::{status_name, Msg, Text};

#[component]
pub fn FeePage() -> impl IntoView {
    let params = use_params_map();
    let data = resource(move || params.with(|p| p.get("id").unwrap_or_default()), fee_view);
    view! {
        {loaded(data, move |f| view! { <Fee f/> }.into_any())}
    }
}

#[component]
fn Fee(f: FeeInfo) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let action = ServerAction::<StartPayment>::new();
    let action_pending = action.pending();
    let error = server_error(action.value());
    // with JavaScript the page goes to the gateway itself
    Effect::new(move |_| {
        if let Some(Ok(url)) = action.value().get() {
            let _ = window().location().set_href(&url);
        }
    });
    let check = ServerAction::<CheckPayment>::new();
    let check_pending = check.pending();
    let just_paid = query.with_untracked(|q| q.get("paid").is_some());
    let checked = query.with_untracked(|q| q.get("checked").is_some()) || matches!(check.value().get_untracked(), Some(Ok(false)));
    let back = format!("/applications/{}", f.application_id);
    let app_id = f.application_id.clone();
    let paid = f.paid.clone().map(|(order, at)| {
        view! {
            <p class="notice" role="status">{Text::with(Msg::FeePaidAt, [Instant(at).beijing_display()]).render(lang)}</p>
            <p><a class="button" href=format!("/payments/{order}/receipt") rel="external" download>{Msg::FeeReceipt.text(lang)}</a></p>
        }
    });
    let session = f.session.clone().map(|(name, at, place)| {
        view! {
            <section class="card">
                <h2>{Msg::FeeSessionTitle.text(lang)}</h2>
                <dl class="facts">
                    <dt>{Msg::SessionName.text(lang)}</dt><dd>{name}</dd>
                    <dt>{Msg::SessionWhen.text(lang)}</dt><dd>{Instant(at).beijing_display()}</dd>
                    <dt>{Msg::SessionPlace.text(lang)}</dt><dd>{place}</dd>
                </dl>
            </section>
        }
    });
    view! {
        <div class="stack">
            <p class="crumbs"><a href=back>{"← "}{Msg::FeeBack.text(lang)}</a></p>
            <h1 class="page-title">{Msg::FeeTitle.text(lang)}</h1>
            {(just_paid && f.paid.is_some()).then(|| view! { <p class="notice" role="status">{Msg::FeeJustPaid.text(lang)}</p> })}
            // back from the gateway before its word reached us, or the payer paid and wonders
            {(f.paid.is_none() && f.payable && (just_paid || checked)).then(|| view! {
                <section class="card" aria-labelledby="fee-check">
                    <h2 id="fee-check">{Msg::FeeCheckTitle.text(lang)}</h2>
                    <p>{if checked { Msg::FeeNotConfirmed.text(lang) } else { Msg::FeeAwaiting.text(lang) }}</p>
                    <ActionForm action=check attr:aria-label=Msg::FeeCheck.text(lang)>
                        <input type="hidden" name="id" value=app_id.clone()/>
                        <button type="submit" class="button" disabled=move || check_pending.get()>{Msg::FeeCheck.text(lang)}</button>
                    </ActionForm>
                </section>
            })}
            <section class="card">
                <dl class="facts">
                    <dt>{Msg::StatusLabel.text(lang)}</dt><dd><span class="status">{status_name(f.status).text(lang)}</span></dd>
                    <dt>{Msg::FeeAmount.text(lang)}</dt><dd class="amount">{yuan(f.amount_fen)}</dd>
                </dl>
                {paid}
                // paid twice (two tabs), or after the application closed: the office gives it back
                {f.refunds.iter().map(|(amount, back)| {
                    let text = match back {
                        Some(at) => Text::with(Msg::FeeRefunded, [amount.clone(), at.clone()]),
                        None => Text::with(Msg::FeeRefundDue, [amount.clone()]),
                    };
                    view! { <p class="notice" role="status">{text.render(lang)}</p> }
                }).collect_view()}
                {(f.paid.is_none() && !f.payable).then(|| view! { <p class="hint">{Msg::FeeNotYet.text(lang)}</p> })}
                {f.payable.then(|| view! {
                    <ActionForm action=action attr:aria-label=Msg::FeePay.text(lang)>
                        <input type="hidden" name="id" value=f.application_id.clone()/>
                        <p class="hint">{Msg::FeeLead.text(lang)}</p>
                        <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
                        <button type="submit" class="button primary" disabled=move || action_pending.get()>{Msg::FeePay.text(lang)}</button>
                    </ActionForm>
                })}
            </section>
            {session}
        </div>
    }
}
