//! What the benchmark programs share: a complete application's materials and rows inserted
//! straight into the store (thousands of applicants in seconds, where the HTTP path would take
//! minutes). Each program uses a part of it.
#![allow(dead_code)]

use app::domain::materials::{Achievement, AssessmentYear, Attachment, Degree, Level, Materials, Publication, TrainingYear, WorkKind};
use app::store::Store;

/// The benchmarks' clock: 2026-09-21, inside the year's application window.
pub const NOW: i64 = 1_790_000_000_000;

fn att(i: usize) -> Option<Attachment> {
    Some(Attachment { id: format!("a{i}") })
}

/// A senior application with nothing missing and a lot in it: 3 degrees, 30 achievements,
/// 40 works, 10 training years, 3 assessments.
pub fn full_materials() -> Materials {
    let mut m = Materials::new(Level::Senior);
    m.basic.unit = "新疆大学".into();
    m.basic.specialty = "高等教育管理".into();
    m.basic.political_conduct = "拥护党的路线方针政策，遵纪守法，师德良好。".repeat(10);
    m.basic.id_card_scan = att(0);
    m.basic.photo = att(1);
    m.education = (0..3)
        .map(|i| Degree {
            school: "新疆大学".into(),
            major: "教育学".into(),
            graduated_on: Some(time::macros::date!(2010 - 06 - 30)),
            diploma: att(i),
            degree_certificate: att(i),
            chsi_report: att(i),
        })
        .collect();
    m.qualification.current_title = "副研究员".into();
    m.qualification.current_level = Some(Level::AssociateSenior);
    m.qualification.obtained_on = Some(time::macros::date!(2016 - 03 - 01));
    m.qualification.years_in_profession = Some(15);
    m.qualification.obtained_in_xinjiang = Some(true);
    m.qualification.years_proof = att(2);
    m.qualification.title_certificate = att(3);
    m.qualification.evaluation_form = att(4);
    m.work.practice = "负责学院教学管理工作。".repeat(40);
    m.work.achievements = (0..30)
        .map(|i| Achievement {
            title: format!("成果{i}"),
            achieved_on: Some(time::macros::date!(2020 - 01 - 01)),
            description: "主持完成校级教改项目。".repeat(20),
            evidence: att(i),
        })
        .collect();
    m.publications = (0..40)
        .map(|i| Publication {
            kind: if i % 3 == 0 { WorkKind::WorkPlan } else { WorkKind::Paper },
            title: format!("高校教学管理研究之{i}"),
            published_on: Some(time::macros::date!(2021 - 05 - 01)),
            first_author: true,
            cover: att(i),
            contents: att(i),
            body: att(i),
            identification_form: att(i),
            similarity_report: att(i),
            unit_certification: att(i),
        })
        .collect();
    m.training.years =
        (2016..2026).map(|y| TrainingYear { year: y, hours: Some(90), public_hours: Some(30), certificate: att(y as usize) }).collect();
    m.training.public_course_certificates = vec![Attachment { id: "p".into() }; 5];
    m.assessments =
        (2023..2026).map(|y| AssessmentYear { year: y, result: "合格".into(), form_front: att(1), form_back: att(2) }).collect();
    m.other.notice_materials = att(5);
    m.other.notice_result = att(6);
    m.pledge = att(7);
    m
}

/// Inserts `n` applicants and one application each (`bench-app-{status}-{i}`) at `status` in
/// 新疆大学, in one transaction per 1000 rows (the demo organisations must exist: the server's demo
/// seed or `seed_demo`).
pub async fn insert_applications(store: &Store, n: usize, status: &str, materials: &Materials, due_at: Option<i64>, notice: bool) {
    let materials = serde_json::to_string(materials).unwrap();
    let used = i64::from(status != "draft");
    let pool = store.pool();
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        let mut tx = pool.begin().await.unwrap();
        for &i in chunk {
            let uid = format!("bench-user-{status}-{i}");
            sqlx::query("INSERT INTO users (id, username, id_number, name, phone, email, password_hash, role, org_id, disabled, created_at) VALUES ($1, $2, NULL, $3, '13900000000', 'b@example.cn', 'x', 'applicant', 'org-unit-xju', 0, 0)")
                .bind(&uid).bind(&uid).bind(format!("申报人{i:06}")).execute(&mut *tx).await.unwrap();
            sqlx::query(
                "INSERT INTO applications (id, applicant_id, evaluation_year, series, specialty, level, region_id, status, submissions_used, version, \
                 reviewing_unit_id, authority_id, office_id, materials, created_at, updated_at, due_at, notice_started_at, notice_closes_at) \
                 VALUES ($1, $2, 2026, '高等学校教育管理研究', $3, 'associate_senior', 'org-region', $4, $5, 1, 'org-unit-xju', 'org-authority-edu', 'org-office', $6, $7, $7, $8, $9, $10)",
            )
            .bind(format!("bench-app-{status}-{i}")).bind(&uid).bind(if i % 3 == 0 { "高等教育管理" } else { "学生管理" }).bind(status).bind(used).bind(&materials)
            .bind(NOW - i as i64).bind(due_at).bind(notice.then_some(NOW)).bind(notice.then_some(NOW + 7 * 86_400_000))
            .execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
}
