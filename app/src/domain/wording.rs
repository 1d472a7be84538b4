//! Vague wording (SPEC rule 4, §3 "不得有含糊的词语"): the one list, and the check free-text
//! fields run in the browser and on the server.

/// Words that make a statement unverifiable, each with why. Longer words first so that the most
/// specific match is reported ("大约" before "约").
pub const VAGUE_WORDS: &[(&str, &str)] = &[
    ("基本上", "“基本上”不说明做到了多少"),
    ("等等", "“等等”省略了应当列出的内容"),
    ("大约", "“大约”不是确切的数字"),
    ("左右", "“左右”不是确切的数字"),
    ("若干", "“若干”应写明具体数量"),
    ("一些", "“一些”应写明具体数量"),
    ("多篇", "“多篇”应写明篇数"),
    ("多项", "“多项”应写明项数"),
    ("多次", "“多次”应写明次数"),
    ("相关", "“相关”应写明具体是哪些"),
    ("大概", "“大概”不是确切的说法"),
    ("可能", "“可能”不是确切的说法"),
    ("约", "“约”不是确切的数字"),
];

/// The first vague word in `text`, with its reason.
pub fn find_vague(text: &str) -> Option<(&'static str, &'static str)> {
    VAGUE_WORDS
        .iter()
        .filter_map(|(w, why)| text.find(w).map(|at| (at, *w, *why)))
        .min_by_key(|(at, w, _)| (*at, std::cmp::Reverse(w.len())))
        .map(|(_, w, why)| (w, why))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_vague_word_and_prefers_the_longer_one() {
        assert_eq!(find_vague("发表论文3篇"), None);
        assert_eq!(find_vague("发表论文多篇").map(|v| v.0), Some("多篇"));
        assert_eq!(find_vague("大约20人").map(|v| v.0), Some("大约"));
        assert_eq!(find_vague("约20人，若干项目").map(|v| v.0), Some("约"));
        assert_eq!(find_vague("完成若干项目，基本上达标").map(|v| v.0), Some("若干"));
    }
}
