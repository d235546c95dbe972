//! Golden tests of the shipped assessment packs (`data/assessment/*.toml`) on one hand-built
//! case: the counts of four units are written out below, and every expected figure is
//! computed from them in the comments, by the definitions in `domain::assessment` (and the
//! README's definitions table).

use hotline::domain::assessment::{Figure, Pack, assess};
use hotline::domain::scorecard::{
    self, AssessCounts, CallbackCounts, Period, Scorecard, Tallies, UnitTally,
};
use hotline::domain::{Unit, UnitKind};

fn cb(v: [u64; 9]) -> CallbackCounts {
    let [
        valid,
        contact_answered,
        contacted,
        solve_answered,
        solved,
        explained,
        satisfied,
        basic,
        unsatisfied,
    ] = v;
    CallbackCounts {
        valid,
        contact_answered,
        contacted,
        solve_answered,
        solved,
        explained,
        satisfied,
        basic,
        unsatisfied,
    }
}

/// Hour marks are 2, 4, 8, 12, 24, 48, 72 (`scorecard::HOUR_MARKS`).
fn case() -> Scorecard {
    let mut t = Tallies::default();
    // 住建局 (department): 10 assigned, 8 closed (6 on time), 2 over 30 days late (1 closed,
    // 1 open), 2 late now, 1 supervision, 3 urges, 1 redo, 9 replied; signed within 24 h: 8;
    // first contact within 2 h: 4; 11 dispatches, 1 return (late).
    // Latest valid callbacks: 8 (all asked): 7 contacted; 5 solved, 1 explained; 4 满意,
    // 2 基本满意, 2 不满意. Every valid callback: 9 (one more 不满意 before the redo).
    t.units.insert(
        "住建局".into(),
        UnitTally {
            assigned: 10,
            closed: 8,
            closed_on_time: 6,
            closed_late30: 1,
            open_late30: 1,
            open_late: 2,
            urges: 3,
            supervisions: 1,
            redos: 1,
            callbacks_reached: 9,
            satisfied: 6,
            assess: AssessCounts {
                replied: 9,
                signed_within: [3, 5, 6, 7, 8, 9, 9],
                contacted_within: [4, 6, 7, 7, 8, 8, 8],
                dispatches: 11,
                returns: 1,
                late_returns: 1,
                latest: cb([8, 8, 7, 8, 5, 1, 4, 2, 2]),
                every: cb([9, 9, 7, 9, 5, 1, 4, 2, 3]),
            },
        },
    );
    // 教体局: 5 assigned, all closed on time, replied, signed and contacted within 2 h;
    // 4 valid callbacks: all contacted and solved, 3 满意, 1 基本满意.
    t.units.insert(
        "教体局".into(),
        UnitTally {
            assigned: 5,
            closed: 5,
            closed_on_time: 5,
            callbacks_reached: 4,
            satisfied: 4,
            assess: AssessCounts {
                replied: 5,
                signed_within: [5; 7],
                contacted_within: [5; 7],
                dispatches: 5,
                latest: cb([4, 4, 4, 4, 4, 0, 3, 1, 0]),
                every: cb([4, 4, 4, 4, 4, 0, 3, 1, 0]),
                ..AssessCounts::default()
            },
            ..UnitTally::default()
        },
    );
    // 水务局: nothing assigned (never scored, never ranked).
    // 海城镇 (township): 4 assigned, 2 closed (1 on time), 1 late now, 1 urge, 3 replied;
    // signed within 24 h: 3; first contact within 2 h: 0; 2 valid callbacks: 1 contacted,
    // 1 solved and 1 explained, 1 满意 and 1 不满意.
    t.units.insert(
        "海城镇".into(),
        UnitTally {
            assigned: 4,
            closed: 2,
            closed_on_time: 1,
            open_late: 1,
            urges: 1,
            callbacks_reached: 2,
            satisfied: 1,
            assess: AssessCounts {
                replied: 3,
                signed_within: [1, 1, 2, 2, 3, 4, 4],
                contacted_within: [0, 1, 1, 2, 2, 3, 3],
                dispatches: 4,
                latest: cb([2, 2, 1, 2, 1, 1, 1, 0, 1]),
                every: cb([2, 2, 1, 2, 1, 1, 1, 0, 1]),
                ..AssessCounts::default()
            },
            ..UnitTally::default()
        },
    );
    let unit = |id, name: &str, kind| Unit {
        id,
        name: name.into(),
        kind,
        active: true,
    };
    let units = [
        unit(1, "住建局", UnitKind::Department),
        unit(2, "教体局", UnitKind::Department),
        unit(3, "水务局", UnitKind::Department),
        unit(4, "海城镇", UnitKind::Township),
    ];
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let p = Period {
        from: d("2024-11-01"),
        to: d("2024-11-30"),
        as_of: d("2024-12-01").and_hms_opt(0, 0, 0).unwrap(),
    };
    scorecard::assemble(p, &units, &t)
}

fn pack(name: &str) -> Pack {
    Pack::shipped(name).unwrap_or_else(|| panic!("no shipped pack {name}"))
}

/// (score, rank, floors failed) of a unit.
fn judged(name: &str, unit: &str) -> (Option<f64>, Option<usize>, Vec<Figure>) {
    let a = assess(&pack(name), &case());
    let r = a.row(unit).unwrap().clone();
    (r.score, r.rank, r.floors_failed)
}

fn shown(name: &str, unit: &str, f: Figure) -> String {
    let card = case();
    let r = card.units.iter().find(|r| r.unit == unit).unwrap();
    let tier: u64 = card.table(r.kind).map(|r| r.assigned).sum();
    pack(name).value(r, tier, f).show()
}

#[test]
fn seed_2017_prints_the_bulletins_columns_and_scores_nobody() {
    let a = assess(&pack("seed-2017"), &case());
    let r = a.row("住建局").unwrap();
    let shown: Vec<String> = r.values.iter().map(|(_, v)| v.show()).collect();
    // 承办量 10, 办结量 8, 超期30天以上 1 + 1 = 2, 督办 1.
    assert_eq!(shown, ["10", "8", "2", "1"]);
    assert_eq!((r.score, r.rank), (None, None));
    // Its satisfaction counts every callback, 基本满意 as 满意: (4 + 2) / 9 = 66.7 %, the
    // scorecard's own 满意率.
    assert_eq!(shown_sat("seed-2017"), "66.7%");
    let card = case();
    let row = card.units.iter().find(|r| r.unit == "住建局").unwrap();
    assert_eq!(row.satisfaction_percent(), "66.7%");
}

fn shown_sat(name: &str) -> String {
    shown(name, "住建局", Figure::SatisfactionRate)
}

#[test]
fn beijing_three_rates() {
    // 住建局: 响应 7/8 = 87.5 %, 解决 5/8 = 62.5 % (解释说明 is not solved here),
    // 满意 (4 + 0.9 × 2) / 8 = 5.8 / 8 = 72.5 %.
    // Score 10 × 0.875 + 50 × 0.625 + 40 × 0.725 = 8.75 + 31.25 + 29 = 69.00; below the
    // 85 % satisfaction floor.
    assert_eq!(shown("beijing", "住建局", Figure::ResponseRate), "87.5%");
    assert_eq!(shown("beijing", "住建局", Figure::SolveRate), "62.5%");
    assert_eq!(shown_sat("beijing"), "72.5%");
    assert_eq!(
        judged("beijing", "住建局"),
        (Some(69.0), Some(2), vec![Figure::SatisfactionRate])
    );
    // 教体局: 4/4, 4/4, (3 + 0.9) / 4 = 97.5 % → 10 + 50 + 39 = 99.00, first of its tier.
    assert_eq!(judged("beijing", "教体局"), (Some(99.0), Some(1), vec![]));
    // 水务局: nothing assigned → no score, no rank.
    assert_eq!(judged("beijing", "水务局"), (None, None, vec![]));
    // 海城镇: 1/2, 1/2, 1/2 → 5 + 25 + 20 = 50.00, first of the townships (ranked apart).
    assert_eq!(
        judged("beijing", "海城镇"),
        (Some(50.0), Some(1), vec![Figure::SatisfactionRate])
    );
    // After the redo the later callback replaced the first: 8 valid callbacks, not 9.
    assert_eq!(shown("beijing", "住建局", Figure::ValidCallbacks), "8");
}

#[test]
fn zhungeer_30_35_35_with_explained_as_solved_and_two_floors() {
    // 住建局: 响应 7/8; 解决 (5 + 1) / 8 = 75 %; 满意 (4 + 2) / 8 = 75 %
    // → 30 × 0.875 + 35 × 0.75 + 35 × 0.75 = 26.25 + 26.25 + 26.25 = 78.75.
    // 回复率 9/10 = 90 % < 92 %; 及时签收率 (24 h) 8/10 = 80 % < 90 %.
    assert_eq!(shown("zhungeer", "住建局", Figure::SolveRate), "75.0%");
    assert_eq!(
        judged("zhungeer", "住建局"),
        (
            Some(78.75),
            Some(2),
            vec![Figure::ReplyRate, Figure::SignedOnTimeRate]
        )
    );
    // 教体局: 30 + 35 + 35 × (3 + 1) / 4 = 100.00.
    assert_eq!(judged("zhungeer", "教体局"), (Some(100.0), Some(1), vec![]));
    // 海城镇: 30 × 0.5 + 35 × (1 + 1) / 2 + 35 × 0.5 = 15 + 35 + 17.5 = 67.50;
    // 回复率 3/4 = 75 %, 签收 3/4 = 75 %: both floors.
    assert_eq!(
        judged("zhungeer", "海城镇"),
        (
            Some(67.5),
            Some(1),
            vec![Figure::ReplyRate, Figure::SignedOnTimeRate]
        )
    );
}

#[test]
fn shanghai_first_contact_and_load_share() {
    // 住建局: 先行联系 (2 h) 4/10 = 40 %; 解决 5/8; 满意 (4 + 0.8 × 2) / 8 = 70 %;
    // 受理量 10 / (10 + 5 + 0) = 2/3 of its tier.
    // 30 × 0.4 + 20 × 0.625 + 40 × 0.7 + 5 × 2/3 = 12 + 12.5 + 28 + 3.333… = 55.83;
    // below the 80 % first-contact floor.
    assert_eq!(
        shown("shanghai", "住建局", Figure::FirstContactRate),
        "40.0%"
    );
    assert_eq!(shown("shanghai", "住建局", Figure::LoadShare), "66.7%");
    assert_eq!(
        judged("shanghai", "住建局"),
        (Some(55.83), Some(2), vec![Figure::FirstContactRate])
    );
    // 教体局: 30 + 20 + 40 × (3 + 0.8) / 4 + 5 × 1/3 = 30 + 20 + 38 + 1.667 = 89.67.
    assert_eq!(judged("shanghai", "教体局"), (Some(89.67), Some(1), vec![]));
    // 海城镇: 0 + 20 × 0.5 + 40 × 0.5 + 5 × 4/4 = 35.00.
    assert_eq!(
        judged("shanghai", "海城镇"),
        (Some(35.0), Some(1), vec![Figure::FirstContactRate])
    );
}

#[test]
fn deduction_from_100() {
    // 住建局: 100 − (2 × 2 over 30 days + 1 × 2 late now + 0.5 × 1 supervision + 1 × 1 redo
    // + 2 × 1 late return) = 100 − 9.5 = 90.50; 按时办结率 6/8 = 75 % ≥ 60 %.
    assert_eq!(judged("deduction", "住建局"), (Some(90.5), Some(2), vec![]));
    assert_eq!(
        judged("deduction", "教体局"),
        (Some(100.0), Some(1), vec![])
    );
    // 海城镇: 100 − 1 late now = 99.00; 按时办结率 1/2 = 50 % < 60 %.
    assert_eq!(
        judged("deduction", "海城镇"),
        (Some(99.0), Some(1), vec![Figure::OnTimeRate])
    );
}

#[test]
fn equal_scores_share_a_rank_and_the_black_list_is_the_worst() {
    let mut card = case();
    // Make 住建局 as good as 教体局 under the deduction pack: nothing to deduct.
    for r in card.units.iter_mut().filter(|r| r.unit == "住建局") {
        (r.overdue_30d, r.open_late, r.supervisions, r.redos) = (0, 0, 0, 0);
        r.assess.late_returns = 0;
    }
    let a = assess(&pack("deduction"), &card);
    assert_eq!(a.row("住建局").unwrap().rank, Some(1));
    assert_eq!(a.row("教体局").unwrap().rank, Some(1));
    let a = assess(&pack("beijing"), &case());
    let (red, black) = a.red_black(UnitKind::Department, 3);
    // Two scored departments: one on each list.
    assert_eq!(
        red.iter().map(|r| r.unit.as_str()).collect::<Vec<_>>(),
        ["教体局"]
    );
    assert_eq!(
        black.iter().map(|r| r.unit.as_str()).collect::<Vec<_>>(),
        ["住建局"]
    );
}

#[test]
fn a_tie_at_the_boundary_of_the_red_or_black_list_names_every_unit_of_it() {
    use hotline::domain::assessment::{Assessed, Assessment};
    let unit = |name: &str, score: f64, rank: usize| Assessed {
        unit: name.into(),
        kind: UnitKind::Department,
        values: Vec::new(),
        score: Some(score),
        rank: Some(rank),
        floors_failed: Vec::new(),
    };
    // Five tied at the top (rank 1), then 80, 70, 60, 50, 50 (ranks 6, 7, 8, 9, 9).
    let mut rows: Vec<Assessed> = ["甲", "乙", "丙", "丁", "戊"]
        .iter()
        .map(|n| unit(n, 100.0, 1))
        .collect();
    rows.push(unit("己", 80.0, 6));
    rows.push(unit("庚", 70.0, 7));
    rows.push(unit("辛", 60.0, 8));
    rows.push(unit("壬", 50.0, 9));
    rows.push(unit("癸", 50.0, 9));
    let a = Assessment {
        pack: "x".into(),
        rows,
    };
    let names = |l: Vec<&Assessed>| l.iter().map(|r| r.unit.clone()).collect::<Vec<_>>();
    let (red, black) = a.red_black(UnitKind::Department, 3);
    // Best 3: all five tied at 1 (none of them better than another).
    assert_eq!(names(red), ["甲", "乙", "丙", "丁", "戊"]);
    // Worst 3: 辛 (2 below it), 壬 and 癸 (none below): the tie at the bottom both named.
    assert_eq!(names(black), ["辛", "壬", "癸"]);
    // Everyone tied: nobody is on either list.
    let tied = Assessment {
        pack: "x".into(),
        rows: ["甲", "乙", "丙", "丁"]
            .iter()
            .map(|n| unit(n, 90.0, 1))
            .collect(),
    };
    let (red, black) = tied.red_black(UnitKind::Department, 2);
    assert!(red.is_empty() && black.is_empty());
}

// ---------------------------------------------------------------------------------------
// The same definitions driven through the real operations and store: events in, figures out.

mod pipeline {
    use chrono::{NaiveDate, NaiveDateTime};
    use hotline::domain::assessment::{Figure, Pack};
    use hotline::domain::order::{Answers, ExemptionKind, Solved};
    use hotline::domain::scorecard::Period;
    use hotline::domain::{Action, CallbackResult, Category, Intake, UnitKind};
    use hotline::ops::{self, Ctx, DeadlineSpec, NewOrder};
    use hotline::report;
    use hotline::store::Store;

    fn t(s: &str) -> NaiveDateTime {
        hotline::domain::time::parse_datetime(s, false).unwrap()
    }

    struct W(Store);

    impl W {
        fn order(&self, at: &str, unit: &str) -> String {
            let no = ops::intake(
                &self.0,
                &Ctx::new(t(at), "op"),
                &NewOrder {
                    intake: Intake {
                        category: Some(Category::Request),
                        title: "测试工单".into(),
                        ..Default::default()
                    },
                    ..Default::default()
                },
            )
            .unwrap()
            .order_no;
            let deadline = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
            ops::dispatch(
                &self.0,
                &Ctx::new(t(at), "op"),
                &no,
                unit,
                DeadlineSpec::Date(deadline),
                None,
            )
            .unwrap();
            no
        }
        fn act(&self, no: &str, at: &str, a: Action) {
            ops::act(&self.0, &Ctx::new(t(at), "op"), no, &a, None).unwrap();
        }
        fn answer(
            &self,
            no: &str,
            at: &str,
            c: Option<bool>,
            s: Option<Solved>,
            r: CallbackResult,
        ) {
            self.act(
                no,
                at,
                Action::Callback {
                    result: r,
                    answers: Answers {
                        contacted: c,
                        solved: s,
                    },
                },
            );
        }
        fn replied(&self, no: &str, at: &str) {
            self.act(
                no,
                at,
                Action::Reply {
                    text: "已处理。".into(),
                },
            );
            self.act(no, at, Action::ReviewAccept);
        }
    }

    #[test]
    fn callbacks_after_a_redo_an_unreachable_one_and_an_exemption() {
        let s = Store::in_memory().unwrap();
        s.add_unit("住建局", UnitKind::Department).unwrap();
        s.add_unit("教体局", UnitKind::Department).unwrap();
        let w = W(s);
        use CallbackResult as R;
        // a: signed after 1 h, first contact after 1.5 h; the first callback (contacted, not
        // solved, 不满意) is replaced after the redo by (contacted, solved, 满意).
        let a = w.order("2024-11-01T10:00:00", "住建局");
        w.act(&a, "2024-11-01T11:00:00", Action::Accept);
        w.act(
            &a,
            "2024-11-01T11:30:00",
            Action::Contact {
                note: String::new(),
            },
        );
        w.replied(&a, "2024-11-02T09:00:00");
        w.answer(
            &a,
            "2024-11-02T10:00:00",
            Some(true),
            Some(Solved::No),
            R::Unsatisfied,
        );
        w.act(
            &a,
            "2024-11-02T11:00:00",
            Action::Redo {
                reason: "未解决".into(),
                deadline: NaiveDate::from_ymd_opt(2024, 11, 25).unwrap(),
                due: None,
            },
        );
        w.replied(&a, "2024-11-04T09:00:00");
        w.answer(
            &a,
            "2024-11-04T10:00:00",
            Some(true),
            Some(Solved::Yes),
            R::Satisfied,
        );
        // b: signed after 49 h (not within 48); one unreachable callback (not valid), then
        // (contacted, explained, 基本满意).
        let b = w.order("2024-11-01T10:00:00", "住建局");
        w.act(&b, "2024-11-03T11:00:00", Action::Accept);
        w.replied(&b, "2024-11-04T09:00:00");
        w.answer(&b, "2024-11-04T10:00:00", None, None, R::Unreachable);
        w.answer(
            &b,
            "2024-11-04T11:00:00",
            Some(true),
            Some(Solved::Explained),
            R::BasicallySatisfied,
        );
        // c: (not contacted, not solved, 不满意), then exempted as unreasonable.
        let c = w.order("2024-11-01T10:00:00", "住建局");
        w.act(&c, "2024-11-01T10:30:00", Action::Accept);
        w.replied(&c, "2024-11-04T09:00:00");
        w.answer(
            &c,
            "2024-11-04T10:00:00",
            Some(false),
            Some(Solved::No),
            R::Unsatisfied,
        );
        w.act(
            &c,
            "2024-11-05T09:00:00",
            Action::Exempt {
                kind: ExemptionKind::Unreasonable,
                reason: "诉求无理".into(),
            },
        );
        let p = Period {
            from: NaiveDate::from_ymd_opt(2024, 11, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2024, 11, 30).unwrap(),
            as_of: t("2024-11-30T23:59:59"),
        };
        let beijing = Pack::shipped("beijing").unwrap();
        let j = report::judge(&w.0, p, &beijing).unwrap();
        let card = &j.card;
        let row = card.units.iter().find(|r| r.unit == "住建局").unwrap();
        let v = |card: &hotline::domain::scorecard::Scorecard, f| {
            let row = card.units.iter().find(|r| r.unit == "住建局").unwrap();
            beijing.value(row, 3, f).show()
        };
        // Latest valid callbacks: a (yes, yes, 满意), b (yes, explained, 基本满意), c (no, no,
        // 不满意): 响应 2/3, 解决 1/3, 满意 (1 + 0.9) / 3 = 63.3 %.
        assert_eq!(v(card, Figure::ValidCallbacks), "3");
        assert_eq!(v(card, Figure::ResponseRate), "66.7%");
        assert_eq!(v(card, Figure::SolveRate), "33.3%");
        assert_eq!(v(card, Figure::SatisfactionRate), "63.3%");
        // Score 10 × 2/3 + 50 × 1/3 + 40 × 1.9/3 = 6.667 + 16.667 + 25.333 = 48.67.
        assert_eq!(j.raw.row("住建局").unwrap().score, Some(48.67));
        // Every valid callback (the seed basis): a twice, b once, c: 4, of which 2 satisfied.
        assert_eq!(row.callbacks_reached, 4);
        assert_eq!(row.satisfaction_percent(), "50.0%");
        // Signed within 24 h: a and c, not b (49 h) → 2/3; first contact within 2 h: a → 1/3.
        assert_eq!(v(card, Figure::SignedOnTimeRate), "66.7%");
        let shanghai = Pack::shipped("shanghai").unwrap();
        assert_eq!(
            shanghai.value(row, 3, Figure::FirstContactRate).show(),
            "33.3%"
        );
        // Explained: c costs 10/3 (not contacted) + 50/3 (not solved) + 40/3 (不满意) = 33.33;
        // b costs 50/3 (explained is not solved here) + 40 × (1 − 0.9) / 3 (基本满意) = 18.00;
        // a (its latest callback all yes, 满意) costs nothing. Largest first.
        let held =
            w.0.list_orders(&hotline::store::OrderFilter {
                unit: Some("住建局".into()),
                ..Default::default()
            })
            .unwrap();
        let costs = hotline::domain::assessment::explain(&beijing, row, 3, &p, &held);
        let got: Vec<(String, String)> = costs
            .iter()
            .map(|c| (c.order_no.clone(), format!("{:.2}", c.points)))
            .collect();
        assert_eq!(
            got,
            vec![
                (c.clone(), "33.33".to_string()),
                (b.clone(), "18.00".to_string())
            ]
        );
        // Adjusted, without c: 响应 2/2, 解决 1/2, 满意 1.9/2 = 95 % → 10 + 25 + 38 = 73.00.
        let (adj_card, adj) = j.adjusted.as_ref().unwrap();
        assert_eq!(j.exempted, vec![(c.clone(), ExemptionKind::Unreasonable)]);
        assert_eq!(v(adj_card, Figure::ValidCallbacks), "2");
        assert_eq!(v(adj_card, Figure::SatisfactionRate), "95.0%");
        assert_eq!(adj.row("住建局").unwrap().score, Some(73.0));
        assert_eq!(
            adj_card
                .units
                .iter()
                .find(|r| r.unit == "住建局")
                .unwrap()
                .assigned,
            2
        );
        // The running sums equal the replay of the events (what `hotline check` proves), and
        // the past as-of path (replayed) gives the same figures as the sums.
        assert_eq!(w.0.stored_tally().unwrap(), w.0.replayed_tally().unwrap());
        let past = Period {
            as_of: t("2024-11-04T10:30:00"),
            ..p
        };
        let before = report::judge(&w.0, past, &beijing).unwrap();
        // As of 11-04 10:30, before the exemption: nothing to adjust; the latest valid
        // callbacks then are a's second (10:00) and c's (10:00); b's valid one is at 11:00.
        assert!(before.adjusted.is_none());
        assert_eq!(v(&before.card, Figure::ValidCallbacks), "2");
    }
}
