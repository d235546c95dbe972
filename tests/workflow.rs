//! Every allowed and refused transition, through the operations layer on a real (in-memory)
//! SQLite store; replay of the stored events equals the stored state.

use chrono::{NaiveDate, NaiveDateTime};
use hotline::domain::{
    Action, CallbackResult, Category, Intake, OnSite, Status, UnitKind, workflow,
};
use hotline::error::Error;
use hotline::ops::{self, Ctx, DeadlineSpec, NewOrder};
use hotline::store::Store;

fn t(s: &str) -> NaiveDateTime {
    hotline::domain::time::parse_datetime(s, false).unwrap()
}
fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn store() -> Store {
    let s = Store::in_memory().unwrap();
    s.add_unit("住建局", UnitKind::Department).unwrap();
    s.add_unit("贾塘乡", UnitKind::Township).unwrap();
    s
}

fn ctx(at: &str) -> Ctx {
    Ctx::new(t(at), "tester")
}

fn new_order(s: &Store, category: Category) -> String {
    ops::intake(
        s,
        &ctx("2017-11-01T09:00:00"),
        &NewOrder {
            order_no: None,
            intake: Intake {
                category: Some(category),
                title: "小区供暖温度不达标".into(),
                content: "家中暖气不热，室温只有十二度。".into(),
                citizen: "马建国".into(),
                phone: "13812345678".into(),
                address: "海城镇南关社区".into(),
            },
            received_at: None,
        },
    )
    .unwrap()
    .order_no
}

/// Bring a new order to `status` through the workflow's own actions.
fn order_in(s: &Store, status: Status) -> String {
    let no = new_order(s, Category::Request);
    let c = ctx("2017-11-01T10:00:00");
    let steps: Vec<Action> = match status {
        Status::Received => vec![],
        Status::Dispatched => vec![dispatch()],
        Status::Handling => vec![dispatch(), Action::Accept],
        Status::Returned => vec![
            dispatch(),
            Action::Return {
                reason: "不属本单位职责".into(),
            },
            Action::ApproveReturn,
        ],
        Status::Replied => vec![dispatch(), Action::Accept, reply()],
        Status::AwaitingCallback => vec![dispatch(), Action::Accept, reply(), Action::ReviewAccept],
        Status::Closed => vec![
            dispatch(),
            Action::Accept,
            reply(),
            Action::ReviewAccept,
            Action::Callback {
                result: CallbackResult::Satisfied,
                answers: Default::default(),
            },
            Action::Close {
                reason: String::new(),
            },
        ],
        // Dispatched, then merged into another dispatched order.
        Status::Merged => vec![dispatch()],
    };
    for a in steps {
        ops::act(s, &c, &no, &a, None).unwrap();
    }
    if status == Status::Merged {
        let lead = order_in(s, Status::Dispatched);
        ops::merge(s, &c, &no, &lead, None).unwrap();
    }
    assert_eq!(s.require_order(&no).unwrap().status, status);
    no
}

fn dispatch() -> Action {
    Action::Dispatch {
        unit: "住建局".into(),
        deadline: d("2017-11-15"),
        due: None,
    }
}
fn reply() -> Action {
    Action::Reply {
        text: "已于11月2日安排维修人员更换阀门，供暖恢复正常。".into(),
    }
}

/// One sample of every action, valid in its arguments.
fn samples() -> Vec<(&'static str, Action)> {
    vec![
        ("dispatch", dispatch()),
        ("accept", Action::Accept),
        (
            "reassign",
            Action::Reassign {
                unit: "贾塘乡".into(),
                deadline: d("2017-11-20"),
                due: None,
                reason: "属乡镇职责".into(),
            },
        ),
        (
            "unmerge",
            Action::Unmerge {
                reason: String::new(),
            },
        ),
        (
            "return",
            Action::Return {
                reason: "不属本单位职责".into(),
            },
        ),
        (
            "extend",
            Action::RequestExtension {
                until: d("2017-11-30"),
                reason: "需协调".into(),
            },
        ),
        ("extend-decide", Action::ApproveExtension),
        ("reply", reply()),
        ("review", Action::ReviewAccept),
        (
            "urge",
            Action::Urge {
                note: "请尽快办理".into(),
            },
        ),
        (
            "supervise",
            Action::Supervise {
                note: String::new(),
                on_site: None,
            },
        ),
        (
            "callback",
            Action::Callback {
                result: CallbackResult::Satisfied,
                answers: Default::default(),
            },
        ),
        (
            "redo",
            Action::Redo {
                reason: "群众反映问题未解决".into(),
                deadline: d("2017-11-20"),
                due: None,
            },
        ),
        (
            "close",
            Action::Close {
                reason: "诉求不符合政策，已解释".into(),
            },
        ),
    ]
}

#[test]
fn every_transition_is_allowed_or_refused_as_the_table_says() {
    // The expected table, written independently of `workflow::permitted`.
    let expected: [(Status, &[&str]); 8] = [
        // Urge, supervise and reassign only where a unit holds the order and owes the next step.
        (Status::Received, &["dispatch"]),
        (
            Status::Dispatched,
            &[
                "accept",
                "return",
                "extend",
                "urge",
                "supervise",
                "reassign",
            ],
        ),
        (
            Status::Handling,
            &["reply", "return", "extend", "urge", "supervise", "reassign"],
        ),
        (Status::Returned, &["dispatch"]),
        (Status::Replied, &["review"]),
        (Status::AwaitingCallback, &["callback", "redo", "close"]),
        (Status::Closed, &["redo"]),
        // A merged order: nothing but its unmerge (the lead is worked instead).
        (Status::Merged, &["unmerge"]),
    ];
    for (status, allowed) in expected {
        for (name, action) in samples() {
            let s = store();
            let no = order_in(&s, status);
            let before = s.require_order(&no).unwrap();
            let events_before = s.count_events().unwrap();
            // Close from awaiting callback needs a callback first: give one.
            if status == Status::AwaitingCallback && name == "close" {
                ops::act(
                    &s,
                    &ctx("2017-11-02T09:00:00"),
                    &no,
                    &Action::Callback {
                        result: CallbackResult::Satisfied,
                        answers: Default::default(),
                    },
                    None,
                )
                .unwrap();
            }
            let r = ops::act(&s, &ctx("2017-11-02T10:00:00"), &no, &action, None);
            if allowed.contains(&name) {
                assert!(r.is_ok(), "{name} on {status:?} should be allowed: {r:?}");
            } else {
                let err = r.expect_err(&format!("{name} on {status:?} should be refused"));
                let msg = err.to_string();
                assert!(msg.contains(status.code()), "{msg}");
                if status == Status::Merged {
                    assert!(msg.contains("act on the lead order"), "{msg}");
                    assert!(err.zh().contains("请办理主单"), "{}", err.zh());
                } else if name == "urge" || name == "supervise" {
                    // The reason, in both languages: nobody owes the next step.
                    assert!(msg.contains("owes the next step"), "{msg}");
                    assert!(err.zh().contains("应办理下一步"), "{}", err.zh());
                } else {
                    assert!(msg.contains("allowed now"), "{msg}");
                }
                assert_eq!(
                    s.require_order(&no).unwrap(),
                    before,
                    "a refused action changed the order"
                );
                assert_eq!(s.count_events().unwrap(), events_before);
            }
        }
    }
}

#[test]
fn refusal_names_action_state_and_what_is_allowed() {
    let s = store();
    let no = order_in(&s, Status::Dispatched);
    let err = ops::act(&s, &ctx("2017-11-02T10:00:00"), &no, &reply(), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot reply (回复) order {no}: it is dispatched (待签收); allowed now: accept (签收), return (退单), extend (延期申请), contact (先行联系), urge (催办), supervise (督办), reassign (改派), merge (并单)"
        )
    );
}

#[test]
fn argument_rules() {
    let s = store();
    let c = ctx("2017-11-02T10:00:00");
    // Return needs a reason.
    let no = order_in(&s, Status::Dispatched);
    let e = ops::act(
        &s,
        &c,
        &no,
        &Action::Return {
            reason: "  ".into(),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("a reason is required"), "{e}");
    // Extension must be later than the deadline, and asked before it passes.
    let e = ops::act(
        &s,
        &c,
        &no,
        &Action::RequestExtension {
            until: d("2017-11-10"),
            reason: "x".into(),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("not later than the deadline"), "{e}");
    let late = ctx("2017-11-20T10:00:00");
    let e = ops::act(
        &s,
        &late,
        &no,
        &Action::RequestExtension {
            until: d("2017-11-30"),
            reason: "x".into(),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("has passed"), "{e}");
    // Approve moves the deadline; a second request while one is pending is refused.
    ops::act(
        &s,
        &c,
        &no,
        &Action::RequestExtension {
            until: d("2017-11-30"),
            reason: "需协调".into(),
        },
        None,
    )
    .unwrap();
    let e = ops::act(
        &s,
        &c,
        &no,
        &Action::RequestExtension {
            until: d("2017-12-30"),
            reason: "x".into(),
        },
        None,
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("not allowed") || e.to_string().contains("allowed now"),
        "{e}"
    );
    let o = ops::act(&s, &c, &no, &Action::ApproveExtension, None).unwrap();
    assert_eq!(o.deadline, Some(d("2017-11-30")));
    // Unknown unit on dispatch.
    let no2 = order_in(&s, Status::Received);
    let no3 = order_in(&s, Status::Dispatched);
    let e = ops::act(
        &s,
        &c,
        &no2,
        &Action::Dispatch {
            unit: "不存在局".into(),
            deadline: d("2017-11-15"),
            due: None,
        },
        None,
    )
    .unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e}");
    // Time never goes back.
    let e = ops::act(
        &s,
        &ctx("2017-10-01T10:00:00"),
        &no3,
        &Action::Urge {
            note: String::new(),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("never go back in time"), "{e}");
    // On-site supervision needs place and measures.
    let e = ops::act(
        &s,
        &c,
        &no3,
        &Action::Supervise {
            note: String::new(),
            on_site: Some(OnSite {
                place: String::new(),
                participants: String::new(),
                measures: "x".into(),
                due: d("2017-12-01"),
            }),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("place"), "{e}");
}

#[test]
fn close_after_callback_rules() {
    let s = store();
    let c = ctx("2017-11-03T10:00:00");
    let no = order_in(&s, Status::AwaitingCallback);
    let e = ops::act(
        &s,
        &c,
        &no,
        &Action::Close {
            reason: String::new(),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("called back"), "{e}");
    ops::act(
        &s,
        &c,
        &no,
        &Action::Callback {
            result: CallbackResult::Unsatisfied,
            answers: Default::default(),
        },
        None,
    )
    .unwrap();
    let e = ops::act(
        &s,
        &c,
        &no,
        &Action::Close {
            reason: String::new(),
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("unsatisfied"), "{e}");
    // Redo goes back to the unit with a new deadline, counted.
    let (o, _) = ops::redo(&s, &c, &no, "群众反映未解决", DeadlineSpec::Days(5), None).unwrap();
    assert_eq!(o.status, Status::Handling);
    assert_eq!(o.redos, 1);
    assert_eq!(o.deadline, Some(d("2017-11-10")));
}

#[test]
fn the_office_answers_an_inquiry_itself() {
    let s = store();
    let c = ctx("2017-11-01T11:00:00");
    let no = new_order(&s, Category::Inquiry);
    ops::act(
        &s,
        &c,
        &no,
        &Action::Reply {
            text: "养老保险认证可在社区服务中心办理，电话0955-1234567。".into(),
        },
        None,
    )
    .unwrap();
    let o = ops::act(
        &s,
        &c,
        &no,
        &Action::Close {
            reason: String::new(),
        },
        None,
    )
    .unwrap();
    assert_eq!(o.status, Status::Closed);
    assert_eq!(o.unit, None);
    // A request cannot be answered by the office.
    let no = new_order(&s, Category::Request);
    assert!(ops::act(&s, &c, &no, &reply(), None).is_err());
}

#[test]
fn return_clears_the_unit_and_redispatch_counts_for_the_new_one() {
    let s = store();
    let c = ctx("2017-11-02T10:00:00");
    let no = order_in(&s, Status::Returned);
    let o = s.require_order(&no).unwrap();
    assert_eq!((o.unit.clone(), o.deadline, o.returns), (None, None, 1));
    let (o, w) = ops::dispatch(&s, &c, &no, "贾塘乡", DeadlineSpec::Default, None).unwrap();
    assert!(w.is_none());
    assert_eq!(o.unit.as_deref(), Some("贾塘乡"));
    // 2017-11-02 (Thu) + 10 working days = 2017-11-16.
    assert_eq!(o.deadline, Some(d("2017-11-16")));
    assert_eq!(o.assigned_at, Some(t("2017-11-02T10:00:00")));
}

#[test]
fn optimistic_version_conflict_changes_nothing() {
    let s = store();
    let c = ctx("2017-11-02T10:00:00");
    let no = order_in(&s, Status::Handling);
    let seen = s.require_order(&no).unwrap().version;
    ops::act(
        &s,
        &Ctx::new(t("2017-11-02T10:05:00"), "other"),
        &no,
        &Action::Urge {
            note: String::new(),
        },
        None,
    )
    .unwrap();
    let before = s.count_events().unwrap();
    let e = ops::act(
        &s,
        &c.at(t("2017-11-02T10:10:00")),
        &no,
        &reply(),
        Some(seen),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e}");
    assert!(e.to_string().contains("催办 by other"), "{e}");
    assert_eq!(s.count_events().unwrap(), before);
}

#[test]
fn replay_equals_stored_state_for_every_order() {
    let s = store();
    for st in Status::ALL {
        order_in(&s, st);
    }
    s.for_each_order_with_events(|stored, events| {
        assert_eq!(&workflow::replay(&stored.order_no, events).unwrap(), stored);
        Ok(())
    })
    .unwrap();
    assert!(ops::check::check(&s).unwrap().ok());
}

#[test]
fn control_characters_never_reach_the_store() {
    let s = store();
    let o = ops::intake(
        &s,
        &ctx("2017-11-01T09:00:00"),
        &NewOrder {
            order_no: Some("X\u{1b}[31m1".into()),
            intake: Intake {
                category: Some(Category::Request),
                title: "标题\u{1b}]0;pwned\u{7}\u{202e}反转".into(),
                content: "内容\u{9b}2J".into(),
                ..Default::default()
            },
            received_at: None,
        },
    )
    .unwrap();
    assert_eq!(o.order_no, "X[31m1");
    assert_eq!(o.title, "标题]0;pwned反转");
    assert_eq!(o.content, "内容2J");
}

/// A bulk urge sums the running sums' changes and writes them once: afterwards they equal the
/// sums recomputed from the events; a refused order in the batch records nothing at all.
#[test]
fn bulk_urge_keeps_the_running_sums_equal_to_the_events() {
    let s = store();
    let open: Vec<String> = (0..5).map(|_| order_in(&s, Status::Handling)).collect();
    let c = ctx("2017-11-20T10:00:00");
    assert_eq!(ops::urge_many(&s, &c, &open, "请尽快").unwrap(), 5);
    let rep = ops::check::check(&s).unwrap();
    assert!(rep.ok(), "{:?}", rep.problems);
    assert_eq!(s.stored_tally().unwrap(), s.replayed_tally().unwrap());
    let urges = |s: &Store| -> u32 {
        open.iter()
            .map(|n| s.order(n).unwrap().unwrap().urges)
            .sum()
    };
    assert_eq!(urges(&s), 5);
    // One closed order in the batch: the whole batch is refused, sums unchanged.
    let mut batch = open.clone();
    batch.push(order_in(&s, Status::Closed));
    let before = s.stored_tally().unwrap();
    assert!(ops::urge_many(&s, &c, &batch, "再催").is_err());
    assert_eq!(urges(&s), 5);
    assert_eq!(s.stored_tally().unwrap(), before);
    assert!(ops::check::check(&s).unwrap().ok());
}

#[test]
fn precheck_says_what_decide_will_refuse_before_anything_is_typed() {
    use hotline::domain::ActionName as A;
    let s = store();
    // An extension: offered before the deadline (2017-11-15), its date later than it; after
    // the deadline neither offered (`possible`) nor decided, with the same refusal.
    let no = order_in(&s, Status::Handling);
    let o = s.require_order(&no).unwrap();
    let before = t("2017-11-10T09:00:00");
    let needs = workflow::precheck(&o, A::RequestExtension, before).unwrap();
    assert_eq!(
        (needs.reason, needs.earliest),
        (true, Some(d("2017-11-16")))
    );
    assert!(workflow::possible(&o, before).contains(&A::RequestExtension));
    let after = t("2017-11-20T09:00:00");
    let refused = workflow::precheck(&o, A::RequestExtension, after).unwrap_err();
    assert!(refused.zh().contains("已过"), "{}", refused.zh());
    assert!(!workflow::possible(&o, after).contains(&A::RequestExtension));
    let extend = Action::RequestExtension {
        until: d("2017-11-30"),
        reason: "需协调".into(),
    };
    let decided = workflow::decide(&o, &extend, after, "tester").unwrap_err();
    assert_eq!(decided, refused);
    // Closing: not before the callback; a reason required after an unsatisfied one only.
    let no = order_in(&s, Status::AwaitingCallback);
    let at = t("2017-11-03T09:00:00");
    let o = s.require_order(&no).unwrap();
    assert!(workflow::precheck(&o, A::Close, at).is_err());
    assert!(!workflow::possible(&o, at).contains(&A::Close));
    for (result, required) in [
        (CallbackResult::Satisfied, false),
        (CallbackResult::Unsatisfied, true),
    ] {
        let callback = Action::Callback {
            result,
            answers: Default::default(),
        };
        let o = ops::act(&s, &ctx("2017-11-02T09:00:00"), &no, &callback, None).unwrap();
        assert_eq!(
            workflow::precheck(&o, A::Close, at).unwrap().reason,
            required
        );
        let close = Action::Close {
            reason: String::new(),
        };
        assert_eq!(
            workflow::decide(&o, &close, at, "tester").is_err(),
            required,
            "{result:?}"
        );
    }
}
