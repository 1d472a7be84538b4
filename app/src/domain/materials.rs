//! The application's materials (seed §3 (一)–(十一), SPEC rule 7) and the one completeness
//! function that decides, in the browser and on the server, what is still missing.

use serde::{Deserialize, Serialize};
use time::Date;

use super::attachments::SlotKind;

mod completeness;
pub mod fields;

pub use completeness::{advice, assessment_years, missing, one_year_on, years_since_post, Basis, Missing, Problem};

crate::stored_name! {
    /// The title level applied for (初级/中级/副高级/正高级).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Level {
        Junior = "junior",
        Intermediate = "intermediate",
        AssociateSenior = "associate_senior",
        Senior = "senior",
    }
}

impl Level {
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

pub const ALL_SECTIONS: [Section; 10] = [
    Section::BasicInfo,
    Section::Education,
    Section::Qualification,
    Section::WorkHistory,
    Section::Publications,
    Section::ContinuingEducation,
    Section::Assessment,
    Section::Other,
    Section::AidXinjiang,
    Section::Pledge,
];

impl Section {
    /// Whether the section holds work of the current post, where only material since the post
    /// counts (SPEC rule 6, 申报材料须是申报人任现职以来的材料). Degrees, the title itself, the
    /// person's details and the pledge are older or timeless and are not bound by it.
    pub fn since_post_only(self) -> bool {
        matches!(self, Section::WorkHistory | Section::Publications | Section::ContinuingEducation | Section::Assessment)
    }

    /// The section's part of the form's address: `/applications/<id>/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Section::BasicInfo => "basic",
            Section::Education => "education",
            Section::Qualification => "qualification",
            Section::WorkHistory => "work",
            Section::Publications => "publications",
            Section::ContinuingEducation => "training",
            Section::Assessment => "assessment",
            Section::Other => "other",
            Section::AidXinjiang => "aid",
            Section::Pledge => "pledge",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        ALL_SECTIONS.into_iter().find(|x| x.slug() == s)
    }
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
    /// The level of that title (初级…正高级): what the round's conditions ask of each level
    /// applied for (`domain::conditions`). Asked at the start form.
    #[serde(default)]
    pub current_level: Option<Level>,
    pub obtained_on: Option<Date>,
    /// Obtained in Xinjiang: the certificate suffices; elsewhere the 评审表 is needed too. `None`
    /// until the applicant answers: a default would ask everyone for the 评审表, or no one.
    pub obtained_in_xinjiang: Option<bool>,
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

crate::stored_name! {
    /// What was written: a published work, or one of the unit-certified kinds of §3 (五).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum WorkKind {
        #[default]
        Paper = "paper",
        Book = "book",
        /// 咨政报告, 工作总结, 工作报告, 管理文件, 调研报告, 规章制度, 工作方案.
        AdvisoryReport = "advisory_report",
        WorkSummary = "work_summary",
        WorkReport = "work_report",
        ManagementDocument = "management_document",
        SurveyReport = "survey_report",
        Regulation = "regulation",
        WorkPlan = "work_plan",
    }
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
    /// 专业科目 hours that year.
    pub hours: Option<u32>,
    /// 公需科目 hours that year.
    #[serde(default)]
    pub public_hours: Option<u32>,
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
    /// The day the aid posting began: one year of it by the day of applying (§(九) 一年以上).
    #[serde(default)]
    pub since: Option<Date>,
    /// Still on the posting (§(九) 正在援疆期间); unanswered until the applicant says.
    #[serde(default)]
    pub still_serving: Option<bool>,
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
    /// The handwritten pledge: its rendered image (or a photo of it written on paper)…
    pub pledge: Slot,
    /// …and, when written on screen, the strokes themselves (JSON), bound to the submission.
    #[serde(default)]
    pub pledge_strokes: Slot,
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
            pledge_strokes: None,
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

impl Materials {
    /// Puts an uploaded file where the form field says: into its slot, or appended to the
    /// 公需科目 certificates. `false` when the field or item does not exist.
    pub fn attach(&mut self, field: &str, item: Option<usize>, attachment: Attachment) -> bool {
        if field == "public_course_certificates" {
            if self.training.public_course_certificates.len() >= 20 {
                return false;
            }
            self.training.public_course_certificates.push(attachment);
            return true;
        }
        if field == "pledge" {
            // a photo of the pledge on paper replaces strokes drawn earlier
            self.pledge_strokes = None;
        }
        match self.slot_mut(field, item) {
            Some(slot) => {
                *slot = Some(attachment);
                true
            }
            None => false,
        }
    }

    /// Takes a file out of its slot (or out of the certificates list). `false` when there was none.
    pub fn detach(&mut self, field: &str, item: Option<usize>) -> bool {
        if field == "public_course_certificates" {
            let list = &mut self.training.public_course_certificates;
            return match item {
                Some(i) if i < list.len() => {
                    list.remove(i);
                    true
                }
                _ => false,
            };
        }
        self.slot_mut(field, item).and_then(Option::take).is_some()
    }

    /// Whether a field takes files (so the upload endpoint accepts it).
    pub fn takes_files(&mut self, field: &str, item: Option<usize>) -> bool {
        (field == "public_course_certificates" && item.is_none()) || self.slot_mut(field, item).is_some()
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

#[cfg(test)]
mod tests;
