//! Property tests: random sequences of actions never break an invariant, and the parsers never
//! panic on arbitrary input.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use hotline::domain::scorecard::Period;
use hotline::domain::{
    Action, CallbackResult, Category, Intake, OnSite, Status, UnitKind, workflow,
};
use hotline::ops::{self, Ctx, DeadlineSpec, NewOrder};
use hotline::store::Store;
use proptest::prelude::*;

const UNITS: [&str; 3] = ["住建局", "教体局", "贾塘乡"];

fn start() -> NaiveDateTime {
    hotline::domain::time::parse_datetime("2017-11-01T08:00:00", false).unwrap()
}

/// An action chosen by numbers, so proptest can shrink it.
#[derive(Debug, Clone)]
struct Step {
    order: usize,
    what: u8,
    arg: u8,
    hours: u16,
}

fn action_for(step: &Step, today: NaiveDate) -> Action {
    let days = Duration::days(i64::from(step.arg % 20));
    let text = if step.arg.is_multiple_of(7) {
        "  ".to_string()
    } else {
        format!("说明{}", step.arg)
    };
    match step.what % WHATS {
        0 => {
            let deadline = today + days - Duration::days(2);
            Action::Dispatch {
                unit: UNITS[step.arg as usize % 3].into(),
                deadline,
                // Every fourth dispatch is urgent: due at noon of its day.
                due: step
                    .arg
                    .is_multiple_of(4)
                    .then(|| deadline.and_hms_opt(12, 0, 0).unwrap()),
            }
        }
        1 => Action::Accept,
        2 => Action::Return { reason: text },
        3 => Action::RequestExtension {
            until: today + days,
            reason: text,
        },
        4 => Action::ApproveExtension,
        5 => Action::RefuseExtension { reason: text },
        6 => Action::Reply { text },
        7 => Action::ReviewAccept,
        8 => Action::ReviewReject { reason: text },
        9 => Action::Urge { note: text },
        10 => Action::Supervise {
            note: text,
            on_site: (step.arg.is_multiple_of(3)).then(|| OnSite {
                place: "现场".into(),
                participants: String::new(),
                measures: "整改".into(),
                due: today + days - Duration::days(1),
            }),
        },
        11 => Action::Callback {
            result: CallbackResult::ALL[step.arg as usize % 4],
            answers: Default::default(),
        },
        12 => Action::Redo {
            reason: text,
            deadline: today + days - Duration::days(1),
            due: None,
        },
        13 => Action::Close {
            reason: if step.arg.is_multiple_of(2) {
                String::new()
            } else {
                "政策不允许".into()
            },
        },
        15 => Action::Reassign {
            unit: UNITS[step.arg as usize % 3].into(),
            deadline: today + days,
            due: None,
            reason: text,
        },
        16 => Action::Unmerge { reason: text },
        _ => Action::RevealContact,
    }
}

/// How many kinds of step there are: the actions above, and 17 a merge (`ops::merge`).
const WHATS: u8 = 18;

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (0usize..4, any::<u8>(), any::<u8>(), 0u16..30).prop_map(|(order, what, arg, hours)| {
            Step {
                order,
                what,
                arg,
                hours,
            }
        }),
        1..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_keep_every_invariant(steps in steps()) {
        let s = Store::in_memory().unwrap();
        for (i, u) in UNITS.iter().enumerate() {
            s.add_unit(u, if i < 2 { UnitKind::Department } else { UnitKind::Township }).unwrap();
        }
        let mut now = start();
        let orders: Vec<String> = (0..4).map(|i| {
            ops::intake(&s, &Ctx::new(now, "op"), &NewOrder {
                intake: Intake { category: Some(Category::ALL[i % 3]), title: format!("工单{i}"), ..Default::default() },
                ..Default::default()
            }).unwrap().order_no
        }).collect();
        for step in &steps {
            now += Duration::hours(i64::from(step.hours));
            let ctx = Ctx::new(now, "op");
            let no = &orders[step.order];
            let before = s.require_order(no).unwrap();
            let events_before = s.count_events().unwrap();
            let action = action_for(step, now.date());
            let result = if step.what % WHATS == 0 && step.arg.is_multiple_of(2) {
                ops::dispatch(&s, &ctx, no, UNITS[step.arg as usize % 3], DeadlineSpec::Days(u32::from(step.arg % 5)), None).map(|x| x.0)
            } else if step.what % WHATS == 17 {
                // Into another of the orders (or itself, refused).
                ops::merge(&s, &ctx, no, &orders[step.arg as usize % orders.len()], None)
            } else {
                ops::act(&s, &ctx, no, &action, None)
            };
            match result {
                // A refused action changes nothing.
                Err(_) => {
                    prop_assert_eq!(s.require_order(no).unwrap(), before);
                    prop_assert_eq!(s.count_events().unwrap(), events_before);
                }
                Ok(after) => {
                    // One event, and one more for each order that followed this lead's reply.
                    let followed = if after.status != before.status
                        && matches!(after.status, Status::AwaitingCallback | Status::Closed)
                    {
                        orders.iter().filter(|o| s.require_order(o).unwrap().merged_into.as_deref() == Some(no.as_str())).count() as u64
                    } else {
                        0
                    };
                    prop_assert!(s.count_events().unwrap() > events_before);
                    prop_assert!(s.count_events().unwrap() <= events_before + 1 + followed);
                    prop_assert_eq!(after.version, before.version + 1);
                }
            }
        }
        // Replay = state, for every order.
        s.for_each_order_with_events(|stored, events| {
            assert_eq!(&workflow::replay(&stored.order_no, events).unwrap(), stored);
            Ok(())
        }).unwrap();
        // The running sums equal the events.
        prop_assert!(ops::check::check(&s).unwrap().ok());
        // Scorecard: closed ≤ assigned, overdue ≤ assigned; totals add up; as of any time;
        // the fast path (running sums) equals the reference path (replay).
        for as_of in [start() + Duration::hours(5), now, now + Duration::days(45)] {
            let p = Period { from: start().date(), to: now.date(), as_of };
            if as_of >= now {
                let fast = s.fast_tallies(&p).unwrap();
                let reference = hotline::report::replayed_tallies(&s, &p).unwrap();
                prop_assert_eq!(fast, reference);
            }
            let card = hotline::report::scorecard(&s, p).unwrap();
            for r in card.units.iter().chain(&card.table_totals) {
                prop_assert!(r.closed <= r.assigned);
                prop_assert!(r.overdue_30d <= r.assigned);
                prop_assert!(r.satisfied <= r.callbacks_reached);
            }
            let t = &card.totals;
            prop_assert_eq!(t.closed + t.open, t.received);
            prop_assert_eq!(t.inquiry + t.suggestion + t.request, t.received);
            let assigned: u64 = card.table_totals.iter().map(|r| r.assigned).sum();
            prop_assert!(assigned + t.unassigned <= t.received + t.closed);
        }
    }

    #[test]
    fn date_parsers_never_panic(s in ".{0,40}") {
        let _ = hotline::domain::time::parse_datetime(&s, true);
        let _ = hotline::domain::time::parse_date(&s);
    }

    #[test]
    fn text_rules_hold_on_any_string(s in "\\PC{0,60}|[\\x00-\\x20\\u{80}-\\u{9f}\\u{202a}-\\u{202e}a-z]{0,40}", w in 0usize..40) {
        use hotline::domain::text::*;
        let clean = sanitize(&s);
        prop_assert!(!clean.chars().any(is_unsafe_char));
        let t = truncate(&clean, w);
        prop_assert!(width(&t) <= w.max(width(&clean).min(w)));
        prop_assert_eq!(width(&pad(&one_line(&s), w)), w);
        for line in wrap(&one_line(&s), w.max(2)) {
            prop_assert!(width(&line) <= w.max(2));
        }
    }
}
