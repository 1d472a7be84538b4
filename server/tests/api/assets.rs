//! The browser's files by their content-hashed names: the pages ask for the names `make site`
//! wrote in pkg/manifest.txt, and the server lets a browser keep those for a year.

use crate::support::{client, start_with};

const HASH: &str = "0123456789abcdef";

/// A site directory as `scripts/name-assets.sh` leaves it.
fn site() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("zhiping-site-{}-{}", std::process::id(), crate::support::free_port()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for file in [format!("zhiping.{HASH}.css"), format!("zhiping-forms.{HASH}.js"), format!("zhiping-forms.{HASH}.wasm")] {
        std::fs::write(pkg.join(&file), format!("/* {file} */")).unwrap();
    }
    let bundle = format!("bundle=forms zhiping-forms.{HASH}.js zhiping-forms.{HASH}.wasm LoginForm_1 RegisterPage_2");
    std::fs::write(pkg.join("manifest.txt"), format!("css=zhiping.{HASH}.css\n{bundle}\n")).unwrap();
    std::fs::write(pkg.join("notes.txt"), "not hashed").unwrap();
    root
}

#[tokio::test]
async fn pages_name_the_hashed_files_and_only_those_are_kept_for_a_year() {
    let root = site();
    let s = start_with(&[("ZP_SITE_ROOT", root.to_str().unwrap())]).await;
    let c = client();

    let page = c.get(format!("{}/login", s.base)).send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!(r#"<link rel="stylesheet" href="/pkg/zhiping.{HASH}.css">"#)), "{html}");
    let bundles = format!(
        r#"([{{"js":"/pkg/zhiping-forms.{HASH}.js","wasm":"/pkg/zhiping-forms.{HASH}.wasm","islands":["LoginForm_1","RegisterPage_2"]}}]);"#
    );
    assert!(html.contains(&bundles), "the page's script knows the bundle and its islands: {html}");
    // the script runs under the CSP only by its nonce
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce in the CSP");
    assert!(html.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)), "{html}");
    assert!(!html.contains("/pkg/zhiping.css\"") && !html.contains("/pkg/zhiping.wasm"), "no plain name is asked for");

    for file in [format!("zhiping.{HASH}.css"), format!("zhiping-forms.{HASH}.js"), format!("zhiping-forms.{HASH}.wasm")] {
        assert_eq!(
            cache_of(&c, &s.base, &format!("/pkg/{file}")).await,
            (200, Some("public, max-age=31536000, immutable".into())),
            "{file}"
        );
    }
    assert_eq!(cache_of(&c, &s.base, "/pkg/notes.txt").await, (200, Some("no-cache".into())));
    // a hashed name that is not there is not cached as if it were
    assert_eq!(cache_of(&c, &s.base, "/pkg/zhiping.fedcba9876543210.wasm").await, (404, Some("no-cache".into())));
    let _ = std::fs::remove_dir_all(root);
}

/// The status and Cache-Control of a GET.
async fn cache_of(c: &reqwest::Client, base: &str, path: &str) -> (u16, Option<String>) {
    let r = c.get(format!("{base}{path}")).send().await.unwrap();
    (r.status().as_u16(), r.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string()))
}
