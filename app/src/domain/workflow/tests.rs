use super::*;
use proptest::prelude::*;

/// The arrows of SPEC.md's diagram, written out by hand a second time so the table is checked
/// against the specification rather than against itself.
const SPEC_EDGES: &[(Status, Status)] = &[
    (Status::Draft, Status::UnitReview),
    (Status::UnitReview, Status::UnitNotice),
    (Status::UnitReview, Status::Closed),
    (Status::UnitNotice, Status::Closed),
    (Status::UnitNotice, Status::AuthorityReview),
    // the unit records how it handled an objection; the notice goes on
    (Status::UnitNotice, Status::UnitNotice),
    (Status::AuthorityReview, Status::OfficeReview),
    (Status::AuthorityReview, Status::Closed),
    (Status::OfficeReview, Status::Returned),
    (Status::OfficeReview, Status::FormalPassed),
    (Status::Returned, Status::OfficeReview),
    (Status::Returned, Status::Withdrawn),
    (Status::FormalPassed, Status::UnderEvaluation),
    (Status::UnderEvaluation, Status::Evaluated),
    (Status::Evaluated, Status::ResultNotice),
    (Status::ResultNotice, Status::Filed),
    (Status::Filed, Status::Certified),
    // "Fraud found at any step: see Penalties" — a finding ends the application (the unit's and
    // the authority's during their review are the declines' edges above).
    (Status::OfficeReview, Status::Closed),
    (Status::Returned, Status::Closed),
    (Status::FormalPassed, Status::Closed),
    (Status::UnderEvaluation, Status::Closed),
    (Status::Evaluated, Status::Closed),
    (Status::ResultNotice, Status::Closed),
    (Status::Filed, Status::Closed),
    // after certification: the certificate is revoked with it
    (Status::Certified, Status::Closed),
];

fn app(status: Status) -> ApplicationFacts {
    ApplicationFacts {
        applicant_id: "u-applicant".into(),
        status,
        submissions_used: 0,
        reviewing_unit_id: "org-unit-a".into(),
        authority_id: "org-auth".into(),
        office_id: "org-office".into(),
        region_id: "org-region".into(),
    }
}

fn actor(role: Role, user: &str, org: Option<&str>) -> Actor {
    let region = role.is_regional().then(|| "org-region".to_string());
    Actor::new(user, role, org.map(Into::into)).in_region(region)
}

/// The cast: for each role one actor who belongs and one who does not.
fn cast() -> Vec<Actor> {
    vec![
        actor(Role::Applicant, "u-applicant", None),
        actor(Role::Applicant, "u-other", None),
        actor(Role::UnitReviewer, "u-ua", Some("org-unit-a")),
        actor(Role::UnitReviewer, "u-ub", Some("org-unit-b")),
        actor(Role::AuthorityReviewer, "u-au", Some("org-auth")),
        actor(Role::AuthorityReviewer, "u-au2", Some("org-auth-2")),
        actor(Role::OfficeReviewer, "u-of", Some("org-office")),
        actor(Role::OfficeReviewer, "u-of2", Some("org-office-2")),
        actor(Role::CommitteeMember, "u-cm", None),
        actor(Role::HrOfficer, "u-hr", None),
        actor(Role::Issuer, "u-is", None),
        actor(Role::Admin, "u-ad", None),
        Actor::system(),
        // another region's HR department and issuer (13, 14)
        actor(Role::HrOfficer, "u-hr2", None).in_region(Some("org-region-2".into())),
        actor(Role::Issuer, "u-is2", None).in_region(Some("org-region-2".into())),
    ]
}

#[test]
fn the_happy_path_reaches_a_certificate() {
    let c = cast();
    let steps = [
        (0, Action::Submit),
        (2, Action::StartNotice),
        (2, Action::UnitRecommend),
        (4, Action::AuthorityRecommend),
        (6, Action::OfficeReturn),
        (0, Action::Submit),
        (6, Action::OfficePass),
        (12, Action::PayFee),
        (6, Action::Evaluate),
        (6, Action::PublishResult),
        (9, Action::File),
        (10, Action::Issue),
    ];
    let mut a = app(Status::Draft);
    for (who, action) in steps {
        a = apply(&c[who], action, &a).unwrap_or_else(|e| panic!("{action:?}: {e}"));
    }
    assert_eq!(a.status, Status::Certified);
    assert_eq!(a.submissions_used, 2);
    assert_eq!(submissions_left(&a), 1);
}

#[test]
fn other_organisations_are_refused_with_a_reason() {
    let c = cast();
    let a = app(Status::UnitReview);
    assert_eq!(may(&c[3], Action::StartNotice, &a), Err(Denied::NotYours));
    assert_eq!(may(&c[2], Action::StartNotice, &a), Ok(()));
    assert_eq!(may(&c[1], Action::Submit, &app(Status::Draft)), Err(Denied::NotYours));
    assert_eq!(may(&c[4], Action::StartNotice, &a), Err(Denied::Role(Role::AuthorityReviewer)));
    assert_eq!(may(&c[2], Action::UnitRecommend, &a), Err(Denied::State(Status::UnitReview)));
    assert_eq!(may_view(&c[3], &a), Err(Denied::NotYours));
    assert_eq!(may_view(&c[2], &a), Ok(()));
    assert_eq!(may_view(&c[2], &app(Status::OfficeReview)), Err(Denied::State(Status::OfficeReview)));
}

#[test]
fn filing_and_issuing_stay_inside_their_region() {
    let c = cast();
    let (hr, issuer, other_hr, other_issuer) = (&c[9], &c[10], &c[13], &c[14]);
    let published = app(Status::ResultNotice);
    let filed = app(Status::Filed);
    assert_eq!(may(hr, Action::File, &published), Ok(()));
    assert_eq!(may(other_hr, Action::File, &published), Err(Denied::NotYours));
    assert_eq!(may(issuer, Action::Issue, &filed), Ok(()));
    assert_eq!(may(other_issuer, Action::Issue, &filed), Err(Denied::NotYours));
    assert_eq!(may_view(hr, &published), Ok(()));
    assert_eq!(may_view(other_hr, &published), Err(Denied::NotYours));
    assert_eq!(may_view(other_issuer, &app(Status::Certified)), Err(Denied::NotYours));
    let certified = app(Status::Certified);
    assert_eq!(may_revoke(issuer, &certified), Ok(()));
    assert_eq!(may_revoke(other_issuer, &certified), Err(Denied::NotYours));
    assert_eq!(may_revoke(hr, &certified), Err(Denied::Role(Role::HrOfficer)));
    assert_eq!(may_revoke(issuer, &filed), Err(Denied::State(Status::Filed)));
    // an HR officer or issuer whose region is unknown reaches nothing
    let nowhere = Actor::new("u-hr3", Role::HrOfficer, Some("org-hr-3".into()));
    assert_eq!(may(&nowhere, Action::File, &published), Err(Denied::NotYours));
}

#[test]
fn the_fourth_submission_is_refused() {
    let mut a = app(Status::Returned);
    a.submissions_used = 3;
    assert_eq!(may(&cast()[0], Action::Submit, &a), Err(Denied::SubmissionsExhausted));
}

#[test]
fn statuses_and_roles_round_trip_through_their_names() {
    for &s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(s));
    }
    for &r in Role::ALL {
        assert_eq!(Role::parse(r.as_str()), Some(r));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Random people try random actions; whatever is allowed must keep the invariants.
    #[test]
    fn random_walks_keep_the_invariants(steps in prop::collection::vec((0usize..15, 0..Action::ALL.len(), any::<bool>()), 1..80)) {
        let c = cast();
        let mut a = app(Status::Draft);
        for (who, what, try_edit) in steps {
            let actor = &c[who];
            if try_edit && may_edit(actor, &a).is_ok() {
                prop_assert!(a.status.is_editable(), "edit allowed in {:?}", a.status);
                prop_assert_eq!(&actor.user_id, &a.applicant_id);
            }
            let action = Action::ALL[what];
            let before = a.clone();
            match apply(actor, action, &a) {
                Ok(next) => {
                    prop_assert!(!before.status.is_terminal(), "left terminal {:?}", before.status);
                    prop_assert!(SPEC_EDGES.contains(&(before.status, next.status)),
                        "{:?} → {:?} by {:?} is not in the specification", before.status, next.status, action);
                    prop_assert!(next.submissions_used <= MAX_SUBMISSIONS);
                    if action == Action::Submit {
                        prop_assert_eq!(next.submissions_used, before.submissions_used + 1);
                    } else {
                        prop_assert_eq!(next.submissions_used, before.submissions_used);
                    }
                    a = next;
                }
                Err(_) => prop_assert_eq!(&a, &before),
            }
        }
    }

    /// Returned ⇄ office review as often as allowed: never a 4th submission.
    #[test]
    fn return_loops_stop_at_three_submissions(loops in 1usize..10) {
        let c = cast();
        let mut a = apply(&c[0], Action::Submit, &app(Status::Draft)).unwrap();
        a.status = Status::OfficeReview;
        for _ in 0..loops {
            a = apply(&c[6], Action::OfficeReturn, &a).unwrap();
            match apply(&c[0], Action::Submit, &a) {
                Ok(next) => a = next,
                Err(e) => { prop_assert_eq!(e, Denied::SubmissionsExhausted); break; }
            }
        }
        prop_assert!(a.submissions_used <= 3);
    }
}

#[test]
fn fraud_is_found_by_each_reviewer_at_its_own_step_and_by_the_office_after_certification() {
    let c = cast();
    let by = |role: Role| c.iter().find(|a| a.role == role && a.org_id.is_some()).unwrap().clone();
    let (unit, authority, office) = (by(Role::UnitReviewer), by(Role::AuthorityReviewer), by(Role::OfficeReviewer));
    for (who, status) in [
        (&unit, Status::UnitReview),
        (&unit, Status::UnitNotice),
        (&authority, Status::AuthorityReview),
        (&office, Status::OfficeReview),
        (&office, Status::Filed),
        (&office, Status::Certified),
    ] {
        assert_eq!(apply(who, Action::FindFraud, &app(status)).map(|a| a.status), Ok(Status::Closed), "{:?} at {status:?}", who.role);
    }
    // not at another's step
    for (who, status) in
        [(&unit, Status::AuthorityReview), (&authority, Status::UnitReview), (&unit, Status::OfficeReview), (&authority, Status::Certified)]
    {
        assert!(apply(who, Action::FindFraud, &app(status)).is_err(), "{:?} at {status:?}", who.role);
    }
    assert!(!may_find_against_unit(Role::UnitReviewer), "a unit does not judge itself");
    assert!(may_find_against_unit(Role::AuthorityReviewer) && may_find_against_unit(Role::OfficeReviewer));
}
