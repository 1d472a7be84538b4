//! Vague wording (SPEC rule 4, §3 "不得有含糊的词语"): the one rule free-text fields run in the
//! browser and on the server.
//!
//! A list of substrings cannot tell "约20人" from "制约", "20人左右" from "左右心室" or
//! "相关工作" from "与产量相关的因素", so each word carries the context that makes it vague: a
//! number after 约 or before 左右, 相关 without an object, 可能 as a hedge rather than
//! 可能性. Where the context cannot settle it (a paper title about 相关研究, 尽可能, 多项指标)
//! the finding is [`Certainty::Unsure`]: the applicant is warned and may keep the wording;
//! [`Certainty::Sure`] findings must be rewritten before submission.
//!
//! Measured on `corpus.tsv` (sentences as applicants write them) by `corpus_precision_and_recall`
//! in tests.rs; the figures are in BENCHMARKS.md.

mod context;

use context::Text;

/// How certain a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Certainty {
    /// Vague: the statement must say how many, which, or whether.
    Sure,
    /// Perhaps vague (a title's idiom, a technical term that looks like a hedge): a warning only.
    Unsure,
}

/// A vague word found in a text: the word, why it is vague, and how certain that is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    pub word: &'static str,
    pub reason: &'static str,
    pub certainty: Certainty,
}

/// What a word's context says about one occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Vague,
    Unsure,
    Clear,
}

/// Each word, why it is vague, and the test of its context at one occurrence (`at` is the
/// index of the word's first character). Longer words first where they share a start, so that
/// "大约" is judged before "约" would be at the next character.
type Rule = fn(&Text, usize) -> Verdict;
const WORDS: &[(&str, &str, Rule)] = &[
    ("基本上", "“基本上”不说明做到了多少", always),
    ("等等", "“等等”省略了应当列出的内容", always),
    ("大约", "“大约”不是确切的数字", always),
    ("大概", "“大概”不是确切的说法", context::dagai),
    ("若干", "“若干”应写明具体数量", context::ruogan),
    ("一些", "“一些”应写明具体数量", always),
    ("许多", "“许多”应写明具体数量", always),
    ("众多", "“众多”应写明具体数量", always),
    ("诸多", "“诸多”应写明具体数量", always),
    ("很多", "“很多”应写明具体数量", always),
    ("较多", "“较多”应写明具体数量", context::jiaoduo),
    ("大量", "“大量”应写明具体数量", context::daliang),
    ("上百", "“上百”不是确切的数字", always),
    ("上千", "“上千”不是确切的数字", always),
    ("上万", "“上万”不是确切的数字", always),
    ("近百", "“近百”不是确切的数字", always),
    ("近千", "“近千”不是确切的数字", always),
    ("近万", "“近万”不是确切的数字", always),
    ("多年", "“多年”应写明年数", context::duonian),
    ("多", "“多”应写明具体数量", context::duo),
    ("数", "“数”应写明具体数量", context::shu),
    ("余", "“余”不是确切的数字，应写明具体数量", context::yu),
    ("左右", "“左右”不是确切的数字", context::after_number),
    ("上下", "“上下”不是确切的数字", context::after_number),
    ("相关", "“相关”应写明具体是哪些", context::xiangguan),
    ("可能", "“可能”不是确切的说法", context::keneng),
    ("约", "“约”不是确切的数字", context::yue),
];

fn always(_: &Text, _: usize) -> Verdict {
    Verdict::Vague
}

/// The first sure finding in `text`, by position; or, when there is none, the first warning.
pub fn find_vague(text: &str) -> Option<Finding> {
    let t = Text::new(text);
    let mut warning = None;
    for at in 0..t.len() {
        // The longest listed word that starts here decides ("多年生" is not then read as "多").
        let Some(&(word, reason, rule)) = WORDS.iter().find(|(word, ..)| t.starts_with(at, word)) else { continue };
        match rule(&t, at) {
            Verdict::Vague => return Some(Finding { word, reason, certainty: Certainty::Sure }),
            Verdict::Unsure => {
                warning.get_or_insert(Finding { word, reason, certainty: Certainty::Unsure });
            }
            Verdict::Clear => {}
        }
    }
    warning
}

#[cfg(test)]
mod tests;
