//! What is still missing or wrong in an application (SPEC rules 4, 6 and 7): the one function
//! the form's overview and the server's submission check both call.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Materials, Section, Slot, WorkKind};
use crate::domain::conditions::{Conditions, Unmet};
use crate::domain::wording::{find_vague, Certainty};

/// One thing still missing or wrong: where (section, field, which repeated item) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub section: Section,
    /// The form field's name, which is also its element id: the overview links to it.
    pub field: String,
    pub item: Option<usize>,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A required value is empty.
    Empty,
    /// A required attachment is not uploaded.
    NoFile,
    /// At least one item of a repeating list is needed.
    NoItems,
    /// A vague word (rule 4), with the reason.
    Vague { word: String, reason: String },
    /// A word that may be vague, or may be meant exactly (a title's idiom, a term): a warning
    /// that never blocks submission (only in [`advice`]).
    MaybeVague { word: String, reason: String },
    /// Dated before the current qualification was obtained (rule 6).
    BeforeCurrentPost { date: Date, limit: Date },
    /// A year's record is missing (continuing education, assessment).
    YearMissing(i32),
    /// Papers count only as first author.
    NotFirstAuthor,
    /// A yes/no question nobody has answered yet (no default: the answer changes what is needed).
    NotChosen,
    /// The years that need a record follow from the date the current qualification was obtained,
    /// which is not given yet (in 专业技术资格).
    NeedsPostDate,
    /// Aid to Xinjiang counts from one year on the posting (§(九) 一年以上): `from` is that day.
    AidTooShort { since: Date, from: Date },
    /// Only someone still on the posting applies this way (§(九) 正在援疆期间).
    AidEnded,
    /// A condition of the round the applicant does not meet (评审条件).
    Unmet(Unmet),
    /// Fewer continuing-education hours that year than the round asks.
    TooFewHours { required: u32 },
    /// The round does not take 继续教育免试.
    ExemptionNotTaken,
    /// An assessment result that does not count (the round names those that do).
    NotPassing { counted: String },
}

/// What the completeness check judges against: the round's reference date (every "years since
/// the post" rule counts to it) and its conditions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub reference_date: Date,
    pub conditions: Conditions,
}

impl Basis {
    /// The notice's own conditions, counted to `reference_date`.
    pub fn notice(reference_date: Date) -> Self {
        Basis { reference_date, conditions: Conditions::default() }
    }
}

/// The day a posting that began on `since` has lasted one year (29 February's year ends on
/// 1 March).
pub fn one_year_on(since: Date) -> Date {
    since
        .replace_year(since.year() + 1)
        .unwrap_or_else(|_| Date::from_calendar_date(since.year() + 1, time::Month::March, 1).unwrap_or(since))
}

/// The completed years since the current qualification was obtained, oldest first: the years
/// that need a continuing-education record. `today` is Beijing's date.
pub fn years_since_post(obtained_on: Date, today: Date) -> Vec<i32> {
    (obtained_on.year()..today.year()).collect()
}

/// The assessment years required: the last 3 completed years since the post, or all when fewer.
pub fn assessment_years(obtained_on: Date, today: Date) -> Vec<i32> {
    let years = years_since_post(obtained_on, today);
    years[years.len().saturating_sub(3)..].to_vec()
}

struct Collector {
    out: Vec<Missing>,
    /// Warnings that do not block submission.
    advice: Vec<Missing>,
}

impl Collector {
    fn push(&mut self, section: Section, field: &str, item: Option<usize>, problem: Problem) {
        self.out.push(Missing { section, field: field.to_string(), item, problem });
    }

    fn text(&mut self, section: Section, field: &str, item: Option<usize>, value: &str) {
        if value.trim().is_empty() {
            self.push(section, field, item, Problem::Empty);
        } else if let Some(f) = find_vague(value) {
            let (word, reason) = (f.word.to_string(), f.reason.to_string());
            match f.certainty {
                Certainty::Sure => self.push(section, field, item, Problem::Vague { word, reason }),
                Certainty::Unsure => {
                    self.advice.push(Missing { section, field: field.to_string(), item, problem: Problem::MaybeVague { word, reason } })
                }
            }
        }
    }

    /// A year's hours against the round's minimum (none asked: nothing to say).
    fn hours(&mut self, section: Section, field: &str, item: usize, hours: Option<u32>, required: u32) {
        match hours {
            None if required > 0 => self.push(section, field, Some(item), Problem::Empty),
            Some(h) if h < required => self.push(section, field, Some(item), Problem::TooFewHours { required }),
            _ => {}
        }
    }

    fn file(&mut self, section: Section, field: &str, item: Option<usize>, slot: &Slot) {
        if slot.is_none() {
            self.push(section, field, item, Problem::NoFile);
        }
    }

    /// A date that must exist and, when the post's date is known, not precede it.
    fn dated(&mut self, section: Section, field: &str, item: Option<usize>, date: Option<Date>, post: Option<Date>) {
        match (date, post) {
            (None, _) => self.push(section, field, item, Problem::Empty),
            (Some(d), Some(limit)) if d < limit => self.push(section, field, item, Problem::BeforeCurrentPost { date: d, limit }),
            _ => {}
        }
    }
}

/// Everything still missing or wrong, section by section in form order. Empty means the
/// application may be submitted.
pub fn missing(m: &Materials, basis: &Basis) -> Vec<Missing> {
    collect(m, basis).out
}

/// Wording that may be vague but may be meant exactly ([`Problem::MaybeVague`]): shown at the
/// field as a warning; submission does not wait for it.
pub fn advice(m: &Materials, basis: &Basis) -> Vec<Missing> {
    collect(m, basis).advice
}

fn collect(m: &Materials, basis: &Basis) -> Collector {
    use Section as S;
    let (today, conditions) = (basis.reference_date, &basis.conditions);
    let mut c = Collector { out: vec![], advice: vec![] };
    let post = m.qualification.obtained_on;

    // (一) 基本信息
    c.text(S::BasicInfo, "unit", None, &m.basic.unit);
    c.text(S::BasicInfo, "specialty", None, &m.basic.specialty);
    c.text(S::BasicInfo, "political_conduct", None, &m.basic.political_conduct);
    c.file(S::BasicInfo, "id_card_scan", None, &m.basic.id_card_scan);
    c.file(S::BasicInfo, "photo", None, &m.basic.photo);

    // (二) 学历学位
    if m.education.is_empty() {
        c.push(S::Education, "education", None, Problem::NoItems);
    }
    for (i, d) in m.education.iter().enumerate() {
        c.text(S::Education, "school", Some(i), &d.school);
        c.text(S::Education, "major", Some(i), &d.major);
        if d.graduated_on.is_none() {
            c.push(S::Education, "graduated_on", Some(i), Problem::Empty);
        }
        c.file(S::Education, "diploma", Some(i), &d.diploma);
        c.file(S::Education, "degree_certificate", Some(i), &d.degree_certificate);
        c.file(S::Education, "chsi_report", Some(i), &d.chsi_report);
    }

    // (三) 专业技术资格
    let q = &m.qualification;
    c.text(S::Qualification, "current_title", None, &q.current_title);
    // the level held decides what applying at this level asks (the round's conditions)
    let rule = conditions.rule(m.level);
    if rule.requires.is_some() && q.current_level.is_none() {
        c.push(S::Qualification, "current_level", None, Problem::NotChosen);
    }
    if q.obtained_on.is_none() {
        c.push(S::Qualification, "obtained_on", None, Problem::Empty);
    }
    match conditions.eligibility(m.level, q.current_level, q.obtained_on, today) {
        Err(u @ Unmet::TitleLevel { .. }) => c.push(S::Qualification, "current_level", None, Problem::Unmet(u)),
        Err(u @ Unmet::TooFewYears { .. }) => c.push(S::Qualification, "obtained_on", None, Problem::Unmet(u)),
        Ok(()) => {}
    }
    if q.years_in_profession.is_none() {
        c.push(S::Qualification, "years_in_profession", None, Problem::Empty);
    }
    c.file(S::Qualification, "years_proof", None, &q.years_proof);
    c.file(S::Qualification, "title_certificate", None, &q.title_certificate);
    match q.obtained_in_xinjiang {
        None => c.push(S::Qualification, "obtained_in_xinjiang", None, Problem::NotChosen),
        Some(false) => c.file(S::Qualification, "evaluation_form", None, &q.evaluation_form),
        Some(true) => {}
    }

    // (四) 工作简历
    c.text(S::WorkHistory, "practice", None, &m.work.practice);
    if m.work.achievements.is_empty() {
        c.push(S::WorkHistory, "achievements", None, Problem::NoItems);
    }
    for (i, a) in m.work.achievements.iter().enumerate() {
        c.text(S::WorkHistory, "achievement_title", Some(i), &a.title);
        c.dated(S::WorkHistory, "achieved_on", Some(i), a.achieved_on, post);
        c.text(S::WorkHistory, "achievement_description", Some(i), &a.description);
        c.file(S::WorkHistory, "evidence", Some(i), &a.evidence);
    }

    // (五) 著作论文
    for (i, p) in m.publications.iter().enumerate() {
        c.text(S::Publications, "publication_title", Some(i), &p.title);
        c.dated(S::Publications, "published_on", Some(i), p.published_on, post);
        if p.kind.is_published() {
            if p.kind == WorkKind::Paper && !p.first_author {
                c.push(S::Publications, "first_author", Some(i), Problem::NotFirstAuthor);
            }
            c.file(S::Publications, "cover", Some(i), &p.cover);
            c.file(S::Publications, "contents", Some(i), &p.contents);
            c.file(S::Publications, "body", Some(i), &p.body);
            c.file(S::Publications, "identification_form", Some(i), &p.identification_form);
            if p.kind == WorkKind::Paper && conditions.needs_similarity_report(m.level) {
                c.file(S::Publications, "similarity_report", Some(i), &p.similarity_report);
            }
        } else {
            c.file(S::Publications, "unit_certification", Some(i), &p.unit_certification);
        }
    }

    // (六) 继续教育
    let t = &m.training;
    if t.exempt {
        if !conditions.exemption_allowed {
            c.push(S::ContinuingEducation, "exempt", None, Problem::ExemptionNotTaken);
        }
        c.file(S::ContinuingEducation, "exemption_form", None, &t.exemption_form);
    } else {
        // Which years need a record follows from the post's date; until it is given, that is missing.
        if post.is_none() {
            c.push(S::ContinuingEducation, "training_years", None, Problem::NeedsPostDate);
        }
        if let Some(post) = post {
            for year in years_since_post(post, today) {
                match t.years.iter().position(|y| y.year == year) {
                    None => c.push(S::ContinuingEducation, "training_years", None, Problem::YearMissing(year)),
                    Some(i) => {
                        let y = &t.years[i];
                        c.hours(S::ContinuingEducation, "public_hours", i, y.public_hours, conditions.public_hours);
                        c.hours(S::ContinuingEducation, "hours", i, y.hours, conditions.professional_hours);
                        c.file(S::ContinuingEducation, "training_certificate", Some(i), &t.years[i].certificate)
                    }
                }
            }
        }
        if t.public_course_certificates.is_empty() {
            c.push(S::ContinuingEducation, "public_course_certificates", None, Problem::NoFile);
        }
    }

    // (七) 考核情况
    if post.is_none() {
        c.push(S::Assessment, "assessments", None, Problem::NeedsPostDate);
    }
    if let Some(post) = post {
        for year in assessment_years(post, today) {
            match m.assessments.iter().position(|a| a.year == year) {
                None => c.push(S::Assessment, "assessments", None, Problem::YearMissing(year)),
                Some(i) => {
                    let a = &m.assessments[i];
                    c.text(S::Assessment, "assessment_result", Some(i), &a.result);
                    if !a.result.trim().is_empty() && !conditions.result_passes(&a.result) {
                        let counted = conditions.passing_results.join("、");
                        c.push(S::Assessment, "assessment_result", Some(i), Problem::NotPassing { counted });
                    }
                    c.file(S::Assessment, "form_front", Some(i), &a.form_front);
                    c.file(S::Assessment, "form_back", Some(i), &a.form_back);
                }
            }
        }
    }

    // (八) 其他
    c.file(S::Other, "notice_materials", None, &m.other.notice_materials);
    c.file(S::Other, "notice_result", None, &m.other.notice_result);

    // (九) 援疆
    if let Some(aid) = &m.aid {
        // the dispatching unit is the route's (chosen at the start), not a field to fill
        match aid.since {
            None => c.push(S::AidXinjiang, "aid_since", None, Problem::Empty),
            Some(since) if one_year_on(since) > today => {
                c.push(S::AidXinjiang, "aid_since", None, Problem::AidTooShort { since, from: one_year_on(since) })
            }
            Some(_) => {}
        }
        match aid.still_serving {
            None => c.push(S::AidXinjiang, "aid_still_serving", None, Problem::NotChosen),
            Some(false) => c.push(S::AidXinjiang, "aid_still_serving", None, Problem::AidEnded),
            Some(true) => {}
        }
        c.file(S::AidXinjiang, "approval_proof", None, &aid.approval_proof);
    }

    // (十一) 个人承诺书
    c.file(S::Pledge, "pledge", None, &m.pledge);

    c
}
