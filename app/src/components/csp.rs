//! The Content-Security-Policy of every page (server only): scripts only from us or carrying this
//! response's nonce (Leptos puts it on its hydration script), WASM allowed, nothing framed.

use http::header::CONTENT_SECURITY_POLICY;
use http::HeaderValue;
use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

pub fn set_content_security_policy() {
    provide_nonce();
    let Some(nonce) = use_nonce() else { return };
    // the fee's form is answered with a redirect to the payment provider's pay page, which
    // form-action must allow (browsers check the redirect's target too)
    let pay = use_context::<crate::state::AppState>().and_then(|s| s.gateway.pay_origin()).map(|o| format!(" {o}")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; form-action 'self'{pay}; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&policy)) {
        res.insert_header(CONTENT_SECURITY_POLICY, v);
    }
}
