//! Paths of this site: where a notice may link, and where a form may send a person after it
//! (`next`, `back`). Browsers read `/\host` and `//host` as another host and drop tabs and line
//! breaks inside an address (`/%09/host` decodes to `/\t/host`, which is `//host`), so a site path
//! is a `/` followed by anything but a second `/` or `\`, with no control character anywhere.

/// Whether `path` stays on this site when a browser follows it.
pub fn is_site_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/') && !matches!(chars.next(), Some('/') | Some('\\')) && !path.chars().any(|c| c.is_control() || c == '\\')
}

/// `next` when it is a site path, else `fallback`.
pub fn site_path_or<'a>(next: Option<&'a str>, fallback: &'a str) -> &'a str {
    next.filter(|n| is_site_path(n)).unwrap_or(fallback)
}

/// The login page that returns to `path` afterwards (`expired`: say the session ended).
pub fn login_then(path: &str, expired: bool) -> String {
    let mut to = String::from("/login");
    let back = is_site_path(path) && !path.starts_with("/login");
    if back {
        to.push_str("?next=");
        to.push_str(&encode_component(path));
    }
    if expired {
        to.push_str(if back { "&expired=1" } else { "?expired=1" });
    }
    to
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site() {
        for ok in ["/", "/applications/a1/basic", "/review?status=submitted", "/notices/c1#x"] {
            assert!(is_site_path(ok), "{ok}");
        }
        for bad in ["//evil", "/\\evil.example/notices", "/\t/evil", "/\n/evil", "https://evil", "evil", "", "/a\\b", "javascript:alert(1)"]
        {
            assert!(!is_site_path(bad), "{bad:?}");
        }
        assert_eq!(site_path_or(Some("/\\evil"), "/"), "/");
        assert_eq!(site_path_or(Some("/review"), "/"), "/review");
        assert_eq!(site_path_or(None, "/x"), "/x");
    }

    #[test]
    fn the_login_link_returns_to_the_page() {
        assert_eq!(login_then("/review/a1?tab=x", false), "/login?next=/review/a1%3Ftab%3Dx");
        assert_eq!(login_then("/applications", true), "/login?next=/applications&expired=1");
        assert_eq!(login_then("/login?next=/x", false), "/login", "never back to the login page itself");
        assert_eq!(login_then("//evil", true), "/login?expired=1");
        assert_eq!(encode_component("申报 &"), "%E7%94%B3%E6%8A%A5%20%26");
    }
}
