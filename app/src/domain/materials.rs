//! The application's materials (seed §3 (一)–(十一), SPEC rule 7) and the one completeness
//! function that decides, in the browser and on the server, what is still missing.

use serde::{Deserialize, Serialize};
use time::Date;

use super::attachments::SlotKind;
use super::wording::find_vague;

/// The title level applied for (初级/中级/副高级/正高级).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Junior,
    Intermediate,
    AssociateSenior,
    Senior,
}

pub const ALL_LEVELS: [Level; 4] = [Level::Junior, Level::Intermediate, Level::AssociateSenior, Level::Senior];

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Intermediate => "intermediate",
            Level::AssociateSenior => "associate_senior",
            Level::Senior => "senior",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ALL_LEVELS.into_iter().find(|l| l.as_str() == s)
    }

    /// 副高级 and 正高级: papers need a similarity-check report (§3 (五)).
    pub fn is_senior(self) -> bool {
        matches!(self, Level::AssociateSenior | Level::Senior)
    }
}

/// An uploaded file, by the id the store gave it (content-addressed storage lives elsewhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: String,
}

pub type Slot = Option<Attachment>;

/// The screens of the form, in order (援疆 only when the flag is set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    BasicInfo,
    Education,
    Qualification,
    WorkHistory,
    Publications,
    ContinuingEducation,
    Assessment,
    Other,
    AidXinjiang,
    Pledge,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicInfo {
    pub unit: String,
    pub specialty: String,
    /// 思想政治条件: shown on the unit's public notice (§五).
    pub political_conduct: String,
    pub id_card_scan: Slot,
    /// A recent bareheaded colour 1-inch photo (25×35 mm).
    pub photo: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Degree {
    pub school: String,
    pub major: String,
    pub graduated_on: Option<Date>,
    pub diploma: Slot,
    pub degree_certificate: Slot,
    /// 学信网 verification report.
    pub chsi_report: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualification {
    pub current_title: String,
    pub obtained_on: Option<Date>,
    /// Obtained in Xinjiang: the certificate suffices; elsewhere the 评审表 is needed too.
    pub obtained_in_xinjiang: bool,
    pub years_in_profession: Option<u32>,
    /// The unit's written proof of the years in this profession.
    pub years_proof: Slot,
    pub title_certificate: Slot,
    pub evaluation_form: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Achievement {
    pub title: String,
    pub achieved_on: Option<Date>,
    pub description: String,
    pub evidence: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkHistory {
    /// 实践能力.
    pub practice: String,
    pub achievements: Vec<Achievement>,
}

/// What was written: a published work, or one of the unit-certified kinds of §3 (五).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkKind {
    #[default]
    Paper,
    Book,
    /// 咨政报告, 工作总结, 工作报告, 管理文件, 调研报告, 规章制度, 工作方案.
    AdvisoryReport,
    WorkSummary,
    WorkReport,
    ManagementDocument,
    SurveyReport,
    Regulation,
    WorkPlan,
}

impl WorkKind {
    /// Published works carry cover, contents, body and the agency's identification form; the
    /// others carry the unit's stamped certification instead.
    pub fn is_published(self) -> bool {
        matches!(self, WorkKind::Paper | WorkKind::Book)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub kind: WorkKind,
    pub title: String,
    pub published_on: Option<Date>,
    /// Papers count only as first author (§3 (五) "第一作者论文").
    pub first_author: bool,
    pub cover: Slot,
    pub contents: Slot,
    pub body: Slot,
    pub identification_form: Slot,
    pub similarity_report: Slot,
    pub unit_certification: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingYear {
    pub year: i32,
    pub hours: Option<u32>,
    pub certificate: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuingEducation {
    pub exempt: bool,
    pub exemption_form: Slot,
    pub years: Vec<TrainingYear>,
    /// 公需科目 remote-education certificates.
    pub public_course_certificates: Vec<Attachment>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentYear {
    pub year: i32,
    pub result: String,
    pub form_front: Slot,
    pub form_back: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Other {
    pub notice_materials: Slot,
    pub notice_result: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidXinjiang {
    pub dispatching_unit: String,
    pub approval_proof: Slot,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Materials {
    pub level: Level,
    pub basic: BasicInfo,
    pub education: Vec<Degree>,
    pub qualification: Qualification,
    pub work: WorkHistory,
    pub publications: Vec<Publication>,
    pub training: ContinuingEducation,
    pub assessments: Vec<AssessmentYear>,
    pub other: Other,
    /// Set when the applicant is aiding Xinjiang (§3 (九)); then the dispatching unit reviews.
    pub aid: Option<AidXinjiang>,
    /// The handwritten pledge (its stored strokes and image).
    pub pledge: Slot,
}

impl Materials {
    pub fn new(level: Level) -> Self {
        Self {
            level,
            basic: BasicInfo::default(),
            education: vec![],
            qualification: Qualification::default(),
            work: WorkHistory::default(),
            publications: vec![],
            training: ContinuingEducation::default(),
            assessments: vec![],
            other: Other::default(),
            aid: None,
            pledge: None,
        }
    }

    /// The sections this application shows, in order.
    pub fn sections(&self) -> Vec<Section> {
        use Section::*;
        let mut s = vec![BasicInfo, Education, Qualification, WorkHistory, Publications, ContinuingEducation, Assessment, Other];
        if self.aid.is_some() {
            s.push(AidXinjiang);
        }
        s.push(Pledge);
        s
    }
}

impl Materials {
    /// The attachment slot named by a form field (and the repeated item it belongs to), for the
    /// upload endpoint to fill. `None` for names that are not slots or items that do not exist.
    pub fn slot_mut(&mut self, field: &str, item: Option<usize>) -> Option<&mut Slot> {
        let i = item.unwrap_or(0);
        Some(match (field, item.is_some()) {
            ("id_card_scan", false) => &mut self.basic.id_card_scan,
            ("photo", false) => &mut self.basic.photo,
            ("diploma", true) => &mut self.education.get_mut(i)?.diploma,
            ("degree_certificate", true) => &mut self.education.get_mut(i)?.degree_certificate,
            ("chsi_report", true) => &mut self.education.get_mut(i)?.chsi_report,
            ("years_proof", false) => &mut self.qualification.years_proof,
            ("title_certificate", false) => &mut self.qualification.title_certificate,
            ("evaluation_form", false) => &mut self.qualification.evaluation_form,
            ("evidence", true) => &mut self.work.achievements.get_mut(i)?.evidence,
            ("cover", true) => &mut self.publications.get_mut(i)?.cover,
            ("contents", true) => &mut self.publications.get_mut(i)?.contents,
            ("body", true) => &mut self.publications.get_mut(i)?.body,
            ("identification_form", true) => &mut self.publications.get_mut(i)?.identification_form,
            ("similarity_report", true) => &mut self.publications.get_mut(i)?.similarity_report,
            ("unit_certification", true) => &mut self.publications.get_mut(i)?.unit_certification,
            ("exemption_form", false) => &mut self.training.exemption_form,
            ("training_certificate", true) => &mut self.training.years.get_mut(i)?.certificate,
            ("form_front", true) => &mut self.assessments.get_mut(i)?.form_front,
            ("form_back", true) => &mut self.assessments.get_mut(i)?.form_back,
            ("notice_materials", false) => &mut self.other.notice_materials,
            ("notice_result", false) => &mut self.other.notice_result,
            ("approval_proof", false) => &mut self.aid.as_mut()?.approval_proof,
            ("pledge", false) => &mut self.pledge,
            _ => return None,
        })
    }
}

/// What kind of file a slot takes (its limits are `attachments::rules`).
pub fn slot_kind(field: &str) -> SlotKind {
    match field {
        "photo" => SlotKind::Photo,
        "pledge" => SlotKind::Signature,
        _ => SlotKind::Document,
    }
}

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
    /// Dated before the current qualification was obtained (rule 6).
    BeforeCurrentPost { date: Date, limit: Date },
    /// A year's record is missing (continuing education, assessment).
    YearMissing(i32),
    /// Papers count only as first author.
    NotFirstAuthor,
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
}

impl Collector {
    fn push(&mut self, section: Section, field: &str, item: Option<usize>, problem: Problem) {
        self.out.push(Missing { section, field: field.to_string(), item, problem });
    }

    fn text(&mut self, section: Section, field: &str, item: Option<usize>, value: &str) {
        if value.trim().is_empty() {
            self.push(section, field, item, Problem::Empty);
        } else if let Some((word, reason)) = find_vague(value) {
            self.push(section, field, item, Problem::Vague { word: word.into(), reason: reason.into() });
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
/// application may be submitted. `today` is Beijing's date.
pub fn missing(m: &Materials, today: Date) -> Vec<Missing> {
    use Section as S;
    let mut c = Collector { out: vec![] };
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
    if q.obtained_on.is_none() {
        c.push(S::Qualification, "obtained_on", None, Problem::Empty);
    }
    if q.years_in_profession.is_none() {
        c.push(S::Qualification, "years_in_profession", None, Problem::Empty);
    }
    c.file(S::Qualification, "years_proof", None, &q.years_proof);
    c.file(S::Qualification, "title_certificate", None, &q.title_certificate);
    if !q.obtained_in_xinjiang {
        c.file(S::Qualification, "evaluation_form", None, &q.evaluation_form);
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
            if p.kind == WorkKind::Paper && m.level.is_senior() {
                c.file(S::Publications, "similarity_report", Some(i), &p.similarity_report);
            }
        } else {
            c.file(S::Publications, "unit_certification", Some(i), &p.unit_certification);
        }
    }

    // (六) 继续教育
    let t = &m.training;
    if t.exempt {
        c.file(S::ContinuingEducation, "exemption_form", None, &t.exemption_form);
    } else {
        if let Some(post) = post {
            for year in years_since_post(post, today) {
                match t.years.iter().position(|y| y.year == year) {
                    None => c.push(S::ContinuingEducation, "training_years", None, Problem::YearMissing(year)),
                    Some(i) => c.file(S::ContinuingEducation, "training_certificate", Some(i), &t.years[i].certificate),
                }
            }
        }
        if t.public_course_certificates.is_empty() {
            c.push(S::ContinuingEducation, "public_course_certificates", None, Problem::NoFile);
        }
    }

    // (七) 考核情况
    if let Some(post) = post {
        for year in assessment_years(post, today) {
            match m.assessments.iter().position(|a| a.year == year) {
                None => c.push(S::Assessment, "assessments", None, Problem::YearMissing(year)),
                Some(i) => {
                    let a = &m.assessments[i];
                    c.text(S::Assessment, "assessment_result", Some(i), &a.result);
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
        c.text(S::AidXinjiang, "dispatching_unit", None, &aid.dispatching_unit);
        c.file(S::AidXinjiang, "approval_proof", None, &aid.approval_proof);
    }

    // (十一) 个人承诺书
    c.file(S::Pledge, "pledge", None, &m.pledge);

    c.out
}

#[cfg(test)]
mod tests;
