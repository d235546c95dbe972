//! Duplicate candidates (重复诉求) and hotspots (热点问题): which orders are about the same
//! problem, and why. Pure: the store hands over orders' text, phone and time; everything that
//! decides is here, defined once (the README's definitions table says the same):
//!
//! - **places** (`places`): a small rule-based extractor of the place names a citizen gives —
//!   village 村, community 社区, housing estate 小区 and 苑/园/府 names (with the building,
//!   号楼/栋/幢/座 all written `N栋`), road 路/街;
//! - **text similarity** (`text_similarity`): the cosine of two texts' sets of character
//!   bigrams (title and content, boilerplate and function characters left out);
//! - **the score** (`compare`): text similarity, plus `PHONE_POINTS` for the same phone within
//!   the phone window, plus the best shared place's points (`Place::points`); a pair is a
//!   *candidate* when its score reaches `CANDIDATE_SCORE`;
//! - **hotspots** (`group`, `heat`): candidates gathered round a centre (star clustering: no
//!   chaining), each group ranked by its heat index.

use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The default window of duplicate candidates and hotspots, in days.
pub const WINDOW_DAYS: i64 = 30;
/// The default window within which the same phone counts, in days.
pub const PHONE_DAYS: i64 = 30;
/// The score from which a pair is a duplicate candidate.
pub const CANDIDATE_SCORE: f64 = 0.40;
/// Points for the same phone number (7 digits or more) within the phone window.
pub const PHONE_POINTS: f64 = 0.35;
/// Bigram similarity below which text earns nothing (and a shared place alone is no reason).
pub const TEXT_FLOOR: f64 = 0.10;
/// How many candidates an order lists by default.
pub const TOP: usize = 5;

/// What kind of place a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// 村
    Village,
    /// 社区
    Community,
    /// 小区, or a 苑/园/府 name
    Estate,
    /// 路, 街
    Road,
}

impl PlaceKind {
    pub fn zh(self) -> &'static str {
        match self {
            PlaceKind::Village => "同一村",
            PlaceKind::Community => "同一社区",
            PlaceKind::Estate => "同一小区",
            PlaceKind::Road => "同一道路",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            PlaceKind::Village => "same village",
            PlaceKind::Community => "same community",
            PlaceKind::Estate => "same estate",
            PlaceKind::Road => "same road",
        }
    }
    /// Estates and communities share names (东澜湾小区 is in 东澜湾社区): one kind for matching.
    fn family(self) -> u8 {
        match self {
            PlaceKind::Village => 0,
            PlaceKind::Community | PlaceKind::Estate => 1,
            PlaceKind::Road => 2,
        }
    }
}

/// A place named in a text: `name` as written there (锦绣华府, 百祥村, 潇楚南路; an estate
/// without the word 小区), and for an estate the building named right after it (`10栋`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    pub kind: PlaceKind,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
}

impl Place {
    /// The place as a reason shows it: 锦绣华府10栋.
    pub fn label(&self) -> String {
        format!("{}{}", self.name, self.building.as_deref().unwrap_or(""))
    }

    /// Whether two places are one: the same family of kind, and the names equal or the shorter
    /// (3 characters or more) ending the longer (灰埠路 is 星沙灰埠路: the extractor cannot
    /// always tell where a name starts).
    pub fn same_as(&self, other: &Place) -> bool {
        if self.kind.family() != other.kind.family() {
            return false;
        }
        let (a, b) = (&self.name, &other.name);
        let (short, long) = if a.chars().count() <= b.chars().count() {
            (a, b)
        } else {
            (b, a)
        };
        short == long || (short.chars().count() >= 3 && long.ends_with(short.as_str()))
    }

    /// What a shared place adds to a pair's score: an estate or community with the same
    /// building 0.35, a village, community or estate 0.25, a road 0.15 (many people live on
    /// one road).
    pub fn points(&self, other: &Place) -> f64 {
        match self.kind {
            PlaceKind::Road => 0.15,
            _ if self.building.is_some() && self.building == other.building => 0.35,
            _ => 0.25,
        }
    }
}

/// Characters that end a place name on its left: administrative divisions (a name starts
/// after 市/区/县/镇…), punctuation aside, and the function characters and verbs that come
/// before a place in a message (住在、位于、反映、关于…).
fn ends_name(c: char) -> bool {
    !(is_han(c) || c.is_ascii_alphanumeric())
        || "省市区县镇乡州的在于是了和与对把被从到及或等个我你他她们住家位该本这那向给去往来说请问为有就都也还又将已让由因所近旁边附内外号楼栋幢座层室元期映诉询议望求注经过至即称处每各此其整出入进要起"
            .contains(c)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The name on the left of `chars[end]` (exclusive): at most 6 characters, stopping at
/// `ends_name`; leading ASCII (A3 of A3区) dropped.
fn name_before(chars: &[char], end: usize) -> String {
    let mut start = end;
    while start > 0 && end - start < 6 && !ends_name(chars[start - 1]) {
        start -= 1;
    }
    let mut s = start;
    while s < end && chars[s].is_ascii_alphanumeric() {
        s += 1;
    }
    chars[s..end].iter().collect()
}

/// The building named at `chars[i..]` within a few characters (10号楼, 3栋, b座, 十幢), as
/// `N栋`.
fn building_at(chars: &[char], i: usize) -> Option<String> {
    let mut i = i;
    // 小区 / spaces / 的 between the estate and the building.
    for _ in 0..3 {
        match chars.get(i) {
            Some(' ' | '的') => i += 1,
            Some('小') if chars.get(i + 1) == Some(&'区') => i += 2,
            _ => break,
        }
    }
    let digit = |c: char| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c);
    let start = i;
    while i < chars.len() && i - start < 4 && (digit(chars[i]) || chars[i] == '-') {
        i += 1;
    }
    if i == start {
        return None;
    }
    let number: String = chars[start..i].iter().collect();
    let rest = |s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    let unit = ["号楼", "#楼", "栋", "幢", "座", "号栋"]
        .iter()
        .any(|u| rest(u));
    unit.then(|| format!("{}栋", number.to_uppercase()))
}

/// Names too general to be a place (该小区 is stopped by `ends_name`; these are not).
const GENERIC: &[&str] = &[
    "城中", "农", "乡", "新农", "小", "大", "老", "新", "一个", "多个", "几个", "其他", "其它",
    "同一", "附近", "周边", "所在", "整个", "隔壁", "对面", "全", "美丽", "村",
];

/// The places a text names, each once, in order of first mention (see the module comment).
pub fn places(text: &str) -> Vec<Place> {
    let chars: Vec<char> = text.chars().map(super::text::fold_char).collect();
    let mut out: Vec<Place> = Vec::new();
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let followed = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| at(i + k) == c);
    let mut push = |kind: PlaceKind, name: String, building: Option<String>| {
        let n = name.chars().count();
        if n < 2 || GENERIC.contains(&name.as_str()) {
            return;
        }
        let p = Place {
            kind,
            name,
            building,
        };
        match out
            .iter_mut()
            .find(|q| q.kind == p.kind && q.name == p.name)
        {
            Some(q) if q.building.is_none() => q.building = p.building,
            Some(_) => {}
            None => out.push(p),
        }
    };
    for i in 0..chars.len() {
        let c = chars[i];
        match c {
            '小' | '社' if at(i + 1) == '区' => {
                let name = name_before(&chars, i);
                let kind = if c == '小' {
                    PlaceKind::Estate
                } else {
                    PlaceKind::Community
                };
                let building = (kind == PlaceKind::Estate)
                    .then(|| building_at(&chars, i + 2))
                    .flatten();
                push(kind, name, building);
            }
            '村' => {
                if followed(i + 1, "小区") || "民委组级里干部集庄镇落务医口头".contains(at(i + 1))
                {
                    continue;
                }
                let name = name_before(&chars, i);
                if name.chars().count() >= 2 && !"农乡".contains(at(i.wrapping_sub(1))) {
                    push(PlaceKind::Village, format!("{name}村"), None);
                }
            }
            '苑' | '园' | '府' => {
                if followed(i + 1, "小区") || "区林长艺丁内所".contains(at(i + 1)) {
                    continue;
                }
                let before = at(i.wrapping_sub(1));
                let excluded = match c {
                    '园' => "儿校菜果茶陵墓公乐植动物田庄",
                    '府' => "政官首学王",
                    _ => "",
                };
                if excluded.contains(before) {
                    continue;
                }
                let name = name_before(&chars, i);
                if name.chars().count() >= 2 {
                    let building = building_at(&chars, i + 1);
                    push(PlaceKind::Estate, format!("{name}{c}"), building);
                }
            }
            '路' | '街' => {
                let next_excluded = if c == '路' {
                    "灯费况面线过人径由子上段边"
                } else {
                    "道头面边坊舞区上"
                };
                if next_excluded.contains(at(i + 1)) && !(c == '路' && at(i + 1) == '段') {
                    continue;
                }
                let before = at(i.wrapping_sub(1));
                if c == '路'
                    && "马道公铁线出网水电思走门岔山小一上下过半进退后前来回绕修分引带领找新"
                        .contains(before)
                {
                    continue;
                }
                let name = name_before(&chars, i);
                if name.chars().count() >= 2 {
                    push(PlaceKind::Road, format!("{name}{c}"), None);
                }
            }
            _ => {}
        }
    }
    out
}

/// Characters left out of the bigrams: function words that make unrelated texts look alike.
fn is_stop_char(c: char) -> bool {
    "的了是在我有和就也都很这那你他她它们吗呢吧啊您之与及或而且但被把让给对于个些么着过得地还要会能可以"
        .contains(c)
}

/// Bigrams that every message has (greetings, 反映, 问题…): left out too.
const STOP_BIGRAMS: &[&str] = &[
    "尊敬", "敬领", "领导", "您好", "你好", "请问", "反映", "关于", "问题", "希望", "建议", "咨询",
    "投诉", "市民", "书记", "谢谢", "感谢", "政府", "相关", "部门", "情况", "现在", "目前", "已经",
    "一直", "没有", "不是", "什么", "如何", "怎么", "为什", "请求", "解决", "处理", "重视", "及时",
    "尽快", "有关", "规定", "要求", "工作", "进行",
];

fn bigram_key(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// The set of a text's character bigrams (sorted, each once): the text folded
/// (`text::fold_char`), cut into runs of Chinese characters, letters and digits at every other
/// character and at the stop characters; the bigrams of each run, less `STOP_BIGRAMS`.
pub fn bigrams(text: &str) -> Vec<u64> {
    let stop = stop_bigrams();
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut prev: Option<char> = None;
    for c in text.chars().map(super::text::fold_char) {
        let keep = (is_han(c) || c.is_ascii_alphanumeric()) && !is_stop_char(c);
        if !keep {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let k = bigram_key(p, c);
            if stop.binary_search(&k).is_err() {
                out.push(k);
            }
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `STOP_BIGRAMS` as sorted keys, made once.
fn stop_bigrams() -> &'static [u64] {
    static KEYS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut v: Vec<u64> = STOP_BIGRAMS
            .iter()
            .filter_map(|s| {
                let mut it = s.chars();
                Some(bigram_key(it.next()?, it.next()?))
            })
            .collect();
        v.sort_unstable();
        v
    })
}

/// The bigram `k` as text (for a suggestion's words).
pub fn bigram_text(k: u64) -> String {
    [(k >> 32) as u32, k as u32]
        .iter()
        .filter_map(|&c| char::from_u32(c))
        .collect()
}

/// How many elements two sorted sets share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The cosine of two bigram sets: shared / √(|a|·|b|), 0 when either is empty.
pub fn cosine(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    shared(a, b) as f64 / ((a.len() * b.len()) as f64).sqrt()
}

/// What an order contributes to a comparison, computed once per order.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Bigrams of title and content together.
    pub bigrams: Vec<u64>,
    /// Bigrams of the title alone (what proposes a hotspot's pairs).
    pub title: Vec<u64>,
    pub places: Vec<Place>,
    /// The phone's digits (empty when fewer than 7).
    pub phone: String,
}

/// The features of an order's title, content and phone.
pub fn features(title: &str, content: &str, phone: &str) -> Features {
    with_places(
        features_without_places(title, content, phone),
        title,
        content,
    )
}

/// `features` without the places: what a first pass over a window needs (`may_match`); the
/// places are extracted afterwards for the few that pass (`with_places`).
pub fn features_without_places(title: &str, content: &str, phone: &str) -> Features {
    let text = format!("{title}\n{content}");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    Features {
        bigrams: bigrams(&text),
        title: bigrams(title),
        places: Vec::new(),
        phone: if digits.len() >= 7 {
            digits
        } else {
            String::new()
        },
    }
}

/// The places of `title` and `content` added to features made without them.
pub fn with_places(mut f: Features, title: &str, content: &str) -> Features {
    f.places = places(&format!("{title}\n{content}"));
    f
}

/// Whether a pair can score anything at all (`compare`): the same phone, or text similarity of
/// at least `TEXT_FLOOR` (places count only then). The first pass over a window.
pub fn may_match(a: &Features, b: &Features) -> bool {
    (!a.phone.is_empty() && a.phone == b.phone) || text_similarity(a, b) >= TEXT_FLOOR
}

/// Text similarity of two orders: the cosine of their title-and-content bigram sets.
pub fn text_similarity(a: &Features, b: &Features) -> f64 {
    cosine(&a.bigrams, &b.bigrams)
}

/// Why two orders may be about one problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// The same phone, the calls `days` apart.
    SamePhone { days: i64 },
    /// A place both name.
    SamePlace { place: Place },
    /// Bigram similarity of title and content.
    Similar { similarity: f64 },
}

impl Reason {
    pub fn zh(&self) -> String {
        match self {
            Reason::SamePhone { .. } => "同一电话".to_string(),
            Reason::SamePlace { place } => format!("{} {}", place.kind.zh(), place.label()),
            Reason::Similar { similarity } => format!("相似 {similarity:.2}"),
        }
    }
    pub fn en(&self) -> String {
        match self {
            Reason::SamePhone { days } => format!("same phone ({days} days apart)"),
            Reason::SamePlace { place } => format!("{} {}", place.kind.en(), place.label()),
            Reason::Similar { similarity } => format!("similar {similarity:.2}"),
        }
    }
}

/// A comparison's result: the score and its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub score: f64,
    pub reasons: Vec<Reason>,
}

impl Match {
    pub fn is_candidate(&self) -> bool {
        self.score >= CANDIDATE_SCORE
    }
    /// The reasons in one line: 同一电话；同一小区 锦绣华府10栋；相似 0.72.
    pub fn reasons_zh(&self) -> String {
        let v: Vec<String> = self.reasons.iter().map(Reason::zh).collect();
        v.join("；")
    }
    pub fn reasons_en(&self) -> String {
        let v: Vec<String> = self.reasons.iter().map(Reason::en).collect();
        v.join("; ")
    }
}

/// The score of a pair (the module comment): text similarity s (when at least `TEXT_FLOOR`,
/// else 0), + `PHONE_POINTS` for the same phone received at most `phone_days` apart, + the
/// points of the best place both name (`Place::points`) — a place only with s ≥ `TEXT_FLOOR`
/// (two texts that share a road and nothing else are not one problem).
pub fn compare(
    a: &Features,
    a_at: NaiveDateTime,
    b: &Features,
    b_at: NaiveDateTime,
    phone_days: i64,
) -> Match {
    let mut reasons = Vec::new();
    let mut score = 0.0;
    let days = (a_at - b_at).num_days().abs();
    if !a.phone.is_empty() && a.phone == b.phone && days <= phone_days {
        score += PHONE_POINTS;
        reasons.push(Reason::SamePhone { days });
    }
    let s = text_similarity(a, b);
    if s >= TEXT_FLOOR {
        let best = a
            .places
            .iter()
            .flat_map(|p| {
                b.places
                    .iter()
                    .filter(|q| p.same_as(q))
                    .map(move |q| (p, q))
            })
            .map(|(p, q)| (p.points(q), p))
            .max_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((points, p)) = best {
            score += points;
            let mut place = p.clone();
            if points < 0.35 {
                place.building = None;
            }
            reasons.push(Reason::SamePlace { place });
        }
        score += s;
        reasons.push(Reason::Similar {
            similarity: (s * 100.0).round() / 100.0,
        });
    }
    Match {
        score: (score * 1000.0).round() / 1000.0,
        reasons,
    }
}

/// An order as similarity sees it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub order_no: String,
    pub title: String,
    pub received_at: NaiveDateTime,
    pub open: bool,
    /// Who called: the phone, else the citizen's name (for the distinct count of a hotspot).
    pub caller: String,
    pub features: Features,
}

/// A duplicate candidate of an order.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub order_no: String,
    pub title: String,
    pub received_at: NaiveDateTime,
    pub open: bool,
    #[serde(flatten)]
    pub matched: Match,
}

/// The candidates among `docs` of the order with `features` received at `at`: every doc
/// (but `order_no` itself) whose pair is a candidate (`Match::is_candidate`), best score
/// first (then latest), at most `top`.
pub fn candidates(
    order_no: &str,
    features: &Features,
    at: NaiveDateTime,
    docs: &[Doc],
    phone_days: i64,
    top: usize,
) -> Vec<Candidate> {
    let mut out = ranked(order_no, features, at, docs, phone_days, top);
    out.retain(|c| c.matched.is_candidate());
    out
}

/// The `top` best-scoring docs whatever their score (0 excluded), as `candidates` orders them;
/// `candidates` keeps those that reach `CANDIDATE_SCORE` (the quality measure sweeps it).
pub fn ranked(
    order_no: &str,
    features: &Features,
    at: NaiveDateTime,
    docs: &[Doc],
    phone_days: i64,
    top: usize,
) -> Vec<Candidate> {
    let mut scored: Vec<(usize, Match)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.order_no != order_no)
        .filter_map(|(i, d)| {
            let m = compare(features, at, &d.features, d.received_at, phone_days);
            (m.score > 0.0).then_some((i, m))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then(docs[b.0].received_at.cmp(&docs[a.0].received_at))
    });
    scored.truncate(top);
    scored
        .into_iter()
        .map(|(i, m)| {
            let d = &docs[i];
            Candidate {
                order_no: d.order_no.clone(),
                title: d.title.clone(),
                received_at: d.received_at,
                open: d.open,
                matched: m,
            }
        })
        .collect()
}

/// A title bigram in more than this many of a window's orders proposes no pairs (it still
/// counts in the similarity): a hotspot's search stays linear in the window.
const COMMON: usize = 200;

/// The candidate pairs (i < j) among `docs`, each with its match: proposed by a shared phone
/// or at least 3 shared title bigrams (an inverted index, common bigrams left out), then
/// scored by `compare`.
pub fn pairs(docs: &[Doc], phone_days: i64) -> Vec<(usize, usize, Match)> {
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut phones: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for &b in &d.features.title {
            index.entry(b).or_default().push(i);
        }
        if !d.features.phone.is_empty() {
            phones.entry(d.features.phone.as_str()).or_default().push(i);
        }
    }
    let cap = COMMON;
    let mut out = Vec::new();
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        counts.clear();
        for b in &d.features.title {
            if let Some(list) = index.get(b).filter(|l| l.len() <= cap) {
                for &j in list.iter().filter(|&&j| j > i) {
                    *counts.entry(j).or_default() += 1;
                }
            }
        }
        if let Some(list) = phones.get(d.features.phone.as_str()) {
            for &j in list.iter().filter(|&&j| j > i) {
                *counts.entry(j).or_default() += 100;
            }
        }
        // A pair needs at least 3 shared uncommon title bigrams (or the phone) to be scored.
        let mut js: Vec<usize> = counts
            .iter()
            .filter(|&(_, &n)| n >= 3)
            .map(|(&j, _)| j)
            .collect();
        js.sort_unstable();
        for j in js {
            let e = &docs[j];
            let m = compare(
                &d.features,
                d.received_at,
                &e.features,
                e.received_at,
                phone_days,
            );
            if m.is_candidate() {
                out.push((i, j, m));
            }
        }
    }
    out
}

/// Groups of docs linked by candidate pairs, without chaining (A like B like C does not make A
/// like C): the doc with the most links is a group's centre, and its linked docs not yet in a
/// group join it; then the next doc not in a group with the most links, and so on (star
/// clustering). Groups of at least `min` members, largest first; members in index order.
pub fn group(n: usize, links: &[(usize, usize)], min: usize) -> Vec<Vec<usize>> {
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in links {
        if a < n && b < n && a != b {
            adjacent[a].push(b);
            adjacent[b].push(a);
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| adjacent[b].len().cmp(&adjacent[a].len()).then(a.cmp(&b)));
    let mut taken = vec![false; n];
    let mut out = Vec::new();
    for c in order {
        if taken[c] || adjacent[c].is_empty() {
            continue;
        }
        taken[c] = true;
        let mut g = vec![c];
        for &j in &adjacent[c] {
            if !taken[j] {
                taken[j] = true;
                g.push(j);
            }
        }
        g.sort_unstable();
        g.dedup();
        if g.len() >= min {
            out.push(g);
        }
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// The heat index of a hotspot (热度), defined once (README):
///
/// heat = n × (1 + d / n) × (1 + g) × (0.5 + o)
///
/// - n: the group's orders received in the window;
/// - d: distinct callers among them (phone, else name): ten citizens weigh more than one
///   citizen calling ten times — the factor runs from 1 + 1/n (one caller) to 2 (all distinct);
/// - g: growth over the previous window of the same length, (n − p) / max(p, 1) with p the
///   group's orders received then, clamped to [−0.5, 2] — so a rising problem counts up to
///   three times, a fading one half;
/// - o: the share of the n still open — a problem solved counts half, one all open 1.5 times.
///
/// E.g. n = 6, d = 4, p = 2, 3 open: 6 × (1 + 4/6) × (1 + 2) × (0.5 + 0.5) = 6 × 1.667 × 3 × 1
/// = 30.0.
pub fn heat(n: usize, distinct: usize, previous: usize, open: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let nf = n as f64;
    let g = growth(n, previous);
    let o = open as f64 / nf;
    nf * (1.0 + distinct as f64 / nf) * (1.0 + g) * (0.5 + o)
}

/// A hotspot's growth over the previous window (see `heat`).
pub fn growth(n: usize, previous: usize) -> f64 {
    ((n as f64 - previous as f64) / previous.max(1) as f64).clamp(-0.5, 2.0)
}

/// A hotspot: a group of orders about one problem in the window.
#[derive(Debug, Clone, Serialize)]
pub struct Hotspot {
    pub heat: f64,
    pub count: usize,
    pub distinct_callers: usize,
    pub previous: usize,
    pub growth: f64,
    pub open_share: f64,
    pub label: String,
    pub order_nos: Vec<String>,
}

/// The hotspots among `docs` received in `[from, to)` (`previous` window: `[from − (to − from),
/// from)`): the groups (`group`, at least `min` orders in the window) of candidate pairs over
/// both windows, heat (`heat`) largest first. The label is the title of the member most like
/// the others, after the place most members name when more than half of them (and 2 or more)
/// name it and the title does not.
pub fn hotspots(
    docs: &[Doc],
    from: NaiveDateTime,
    to: NaiveDateTime,
    phone_days: i64,
    min: usize,
) -> Vec<Hotspot> {
    let pairs = pairs(docs, phone_days);
    let links: Vec<(usize, usize)> = pairs.iter().map(|&(i, j, _)| (i, j)).collect();
    let mut out: Vec<Hotspot> = group(docs.len(), &links, 2)
        .into_iter()
        .filter_map(|g| {
            let (now, before): (Vec<usize>, Vec<usize>) = g
                .iter()
                .partition(|&&i| docs[i].received_at >= from && docs[i].received_at < to);
            if now.len() < min {
                return None;
            }
            let callers: HashSet<&str> = now
                .iter()
                .map(|&i| docs[i].caller.as_str())
                .filter(|c| !c.is_empty())
                .collect();
            let distinct = callers.len().max(1);
            let open = now.iter().filter(|&&i| docs[i].open).count();
            let n = now.len();
            let mut order_nos: Vec<String> =
                now.iter().map(|&i| docs[i].order_no.clone()).collect();
            order_nos.sort();
            Some(Hotspot {
                heat: (heat(n, distinct, before.len(), open) * 100.0).round() / 100.0,
                count: n,
                distinct_callers: distinct,
                previous: before.len(),
                growth: growth(n, before.len()),
                open_share: open as f64 / n as f64,
                label: label(docs, &now, &pairs),
                order_nos,
            })
        })
        .collect();
    out.sort_by(|a, b| b.heat.total_cmp(&a.heat).then(b.count.cmp(&a.count)));
    out
}

fn label(docs: &[Doc], members: &[usize], pairs: &[(usize, usize, Match)]) -> String {
    let mut places: HashMap<(PlaceKind, String), usize> = HashMap::new();
    for &i in members {
        let mut seen = HashSet::new();
        for p in &docs[i].features.places {
            if seen.insert((p.kind, p.name.clone())) {
                *places.entry((p.kind, p.name.clone())).or_default() += 1;
            }
        }
    }
    let majority = (members.len() / 2 + 1).max(2);
    let mut best: Vec<((PlaceKind, String), usize)> =
        places.into_iter().filter(|(_, n)| *n >= majority).collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let place = best.first().map(|((_, name), _)| name.clone());
    // The member with the highest summed score to the others.
    let set: HashSet<usize> = members.iter().copied().collect();
    let mut sum: HashMap<usize, f64> = HashMap::new();
    for (i, j, m) in pairs {
        if set.contains(i) && set.contains(j) {
            *sum.entry(*i).or_default() += m.score;
            *sum.entry(*j).or_default() += m.score;
        }
    }
    let medoid = members
        .iter()
        .max_by(|a, b| {
            let (x, y) = (sum.get(a).unwrap_or(&0.0), sum.get(b).unwrap_or(&0.0));
            x.total_cmp(y).then(b.cmp(a))
        })
        .map(|&i| super::text::one_line(&docs[i].title))
        .unwrap_or_default();
    match place {
        Some(p) if !medoid.contains(&p) => format!("{p}：{medoid}"),
        _ => medoid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        places(text).iter().map(Place::label).collect()
    }

    #[test]
    fn places_from_real_messages() {
        // Strings from the 2020 TipDM data set (tests/fixtures/taidi2020-c-attachment4.xlsx).
        assert_eq!(
            names("位于A市A2区桂花坪街道的A2区公安分局宿舍区（景蓉华苑)出现了一番乱象"),
            ["景蓉华苑"]
        );
        assert_eq!(names("A3区潇楚南路洋湖段怎么还没修好？"), ["潇楚南路"]);
        assert_eq!(names("A3区教师村小区盼望早日安装电梯"), ["教师村"]);
        assert_eq!(names("反映A5区东澜湾社区居民的集体民生诉求"), ["东澜湾"]);
        assert_eq!(
            names("A7县干杉镇百祥村村民咨询再婚迁入户口能否分配安置地基？"),
            ["百祥村"]
        );
        assert_eq!(names("请求关注爱琴海岸小区物业管理有关问题"), ["爱琴海岸"]);
        assert_eq!(names("A3区含浦镇马路卫生很差"), Vec::<String>::new());
        assert_eq!(
            names("该小区的物业公司扬言要退出小区"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("政府幼儿园公园路灯不亮，农村道路"),
            Vec::<String>::new()
        );
        let p = places("再次反映星沙灰埠路爱琴海岸段没有安装路灯一事");
        assert_eq!(p[0].kind, PlaceKind::Road);
        assert!(p[0].name.ends_with("灰埠路"), "{p:?}");
    }

    #[test]
    fn buildings_are_one_form() {
        for text in [
            "锦绣华府10号楼漏水",
            "锦绣华府10栋漏水",
            "锦绣华府 10幢漏水",
            "锦绣华府小区10座漏水",
            "锦绣华府１０号楼漏水",
        ] {
            assert_eq!(names(text), ["锦绣华府10栋"], "{text}");
        }
        assert_eq!(names("阳光小区3栋二单元"), ["阳光3栋"]);
    }

    #[test]
    fn a_suffix_of_a_longer_name_is_the_same_place() {
        let a = Place {
            kind: PlaceKind::Road,
            name: "星沙灰埠路".into(),
            building: None,
        };
        let b = Place {
            name: "灰埠路".into(),
            ..a.clone()
        };
        let c = Place {
            name: "埠路".into(),
            ..a.clone()
        };
        assert!(a.same_as(&b) && b.same_as(&a));
        assert!(!a.same_as(&c), "two characters are too few to be sure");
        let estate = Place {
            kind: PlaceKind::Estate,
            name: "东澜湾".into(),
            building: None,
        };
        let community = Place {
            kind: PlaceKind::Community,
            ..estate.clone()
        };
        assert!(estate.same_as(&community));
        assert!(!estate.same_as(&b));
    }

    #[test]
    fn bigrams_leave_out_function_characters_and_boilerplate() {
        let b: Vec<String> = bigrams("您好，我的小区路灯不亮")
            .into_iter()
            .map(bigram_text)
            .collect();
        // 您好 is boilerplate; 的 cuts 我|小区路灯不亮.
        let mut want = vec!["小区", "区路", "路灯", "灯不", "不亮"];
        want.sort_by_key(|s| {
            let mut it = s.chars();
            bigram_key(it.next().unwrap_or(' '), it.next().unwrap_or(' '))
        });
        assert_eq!(b, want);
        assert_eq!(bigrams("，。！"), Vec::<u64>::new());
    }

    #[test]
    fn cosine_by_hand() {
        // {ab, bc, cd} and {bc, cd, de, ef}: 2 shared / √(3·4) = 0.577.
        let a = bigrams("abcd");
        let b = bigrams("bcdef");
        assert!((cosine(&a, &b) - 2.0 / 12f64.sqrt()).abs() < 1e-9);
        assert_eq!(cosine(&a, &[]), 0.0);
        assert_eq!(cosine(&a, &a), 1.0);
    }

    fn t(s: &str) -> NaiveDateTime {
        crate::domain::time::parse_datetime(s, false).unwrap_or_default()
    }

    #[test]
    fn score_adds_phone_place_and_text() {
        let a = features(
            "锦绣华府10号楼楼顶漏水",
            "家里天花板漏水严重",
            "13812345678",
        );
        let b = features("锦绣华府10栋楼顶漏水", "楼顶防水层破损", "138-1234-5678");
        let m = compare(&a, t("2024-05-01 09:00"), &b, t("2024-05-03 10:00"), 30);
        let s = text_similarity(&a, &b);
        assert!((m.score - (PHONE_POINTS + 0.35 + s)).abs() < 0.001, "{m:?}");
        assert_eq!(
            m.reasons_zh(),
            format!("同一电话；同一小区 锦绣华府10栋；相似 {s:.2}")
        );
        // Past the phone window, the phone is no reason.
        let m = compare(&a, t("2024-05-01 09:00"), &b, t("2024-07-01 10:00"), 30);
        assert!(
            !m.reasons
                .iter()
                .any(|r| matches!(r, Reason::SamePhone { .. }))
        );
        // Unrelated texts sharing a road: nothing.
        let c = features("红旗路噪音扰民", "夜间施工", "");
        let d = features("红旗路公交站建议", "增设站牌", "");
        let m = compare(&c, t("2024-05-01 09:00"), &d, t("2024-05-01 09:00"), 30);
        assert!(!m.is_candidate(), "{m:?}");
    }

    #[test]
    fn heat_by_hand() {
        // n = 6, d = 4, p = 2, 3 open: 6 × (1 + 4/6) × (1 + (6 − 2)/2 = 3) × (0.5 + 0.5) = 30.
        assert!((heat(6, 4, 2, 3) - 30.0).abs() < 1e-9);
        // n = 3, one caller, none before (growth clamped to 2), none open:
        // 3 × (1 + 1/3) × 3 × 0.5 = 6.
        assert!((heat(3, 1, 0, 0) - 6.0).abs() < 1e-9);
        // Fading: n = 2 of p = 8 → growth −0.75 clamped −0.5; 2 distinct, 2 open:
        // 2 × 2 × 0.5 × 1.5 = 3.
        assert!((heat(2, 2, 8, 2) - 3.0).abs() < 1e-9);
        assert_eq!(heat(0, 0, 0, 0), 0.0);
    }

    #[test]
    fn groups_are_stars_not_chains() {
        // 1 is linked to 0 and 2: the centre; 4–5 a pair.
        let g = group(6, &[(0, 1), (1, 2), (4, 5)], 2);
        assert_eq!(g, vec![vec![0, 1, 2], vec![4, 5]]);
        // A chain 0–1–2–3–4: 1 (first of the most linked) takes 0 and 2; 3 takes 4.
        let g = group(5, &[(0, 1), (1, 2), (2, 3), (3, 4)], 2);
        assert_eq!(g, vec![vec![0, 1, 2], vec![3, 4]]);
        assert_eq!(group(3, &[], 2), Vec::<Vec<usize>>::new());
    }
}
