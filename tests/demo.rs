//! The demo database *is* the 2017 Haiyuan bulletin: every unit's row and the computed totals
//! come out of the scorecard over events recorded through the workflow's own actions.
//! The expected figures are the bulletin's, copied into tests/fixtures/seed-2017-scorecard.csv.

use hotline::domain::UnitKind;
use hotline::domain::scorecard::{Period, Scorecard};
use hotline::domain::time::{parse_date, parse_datetime};
use hotline::store::Store;
use std::sync::OnceLock;

fn demo() -> &'static (tempfile::TempDir, Scorecard) {
    static DEMO: OnceLock<(tempfile::TempDir, Scorecard)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        hotline::demo::create(&path, "test").unwrap();
        let store = Store::open(&path).unwrap();
        let card = hotline::report::scorecard(
            &store,
            Period {
                from: parse_date("2017-10-27").unwrap(),
                to: parse_date("2017-12-31").unwrap(),
                as_of: parse_datetime("2017-12-31T23:59:59", false).unwrap(),
            },
        )
        .unwrap();
        (dir, card)
    })
}

#[test]
fn every_unit_row_of_the_bulletin() {
    let card = &demo().1;
    let fixture = std::fs::read_to_string("tests/fixtures/seed-2017-scorecard.csv").unwrap();
    let mut n = 0;
    for line in fixture.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let row = card
            .units
            .iter()
            .find(|r| r.unit == f[3])
            .unwrap_or_else(|| panic!("no row for {}", f[3]));
        let got = [row.assigned, row.closed, row.overdue_30d, row.supervisions];
        let want: Vec<u64> = f[4..8].iter().map(|s| s.parse().unwrap()).collect();
        assert_eq!(got.to_vec(), want, "{}", f[3]);
        assert_eq!(row.table.to_string(), f[0], "{}", f[3]);
        n += 1;
    }
    assert_eq!(n, 42);
    assert_eq!(card.units.len(), 42);
}

#[test]
fn the_computed_totals_not_the_printed_ones() {
    let card = &demo().1;
    let t = &card.totals;
    assert_eq!(
        (t.received, t.inquiry, t.suggestion, t.request),
        (574, 3, 2, 569)
    );
    assert_eq!(
        (t.closed, t.open, t.overdue_30d, t.redone),
        (366, 208, 80, 39)
    );
    assert_eq!(t.unassigned, 8);
    let t1 = card.table_total(UnitKind::Department).unwrap();
    let t2 = card.table_total(UnitKind::Township).unwrap();
    // The bulletin prints 206 for table 1; its rows add up to 208.
    assert_eq!(
        (t1.assigned, t1.closed, t1.overdue_30d, t1.supervisions),
        (208, 119, 36, 24)
    );
    assert_eq!(
        (t2.assigned, t2.closed, t2.overdue_30d, t2.supervisions),
        (358, 247, 44, 30)
    );
    assert_eq!(t.closure_percent(), "63.8%");
    assert_eq!(t.redo_percent(), "6.8%");
}

#[test]
fn the_demo_is_sound_and_deterministic() {
    let dir = &demo().0;
    let store = Store::open(&dir.path().join("demo.db")).unwrap();
    let rep = hotline::ops::check::check(&store).unwrap();
    assert!(rep.ok(), "{:?}", rep.problems);
    assert!(rep.tallies_agree);
    // The running sums give the same figures as replaying every order.
    let p = demo().1.period;
    assert_eq!(
        store.fast_tallies(&p).unwrap(),
        hotline::report::replayed_tallies(&store, &p).unwrap()
    );
    assert_eq!(rep.orders, 574);
    // A second build gives the same history, event for event (only when it was recorded, the
    // stamp, differs).
    let other = Store::in_memory().unwrap();
    hotline::demo::build(&other).unwrap();
    let history = |s: &Store| -> Vec<_> {
        s.recent_events(100_000)
            .unwrap()
            .into_iter()
            .map(|e| (e.id, e.order_no, e.event))
            .collect()
    };
    assert_eq!(history(&store), history(&other));
}

/// Topic families, by the words that name them: a test's own coarse view, independent of how
/// the demo pairs a reply with its order.
const FAMILIES: &[(&str, &[&str])] = &[
    ("工资", &["工资", "欠薪"]),
    ("供暖", &["供暖", "暖气", "供热", "室温", "室内温度"]),
    ("取暖", &["取暖"]),
    ("漏水", &["漏水", "渗水", "漏雨", "防水"]),
    ("电梯", &["电梯"]),
    ("低保", &["低保"]),
    ("养老", &["养老金", "养老保险"]),
    ("宽带", &["宽带", "光纤", "光猫", "光缆"]),
    (
        "供电",
        &["停电", "电压", "电费", "电能表", "变压器", "电杆", "电线杆"],
    ),
    ("路灯", &["路灯"]),
    ("供水", &["停水", "供水", "自来水", "水质"]),
    ("交通信号", &["红绿灯", "信号灯"]),
    ("停车", &["乱停", "违停", "禁停"]),
    ("校车", &["校车"]),
    ("噪音", &["噪音", "噪声", "音响"]),
    ("油烟", &["油烟"]),
    ("退耕", &["退耕"]),
    ("井盖", &["井盖"]),
    (
        "补贴",
        &["补贴", "补助", "津贴", "奖补", "扶助金", "奖扶金"],
    ),
    ("危房", &["危房"]),
    ("宅基地", &["宅基地"]),
    ("社保卡", &["社保卡"]),
    ("贷款", &["贷款"]),
    ("网吧", &["网吧"]),
];

fn families(text: &str) -> std::collections::BTreeSet<&'static str> {
    FAMILIES
        .iter()
        .filter(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(f, _)| *f)
        .collect()
}

/// Why a reply does not belong to its order's topic family (None: it does). A reply may name
/// no family the order does not, and a request's reply names every family its title names.
fn reply_mismatch(title: &str, content: &str, request: bool, reply: &str) -> Option<String> {
    let order = families(&format!("{title}{content}"));
    let said = families(reply);
    let stray: Vec<_> = said.difference(&order).collect();
    if !stray.is_empty() {
        return Some(format!("the reply is about {stray:?}, the order is not"));
    }
    let missed: Vec<_> = families(title)
        .into_iter()
        .filter(|f| !said.contains(f))
        .collect();
    if request && !missed.is_empty() {
        return Some(format!(
            "the reply says nothing of {missed:?}, the title's topic"
        ));
    }
    None
}

/// The known places (villages, communities, compounds) and townships a text names.
fn places(text: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut spots = Vec::new();
    let mut towns = Vec::new();
    for (town, villages, communities) in hotline::demo::texts::townships() {
        if text.contains(town) {
            towns.push(town);
        }
        spots.extend(
            villages
                .iter()
                .chain(communities)
                .filter(|p| text.contains(*p)),
        );
    }
    spots.extend(
        hotline::demo::texts::compounds()
            .iter()
            .filter(|p| text.contains(*p)),
    );
    (spots, towns)
}

/// Why an address does not match the place its order's content names (None: it does): where
/// the content names villages, communities or compounds, the address names one of them and no
/// other; where it names townships, the address lies in one of them; a village lies in the
/// address's township.
fn address_mismatch(title: &str, content: &str, address: &str) -> Option<String> {
    let (said, said_towns) = places(&format!("{title}{content}"));
    let (at, at_towns) = places(address);
    if !said.is_empty() {
        if at.is_empty() {
            return Some(format!("the content names {said:?}, the address none"));
        }
        if let Some(p) = at.iter().find(|p| !said.contains(p)) {
            return Some(format!("the address names {p}, the content {said:?}"));
        }
    }
    if !said_towns.is_empty()
        && let Some(t) = at_towns.iter().find(|t| !said_towns.contains(t))
    {
        return Some(format!(
            "the address is in {t}, the content in {said_towns:?}"
        ));
    }
    for p in &at {
        let homes: Vec<&str> = hotline::demo::texts::townships()
            .filter(|(_, v, c)| v.contains(p) || c.contains(p))
            .map(|(t, _, _)| t)
            .collect();
        if !homes.is_empty() && !at_towns.is_empty() && !homes.iter().any(|h| at_towns.contains(h))
        {
            return Some(format!("{p} is not in {at_towns:?}"));
        }
    }
    None
}

#[test]
fn the_checks_catch_the_contradictions_issue_11_found() {
    // 201712240002 and 201712300002 as the demo used to build them.
    assert!(
        reply_mismatch(
            "御景园项目拖欠农民工工资",
            "我是红羊乡马营村人，跟着包工头在县城御景园项目上干木工活，还欠我们12个人工资。",
            true,
            "经调查处理，向开发商下达限期整改通知书，要求其在30日内完成房屋漏水维修，我局将跟踪复查。",
        )
        .is_some()
    );
    assert!(
        address_mismatch(
            "海城镇西关社区御景园供暖温度不达标",
            "我住在西关社区御景园3号楼，室温一直只有12℃左右。",
            "海原县海城镇杨坊村七组",
        )
        .is_some()
    );
    // And let the sound ones pass.
    assert_eq!(
        reply_mismatch(
            "御景园项目拖欠农民工工资",
            "还欠我们12个人工资。",
            true,
            "督促施工企业从农民工工资专用账户将所欠工资全部发放到位。",
        ),
        None
    );
    assert_eq!(
        address_mismatch(
            "海城镇西关社区御景园供暖温度不达标",
            "我住在西关社区御景园3号楼。",
            "海原县海城镇西关社区御景园3号楼2单元301室",
        ),
        None
    );
}

#[test]
fn every_demo_order_is_one_story() {
    let dir = &demo().0;
    let store = Store::open(&dir.path().join("demo.db")).unwrap();
    let mut problems = Vec::new();
    let mut replies = 0;
    store
        .for_each_order_with_events(|o, events| {
            if let Some(why) = address_mismatch(&o.title, &o.content, &o.address) {
                problems.push(format!(
                    "{} {}: address {}: {why}",
                    o.order_no, o.title, o.address
                ));
            }
            let request = o.category == hotline::domain::Category::Request;
            for (k, e) in events.iter().enumerate() {
                if let hotline::domain::EventKind::Replied { text } = &e.kind {
                    replies += 1;
                    // A vague reply (the office sent it back) need not name the topic, but
                    // may name no other.
                    let sent_back = events[k + 1..].iter().find_map(|e| match e.kind {
                        hotline::domain::EventKind::ReviewRejected { .. } => Some(true),
                        hotline::domain::EventKind::ReviewAccepted => Some(false),
                        _ => None,
                    });
                    let request = request && sent_back != Some(true);
                    if let Some(why) = reply_mismatch(&o.title, &o.content, request, text) {
                        problems.push(format!("{} {}: reply {text}: {why}", o.order_no, o.title));
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    assert!(replies > 400, "only {replies} replies");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
