//! The context tests of the vague words: what comes before and after one occurrence decides
//! whether it leaves a quantity or an object open. Each test names the compounds it lets
//! through and why; `corpus.tsv` holds the sentences they were measured on.

use super::Verdict::{self, Clear, Unsure, Vague};

/// A text as characters, so that a word's neighbours can be read by position.
pub(super) struct Text(Vec<char>);

impl Text {
    pub fn new(text: &str) -> Self {
        Text(text.chars().collect())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn starts_with(&self, at: usize, word: &str) -> bool {
        (at..).zip(word.chars()).all(|(i, c)| self.0.get(i) == Some(&c))
    }

    fn at(&self, i: usize) -> Option<char> {
        self.0.get(i).copied()
    }

    fn before(&self, at: usize) -> Option<char> {
        at.checked_sub(1).and_then(|i| self.at(i))
    }

    /// Whether one of `words` begins at `i`.
    fn any_at(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.starts_with(i, w))
    }

    /// The first character at or after `i` that is not a space.
    fn next_visible(&self, i: usize) -> Option<char> {
        self.0[i.min(self.len())..].iter().copied().find(|c| !c.is_whitespace())
    }

    /// The clause `at` is in, from its start up to `at`.
    fn clause_before(&self, at: usize) -> &[char] {
        let start = self.0[..at].iter().rposition(|c| CLAUSE_ENDS.contains(*c)).map_or(0, |i| i + 1);
        &self.0[start..at]
    }

    /// Whether the text reads as a title (a paper's or a report's): it ends with the noun such a
    /// title ends with. Titles are quoted as published and keep their idioms (若干问题研究).
    fn is_title(&self) -> bool {
        let end = self.0.iter().rposition(|c| !c.is_whitespace() && *c != '。').map_or(0, |i| i + 1);
        let trimmed: String = self.0[..end].iter().collect();
        TITLE_ENDS.iter().any(|e| trimmed.ends_with(e))
    }
}

const CLAUSE_ENDS: &str = "，。；、：,;:（(《“！？!? ";
const TITLE_ENDS: &[&str] = &["研究", "思考", "探讨", "探析", "初探", "刍议", "浅析", "分析", "述评", "综述", "对策", "探索", "辨析"];

/// A digit or a Chinese numeral: what makes 约 and 左右 approximate a number.
fn is_number(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十百千万亿两半几〇零".contains(c)
}

/// A digit or a numeral that ends a number, before 余/多 ("10余篇", "二十多年", "万余元").
fn ends_a_number(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十百千万两".contains(c)
}

/// Measure words after 多 and 数: "多篇", "数项" count without a number.
const MEASURES: &str = "篇项次部本名个家人例份场所届批轮位台处种年起条件张座首幅册门套株";

/// Vague, unless the word goes on (at `next`) into one of the terms that merely start like it.
fn vague_unless_term(t: &Text, next: usize, terms: &[&str]) -> Verdict {
    if t.any_at(next, terms) {
        Clear
    } else {
        Vague
    }
}

/// 大概: "大概率" is a term (a high-probability event), not a hedge.
pub(super) fn dagai(t: &Text, at: usize) -> Verdict {
    vague_unless_term(t, at + 2, &["率"])
}

/// 若干: a title's "若干问题/若干关键技术…的研究" is the published title, quoted as it is.
pub(super) fn ruogan(t: &Text, at: usize) -> Verdict {
    if t.any_at(at + 2, &["问题", "关键", "理论", "思考"]) && t.is_title() {
        Clear
    } else {
        Vague
    }
}

/// 大量: "大量元素" (macronutrients) is a term of agronomy.
pub(super) fn daliang(t: &Text, at: usize) -> Verdict {
    vague_unless_term(t, at + 2, &["元素"])
}

/// 较多: "临床较多见" describes how common a condition is; it only warns.
pub(super) fn jiaoduo(t: &Text, at: usize) -> Verdict {
    if t.at(at + 2) == Some('见') {
        Unsure
    } else {
        Vague
    }
}

/// 多年: "多年生" (perennial) and "多年冻土" (permafrost) are terms.
pub(super) fn duonian(t: &Text, at: usize) -> Verdict {
    vague_unless_term(t, at + 2, &["生", "冻土"])
}

/// 多: after a number ("10多篇", "二十多年"), or before a measure word without one ("多篇", "多项",
/// "多次"). Terms that start the same way pass: 多篇章, 多项式, 多次谐波, 多位点; "多部位",
/// "多部门" and "多项指标" may be either, so they only warn.
pub(super) fn duo(t: &Text, at: usize) -> Verdict {
    if t.before(at).is_some_and(ends_a_number) {
        return Vague;
    }
    if t.before(at).is_some_and(|c| "最至不过太差".contains(c)) {
        return Clear;
    }
    if t.any_at(at + 1, &["篇章", "项式", "次谐波", "位点", "次元", "条件", "种族"]) {
        return Clear;
    }
    if t.any_at(at + 1, &["部位", "部门", "项指标"]) {
        return Unsure;
    }
    match t.at(at + 1) {
        Some(c) if MEASURES.contains(c) && c != '年' => Vague,
        _ => Clear,
    }
}

/// Characters that make 数 the second half of a word (系数, 指数, 多数…), not "several". Only
/// words of mathematics and statistics: after a noun's last character (手术数千台, 信访件数百件,
/// 单位数十家) 数 is "several".
const SHU_COMPOUNDS: &str = "系指函参常分倍基级变整小多少半奇偶复实虚读频权对代正负质序度素码均无";

/// 数: "数十/数百…" and "数篇/数项…" count without a number, unless 数 ends a word ("系数十分显著").
pub(super) fn shu(t: &Text, at: usize) -> Verdict {
    if t.before(at).is_some_and(|c| SHU_COMPOUNDS.contains(c)) {
        return Clear;
    }
    match t.at(at + 1) {
        Some(c) if "十百千万".contains(c) || MEASURES.contains(c) => Vague,
        _ => Clear,
    }
}

/// 余: after a number it means "more than" ("10余篇", "二十余年"); elsewhere it is a word of its
/// own (其余, 业余, 余热) or a surname.
pub(super) fn yu(t: &Text, at: usize) -> Verdict {
    if t.before(at).is_some_and(ends_a_number) {
        Vague
    } else {
        Clear
    }
}

/// 左右 and 上下: approximate only after a number ("300台左右", "50岁上下"), not as sides
/// ("左右心室", "上下游", "左右为难").
pub(super) fn after_number(t: &Text, at: usize) -> Verdict {
    if t.any_at(at + 2, &["游", "级", "文", "册", "限", "端", "层"]) {
        return Clear;
    }
    let from = at.saturating_sub(4);
    if (from..at).filter_map(|i| t.at(i)).any(|c| is_number(c) || "%％‰".contains(c)) {
        Vague
    } else {
        Clear
    }
}

/// 相关: vague when it stands for an object not named ("相关工作", "负责相关设备"); precise in
/// statistics (相关性, 相关系数, 正相关, 密切相关) and where the clause names what it relates
/// to ("与产量相关的因素"). In a title it only warns ("…相关研究").
pub(super) fn xiangguan(t: &Text, at: usize) -> Verdict {
    if t.any_at(at + 2, &["性", "系数", "分析", "关系", "矩阵", "检验", "函数"]) {
        return Clear;
    }
    if t.before(at).is_some_and(|c| "正负不切息度著接密呈互".contains(c)) {
        return Clear;
    }
    if names_what_it_relates_to(t.clause_before(at)) {
        return Clear;
    }
    if t.is_title() {
        Unsure
    } else {
        Vague
    }
}

/// A clause that says "与/和/跟 X" before 相关: 与 not in 参与/给与…, 和 not in 和田/温和….
fn names_what_it_relates_to(clause: &[char]) -> bool {
    clause.iter().enumerate().any(|(i, &c)| {
        let before = i.checked_sub(1).map(|j| clause[j]);
        let after = clause.get(i + 1).copied();
        match c {
            '与' => !before.is_some_and(|b| "参给授赋干".contains(b)),
            '和' => !before.is_some_and(|b| "温缓饱总调中柔融共谐".contains(b)) && !after.is_some_and(|a| "田谐平静硕".contains(a)),
            '跟' => true,
            _ => false,
        }
    })
}

/// 可能: a hedge ("可能带来效益"); not in 可能性 or 不可能. "尽可能" and a clause that ends on
/// it ("使…成为可能") only warn.
pub(super) fn keneng(t: &Text, at: usize) -> Verdict {
    if t.at(at + 2) == Some('性') || t.before(at) == Some('不') {
        return Clear;
    }
    let ends_clause = t.at(at + 2).is_none_or(|c| CLAUSE_ENDS.contains(c));
    if t.before(at) == Some('尽') || ends_clause {
        Unsure
    } else {
        Vague
    }
}

/// Characters that make 约 the second half of a word (制约, 节约, 签约, 合约…), which may be
/// followed by a number ("签约3家"). Not 集 (集约 is not followed by a number; "采集约3吨" is
/// approximate).
const YUE_COMPOUNDS: &str = "签合制节公条契预邀履违特简婚相隐盟纽规誓赴失守解毁践如";

/// 约: before a number ("约20人", "约三成") or before 占/为/有/计/合/达 ("约占三分之一");
/// not as the end of a word (制约, 节约) nor before a name (约克大学).
pub(super) fn yue(t: &Text, at: usize) -> Verdict {
    if t.before(at).is_some_and(|c| YUE_COMPOUNDS.contains(c)) {
        return Clear;
    }
    match t.next_visible(at + 1) {
        Some(c) if is_number(c) || "占为有计合达".contains(c) => Vague,
        _ => Clear,
    }
}
