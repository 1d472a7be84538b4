//! Checks of the catalogue that the compiler cannot make (run with the crate's unit tests): each message has as many `{}` in
//! English as in Chinese (arguments are filled in order), and each key is used somewhere.

use super::{Lang, Msg};

fn placeholders(s: &str) -> usize {
    s.matches("{}").count()
}

#[test]
fn every_message_has_the_same_placeholders_in_both_languages() {
    let differ: Vec<String> = Msg::ALL
        .iter()
        .filter(|m| placeholders(m.text(Lang::Zh)) != placeholders(m.text(Lang::En)))
        .map(|m| format!("{m:?}: {:?} / {:?}", m.text(Lang::Zh), m.text(Lang::En)))
        .collect();
    assert!(differ.is_empty(), "placeholders differ: {differ:#?}");
}

/// Every `.rs` file of the crate but the catalogue itself, read as text.
fn sources() -> String {
    fn walk(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("catalogue.rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut all = String::new();
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    walk(&crate_dir.join("src"), &mut all);
    // the server binary words its own messages too (reminders, refusals of plain routes)
    walk(&crate_dir.join("../server/src"), &mut all);
    all
}

#[test]
fn every_key_is_used() {
    let code = sources();
    let unused: Vec<String> = Msg::ALL
        .iter()
        .map(|m| format!("{m:?}"))
        .filter(|key| !code.contains(&format!("Msg::{key}")) && !code.contains(&format!("M::{key}")))
        .collect();
    assert!(unused.is_empty(), "keys no code uses (remove them or use them): {unused:?}");
}
