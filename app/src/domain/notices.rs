//! 评审工作通知 and 评审条件 (seed §1): what an administrator writes and everyone reads. The text
//! is plain lines, not HTML: a blank line separates paragraphs, lines starting with "- " form a
//! list, and `[text](https://…)` is a link. The page builds elements from these blocks, so no
//! markup an author types can run on our origin.

use serde::{Deserialize, Serialize};

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum NoticeKind {
        /// 评审工作通知
        Notice = "notice",
        /// 评审条件
        Conditions = "conditions",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Link { text: String, url: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
}

pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_BODY_CHARS: usize = 20_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeProblem {
    TitleEmpty,
    TitleTooLong,
    BodyEmpty,
    BodyTooLong,
    /// A link to something other than http(s) or a path on this site (javascript:, data:…).
    BadLink,
}

/// What is wrong with a notice before it is saved, by field (`title`, `body`).
pub fn problems(title: &str, body: &str) -> Vec<(&'static str, NoticeProblem)> {
    let mut out = vec![];
    let title = title.trim();
    if title.is_empty() {
        out.push(("title", NoticeProblem::TitleEmpty));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        out.push(("title", NoticeProblem::TitleTooLong));
    }
    if body.trim().is_empty() {
        out.push(("body", NoticeProblem::BodyEmpty));
    } else if body.chars().count() > MAX_BODY_CHARS {
        out.push(("body", NoticeProblem::BodyTooLong));
    } else if links(body).any(|url| !safe_url(url)) {
        out.push(("body", NoticeProblem::BadLink));
    }
    out
}

/// Only web addresses and paths of this site.
pub fn safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://") || u.starts_with("http://") || super::site_path::is_site_path(&u)
}

fn links(body: &str) -> impl Iterator<Item = &str> {
    body.match_indices("](").filter_map(move |(at, _)| {
        let rest = &body[at + 2..];
        rest.find(')').map(|end| &rest[..end])
    })
}

/// The inline parts of one line: text and `[text](url)` links (unsafe links stay text).
pub fn inlines(line: &str) -> Vec<Inline> {
    let mut out = vec![];
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let url_part = &after[close + 2..];
        let Some(end) = url_part.find(')') else { break };
        let (text, url) = (&after[..close], &url_part[..end]);
        if !safe_url(url) || text.is_empty() {
            out.push(Inline::Text(rest[..open + 1].to_string()));
            rest = after;
            continue;
        }
        if open > 0 {
            out.push(Inline::Text(rest[..open].to_string()));
        }
        out.push(Inline::Link { text: text.to_string(), url: url.trim().to_string() });
        rest = &url_part[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_string()));
    }
    // neighbouring texts (from refused links) read as one
    let mut merged: Vec<Inline> = vec![];
    for i in out {
        match (merged.last_mut(), i) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (_, i) => merged.push(i),
        }
    }
    merged
}

/// The body as paragraphs and lists.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = vec![];
    let mut para: Vec<&str> = vec![];
    let mut list: Vec<Vec<Inline>> = vec![];
    let flush_para = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(inlines(&para.join(""))));
            para.clear();
        }
    };
    for line in body.lines().map(str::trim) {
        if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("・")) {
            flush_para(&mut para, &mut out);
            list.push(inlines(item.trim()));
        } else {
            if !list.is_empty() {
                out.push(Block::List(std::mem::take(&mut list)));
            }
            if line.is_empty() {
                flush_para(&mut para, &mut out);
            } else {
                para.push(line);
            }
        }
    }
    flush_para(&mut para, &mut out);
    if !list.is_empty() {
        out.push(Block::List(list));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_links() {
        let body =
            "各有关单位：\n现将有关事项通知如下。\n\n- 申报时间：6月1日至30日\n- 详见[评审条件](/notices/c1)\n\n联系电话：0991-1234567";
        let b = blocks(body);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0], Block::Paragraph(vec![Inline::Text("各有关单位：现将有关事项通知如下。".into())]));
        let Block::List(items) = &b[1] else { panic!("{b:?}") };
        assert_eq!(items[1], vec![Inline::Text("详见".into()), Inline::Link { text: "评审条件".into(), url: "/notices/c1".into() }]);
        assert_eq!(b[2], Block::Paragraph(vec![Inline::Text("联系电话：0991-1234567".into())]));
    }

    #[test]
    fn unsafe_links_are_refused_and_never_become_links() {
        assert_eq!(problems("通知", "[点我](javascript:alert(1))"), vec![("body", NoticeProblem::BadLink)]);
        assert_eq!(problems("通知", "[点我](//evil.example)"), vec![("body", NoticeProblem::BadLink)]);
        assert_eq!(problems("通知", "[本站评审条件](/\\evil.example/notices)"), vec![("body", NoticeProblem::BadLink)]);
        assert!(inlines("[本站评审条件](/\\evil.example/notices)").iter().all(|i| matches!(i, Inline::Text(_))));
        assert!(inlines("[点我](javascript:alert(1))").iter().all(|i| matches!(i, Inline::Text(_))));
        assert_eq!(problems("通知", "<script>alert(1)</script>"), vec![], "plain text: shown as typed, never run");
    }

    #[test]
    fn title_and_body_are_required_and_bounded() {
        assert_eq!(problems(" ", ""), vec![("title", NoticeProblem::TitleEmpty), ("body", NoticeProblem::BodyEmpty)]);
        assert_eq!(problems(&"题".repeat(101), "x"), vec![("title", NoticeProblem::TitleTooLong)]);
        assert_eq!(NoticeKind::parse("conditions"), Some(NoticeKind::Conditions));
    }
}
