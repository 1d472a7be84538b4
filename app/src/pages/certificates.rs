//! Certificates (§九–§十): the holder's list with download and print (`/certificates`), the
//! issuer's page (`/issuing`: issue one or all, revoke), and the public check (`/verify`,
//! `/verify/<number>`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::certificates::*;
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::certificate::CertificateStatus;
use crate::i18n::{level_name, Lang, Msg, Text};

fn status_text(s: CertificateStatus, lang: Lang) -> &'static str {
    match s {
        CertificateStatus::Valid => Msg::CertificateValid.text(lang),
        CertificateStatus::Revoked => Msg::CertificateRevoked.text(lang),
    }
}

fn status_class(s: CertificateStatus) -> &'static str {
    match s {
        CertificateStatus::Valid => "verdict valid",
        CertificateStatus::Revoked => "verdict revoked",
    }
}

/// The browser's print dialog; the print stylesheet keeps only the certificates.
fn print_page() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().print();
    }
}

#[component]
pub fn MyCertificatesPage() -> impl IntoView {
    let lang = use_lang();
    let data = resource(|| (), |_| my_certificates());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::MyCertificatesTitle.text(lang)}</h1>
            {loaded(data, move |d| match d {
                list if list.is_empty() => view! { <p class="empty">{Msg::MyCertificatesNone.text(lang)}</p> }.into_any(),
                list => list.into_iter().map(|c| view! {
                    <article class="card certificate" aria-label=c.number.clone()>
                        <h2>{c.title.clone()}</h2>
                        <p class=status_class(c.status)>{status_text(c.status, lang)}</p>
                        <dl class="facts">
                            <dt>{Msg::CertificateHolder.text(lang)}</dt><dd>{c.holder_name.clone()}</dd>
                            <dt>{Msg::FieldSeries.text(lang)}</dt><dd>{format!("{} · {}", c.series, c.specialty)}</dd>
                            <dt>{Msg::FieldLevel.text(lang)}</dt><dd>{c.level.map(|l| level_name(l).text(lang)).unwrap_or("")}</dd>
                            <dt>{Msg::CertificateNumber.text(lang)}</dt><dd>{c.number.clone()}</dd>
                            <dt>{Msg::CertificateIssuer.text(lang)}</dt><dd>{c.issuer.clone()}</dd>
                            <dt>{Msg::CertificateIssuedOn.text(lang)}</dt><dd>{c.issued_on.clone()}</dd>
                        </dl>
                        <p class="actions no-print">
                            <a class="button primary" href=format!("/certificates/{}/pdf", c.number) rel="external" download>{Msg::CertificateDownload.text(lang)}</a>
                            <a class="button" href=format!("/verify/{}", c.number)>{Msg::CertificateCheck.text(lang)}</a>
                            <button type="button" class="button" on:click=move |_| print_page()>{Msg::CertificatePrint.text(lang)}</button>
                        </p>
                    </article>
                }).collect_view().into_any(),
            })}
        </div>
    }
}

#[component]
pub fn IssuingPage() -> impl IntoView {
    let lang = use_lang();
    let issue = ServerAction::<IssueCertificates>::new();
    let revoke = ServerAction::<RevokeCertificate>::new();
    let data = resource(move || (issue.version().get(), revoke.version().get()), |_| issuing_overview());
    let issue_error = server_error(issue.value());
    let revoke_error = server_error(revoke.value());
    let query = use_query_map();
    let issued = move || {
        issue
            .value()
            .get()
            .and_then(|r| r.ok())
            .map(|n| n.len())
            .or_else(|| query.with(|q| q.get("issued").map(|n| n.parse().unwrap_or(0))))
    };
    view! {
        <div class="stack wide">
            <h1 class="page-title">{Msg::IssuingTitle.text(lang)}</h1>
            {move || issued().map(|n| view! { <p class="notice" role="status">{Text::with(Msg::IssuingDone, [n.to_string()]).render(lang)}</p> })}
            <div class="form-alert" role="alert">{move || issue_error.get().or(revoke_error.get()).and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
            {loaded(data, move |d| {
                let waiting = d.waiting.iter().enumerate().map(|(i, (id, name, unit, what, level))| view! {
                    <label class="check"><input type="checkbox" name=format!("app[a{i}]") value=id.clone()/>
                        {name.clone()}{" · "}{unit.clone()}{" · "}{what.clone()}{" "}{level.map(|l| level_name(l).text(lang)).unwrap_or("")}</label>
                }).collect_view();
                let has_waiting = !d.waiting.is_empty();
                let none_issued = d.issued.is_empty().then(|| view! { <p class="empty">{Msg::IssuingNoneIssued.text(lang)}</p> });
                view! {
                    <section class="card">
                        <h2>{Msg::IssuingWaiting.text(lang)}</h2>
                        {if has_waiting { view! {
                            <ActionForm action=issue attr:aria-label=Msg::IssuingChosen.text(lang)>
                                <fieldset class="field"><legend>{Msg::IssuingWaiting.text(lang)}</legend>{waiting}</fieldset>
                                <button type="submit" class="button">{Msg::IssuingChosen.text(lang)}</button>
                            </ActionForm>
                            <ActionForm action=issue attr:aria-label=Msg::IssuingAll.text(lang)>
                                <input type="hidden" name="all" value="1"/>
                                <button type="submit" class="button primary">{Msg::IssuingAll.text(lang)}</button>
                            </ActionForm>
                        }.into_any() } else { view! { <p class="empty">{Msg::IssuingNone.text(lang)}</p> }.into_any() }}
                    </section>
                    <section class="card">
                        <h2>{Msg::IssuingIssued.text(lang)}</h2>
                        {none_issued}
                        <ul class="plain">
                            {d.issued.into_iter().map(|c| {
                                let valid = c.status == CertificateStatus::Valid;
                                let number = c.number.clone();
                                let label = Text::with(Msg::RevokeLabel, [number.clone()]).render(lang);
                                let field_id = format!("r-{number}");
                                view! {
                                    <li>
                                        <a href=format!("/verify/{}", c.number)>{c.number.clone()}</a>{" · "}{c.holder_name.clone()}{" · "}{c.title.clone()}
                                        {" · "}<span class=status_class(c.status)>{status_text(c.status, lang)}</span>
                                        {valid.then(move || view! {
                                            <details>
                                                <summary>{Msg::RevokeOpen.text(lang)}</summary>
                                                <ActionForm action=revoke attr:aria-label=label>
                                                    <input type="hidden" name="number" value=number.clone()/>
                                                    <div class="field">
                                                        <label for=field_id.clone()>{Msg::RevokeReason.text(lang)}</label>
                                                        <textarea id=field_id.clone() name="reason" rows="2"></textarea>
                                                        <p class="error" aria-live="polite">{move || revoke_error.get().and_then(|e| e.at_field("reason").cloned()).map(|t| t.render(lang))}</p>
                                                    </div>
                                                    <button type="submit" class="button danger">{Msg::RevokeButton.text(lang)}</button>
                                                </ActionForm>
                                            </details>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            })}
        </div>
    }
}

/// `/verify`: type a number (a plain GET form, so it works without JavaScript).
#[component]
pub fn VerifyFormPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let number = query.with_untracked(|q| q.get("number").unwrap_or_default());
    let bad = !number.is_empty() && crate::domain::certificate::normalise_number(&number).is_none();
    // the form's GET lands here with a good number: the number's own page is the answer
    let target = crate::domain::certificate::normalise_number(&number).map(|n| format!("/verify/{n}"));
    #[cfg(feature = "ssr")]
    if let Some(t) = &target {
        leptos_axum::redirect(t);
    }
    #[cfg(not(feature = "ssr"))]
    {
        let navigate = leptos_router::hooks::use_navigate();
        Effect::new(move |_| {
            if let Some(t) = &target {
                navigate(t, Default::default());
            }
        });
    }
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::VerifyTitle.text(lang)}</h1>
            <p class="intro">{Msg::VerifyLead.text(lang)}</p>
            <form class="card" method="get" action="/verify" role="search">
                <div class="field">
                    <label for="v-number">{Msg::CertificateNumber.text(lang)}</label>
                    <input id="v-number" name="number" value=number autocapitalize="characters" placeholder="XJZC-2026-000001-9"/>
                    <p class="error" aria-live="polite">{bad.then(|| Msg::CertificateNumberInvalid.text(lang))}</p>
                </div>
                <button type="submit" class="button primary">{Msg::VerifyButton.text(lang)}</button>
            </form>
            <p class="hint">{Msg::VerifyOffline.text(lang)}</p>
        </div>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let data = resource(move || params.with(|p| p.get("number").unwrap_or_default()), verify_certificate);
    view! {
        <div class="stack">
            <p class="crumbs"><a href="/verify">{"← "}{Msg::VerifyTitle.text(lang)}</a></p>
            {loaded(data, move |v| {
                let revoked = v.revoked_on.clone().map(|d| view! {
                    <p>{Text::with(Msg::VerifyRevokedOn, [d]).render(lang)}</p>
                    <p>{Msg::RevokeReason.text(lang)}{"："}{v.revoked_reason.clone().unwrap_or_default()}</p>
                });
                view! {
                    <h1 class="page-title">{Msg::VerifyResult.text(lang)}</h1>
                    <section class="card">
                        <p class=status_class(v.status) role="status">{status_text(v.status, lang)}
                            {(!v.signature_ok).then(|| format!(" · {}", Msg::VerifySignatureBad.text(lang)))}</p>
                        {revoked}
                        <dl class="facts">
                            <dt>{Msg::CertificateNumber.text(lang)}</dt><dd>{v.number.clone()}</dd>
                            <dt>{Msg::CertificateHolder.text(lang)}</dt><dd>{v.holder_name_masked.clone()}</dd>
                            <dt>{Msg::VerifyIdNumber.text(lang)}</dt><dd>{v.holder_id_masked.clone()}</dd>
                            <dt>{Msg::CertificateTitleName.text(lang)}</dt><dd>{v.title.clone()}</dd>
                            <dt>{Msg::FieldSeries.text(lang)}</dt><dd>{format!("{} · {}", v.series, v.specialty)}</dd>
                            <dt>{Msg::FieldLevel.text(lang)}</dt><dd>{v.level.map(|l| level_name(l).text(lang)).unwrap_or("")}</dd>
                            <dt>{Msg::FieldUnit.text(lang)}</dt><dd>{v.work_unit.clone()}</dd>
                            <dt>{Msg::CertificateIssuer.text(lang)}</dt><dd>{v.issuer.clone()}</dd>
                            <dt>{Msg::CertificateIssuedOn.text(lang)}</dt><dd>{v.issued_on.clone()}</dd>
                        </dl>
                        <p class="hint">{Text::with(Msg::VerifySignedBy, [v.key_id.clone()]).render(lang)}</p>
                    </section>
                }.into_any()
            })}
        </div>
    }
}
