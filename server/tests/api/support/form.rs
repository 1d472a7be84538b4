//! Filling an application through the server functions, as the form does (shared by the form
//! and review tests).

use app::files::fixtures::{pdf, photo_jpeg};

use super::*;

pub async fn save(
    c: &reqwest::Client,
    s: &Server,
    app: &str,
    section: &str,
    version: i64,
    values: &[(&str, &str)],
    op: Option<&str>,
) -> (u16, String) {
    let version = version.to_string();
    let keys: Vec<String> = values.iter().map(|(k, _)| format!("v[{k}]")).collect();
    let mut form: Vec<(&str, &str)> = vec![("id", app), ("section", section), ("version", &version)];
    form.extend(keys.iter().map(String::as_str).zip(values.iter().map(|(_, v)| *v)));
    if let Some(op) = op {
        form.push(("op", op));
    }
    call(c, s, "save_section", &form).await
}

pub async fn form_of(c: &reqwest::Client, s: &Server, app: &str) -> serde_json::Value {
    let (status, body) = call(c, s, "application_form", &[("id", app)]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

pub async fn version(c: &reqwest::Client, s: &Server, app: &str) -> i64 {
    form_of(c, s, app).await["version"].as_i64().unwrap()
}

pub fn missing_count(form: &serde_json::Value) -> usize {
    form["missing"].as_array().unwrap().len()
}

/// Strokes of a pledge written out in a row (the shape `signature::Strokes` takes).
pub fn written_strokes(n: usize) -> String {
    let strokes: Vec<Vec<(f32, f32)>> = (0..n)
        .map(|i| {
            let x0 = 20.0 + i as f32 * (900.0 / n as f32);
            (0..20).map(|k| (x0 + (k % 2) as f32 * 30.0, 50.0 + k as f32 * 15.0)).collect()
        })
        .collect();
    serde_json::to_string(&strokes).unwrap()
}

/// Fills every section of a 副高级 application through the server functions and the upload
/// route, as a person would (the post in 2024, so 2 training years and 2 assessments by 2026).
pub async fn fill_complete(c: &reqwest::Client, s: &Server, app: &str) {
    let v = version(c, s, app).await;
    let basic = [("unit", "新疆大学"), ("specialty", "高等教育管理"), ("political_conduct", "拥护党的路线方针政策，遵纪守法，师德良好。")];
    assert_eq!(save(c, s, app, "basic", v, &basic, None).await.0, 200);
    let v = version(c, s, app).await;
    save(c, s, app, "education", v, &[], Some("education:add")).await;
    let v = version(c, s, app).await;
    save(c, s, app, "work", v, &[], Some("achievements:add")).await;
    let v = version(c, s, app).await;
    save(c, s, app, "publications", v, &[], Some("publications:add")).await;
    let v = version(c, s, app).await;
    let steps: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("education", vec![("school-0", "新疆大学"), ("major-0", "教育学"), ("graduated_on-0", "2010-06-30")]),
        (
            "qualification",
            vec![
                ("current_title", "助理研究员"),
                ("current_level", "intermediate"),
                ("obtained_on", "2020-03-01"),
                ("obtained_in_xinjiang", "no"),
                ("years_in_profession", "12"),
            ],
        ),
        (
            "work",
            vec![
                ("practice", "负责学院教学管理工作，制定并实施教学质量监控方案。"),
                ("achievement_title-0", "教学管理改革项目"),
                ("achieved_on-0", "2024-06-01"),
                ("achievement_description-0", "主持完成校级教改项目一项，形成制度文件三份。"),
            ],
        ),
        (
            "publications",
            vec![
                ("kind-0", "paper"),
                ("publication_title-0", "高校教学管理信息化研究"),
                ("published_on-0", "2025-01-15"),
                ("first_author-0", "yes"),
            ],
        ),
        ("training", vec![("exempt", "no")]),
    ];
    for (section, values) in steps {
        let (status, body) = save(c, s, app, section, v, &values, None).await;
        assert_eq!(status, 200, "{section}: {body}");
    }
    // the year lists follow the post's date and today's: as many as the server made
    let form = form_of(c, s, app).await;
    let years = form["materials"]["training"]["years"].as_array().unwrap().len();
    let assessed = form["materials"]["assessments"].as_array().unwrap().len();
    assert!(years >= 2 && assessed >= 2, "{}", form["materials"]);
    let keys: Vec<(String, &str)> = (0..years)
        .flat_map(|i| [(format!("hours-{i}"), "90"), (format!("public_hours-{i}"), "30")])
        .chain((0..assessed).map(|i| (format!("assessment_result-{i}"), "合格")))
        .collect();
    for (section, prefix) in [("training", "hours-"), ("training", "public_hours-"), ("assessment", "assessment_result-")] {
        let values: Vec<(&str, &str)> = keys.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k.as_str(), *v)).collect();
        let (status, body) = save(c, s, app, section, v, &values, None).await;
        assert_eq!(status, 200, "{section}: {body}");
    }
    let (status, body) = upload(c, s, app, "photo", "照片.jpg", photo_jpeg()).await;
    assert_eq!(status, 200, "{body}");
    let mut documents: Vec<String> = [
        "id_card_scan",
        "diploma?item=0",
        "degree_certificate?item=0",
        "chsi_report?item=0",
        "years_proof",
        "title_certificate",
        "evaluation_form",
        "evidence?item=0",
        "cover?item=0",
        "contents?item=0",
        "body?item=0",
        "identification_form?item=0",
        "similarity_report?item=0",
        "public_course_certificates",
        "notice_materials",
        "notice_result",
    ]
    .map(String::from)
    .to_vec();
    documents.extend((0..years).map(|i| format!("training_certificate?item={i}")));
    documents.extend((0..assessed).flat_map(|i| [format!("form_front?item={i}"), format!("form_back?item={i}")]));
    for field in &documents {
        let (status, body) = upload(c, s, app, field, "材料.pdf", pdf(1)).await;
        assert_eq!(status, 200, "{field}: {body}");
    }
    let strokes = written_strokes(12);
    let (status, body) = call(c, s, "sign_pledge", &[("id", app), ("strokes", &strokes)]).await;
    assert_eq!(status, 200, "{body}");
}
