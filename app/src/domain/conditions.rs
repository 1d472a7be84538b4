//! Conditions (评审条件, issue 16) as data: each round carries its own, the administrator edits them,
//! and the start form, the completeness check and the server all read them through this one module.
//! The defaults are the notice's: 参评高级职称 papers need the similarity report (§3 (五)), a
//! continuing-education record of 90 hours a year, 60 of them 专业科目 and 30 公需科目 (人社部第25号令,
//! 专业科目一般不少于总学时的三分之二), the exemption form accepted (§3 (六)), assessments 合格及以上 (§3 (七)),
//! and the years in the current title that Xinjiang's conditions ask for each level.

use serde::{Deserialize, Serialize};
use time::Date;

use super::materials::Level;

/// What applying at one level asks of the current title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelRule {
    /// The level of title the applicant must hold now; `None`: no title is needed (初级).
    pub requires: Option<Level>,
    /// Whole years held since it was obtained, counted to the round's reference date.
    pub min_years: u32,
}

/// One round's conditions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    /// For 初级, 中级, 副高级 and 正高级, in `Level::ALL`'s order.
    pub levels: [LevelRule; 4],
    /// Continuing-education hours each year since the post, 专业科目 and 公需科目 (0: not asked).
    pub professional_hours: u32,
    pub public_hours: u32,
    /// Whether the round takes 继续教育免试 (the exemption form in place of the yearly records).
    pub exemption_allowed: bool,
    /// The assessment results that count, as the 考核表 words them.
    pub passing_results: Vec<String>,
    /// The levels whose papers need the similarity report.
    pub similarity_levels: Vec<Level>,
}

impl Default for Conditions {
    fn default() -> Self {
        use Level::*;
        let rule = |requires, min_years| LevelRule { requires, min_years };
        Conditions {
            levels: [rule(None, 0), rule(Some(Junior), 4), rule(Some(Intermediate), 5), rule(Some(AssociateSenior), 5)],
            professional_hours: 60,
            public_hours: 30,
            exemption_allowed: true,
            passing_results: vec!["优秀".into(), "合格".into()],
            similarity_levels: vec![AssociateSenior, Senior],
        }
    }
}

/// A condition the applicant does not meet, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unmet {
    /// Applying at `applying` needs a current title of `required`; the applicant named `held`.
    TitleLevel { applying: Level, required: Level, held: Option<Level> },
    /// `min_years` in the current title by the reference date `reference`: eligible from `from`.
    TooFewYears { required: Level, min_years: u32, from: Date, reference: Date },
}

impl Conditions {
    pub fn rule(&self, level: Level) -> LevelRule {
        let at = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
        self.levels[at]
    }

    /// Whether someone holding a `held` title obtained on `obtained_on` may apply at `applying`
    /// in a round counting to `reference`. Unknown facts pass: the form asks for them, and this
    /// judges them once given.
    pub fn eligibility(&self, applying: Level, held: Option<Level>, obtained_on: Option<Date>, reference: Date) -> Result<(), Unmet> {
        let LevelRule { requires, min_years } = self.rule(applying);
        let Some(required) = requires else { return Ok(()) };
        match held {
            None => return Ok(()),
            Some(h) if h != required => return Err(Unmet::TitleLevel { applying, required, held }),
            Some(_) => {}
        }
        let Some(obtained_on) = obtained_on else { return Ok(()) };
        let from = years_on(obtained_on, min_years);
        if from > reference {
            return Err(Unmet::TooFewYears { required, min_years, from, reference });
        }
        Ok(())
    }

    pub fn needs_similarity_report(&self, level: Level) -> bool {
        self.similarity_levels.contains(&level)
    }

    /// Whether an assessment result counts (whitespace aside).
    pub fn result_passes(&self, result: &str) -> bool {
        self.passing_results.iter().any(|r| r == result.trim())
    }
}

/// What the start form's two questions about the current title come to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StartProblem {
    Required,
    NotAChoice,
    NotADate,
    Unmet(Unmet),
}

/// The current title's level and the day it was obtained, once read.
pub type Held = (Option<Level>, Option<Date>);

/// The start form's current title level and the day it was obtained, as typed, checked against
/// the round's conditions for the level applied for: both are needed where the level requires a
/// title, and the applicant is told there and then which condition they miss. Each problem at
/// its field (`current_level`, `obtained_on`).
pub fn check_start(
    c: &Conditions,
    applying: Level,
    current_level: &str,
    obtained_on: &str,
    reference: Date,
) -> Result<Held, Vec<(&'static str, StartProblem)>> {
    let mut problems = vec![];
    let needed = c.rule(applying).requires.is_some();
    let held = match current_level.trim() {
        "" => None,
        raw => Level::parse(raw).or_else(|| {
            problems.push(("current_level", StartProblem::NotAChoice));
            None
        }),
    };
    let obtained = match obtained_on.trim() {
        "" => None,
        raw => super::instant::parse_written_date(raw).filter(|d| (1950..=2100).contains(&d.year())).or_else(|| {
            problems.push(("obtained_on", StartProblem::NotADate));
            None
        }),
    };
    if needed && held.is_none() && current_level.trim().is_empty() {
        problems.push(("current_level", StartProblem::Required));
    }
    if needed && obtained.is_none() && obtained_on.trim().is_empty() {
        problems.push(("obtained_on", StartProblem::Required));
    }
    match c.eligibility(applying, held, obtained, reference) {
        Err(u @ Unmet::TitleLevel { .. }) => problems.push(("current_level", StartProblem::Unmet(u))),
        Err(u @ Unmet::TooFewYears { .. }) => problems.push(("obtained_on", StartProblem::Unmet(u))),
        Ok(()) => {}
    }
    if problems.is_empty() {
        Ok((held, obtained))
    } else {
        Err(problems)
    }
}

/// What is wrong with conditions the administrator typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConditionProblem {
    /// Not a whole number from 0 to `max`.
    Number { max: u32 },
    /// A level must require a lower title than itself.
    RequiresLower,
    /// At least one result must count.
    NoPassingResult,
}

/// Hours and years the form accepts: anything past is a slip of the keyboard.
pub const MAX_YEARS: u32 = 30;
pub const MAX_HOURS: u32 = 1000;

/// Conditions from the administrator's form, keyed `requires-<level>` (empty: no title),
/// `min_years-<level>`, `professional_hours`, `public_hours`, `exemption_allowed` (present when
/// ticked), `passing_results` (separated by 、 or commas) and
/// `similarity-<level>` (present when ticked). Every problem at its key.
pub fn parse_conditions(form: &std::collections::HashMap<String, String>) -> Result<Conditions, Vec<(String, ConditionProblem)>> {
    let mut problems = vec![];
    let get = |k: &str| form.get(k).map(|v| v.trim()).unwrap_or("");
    let mut number = |key: String, max: u32| match get(&key).parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            problems.push((key, ConditionProblem::Number { max }));
            0
        }
    };
    let mut levels = [LevelRule { requires: None, min_years: 0 }; 4];
    for (i, level) in Level::ALL.iter().enumerate() {
        levels[i].min_years = number(format!("min_years-{}", level.as_str()), MAX_YEARS);
    }
    let professional_hours = number("professional_hours".into(), MAX_HOURS);
    let public_hours = number("public_hours".into(), MAX_HOURS);
    for (i, level) in Level::ALL.iter().enumerate() {
        let key = format!("requires-{}", level.as_str());
        levels[i].requires = Level::parse(get(&key));
        // only a lower title: 副高级 asking 正高级 would shut the level
        if levels[i].requires.is_some_and(|r| Level::ALL.iter().position(|l| *l == r) >= Some(i)) {
            problems.push((key, ConditionProblem::RequiresLower));
        }
    }
    let passing_results: Vec<String> =
        get("passing_results").split(['、', ',', '，', ' ', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
    if passing_results.is_empty() {
        problems.push(("passing_results".into(), ConditionProblem::NoPassingResult));
    }
    let similarity_levels = Level::ALL.iter().copied().filter(|l| !get(&format!("similarity-{}", l.as_str())).is_empty()).collect();
    if problems.is_empty() {
        let exemption_allowed = !get("exemption_allowed").is_empty();
        Ok(Conditions { levels, professional_hours, public_hours, exemption_allowed, passing_results, similarity_levels })
    } else {
        Err(problems)
    }
}

/// The day `years` whole years after `from` (29 February's anniversary is 1 March).
pub fn years_on(from: Date, years: u32) -> Date {
    let year = from.year() + years as i32;
    from.replace_year(year).unwrap_or_else(|_| Date::from_calendar_date(year, time::Month::March, 1).unwrap_or(from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn each_level_asks_the_title_below_it_for_whole_years_to_the_reference_date() {
        let c = Conditions::default();
        let reference = date!(2026 - 12 - 31);
        assert_eq!(c.eligibility(Level::Junior, None, None, reference), Ok(()));
        assert_eq!(c.eligibility(Level::AssociateSenior, Some(Level::Intermediate), Some(date!(2021 - 12 - 31)), reference), Ok(()));
        assert_eq!(
            c.eligibility(Level::AssociateSenior, Some(Level::Intermediate), Some(date!(2022 - 03 - 01)), reference),
            Err(Unmet::TooFewYears { required: Level::Intermediate, min_years: 5, from: date!(2027 - 03 - 01), reference })
        );
        assert_eq!(
            c.eligibility(Level::Senior, Some(Level::Intermediate), Some(date!(2010 - 01 - 01)), reference),
            Err(Unmet::TitleLevel { applying: Level::Senior, required: Level::AssociateSenior, held: Some(Level::Intermediate) })
        );
        // not yet said: the form asks, nothing is refused on a guess
        assert_eq!(c.eligibility(Level::Senior, None, None, reference), Ok(()));
        assert_eq!(c.eligibility(Level::Senior, Some(Level::AssociateSenior), None, reference), Ok(()));
    }

    #[test]
    fn a_round_with_other_conditions_decides_by_them() {
        let mut levels = Conditions::default().levels;
        levels[2] = LevelRule { requires: Some(Level::Intermediate), min_years: 2 };
        let c = Conditions {
            levels,
            similarity_levels: vec![Level::Senior],
            passing_results: vec!["优秀".into(), "合格".into(), "基本合格".into()],
            ..Default::default()
        };
        assert_eq!(
            c.eligibility(Level::AssociateSenior, Some(Level::Intermediate), Some(date!(2024 - 06 - 01)), date!(2026 - 12 - 31)),
            Ok(())
        );
        assert!(!c.needs_similarity_report(Level::AssociateSenior) && c.needs_similarity_report(Level::Senior));
        assert!(c.result_passes(" 基本合格 ") && !c.result_passes("不合格"));
        assert!(!Conditions::default().result_passes("基本合格"));
    }

    #[test]
    fn the_administrators_form_reads_back_into_the_same_conditions() {
        let c = Conditions::default();
        let mut form: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        for (i, l) in Level::ALL.iter().enumerate() {
            form.insert(format!("requires-{}", l.as_str()), c.levels[i].requires.map(|r| r.as_str().to_string()).unwrap_or_default());
            form.insert(format!("min_years-{}", l.as_str()), c.levels[i].min_years.to_string());
        }
        form.insert("professional_hours".into(), "60".into());
        form.insert("public_hours".into(), "30".into());
        form.insert("exemption_allowed".into(), "1".into());
        form.insert("passing_results".into(), "优秀、合格".into());
        form.insert("similarity-associate_senior".into(), "1".into());
        form.insert("similarity-senior".into(), "1".into());
        assert_eq!(parse_conditions(&form), Ok(c));
        form.insert("min_years-senior".into(), "五".into());
        form.insert("requires-intermediate".into(), "senior".into());
        form.insert("passing_results".into(), " ".into());
        assert_eq!(
            parse_conditions(&form),
            Err(vec![
                ("min_years-senior".into(), ConditionProblem::Number { max: MAX_YEARS }),
                ("requires-intermediate".into(), ConditionProblem::RequiresLower),
                ("passing_results".into(), ConditionProblem::NoPassingResult),
            ])
        );
    }

    #[test]
    fn the_start_form_asks_the_title_where_the_level_needs_one_and_says_which_condition_is_missed() {
        let c = Conditions::default();
        let r = date!(2026 - 12 - 31);
        assert_eq!(check_start(&c, Level::Junior, "", "", r), Ok((None, None)));
        assert_eq!(
            check_start(&c, Level::AssociateSenior, "", "", r),
            Err(vec![("current_level", StartProblem::Required), ("obtained_on", StartProblem::Required)])
        );
        assert_eq!(
            check_start(&c, Level::AssociateSenior, "intermediate", "2021年3月1日", r),
            Ok((Some(Level::Intermediate), Some(date!(2021 - 03 - 01))))
        );
        let late = Unmet::TooFewYears { required: Level::Intermediate, min_years: 5, from: date!(2027 - 03 - 01), reference: r };
        assert_eq!(
            check_start(&c, Level::AssociateSenior, "intermediate", "2022-03-01", r),
            Err(vec![("obtained_on", StartProblem::Unmet(late))])
        );
        let wrong = Unmet::TitleLevel { applying: Level::Senior, required: Level::AssociateSenior, held: Some(Level::Intermediate) };
        assert_eq!(
            check_start(&c, Level::Senior, "intermediate", "2001-01-01", r),
            Err(vec![("current_level", StartProblem::Unmet(wrong))])
        );
        assert_eq!(
            check_start(&c, Level::Senior, "院士", "去年", r),
            Err(vec![("current_level", StartProblem::NotAChoice), ("obtained_on", StartProblem::NotADate)])
        );
    }

    #[test]
    fn a_leap_day_anniversary_is_the_first_of_march() {
        assert_eq!(years_on(date!(2024 - 02 - 29), 5), date!(2029 - 03 - 01));
        assert_eq!(years_on(date!(2024 - 02 - 28), 5), date!(2029 - 02 - 28));
    }
}
