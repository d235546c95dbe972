//! Fictional citizen work-order texts for the built-in demo database.
//!
//! Everything here is pure data plus a tiny deterministic PRNG, so the demo
//! database is reproducible from a seed. All names, phone numbers, addresses,
//! companies and events are invented; any resemblance to real people or
//! organisations is coincidental.
//!
//! Templates contain `{slot}` placeholders (ASCII keys) that are filled from a
//! per-order set of random values (see [`Slots`]), so the title and content of
//! one order always mention the same place, duration and amounts.

/// A tiny deterministic PRNG (SplitMix64) so the demo is reproducible without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// uniform in 0..n (n > 0)
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "Rng::below called with n = 0");
        // Lemire's multiply-and-shift with rejection: exactly uniform.
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        assert!(!items.is_empty(), "Rng::pick called with an empty slice");
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// uniform in lo..=hi
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    pub name: String,
    pub phone: String,
    pub address: String,
}

/// A citizen living in the area of `unit` (for a township unit: an address in that township, with a village/community name; for a county department: an address in 海城镇, the county seat, e.g. a street and residential compound).
pub fn citizen(rng: &mut Rng, unit: &str, township: bool) -> Citizen {
    let name = person_name(rng);
    let phone = mobile_phone(rng);
    let address = if township {
        township_address(rng, unit)
    } else {
        seat_address(rng)
    };
    Citizen {
        name,
        phone,
        address,
    }
}

/// The citizen who tells `story`: living where the content says (the village, community or
/// compound it names, in the township it names), else in the area of `unit` as [`citizen`].
/// It draws from `rng` exactly what [`citizen`] draws, so what follows in a seeded sequence
/// (the demo's other orders) does not depend on the story's place.
pub fn citizen_of(rng: &mut Rng, unit: &str, township: bool, story: &Story) -> Citizen {
    let mut c = citizen(rng, unit, township);
    // The place's own numbers come from a copy of the generator: `rng` has drawn exactly
    // what `citizen` draws.
    let mut copy = rng.clone();
    if let Some(address) = story.place.address(&mut copy) {
        c.address = address;
    }
    c
}

/// What an invented order is about: its title and content, and what a reply and the citizen's
/// address must agree with — the measure its own template pairs with a request, the place its
/// content names.
#[derive(Debug, Clone)]
pub struct Story {
    pub title: String,
    pub content: String,
    /// "inquiry", "suggestion" or "request".
    category: &'static str,
    measure: Option<&'static str>,
    place: Place,
}

/// The places a content names (its template's place slots that were used).
#[derive(Debug, Clone, Default)]
struct Place {
    town: Option<String>,
    vil: Option<&'static str>,
    grp: Option<&'static str>,
    com: Option<&'static str>,
    xq: Option<&'static str>,
    road: Option<&'static str>,
    bld: Option<u64>,
    floor: Option<u64>,
}

impl Place {
    /// An address at this place, or None when the content names none.
    fn address(&self, rng: &mut Rng) -> Option<String> {
        let flat = |rng: &mut Rng, bld: Option<u64>, floor: Option<u64>| {
            let bld = bld.unwrap_or_else(|| rng.range(1, 18));
            let unit = rng.range(1, 4);
            let floor = floor.unwrap_or_else(|| rng.range(1, 6));
            format!("{bld}号楼{unit}单元{floor}0{}室", rng.range(1, 4))
        };
        if let (Some(town), Some(vil)) = (&self.town, self.vil) {
            let grp = self.grp.unwrap_or_else(|| pick_str(rng, GROUPS));
            return Some(if rng.chance(40) {
                format!("海原县{town}{vil}{grp}{}号", rng.range(1, 80))
            } else {
                format!("海原县{town}{vil}{grp}")
            });
        }
        if let Some(com) = self.com {
            let town = TOWNSHIPS
                .iter()
                .find(|t| t.communities.contains(&com))
                .map_or("海城镇", |t| t.name);
            // 街道办 is the county seat's sub-district office: name the community only.
            let prefix = if town == "街道办" {
                String::from("海原县")
            } else {
                format!("海原县{town}")
            };
            return Some(match self.xq {
                Some(xq) => format!("{prefix}{com}{xq}{}", flat(rng, self.bld, self.floor)),
                None => {
                    let road = self.road.unwrap_or_else(|| pick_str(rng, ROADS));
                    format!("{prefix}{com}{road}{}号", rng.range(1, 200))
                }
            });
        }
        if let Some(xq) = self.xq {
            let road = self.road.unwrap_or_else(|| pick_str(rng, ROADS));
            return Some(format!(
                "海原县海城镇{road}{xq}{}",
                flat(rng, self.bld, self.floor)
            ));
        }
        if let Some(town) = &self.town {
            return Some(township_address(rng, town));
        }
        self.road
            .map(|road| format!("海原县海城镇{road}{}号", rng.range(1, 260)))
    }
}

/// Title (≤ 30 chars, like "海城镇南关社区供暖温度不达标") and content (60–250 chars, first person, concrete: place, how long, what was tried, what is asked) of a request fitting `unit`.
/// category is one of "inquiry" (咨询: asks about a policy/procedure), "suggestion" (建议), "request" (诉求: complaint/help).
pub fn order_text(rng: &mut Rng, unit: &str, township: bool, category: &str) -> (String, String) {
    let s = story(rng, unit, township, category);
    (s.title, s.content)
}

/// An order's story: as [`order_text`], with what its reply and address need.
pub fn story(rng: &mut Rng, unit: &str, township: bool, category: &str) -> Story {
    let (tpl, measure) = choose_template(rng, unit, township, category);
    let slots = Slots::new(rng, unit, township);
    let title = clamp_title(slots.fill(tpl.0));
    let content = clamp_content(slots.fill(tpl.1));
    let used = |key: &str| tpl.0.contains(key) || tpl.1.contains(key);
    let mut place = Place {
        // A village is the story's township's, named or not ("海兴开发区{vil}").
        town: ["{town}", "{hosp}", "{tsch}", "{vil}"]
            .iter()
            .any(|k| used(k))
            .then(|| slots.town.clone()),
        vil: used("{vil}").then_some(slots.vil),
        grp: used("{grp}").then_some(slots.grp),
        com: used("{com}").then_some(slots.com),
        xq: used("{xq}").then_some(slots.xq),
        road: used("{road}").then_some(slots.road),
        bld: used("{bld}").then_some(slots.bld),
        floor: used("{floor}").then_some(slots.floor),
    };
    // A township without villages (街道办) tells its stories in its communities.
    if let Some(v) = place
        .vil
        .filter(|v| TOWNSHIPS.iter().any(|t| t.communities.contains(v)))
    {
        place.com = place.com.or(Some(v));
        place.vil = None;
        place.grp = None;
    }
    let category = match category {
        "inquiry" => "inquiry",
        "suggestion" => "suggestion",
        _ => "request",
    };
    Story {
        title,
        content,
        category,
        measure,
        place,
    }
}

/// A unit's reply to the citizen who told `story` (concrete: what was done, when, by whom,
/// contact): a request's reply reports the measure its own template pairs with it, an inquiry's
/// the explanation given, a suggestion's how it will be taken up. `vague` = true gives the kind
/// of reply the office rejects: “正在办理中”, “已呈报领导，待领导批示后办理”, very short, no
/// concrete measure.
pub fn reply_text(rng: &mut Rng, unit: &str, story: &Story, vague: bool) -> String {
    if vague {
        return rng.pick(VAGUE_REPLIES).replace("{unit}", unit);
    }
    let (sections, titles) = reply_material(rng, unit);
    let sec = *rng.pick(sections);
    // The draw that once chose a measure among the unit's, kept so that what follows in a
    // seeded sequence (the demo's other orders) stays where it was.
    let _ = rng.next_u64();
    let staff = format!("{}{}", pick_surname(rng), rng.pick(titles));
    let tel = contact_phone(rng);
    let when = *rng.pick(REPLY_WHEN);
    let (templates, measure) = match (story.category, story.measure) {
        ("request", Some(m)) => (REPLY_TEMPLATES, m),
        ("suggestion", _) => (SUGGESTION_REPLIES, ""),
        // An inquiry, or a request without a measure of its own (none is shipped).
        _ => (INQUIRY_REPLIES, ""),
    };
    let tpl = *rng.pick(templates);
    tpl.replace("{unit}", &formal_name(unit))
        .replace("{sec}", sec)
        .replace("{measure}", measure)
        .replace("{staff}", &staff)
        .replace("{tel}", &tel)
        .replace("{when}", when)
}

/// Why a unit returns an order: not its remit but `owner`'s (the unit it goes to next), not its
/// area, cannot be verified. Names no unit but `owner`, so that it never contradicts the history.
pub fn return_reason(rng: &mut Rng, owner: &str) -> String {
    rng.pick(RETURN_TEMPLATES).replace("{owner}", owner)
}

/// Why the office redoes an order: the citizen says nothing changed, the reply misses the point, …
pub fn redo_reason(rng: &mut Rng) -> String {
    let still = *rng.pick(STILL_UNSOLVED);
    rng.pick(REDO_TEMPLATES).replace("{still}", still)
}

/// A note urging the unit to hurry up.
pub fn urge_note(rng: &mut Rng) -> String {
    rng.pick(URGE_TEMPLATES).to_string()
}

/// A supervision (督办) note addressed to `unit`.
pub fn supervise_note(rng: &mut Rng, unit: &str) -> String {
    let limit = rng.range(3, 10).to_string();
    rng.pick(SUPERVISE_TEMPLATES)
        .replace("{unit}", unit)
        .replace("{limit}", &limit)
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

const TITLE_MAX: usize = 30;
const CONTENT_MIN: usize = 60;
const CONTENT_MAX: usize = 250;

/// Safety net for unknown (long) unit names: keep titles within 30 chars.
fn clamp_title(title: String) -> String {
    if title.chars().count() <= TITLE_MAX {
        title
    } else {
        title.chars().take(TITLE_MAX).collect()
    }
}

/// Safety net: every template fits, but an unknown unit name could push a
/// content out of 60–250 chars.
fn clamp_content(content: String) -> String {
    let mut content = content;
    if content.chars().count() < CONTENT_MIN {
        content.push_str(
            "这个问题已经影响到我们的正常生活，希望相关部门尽快核实处理，并把处理结果告诉我。",
        );
    }
    if content.chars().count() > CONTENT_MAX {
        let mut cut: String = content.chars().take(CONTENT_MAX).collect();
        if let Some(pos) = cut.rfind('。') {
            let kept = &cut[..pos + '。'.len_utf8()];
            if kept.chars().count() >= CONTENT_MIN {
                cut = kept.to_string();
            }
        }
        content = cut;
    }
    content
}

fn formal_name(unit: &str) -> String {
    if unit.ends_with('乡') || unit.ends_with('镇') {
        format!("{unit}人民政府")
    } else if unit.ends_with("开发区") || unit == "甘盐池" {
        format!("{unit}管委会")
    } else {
        unit.to_string()
    }
}

// ---------------------------------------------------------------------------
// People, phones, addresses
// ---------------------------------------------------------------------------

/// Surnames with weights: Haiyuan has many Hui families (马, 杨, 田, 海, 冶, 虎, 锁…).
const SURNAMES: &[(&str, u64)] = &[
    ("马", 14),
    ("杨", 6),
    ("李", 6),
    ("王", 5),
    ("田", 4),
    ("海", 3),
    ("张", 4),
    ("刘", 3),
    ("冶", 2),
    ("苏", 2),
    ("丁", 2),
    ("何", 2),
    ("韩", 2),
    ("虎", 1),
    ("锁", 1),
    ("拓", 1),
    ("陈", 2),
    ("赵", 2),
    ("罗", 1),
    ("金", 1),
    ("穆", 1),
    ("白", 2),
    ("黑", 1),
    ("米", 1),
    ("撒", 1),
    ("哈", 1),
    ("周", 1),
    ("郭", 1),
    ("吴", 1),
    ("曹", 1),
    ("贾", 1),
    ("史", 1),
    ("蒋", 1),
    ("高", 1),
    ("万", 1),
];

const GIVEN_NAMES: &[&str] = &[
    "建军", "建国", "海军", "学兵", "文华", "占彪", "福林", "志强", "小平", "耀武", "德福", "国庆",
    "少华", "晓东", "永福", "生福", "有才", "万有", "彦福", "进财", "成林", "宏伟", "鹏", "强",
    "磊", "军", "伟", "飞", "斌", "涛", "世俊", "正清", "金山", "占林", "国福", "玉祥", "海龙",
    "海平", "俊杰", "子豪", "浩然", "宇航", "晓军", "文斌", "志刚", "自强", "存良", "耀宗", "明德",
    "登科", "福禄", "长寿", "玉兰", "秀英", "海燕", "小红", "玉梅", "金花", "桂英", "淑兰", "丽",
    "娟", "芳", "静", "燕", "秀兰", "晓梅", "春花", "凤英", "梅花", "雪梅", "丽娟", "晓燕", "亚琴",
    "兰花", "艳", "佳怡", "欣怡", "雨涵", "子涵", "梦瑶", "秀琴", "彩霞", "银花",
];

fn pick_surname(rng: &mut Rng) -> &'static str {
    let total: u64 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (name, weight) in SURNAMES {
        if roll < *weight {
            return name;
        }
        roll -= weight;
    }
    SURNAMES[0].0
}

fn person_name(rng: &mut Rng) -> String {
    let surname = pick_surname(rng);
    let given = *rng.pick(GIVEN_NAMES);
    format!("{surname}{given}")
}

const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "184", "185", "186",
    "187", "188", "189",
];

fn mobile_phone(rng: &mut Rng) -> String {
    let prefix = *rng.pick(MOBILE_PREFIXES);
    format!("{prefix}{:08}", rng.below(100_000_000))
}

/// A unit's contact number: a Haiyuan (0955) landline or a mobile.
fn contact_phone(rng: &mut Rng) -> String {
    if rng.chance(60) {
        format!("0955-40{:05}", rng.below(100_000))
    } else {
        mobile_phone(rng)
    }
}

struct Township {
    name: &'static str,
    villages: &'static [&'static str],
    communities: &'static [&'static str],
}

/// The county's townships with invented (plausible) village / community names.
static TOWNSHIPS: &[Township] = &[
    Township {
        name: "海城镇",
        villages: &["山门村", "武塬村", "城关村", "杨坊村", "韩府村", "冯川村"],
        communities: &[
            "南关社区",
            "北关社区",
            "西关社区",
            "东关社区",
            "文昌社区",
            "牌路社区",
        ],
    },
    Township {
        name: "红羊乡",
        villages: &["红羊村", "马营村", "杨山村", "白套村", "阳洼村", "芦子沟村"],
        communities: &[],
    },
    Township {
        name: "曹洼乡",
        villages: &["曹洼村", "脱场村", "胡湾村", "高台村", "马场村", "南坪村"],
        communities: &[],
    },
    Township {
        name: "李俊乡",
        villages: &["李俊村", "红岘村", "团结村", "新庄村", "井沟村", "蒿川村"],
        communities: &[],
    },
    Township {
        name: "树台乡",
        villages: &["树台村", "大嘴村", "龚湾村", "红井村", "沙湾村", "二百户村"],
        communities: &[],
    },
    Township {
        name: "西安镇",
        villages: &["园河村", "菜园村", "薛套村", "白吉村", "西安村", "小河村"],
        communities: &[],
    },
    Township {
        name: "甘盐池",
        villages: &["盐池村", "双井村", "红泉村", "沙坡村", "东梁村"],
        communities: &[],
    },
    Township {
        name: "街道办",
        villages: &[],
        communities: &[
            "新区社区",
            "福民社区",
            "天都社区",
            "和谐社区",
            "兴隆社区",
            "育才社区",
        ],
    },
    Township {
        name: "海兴开发区",
        villages: &["兴隆村", "海兴村", "富民村", "福兴村", "惠民村", "红星村"],
        communities: &[],
    },
    Township {
        name: "郑旗乡",
        villages: &["郑旗村", "撒台村", "王井村", "涝池村", "黄湾村", "杨套村"],
        communities: &[],
    },
    Township {
        name: "贾塘乡",
        villages: &[
            "贾塘村",
            "黄坪村",
            "田堡村",
            "后川村",
            "石塘村",
            "陈家湾村",
            "马家沟村",
        ],
        communities: &[],
    },
    Township {
        name: "史店乡",
        villages: &["史店村", "田拐村", "徐坪村", "阳庄村", "方堡村", "西沟村"],
        communities: &[],
    },
    Township {
        name: "甘城乡",
        villages: &["甘城村", "南堡村", "石岘村", "羊路村", "东岔村", "刘湾村"],
        communities: &[],
    },
    Township {
        name: "三河镇",
        villages: &["三河村", "富陵村", "黑城村", "河湾村", "张湾村", "新园村"],
        communities: &[],
    },
    Township {
        name: "七营镇",
        villages: &["七营村", "北嘴村", "张堡村", "红旗村", "马园村", "海子村"],
        communities: &[],
    },
    Township {
        name: "九彩乡",
        villages: &["九彩村", "麻春村", "李家沟村", "坪岔村", "大岔村", "马圈村"],
        communities: &[],
    },
    Township {
        name: "高崖乡",
        villages: &["高崖村", "草场村", "红古村", "联合村", "五桥沟村", "庙台村"],
        communities: &[],
    },
    Township {
        name: "李旺镇",
        villages: &["李旺村", "团庄村", "高台村", "七百户村", "东湾村", "河崖村"],
        communities: &[],
    },
    Township {
        name: "关桥乡",
        villages: &["关桥村", "方堡村", "脱烈村", "双河村", "罗山村", "高湾村"],
        communities: &[],
    },
    Township {
        name: "关庄乡",
        villages: &["关庄村", "窑儿村", "田湾村", "小岔村", "阳洼村", "杨岔村"],
        communities: &[],
    },
];

/// Villages used for a township name that is not in [`TOWNSHIPS`].
const FALLBACK_VILLAGES: &[&str] = &["马家湾村", "新庄村", "杨河村", "沙沟村", "王洼村"];

/// The county's townships as (name, villages, communities), and the county seat's residential
/// compounds: the places an invented order's content and address name (for tests that check
/// one against the other).
pub fn townships() -> impl Iterator<
    Item = (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    ),
> {
    TOWNSHIPS
        .iter()
        .map(|t| (t.name, t.villages, t.communities))
}

/// See [`townships`].
pub fn compounds() -> &'static [&'static str] {
    COMPOUNDS
}

fn township_info(unit: &str) -> Option<&'static Township> {
    TOWNSHIPS.iter().find(|t| t.name == unit)
}

fn is_township(unit: &str) -> bool {
    township_info(unit).is_some()
}

/// Streets of the county seat (invented).
const ROADS: &[&str] = &[
    "文昌路",
    "南华路",
    "新区大道",
    "牌路街",
    "朝阳街",
    "西安路",
    "育才路",
    "政府街",
    "东环路",
    "西环路",
    "北环路",
    "南关街",
    "天都路",
    "富民路",
    "同心街",
    "锦华路",
];

/// Residential compounds of the county seat (invented).
const COMPOUNDS: &[&str] = &[
    "天都家园",
    "南华小区",
    "文昌苑",
    "福海花园",
    "兴海佳苑",
    "锦绣华府",
    "惠民小区",
    "幸福里小区",
    "东城丽景",
    "御景园",
    "西关小区",
    "团结小区",
    "育才小区",
    "金海湾小区",
    "朝阳花园",
    "和谐家园",
    "新华苑",
    "康居小区",
];

const GROUPS: &[&str] = &[
    "一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组",
];

fn seat_address(rng: &mut Rng) -> String {
    let road = *rng.pick(ROADS);
    if rng.chance(75) {
        let xq = *rng.pick(COMPOUNDS);
        format!(
            "海原县海城镇{road}{xq}{}号楼{}单元{}0{}室",
            rng.range(1, 18),
            rng.range(1, 4),
            rng.range(1, 6),
            rng.range(1, 4)
        )
    } else {
        format!("海原县海城镇{road}{}号", rng.range(1, 260))
    }
}

fn township_address(rng: &mut Rng, unit: &str) -> String {
    let (villages, communities) = match township_info(unit) {
        Some(t) => (t.villages, t.communities),
        None => (FALLBACK_VILLAGES, &[][..]),
    };
    let use_community = !communities.is_empty() && (villages.is_empty() || rng.chance(50));
    if use_community {
        let com = *rng.pick(communities);
        let road = *rng.pick(ROADS);
        // 街道办 is the county seat's sub-district office: name the community only.
        let prefix = if unit == "街道办" {
            String::from("海原县")
        } else {
            format!("海原县{unit}")
        };
        if rng.chance(60) {
            let xq = *rng.pick(COMPOUNDS);
            format!(
                "{prefix}{com}{xq}{}号楼{}单元{}0{}室",
                rng.range(1, 18),
                rng.range(1, 4),
                rng.range(1, 6),
                rng.range(1, 4)
            )
        } else {
            format!("{prefix}{com}{road}{}号", rng.range(1, 200))
        }
    } else {
        let vil = *rng.pick(villages);
        let grp = *rng.pick(GROUPS);
        if rng.chance(40) {
            format!("海原县{unit}{vil}{grp}{}号", rng.range(1, 80))
        } else {
            format!("海原县{unit}{vil}{grp}")
        }
    }
}

// ---------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------

const COMPANIES: &[&str] = &[
    "宁夏鑫源建筑工程有限公司",
    "海原县宏达建设有限公司",
    "宁夏兴泰建筑安装有限公司",
    "海原县天泰商贸有限公司",
    "宁夏金穗农业发展有限公司",
    "海原县华联物流有限公司",
    "宁夏瑞丰建材有限公司",
    "海原县永顺劳务有限公司",
];

const COUNTY_SCHOOLS: &[&str] = &[
    "海原县第一中学",
    "海原县回民中学",
    "海原县第三中学",
    "海原县第一小学",
    "海原县第二小学",
    "海原县西关小学",
    "海原县文昌小学",
];

const COUNTY_HOSPITALS: &[&str] = &["海原县人民医院", "海原县中医医院", "海原县妇幼保健院"];

const WHEN: &[&str] = &[
    "去年三月",
    "去年十月",
    "今年春节后",
    "今年五月",
    "前年秋天",
    "去年年底",
    "今年开春",
    "去年夏天",
];

const NIGHT: &[&str] = &["晚上十一点多", "半夜十二点", "凌晨一点", "晚上十点以后"];

const CROPS: &[&str] = &["玉米", "马铃薯", "胡麻", "荞麦", "小茴香", "谷子"];

const GRADES: &[&str] = &[
    "一年级",
    "三年级",
    "四年级",
    "五年级",
    "六年级",
    "初一",
    "初二",
];

/// Random values for one order; title and content share them.
struct Slots {
    unit: String,
    town: String,
    vil: &'static str,
    vil2: &'static str,
    grp: &'static str,
    com: &'static str,
    xq: &'static str,
    road: &'static str,
    road2: &'static str,
    co: &'static str,
    csch: &'static str,
    chosp: &'static str,
    when: &'static str,
    night: &'static str,
    crop: &'static str,
    kid: &'static str,
    boss: String,
    bld: u64,
    floor: u64,
    mon: u64,
    yrs: u64,
    days: u64,
    hh: u64,
    ppl: u64,
    amt: u64,
    wage: u64,
    fee: u64,
    times: u64,
    temp: u64,
    head: u64,
    mu: u64,
    age: u64,
    oldage: u64,
    age2: u64,
    age3: u64,
    kidage: u64,
}

fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    let item: &&'static str = rng.pick(items);
    item
}

fn two_distinct(rng: &mut Rng, items: &'static [&'static str]) -> (&'static str, &'static str) {
    let a = rng.below(items.len() as u64) as usize;
    let b = if items.len() > 1 {
        (a + 1 + rng.below(items.len() as u64 - 1) as usize) % items.len()
    } else {
        a
    };
    (items[a], items[b])
}

impl Slots {
    fn new(rng: &mut Rng, unit: &str, township: bool) -> Self {
        let seat = township_info("海城镇").expect("海城镇 is listed");
        let known = if township { township_info(unit) } else { None };
        // The township the story happens in: the unit itself, or for a
        // department a random township that has villages.
        let (town, villages, communities): (String, &'static [&'static str], _) = match known {
            Some(t) if t.villages.is_empty() => (t.name.to_string(), t.communities, t.communities),
            Some(t) if t.communities.is_empty() => {
                (t.name.to_string(), t.villages, seat.communities)
            }
            Some(t) => (t.name.to_string(), t.villages, t.communities),
            None if township => (unit.to_string(), FALLBACK_VILLAGES, seat.communities),
            None => {
                let t = loop {
                    let t = rng.pick(TOWNSHIPS);
                    if !t.villages.is_empty() {
                        break t;
                    }
                };
                (t.name.to_string(), t.villages, seat.communities)
            }
        };
        let (vil, vil2) = two_distinct(rng, villages);
        let com = *rng.pick(communities);
        let (road, road2) = two_distinct(rng, ROADS);
        let boss = format!("{}某", pick_surname(rng));
        Slots {
            unit: unit.to_string(),
            town,
            vil,
            vil2,
            grp: pick_str(rng, GROUPS),
            com,
            xq: pick_str(rng, COMPOUNDS),
            road,
            road2,
            co: pick_str(rng, COMPANIES),
            csch: pick_str(rng, COUNTY_SCHOOLS),
            chosp: pick_str(rng, COUNTY_HOSPITALS),
            when: pick_str(rng, WHEN),
            night: pick_str(rng, NIGHT),
            crop: pick_str(rng, CROPS),
            kid: pick_str(rng, GRADES),
            boss,
            bld: rng.range(1, 18),
            floor: rng.range(2, 6),
            mon: rng.range(2, 11),
            yrs: rng.range(2, 6),
            days: rng.range(3, 20),
            hh: rng.range(6, 58),
            ppl: rng.range(5, 40),
            amt: rng.range(300, 3800) * 100,
            wage: rng.range(20, 180) * 100,
            fee: rng.range(30, 480),
            times: rng.range(2, 6),
            temp: rng.range(11, 16),
            head: rng.range(3, 30),
            mu: rng.range(3, 40),
            age: rng.range(62, 85),
            oldage: rng.range(80, 96),
            age2: rng.range(50, 59),
            age3: rng.range(22, 45),
            kidage: rng.range(6, 15),
        }
    }

    fn get(&self, key: &str) -> String {
        match key {
            "unit" => self.unit.clone(),
            "town" => self.town.clone(),
            "vil" => self.vil.to_string(),
            "vil2" => self.vil2.to_string(),
            "grp" => self.grp.to_string(),
            "com" => self.com.to_string(),
            "xq" => self.xq.to_string(),
            "road" => self.road.to_string(),
            "road2" => self.road2.to_string(),
            "co" => self.co.to_string(),
            "csch" => self.csch.to_string(),
            "chosp" => self.chosp.to_string(),
            "when" => self.when.to_string(),
            "night" => self.night.to_string(),
            "crop" => self.crop.to_string(),
            "kid" => self.kid.to_string(),
            "boss" => self.boss.clone(),
            "sch" => format!("{}小学", self.vil.trim_end_matches('村')),
            "tsch" => format!("{}中心小学", self.town),
            "hosp" => format!("{}卫生院", self.town),
            "bld" => self.bld.to_string(),
            "floor" => self.floor.to_string(),
            "mon" => self.mon.to_string(),
            "yrs" => self.yrs.to_string(),
            "days" => self.days.to_string(),
            "hh" => self.hh.to_string(),
            "ppl" => self.ppl.to_string(),
            "amt" => self.amt.to_string(),
            "wage" => self.wage.to_string(),
            "fee" => self.fee.to_string(),
            "times" => self.times.to_string(),
            "temp" => self.temp.to_string(),
            "head" => self.head.to_string(),
            "mu" => self.mu.to_string(),
            "age" => self.age.to_string(),
            "oldage" => self.oldage.to_string(),
            "age2" => self.age2.to_string(),
            "age3" => self.age3.to_string(),
            "kidage" => self.kidage.to_string(),
            "gov" => match self.town.chars().last() {
                Some('镇') => "镇政府".to_string(),
                Some('乡') => "乡政府".to_string(),
                _ => "管委会".to_string(),
            },
            // Colloquial "the township (office)": 乡上 / 镇上, else the place name.
            "shang" => match self.town.chars().last() {
                Some('镇') => "镇上".to_string(),
                Some('乡') => "乡上".to_string(),
                _ => self.town.clone(),
            },
            "xz" => match self.town.chars().last() {
                Some(c @ ('镇' | '乡')) => c.to_string(),
                _ => String::new(),
            },
            other => panic!("unknown template slot {{{other}}}"),
        }
    }

    /// Replace every `{key}` in `template`.
    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let end = after.find('}').expect("unclosed template slot");
            out.push_str(&self.get(&after[..end]));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

// ---------------------------------------------------------------------------
// Order templates
// ---------------------------------------------------------------------------

/// (title, content) with `{slot}` placeholders.
type Tpl = (&'static str, &'static str);

/// A request: (title, content, measure): the concrete measure a reply to it reports, written for
/// this request and no other, so a reply always answers what its order asked (no slots).
type Req = (&'static str, &'static str, &'static str);

struct Pool {
    inquiry: &'static [Tpl],
    suggestion: &'static [Tpl],
    request: &'static [Req],
}

impl Pool {
    fn len(&self, category: &str) -> usize {
        match category {
            "inquiry" => self.inquiry.len(),
            "suggestion" => self.suggestion.len(),
            _ => self.request.len(),
        }
    }
    /// One template of `category`, uniformly (one draw, as `Rng::pick`), with its measure.
    fn pick(&self, rng: &mut Rng, category: &str) -> (Tpl, Option<&'static str>) {
        assert!(self.len(category) > 0, "an empty template list");
        let i = rng.below(self.len(category) as u64) as usize;
        match category {
            "inquiry" => (self.inquiry[i], None),
            "suggestion" => (self.suggestion[i], None),
            _ => {
                let (t, c, m) = self.request[i];
                ((t, c), Some(m))
            }
        }
    }
}

struct Dept {
    name: &'static str,
    pool: Pool,
    /// Sections (股室, 站所, 班组) that handle orders, used in replies.
    sections: &'static [&'static str],
}

fn choose_template(
    rng: &mut Rng,
    unit: &str,
    township: bool,
    category: &str,
) -> (Tpl, Option<&'static str>) {
    if township {
        let base: &Pool = match unit {
            "街道办" => &URBAN,
            "海城镇" if rng.chance(50) => &URBAN,
            _ => &RURAL,
        };
        match township_extra(unit) {
            Some(extra) if extra.len(category) > 0 && rng.chance(35) => extra.pick(rng, category),
            _ => base.pick(rng, category),
        }
    } else {
        let pool = DEPTS
            .iter()
            .find(|d| d.name == unit)
            .map_or(&GENERIC_DEPT, |d| &d.pool);
        pool.pick(rng, category)
    }
}

fn township_extra(unit: &str) -> Option<&'static Pool> {
    match unit {
        "海兴开发区" => Some(&EXTRA_HAIXING),
        "甘盐池" => Some(&EXTRA_GANYANCHI),
        "七营镇" | "李旺镇" | "三河镇" | "西安镇" => Some(&EXTRA_MARKET_TOWN),
        "贾塘乡" | "史店乡" | "郑旗乡" | "树台乡" | "九彩乡" | "关庄乡" => {
            Some(&EXTRA_MOUNTAIN)
        }
        _ => None,
    }
}

static DEPTS: &[Dept] = &[
    Dept {
        name: "住建局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询供暖费缴纳标准及报停手续",
                    "我在{xq}有一套房子，常年在外地打工，冬天没人住。想问一下供暖费是按什么标准收取的？如果房子空着不住，能不能申请报停、只交基础热费？需要准备哪些材料，到哪里办理？请住建局给予答复。",
                ),
                (
                    "咨询老旧小区改造申报条件",
                    "我们{road}{xq}是二十多年前建的老楼，没有物业，外墙脱落、管道老化严重。听说国家有老旧小区改造政策，想咨询一下申报需要满足什么条件，是居民自己申请还是社区统一上报，改造费用居民需不需要承担一部分？",
                ),
                (
                    "咨询住宅专项维修资金使用流程",
                    "我家住{xq}{bld}号楼，楼顶防水需要整体维修，物业说可以使用住宅专项维修资金。请问维修资金的申请需要多少业主签字同意，由谁来提交申请，审批大概需要多长时间？我们已经等了{mon}个月，想把流程了解清楚。",
                ),
                (
                    "咨询进城务工人员公租房申请条件",
                    "我是{town}{vil}人，现在在县城{road}附近打零工，一家五口租房住，每月房租占了收入的一大半。请问非县城户籍的进城务工人员能不能申请公租房？收入标准是多少，需要提交哪些材料，在哪里受理？",
                ),
            ],
            suggestion: &[
                (
                    "建议{xq}增设电动车集中充电棚",
                    "{xq}有{hh}户居民，很多人骑电动车上下班，但小区里没有充电设施，不少住户从楼上拉线充电，楼道里也停满了电动车，存在很大的火灾隐患。建议住建局协调物业在小区空地上建设集中充电棚，既方便居民，也消除隐患。",
                ),
                (
                    "建议建筑工地公示监管投诉电话",
                    "我住在{road}附近，周边有好几个在建工地，遇到夜间施工或扬尘问题时，老百姓不知道该找谁。建议住建局要求每个工地在大门口公示项目负责人、监管部门和投诉电话，方便群众监督，也能减少大家打12345的次数。",
                ),
                (
                    "建议供暖前提前试水打压排查管网",
                    "每年供暖刚开始那几天，{xq}总有几栋楼暖气不热、管道漏水，要折腾半个月才正常。建议住建局督促供热公司在正式供暖前半个月完成试水打压和管网排查，并提前通知居民在家配合，避免供暖后再临时抢修。",
                ),
            ],
            request: &[
                (
                    "海城镇{com}{xq}供暖温度不达标",
                    "我住在{com}{xq}{bld}号楼，今年供暖开始后家里室温一直只有{temp}℃左右，老人孩子都冻得受不了。已经持续{days}天了，给供热公司打了{times}次电话，每次都说派人来看，但一直没人上门。暖气费我们是按时交的，请住建局督促供热公司尽快排查管网，让室温达到标准。",
                    "责成供热公司对该楼栋供热管网进行排气和冲洗，复测室内温度已达到18℃以上",
                ),
                (
                    "{xq}{bld}号楼暖气上热下凉",
                    "我家住{road}{xq}{bld}号楼顶层，暖气片上面热下面凉，屋里温度不到{temp}℃。物业说是楼里管道有空气，放了几次气也不管用，已经快{days}天了。我家有{age}岁的老人，晚上只能开电暖器。希望住建局联系供热单位上门检修，并说明不达标期间的暖气费怎么算。",
                    "责成供热公司对该楼栋供热管网进行排气和冲洗，复测室内温度已达到18℃以上",
                ),
                (
                    "{road}建筑工地夜间施工噪音扰民",
                    "{road}{xq}旁边的建筑工地最近{days}天每天施工到{night}，搅拌机和打桩的声音特别大，附近居民根本没法休息，孩子第二天还要上学。我们去工地找过负责人，对方说赶工期，态度很差。请住建局依法查处夜间违规施工，规定作业时间。",
                    "约谈施工单位项目负责人，要求其每日22时至次日6时停止高噪声作业，并对裸露土方全部覆盖、进出车辆冲洗",
                ),
                (
                    "{xq}附近工地扬尘严重",
                    "{xq}北侧的工地开挖后土方一直没有覆盖，刮风时尘土满天，我们小区的窗户不敢开，晾的衣服全是土。运土车出门也不冲洗，{road}路面全是泥。这种情况已经{mon}个月了，向社区反映过没有变化，请住建局督促施工单位落实覆盖、洒水和车辆冲洗措施。",
                    "约谈施工单位项目负责人，责令其对裸露土方全部覆盖、定时洒水降尘，进出车辆冲洗后方可上路，我局将不定期复查",
                ),
                (
                    "{xq}项目拖欠农民工工资",
                    "我是{town}{vil}人，{when}跟着包工头{boss}在县城{xq}项目上干木工活，干了{mon}个月，工程早就完工了，还欠我们{ppl}个人工资共{amt}元。我们找过{boss}{times}次，他说开发商没给钱，开发商又说钱已经付了。家里等着用钱，请住建局帮我们协调讨要工资。",
                    "督促施工企业从农民工工资专用账户将所欠工资全部发放到位，涉及务工人员均已签字确认",
                ),
                (
                    "{co}拖欠工资",
                    "我们{ppl}个人{when}在{co}承建的{road}道路配套工程干活，干了{mon}个月，到现在还欠工资{amt}元。项目经理一直说等工程款拨下来就结，我们去公司找了{times}次都没见到负责人。请住建局督促施工企业通过农民工工资专户把工资发给我们。",
                    "督促施工企业从农民工工资专用账户将所欠工资全部发放到位，涉及务工人员均已签字确认",
                ),
                (
                    "{xq}电梯停运{mon}个月物业不修",
                    "我家住{xq}{bld}号楼{floor}楼，楼里的电梯坏了已经{mon}个月，物业一直说在等配件。楼里有好几户老人，上下楼非常困难。我们每年按时交物业费，物业对维修的事一拖再拖，也不公开维修资金的使用情况。请住建局督促物业公司尽快修好电梯。",
                    "督促物业公司更换电梯主板并通过特种设备检验，电梯已恢复运行",
                ),
                (
                    "{xq}物业服务差垃圾无人清理",
                    "{xq}的物业公司这半年服务越来越差，楼道里的垃圾几天才清一次，楼下的路灯坏了{mon}个月没人修，门禁也形同虚设。业主找物业经理反映了{times}次，每次都答应得好好的，就是不落实。物业费一分没少收，请住建局对这家物业公司进行检查考核。",
                    "约谈物业公司负责人，责令其增加保洁人员，小区内堆积的垃圾已于2日内全部清运，并公示了保洁和清运时间",
                ),
                (
                    "{xq}老旧小区改造停工",
                    "我住在{road}{xq}，这是一个二十多年的老小区，去年纳入老旧小区改造，但施工队把地面挖开后只铺了一半，下水管道也没换，现在一下雨院子里就积水，{bld}号楼的化粪池还经常往外冒。已经停工{mon}个月了，请住建局查一下改造工程为什么停了，什么时候能完工。",
                    "约谈改造项目施工单位，督促其增加施工人员和机械，已于3日内复工，并在小区公示了剩余工程的完工时间",
                ),
                (
                    "{xq}交房{yrs}年办不下房产证",
                    "我{when}在{xq}买了一套商品房，交房已经{yrs}年了，开发商一直说手续不全，房产证办不下来。孩子上学、办贷款都受影响。小区一共有{hh}户业主都是这种情况，我们找开发商好几次都没有结果。请住建局查明原因，督促开发商尽快给业主办理不动产证。",
                    "经查，该项目因开发商未缴清土地出让金未能办理不动产首次登记，已责令开发商限期补缴，补缴后即为业主集中办理房产证",
                ),
                (
                    "{xq}新房墙体开裂渗水",
                    "我家住{xq}{bld}号楼，交房不到{yrs}年，卫生间和外墙多处开裂，一下雨墙面就渗水，楼下住户的天花板都被泡了。找开发商维修，他们派人来刷了一遍防水涂料就不管了，现在又漏了。房子还在保修期内，请住建局督促开发商彻底维修。",
                    "向开发商下达限期整改通知书，要求其在30日内完成墙体裂缝修补和渗水维修，我局将跟踪复查",
                ),
                (
                    "{xq}下水管道堵塞污水外溢",
                    "{xq}{bld}号楼一楼的下水管道堵塞已经{days}天，污水从地漏里往外冒，屋里臭得没法住人。找物业疏通了{times}次，每次好两天又堵上，物业说是市政管网的问题，要找住建局。请尽快安排人员把主管道疏通，彻底解决问题。",
                    "督促物业公司联系疏通队对堵塞的下水管道进行了疏通，外溢的污水已清理消毒，并对小区排水管网进行了排查",
                ),
                (
                    "{xq}{bld}号楼楼顶私搭乱建",
                    "{xq}{bld}号楼顶层住户在楼顶私自搭建了一间彩钢房，还把楼顶防水层破坏了，现在楼下几户一下雨就漏水。我们找物业和社区反映了{mon}个月，对方都说管不了。请住建局依法拆除楼顶违建，恢复防水层。",
                    "联合城管部门对楼顶违建下达限期拆除通知，当事人已于3日内自行拆除并恢复防水层",
                ),
                (
                    "公租房申请一年多没有结果",
                    "我是{town}人，在县城{road}附近打工，一家四口租房住，{when}向住建局提交了公租房申请，材料都是齐全的，到现在还没有消息。打电话问过{times}次，每次都说在排队。请问我的申请现在到了哪一步，大概什么时候能分到房子？",
                    "经查，诉求人的公租房申请已通过资格审核，正在轮候，已告知其轮候序号和预计配租时间",
                ),
            ],
        },
        sections: &[
            "物业管理办公室",
            "城市建设管理股",
            "建筑市场监管股",
            "城建监察大队",
            "房产管理所",
        ],
    },
    Dept {
        name: "国环局",
        pool: Pool {
            inquiry: &[(
                "咨询{town}饲草加工厂环评手续",
                "我准备在{town}{vil}开一个小型饲草加工厂，主要是把玉米秸秆粉碎打包，想咨询一下这种项目需不需要办理环评手续？是做环评报告表还是填登记表就可以，在哪里办理，大概需要多长时间？",
            )],
            suggestion: &[(
                "建议加强{com}一带散煤燃烧治理",
                "每年冬天县城{com}一带的平房区家家户户烧散煤，早晚烟雾很大，空气质量很差，我家孩子经常咳嗽。建议国环局联合有关部门推广清洁煤和电采暖补贴政策，对烧劣质煤的商户加强检查，让县城冬天的空气好一点。",
            )],
            request: &[
                (
                    "{town}{vil}附近砖厂烟尘污染",
                    "{town}{vil}附近的一家砖厂最近{mon}个月一直在烧砖，烟囱冒黑烟，村子里到处是呛人的味道，附近的庄稼叶子都发黄了。村民们找厂里理论过，老板说手续齐全。请国环局派人来检测一下排放是否达标，依法处理。",
                    "对该企业排放口进行了现场监测，颗粒物排放超标，已依法下达责令改正违法行为决定书并立案处罚",
                ),
                (
                    "{road}烧烤店油烟直排扰民",
                    "{road}{xq}楼下新开了一家烧烤店，油烟不经过净化直接从后窗排出来，正好对着我们楼上住户的窗户，每天从傍晚熏到{night}，屋里全是油烟味。跟老板沟通过{times}次，没有任何改变。请国环局督促其安装油烟净化设施。",
                    "责令该餐饮店安装油烟净化设施，店主已于5日内完成安装，复查时油烟排放正常",
                ),
                (
                    "{town}{vil}养殖场粪污直排河沟",
                    "{town}{vil}上游的一个养殖场把牛粪和污水直接排进河沟，夏天臭气熏天、苍蝇成群，下游{vil2}村民的饮用水井离河沟不到一百米，大家很担心水被污染。这个情况已经持续{mon}个月了，请国环局尽快调查处理。",
                    "责令养殖户停止向河沟排放粪污、建设防渗储粪池，目前储粪池已完工，河沟内的粪污已清理完毕",
                ),
            ],
        },
        sections: &["环境监察大队", "环境监测站", "污染防治股"],
    },
    Dept {
        name: "残联",
        pool: Pool {
            inquiry: &[
                (
                    "咨询残疾证评定办理流程",
                    "我儿子今年{kidage}岁，患有先天性听力障碍，一直没有办残疾证。想咨询一下办理残疾证需要带哪些材料，评残要到哪家医院，费用是多少，办下来大概需要多久？我们住在{town}，来县城一趟不方便，能否一次办好。",
                ),
                (
                    "咨询{town}残疾人两项补贴标准",
                    "我是{town}{vil}村民，去年办了残疾证，是三级肢体残疾。想咨询一下困难残疾人生活补贴和重度残疾人护理补贴分别是什么标准，我这种情况能享受哪一项，需要每年重新申请吗？",
                ),
            ],
            suggestion: &[(
                "建议评残医生下乡到{town}集中评定",
                "{town}离县城比较远，很多残疾人行动不便，为了评残要专门雇车去县城，来回一趟要花好几百元。我家里就有一位残疾老人，深有体会。建议残联每年组织评残医生到各乡镇集中评定一两次，方便偏远地区的残疾人办证。",
            )],
            request: &[
                (
                    "{town}{vil}残疾人护理补贴未发放",
                    "我是{town}{vil}村民，{when}办了肢体二级残疾证，听说重度残疾人有护理补贴，我在村里和{shang}都申请过，到现在已经{mon}个月了，一分钱也没拿到。请残联帮我查一下补贴为什么没有发放，需要补充什么材料。",
                    "经查，诉求人的护理补贴因银行账户信息有误未能发放，已更正账户信息并补发了拖欠的补贴",
                ),
                (
                    "申请轮椅等辅助器具{mon}个月无回复",
                    "我父亲今年{age}岁，因为中风瘫痪在床，已经办了残疾证。{mon}个月前我们向残联申请了一台轮椅和一张护理床，工作人员说要等统一采购，之后就没有消息了。请问辅助器具什么时候能发放，我们需要怎么跟进？",
                    "为诉求人的父亲适配轮椅一台、护理床一张，已由乡残联专干送货上门",
                ),
            ],
        },
        sections: &["康复部", "残疾人服务中心", "维权部"],
    },
    Dept {
        name: "市场监管局",
        pool: Pool {
            inquiry: &[(
                "咨询在{town}开小卖部办照手续",
                "我想在{town}街道上开一家小卖部，想咨询一下办理个体工商户营业执照需要准备哪些材料？能不能在网上办理，还是必须到县政务服务中心，办下来需要几天？卖烟酒还需要另外办什么证？",
            )],
            suggestion: &[(
                "建议检查{csch}周边小卖部",
                "{csch}周边有好几家小卖部卖五毛钱一包的辣条和没有标签的零食，我家孩子放学也经常围着买。这些东西来路不明，对孩子健康不好。建议市场监管局在开学前后对学校周边小卖部集中检查，清理三无食品。",
            )],
            request: &[
                (
                    "{road}超市销售过期牛奶",
                    "我{days}天前在{road}的一家超市买了两箱牛奶，回家后发现已经过了保质期，孩子喝了之后拉肚子。我拿着小票去超市找老板，对方只愿意退钱，不承认有问题，货架上同一批次的牛奶还在卖。请市场监管局检查这家超市，依法处理。",
                    "执法人员对该超市进行了突击检查，查扣过期食品12件，已依法立案调查，并督促经营者向诉求人退一赔十",
                ),
                (
                    "{town}集市商贩缺斤短两",
                    "{town}每逢集日，市场上有几个卖菜和卖水果的摊贩用的电子秤有问题，我买了三斤苹果回家一称只有两斤多，好几个乡亲都遇到过。我们找集市管理人员反映，说管不了。请市场监管局派人来检查计量器具，维护大家的权益。",
                    "对集市上使用的电子秤进行了强制检定，查处作弊秤3台，已责令摊主改正",
                ),
                (
                    "{road}牛肉面馆卫生条件差",
                    "我{days}天前在{road}一家牛肉面馆吃饭，发现后厨就在大厅旁边，地面污水横流，苍蝇很多，服务员不戴帽子和口罩，碗里还吃出了头发。和店家反映，对方态度很不好。请市场监管局对这家店的食品卫生进行检查。",
                    "对该餐馆后厨进行了检查，责令其停业整改，完善防蝇设施、规范人员着装，复查合格后方可营业",
                ),
                (
                    "{town}煤炭经销点涨价过快",
                    "入冬以来，{town}几个煤炭经销点的块煤价格一个月内每吨涨了三百多元，比县城还贵，村里老人冬天取暖全靠烧煤，负担很重。我们问老板，说是运费涨了。请市场监管局查一下煤价是否合理，有没有哄抬价格的行为。",
                    "对辖区煤炭经销点开展了价格检查，责令2家经销点明码标价，并对1家哄抬价格的经营者立案调查",
                ),
            ],
        },
        sections: &[
            "食品安全监管股",
            "价格监督检查股",
            "城区市场监管所",
            "计量所",
        ],
    },
    Dept {
        name: "移动公司",
        pool: Pool {
            inquiry: &[
                (
                    "咨询老年人手机套餐变更",
                    "我父亲今年{age}岁，用的还是几年前办的移动套餐，每月话费七八十元，他平时只打打电话。想咨询一下有没有适合老年人的低资费套餐，原来的套餐能不能直接变更，需不需要本人到营业厅办理？",
                ),
                (
                    "咨询移动手机号码过户手续",
                    "我父亲去世后，他名下的移动手机号一直是我母亲在用，号码绑定了很多东西，不想换号。想咨询一下手机号码过户需要带哪些材料，原机主已经去世的情况下怎么办理，在{town}的营业厅能不能办？",
                ),
            ],
            suggestion: &[(
                "建议{town}移动营业厅延长营业时间",
                "{town}的移动营业厅每天下午五点就关门，周末有时也不开，我们白天在地里干活或者在外面打工，根本赶不上时间办业务。建议移动公司调整营业时间，或者在集日增加服务人员。",
            )],
            request: &[
                (
                    "{town}{vil}移动信号差",
                    "我们{town}{vil}在山沟里，移动信号一直很弱，在家里打电话要跑到院子外面的坡上才有信号，孩子上网课经常掉线。村里{hh}户人家大部分都用移动的号，已经向营业厅反映过{times}次。请移动公司尽快在附近加建基站或增强信号。",
                    "技术人员对该区域基站进行了优化调整，并增设一处室外覆盖设备，经现场测试信号已明显改善",
                ),
                (
                    "移动手机号被莫名扣费",
                    "我的移动手机号最近{mon}个月每月都被多扣了二三十元，查了详单才发现被开通了一个我从来没办过的增值业务，累计扣了{fee}元。我去营业厅要求退费，工作人员只给取消了业务，不给退钱。请移动公司查明原因，退还多扣的费用。",
                    "经核查，该增值业务为误开通，已为诉求人取消业务并全额退还相关费用",
                ),
                (
                    "{xq}移动宽带断网{days}天无人修",
                    "我家住{xq}{bld}号楼，办的是移动宽带，从{days}天前开始就一直断网，打客服电话报修了{times}次，每次都说会有师傅联系，可一直没人上门。家里孩子要用网络学习，请移动公司尽快安排维修，并减免断网期间的费用。",
                    "维修人员已上门更换损坏的光猫和入户线路，宽带已恢复正常，并减免了故障期间的月租",
                ),
            ],
        },
        sections: &["网络维护中心", "客户服务部", "海原营业部"],
    },
    Dept {
        name: "公安局（交警队）",
        pool: Pool {
            inquiry: &[
                (
                    "咨询驾驶证到期异地换证",
                    "我的驾驶证下个月就到期了，人现在在外地打工，一时回不了海原。想咨询一下驾驶证到期换证能不能异地办理，需要提交哪些材料，体检在哪里做？如果超过期限没有换，会有什么影响？",
                ),
                (
                    "咨询违停记录处理方式",
                    "我的车在{road}被拍了一次违停，通知短信上说要去处理，请问现在能不能在交管12123上直接处理缴款，还是必须到交警队？如果不是我本人开车，需要带什么材料去办理？",
                ),
                (
                    "咨询农用三轮摩托车上牌手续",
                    "我是{town}{vil}村民，家里买了一辆三轮摩托车，平时拉草拉粮食用。想咨询一下三轮摩托车上牌需要准备哪些材料，要不要先检测，能不能在乡镇集中办理，驾驶三轮摩托车需要考什么驾照？",
                ),
            ],
            suggestion: &[
                (
                    "建议{csch}门口设置减速带",
                    "{csch}门口正对着{road}，上下学时间车多人多，很多车辆经过时不减速，我每天接送孩子都提心吊胆。建议交警队在学校门口前后各设置一道减速带，并施划斑马线，上下学时段安排人员值守。",
                ),
                (
                    "建议{road}一带增设临时停车位",
                    "县城{road}一带商铺多，来办事买东西的人找不到地方停车，只能停在路边，经常被贴罚单，又造成拥堵。我自己开车来也常常转好几圈。建议交警队会同有关部门利用附近空地规划一些临时停车位，并设置明显的指示标志。",
                ),
            ],
            request: &[
                (
                    "{road}与{road2}路口红绿灯故障",
                    "{road}和{road2}交叉口的红绿灯坏了已经{days}天，一直是黄灯闪烁，早晚高峰车辆和行人互不相让，前两天还发生了一起剐蹭。这个路口旁边就是学校，孩子们过马路非常危险。请交警队尽快修复信号灯，高峰时段安排交警疏导。",
                    "联系信号灯维护单位更换了故障控制器，信号灯已恢复正常运行，高峰时段安排警力在路口疏导",
                ),
                (
                    "{xq}门口车辆乱停堵塞消防通道",
                    "{xq}大门口和消防通道上每天晚上都停满了私家车，有时候连救护车都进不来。我们跟物业说了，物业说管不了外面的车。这种情况持续{mon}个月了，请交警队加强这一路段的违停治理，必要时设置禁停标志。",
                    "在该路段施划禁停标线、设置禁停标志，并连续一周开展违停专项整治，共查处违停车辆40余辆",
                ),
                (
                    "交通事故认定书{mon}个月未出具",
                    "我{when}在{road}骑电动车被一辆小轿车撞伤，住院花了{wage}元。事故当时交警出了现场，但到现在已经{mon}个月了，事故责任认定书还没出来，对方也不肯垫付医药费。请交警队尽快出具认定结果，督促对方承担赔偿。",
                    "事故处理中队已出具道路交通事故认定书，并组织双方进行了调解，肇事方已垫付医疗费",
                ),
                (
                    "{road}夜间大货车超速穿城",
                    "每天{night}以后，有很多拉煤和拉砂石的大货车从{road}穿城而过，车速很快，噪音很大，路边还掉了很多煤渣。前几天晚上一辆货车差点撞到骑车的老人。请交警队对夜间过境大货车进行限速和限行管理。",
                    "对过境大货车实行夜间限速40公里，并在路口增设了测速设备，每晚安排警力巡逻",
                ),
                (
                    "{town}集镇路段车辆乱停堵路",
                    "{town}集镇主街道每逢集日就堵得水泄不通，拉货的车和面包车随意停在路中间，我上周开车去集上，堵了一个多小时才出来，救护车也过不去。请交警队在集日安排警力疏导，并划定停车区域。",
                    "在该路段施划禁停标线、设置禁停标志，并连续一周开展违停专项整治，共查处违停车辆40余辆",
                ),
            ],
        },
        sections: &["事故处理中队", "城区执勤中队", "车辆管理所", "秩序管理中队"],
    },
    Dept {
        name: "运管所",
        pool: Pool {
            inquiry: &[
                (
                    "咨询网约车从业资格办理",
                    "我有一辆小轿车，想在县城跑网约车，想咨询一下需不需要办理网约车驾驶员证和车辆运输证？考试在哪里报名，需要什么条件，车辆有没有年限和排量要求？",
                ),
                (
                    "咨询货车道路运输证年审",
                    "我在{town}跑个体货运，有一辆重型货车，道路运输证快到年审时间了。想咨询一下现在年审是不是可以网上办理，需要准备哪些材料，车辆综合性能检测在哪里做？",
                ),
            ],
            suggestion: &[(
                "建议开通县城至{town}城乡公交",
                "{town}离县城不算远，每天往返县城的人很多，但只有几趟班车，时间也不固定，我上次等了一个多小时。建议运管所协调开通县城到{town}的城乡公交，定点定时发车，方便群众出行。",
            )],
            request: &[
                (
                    "出租车绕路多收费",
                    "我{days}天前晚上从汽车站打出租车到{xq}，司机说要顺路拼客，中途绕了一大圈，下车时收了我三十元，平时同样的路程只要十元。我记下了车牌号，当场跟他理论，司机态度很恶劣。请运管所查处这名司机，规范出租车收费。",
                    "根据诉求人提供的车牌号找到涉事司机，经调查属实，依法对其作出罚款处理，并责令其退还多收的车费",
                ),
                (
                    "{town}到县城班车经常停运",
                    "{town}到县城的班车从{mon}个月前开始就经常不按时发车，有时候一天只跑一趟，有时候干脆不来。村里老人去县城看病、学生返校只能花高价坐黑车，既贵又不安全。请运管所督促客运公司恢复正常班次。",
                    "约谈客运公司负责人，要求其恢复每日四个往返班次，并在沿线乡镇公示发车时刻表",
                ),
                (
                    "汽车站门口黑车非法拉客",
                    "汽车站门口每天都有很多没有营运手续的私家车拉客去{town}方向，车上经常超载，一辆小车坐七八个人，和正规班车抢客。我前几天坐过一次，一路提心吊胆。请运管所加强对汽车站周边非法营运车辆的查处。",
                    "联合交警部门在汽车站周边开展非法营运专项整治，查扣非法营运车辆5辆",
                ),
            ],
        },
        sections: &["客运管理股", "稽查队", "出租车管理办公室"],
    },
    Dept {
        name: "人社局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询职工养老保险补缴政策",
                    "我今年{age2}岁，以前在外地打工时断断续续交过几年城镇职工养老保险，回来后就没有再交。想咨询一下现在能不能补缴，断交的年份怎么算，到退休年龄缴费年限不够十五年该怎么办？",
                ),
                (
                    "咨询免费职业技能培训报名",
                    "我是{town}{vil}村民，今年{age3}岁，想学电焊或者挖掘机技术出去打工。听说人社局有免费的职业技能培训，想咨询一下什么时候开班，在哪里报名，培训期间有没有生活补贴，学完能不能拿到证书？",
                ),
            ],
            suggestion: &[(
                "建议在{town}设立劳动维权咨询点",
                "我们{town}很多人在外地打工，被拖欠工资后不知道找谁，跑一趟县城要大半天，我自己去年就遇到过。建议人社局在各乡镇便民服务中心设立劳动维权咨询点，定期安排劳动监察人员坐班，方便农民工反映问题。",
            )],
            request: &[
                (
                    "{road}饭馆拖欠服务员工资",
                    "我{when}开始在县城{road}一家饭馆当服务员，老板从{mon}个月前开始拖欠工资，一共欠我{wage}元。我找老板要了{times}次，他一直说等生意好了再给，后来电话也不接了。请人社局劳动监察帮我讨回工资。",
                    "劳动保障监察大队约谈了用工单位负责人，下达劳动保障监察限期整改指令书，所欠工资已全部支付给诉求人",
                ),
                (
                    "{co}不签劳动合同不缴社保",
                    "我在{co}工作已经{yrs}年了，公司一直不和我们签劳动合同，也不给缴纳养老保险和工伤保险。我们提过几次，老板说想干就干，不想干就走。请人社局查处这家单位，督促其依法签订合同、缴纳社保。",
                    "责令该公司与职工补签劳动合同，并为其办理了社会保险参保登记",
                ),
                (
                    "工伤认定{mon}个月没有结果",
                    "我{when}在{co}的工地上干活时从脚手架上摔下来，腿部骨折，住院花了两万多元。公司只垫付了一部分费用，工伤认定申请交上去已经{mon}个月了，还没有结论。请人社局加快工伤认定进度，并告诉我下一步怎么办。",
                    "工伤认定已作出结论，认定为工伤，已向诉求人送达认定决定书，并告知其劳动能力鉴定的程序",
                ),
                (
                    "{town}{vil}村民外出务工被欠薪",
                    "我们{town}{vil}{ppl}个村民{when}跟着{boss}到外地工地干活，工程结束后{boss}说回来就结账，结果人回来了一直躲着不见面，共欠我们工资{amt}元。我们报过警，派出所说是经济纠纷。请人社局帮我们依法追讨。",
                    "劳动保障监察大队约谈了用工单位负责人，下达劳动保障监察限期整改指令书，所欠工资已全部支付给诉求人",
                ),
            ],
        },
        sections: &[
            "劳动保障监察大队",
            "劳动仲裁院",
            "工伤保险股",
            "职业能力建设股",
        ],
    },
    Dept {
        name: "卫计局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询独生子女父母光荣证补办",
                    "我{when}办的独生子女父母光荣证在搬家时弄丢了，现在孩子上学和申请奖励都需要用到。想咨询一下证件丢失后能不能补办，需要带什么材料，在{shang}办还是到县卫计局办？",
                ),
                (
                    "咨询异地就医备案和报销",
                    "我父亲今年{age}岁，准备去银川的医院做手术。想咨询一下异地就医需要提前办理什么备案手续，出院时能不能直接结算，如果没有备案，回来报销的比例会不会降低？",
                ),
            ],
            suggestion: &[(
                "建议{hosp}开设夜间急诊",
                "{hosp}晚上只有一个值班人员，群众夜里突发急病只能打车去县城，路上要一个多小时，我家老人上个月就是这样被送去的。建议卫计局给{hosp}充实医护人员，开设夜间急诊，至少能做简单的急救处理。",
            )],
            request: &[
                (
                    "{hosp}医生服务态度差",
                    "我{days}天前带孩子去{hosp}看病，孩子发烧到39度，值班医生一直在玩手机，让我们等了一个多小时才看，开了药也不说怎么吃。我问了几句，医生说嫌麻烦就去县医院。请卫计局管一管乡镇卫生院医生的服务态度。",
                    "约谈了该卫生院院长及当班医生，对当班医生进行通报批评，并在全院开展医德医风教育",
                ),
                (
                    "住院医保报销{mon}个月未到账",
                    "我母亲{when}在{chosp}住院做了手术，总共花了{wage}元，出院时说医保报销部分会在一个月内打到卡上，现在已经{mon}个月了还没有到账。我去医院医保办问过{times}次，他们说要找上级部门。请卫计局帮忙查一下报销进度。",
                    "经查，该报销款因信息录入错误被退回，已重新审核并于3个工作日内拨付到诉求人账户",
                ),
                (
                    "{town}{vil}村卫生室长期无人坐诊",
                    "我们{town}{vil}的村卫生室经常锁门，村医一个月在不了几天，村里老人量个血压、拿个常用药都要跑到{shang}。我们向村委会反映过，说村医还兼着别的事。请卫计局督促村医按时坐诊，保障村民基本看病。",
                    "督促村医每周坐诊不少于5天，并在村卫生室门口公示坐诊时间和村医电话",
                ),
                (
                    "计生奖励扶助金未发放",
                    "我是{town}{vil}村民，我们家是农村计划生育两女户，按政策应该享受奖励扶助金。{when}{shang}已经把我们报上去了，可是到现在都没有发放。请卫计局查一下我家的奖扶金为什么还没到账。",
                    "经核实，诉求人符合奖励扶助条件，已录入系统，当年奖扶金已补发到位",
                ),
            ],
        },
        sections: &["医政医管股", "基层卫生股", "人口家庭股", "医保服务中心"],
    },
    Dept {
        name: "交通运输局",
        pool: Pool {
            inquiry: &[(
                "咨询{town}{vil}村组道路硬化申请",
                "我们{town}{vil}{grp}有{hh}户人家，到现在还是土路，一下雨就出不了门。想咨询一下村组道路硬化是怎么申请的，由村里上报还是{shang}统一申报，需要群众自筹一部分资金吗？",
            )],
            suggestion: &[(
                "建议{town}{vil}村口设置警示标志",
                "穿过{town}的过境公路在{vil}村口正好是一个弯道，村民出入和过马路非常危险，这几年出过好几次事故，我家亲戚就被车剐过。建议交通运输局在村口前后设置减速警示标志和人行横道，有条件的话安装爆闪灯。",
            )],
            request: &[
                (
                    "{town}{vil}通村公路坑洼严重",
                    "{town}到{vil}的通村公路修了不到{yrs}年，现在路面已经坑坑洼洼，好几处塌陷，下雨后积水根本看不清坑有多深，上个月有村民骑摩托车摔伤了。我们向{shang}反映过，说是交通局管的路。请交通运输局尽快安排维修。",
                    "公路养护站已组织人员和机械对坑槽进行修补，修补路面约300平方米，并在塌陷路段设置了警示标志",
                ),
                (
                    "{road}道路改造工程进度缓慢",
                    "{road}的道路改造工程从{mon}个月前开始施工，路面挖开后进度很慢，现在只留了一条窄道，车辆和行人挤在一起，我家门口的铺子生意也受影响。请交通运输局督促施工单位加快进度，并设置安全警示标志。",
                    "督促施工单位增加施工人员和设备，在施工路段设置围挡和安全警示标志，并书面承诺按期完工",
                ),
                (
                    "{town}{vil}村口小桥损坏",
                    "{town}{vil}村口的小桥桥面已经出现裂缝，护栏也被车撞断了一截，一直没有修复，晚上经过非常危险。每天有很多拉粮食和牲畜的车从桥上过，我们担心桥会塌。请交通运输局派人检测桥梁安全并及时维修。",
                    "对该桥梁进行了安全检测，已修复损坏护栏并设置限载标志，桥面裂缝修补已完成",
                ),
            ],
        },
        sections: &["公路养护站", "农村公路管理所", "建设管理股"],
    },
    Dept {
        name: "教体局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询一年级新生入学报名",
                    "我孩子今年满六周岁，户口在{town}{vil}，我们在县城{xq}买了房子。想咨询一下今年一年级入学报名是什么时候，是按户口还是按房产划片，需要准备哪些材料？",
                ),
                (
                    "咨询生源地信用助学贷款",
                    "我孩子今年考上了大学，家里经济困难，想办理生源地信用助学贷款。请问在哪里办理，需要带哪些材料，每年最多能贷多少，毕业后怎么还款？我们住在{town}，想一次把材料准备齐。",
                ),
            ],
            suggestion: &[
                (
                    "建议{road}附近增建免费体育场地",
                    "县城人口越来越多，但能免费锻炼的场地很少，{road}附近的广场晚上跳舞的、打球的挤在一起，我们想打个篮球都找不到地方。建议教体局在新区规划建设一些篮球场和健身步道，学校的操场周末也可以向群众开放。",
                ),
                (
                    "建议{town}学校配备心理老师",
                    "现在{town}很多孩子是留守儿童，父母常年在外打工，孩子跟着爷爷奶奶生活，性格内向，有的沉迷手机，我家孩子也是这样。建议教体局给农村学校配备专职或兼职心理老师，定期开展心理健康辅导。",
                ),
            ],
            request: &[
                (
                    "{tsch}校车超载",
                    "我家孩子在{tsch}上学，学校的校车每天早上要绕好几个村接学生，一辆车坐了四十多个孩子，明显超载，司机还开得很快。我跟学校反映过，学校说车是承包的。请教体局检查校车运营情况，保障孩子们的安全。",
                    "对该校车运营情况进行了检查，责令学校增加一辆校车，严禁超员运行，并对驾驶员进行了安全教育",
                ),
                (
                    "{csch}收取资料费未开收据",
                    "{csch}这学期开学向每个学生收了{fee}元的资料费和校服费，没有开任何收据，也没有告诉家长收费依据。我们家两个孩子上学，经济压力很大。请教体局核查学校收费是否合规，违规的予以退还。",
                    "经核查，学校收取资料费不符合规定，已责令学校全额退还，并对学校负责人进行了约谈",
                ),
                (
                    "进城务工子女转学入学难",
                    "我们一家{when}从{town}搬到县城，在{road}租房住，想让孩子转到附近的{csch}读{kid}，学校说学位已满，让我们去离家很远的学校。我们有租房合同和居住证，请教体局帮忙协调就近入学。",
                    "根据诉求人提供的居住证明，已协调为其孩子安排就近学校入学",
                ),
                (
                    "{csch}教师体罚学生",
                    "我孩子在{csch}上{kid}，{days}天前因为没写完作业被班主任罚站了一整节课，还当着全班同学的面骂孩子，现在孩子不愿意去上学。我找学校领导反映，学校只是让老师口头道歉。请教体局调查处理，规范教师行为。",
                    "责成学校对涉事教师进行批评教育并在全校通报，学校领导已上门向家长和学生道歉",
                ),
                (
                    "{road}校外培训机构卷款关门",
                    "{road}有一家校外培训机构，我{when}给孩子交了一年的学费{wage}元，上了不到{mon}个月就关门了，老板联系不上。和我家一样的还有十几个家长。请教体局查处这家机构，帮助家长追回学费。",
                    "联合市场监管、公安部门对该培训机构进行调查，已登记受损学生家长信息，并督促机构负责人分期退还预收的培训费",
                ),
                (
                    "{town}{sch}营养餐质量差",
                    "我孩子在{town}{sch}上学，听孩子说学校营养餐经常就是一个面包一盒牛奶，有时候牛奶还是快过期的。国家给每个学生都有营养改善计划补助，请教体局检查一下这所学校营养餐的落实情况。",
                    "对该校营养餐供餐情况进行了检查，责令供餐企业整改，更换不合格食材，并要求学校安排家长代表每周陪餐监督",
                ),
            ],
        },
        sections: &["基础教育股", "学生资助管理中心", "安全保卫股", "体育股"],
    },
    Dept {
        name: "农牧局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询农机购置补贴申请",
                    "我是{town}{vil}村民，准备买一台小型玉米收获机，听说国家有农机购置补贴，想咨询一下补贴标准是多少，要先买机器再申请还是先申请再买，需要到哪里办理，补贴款大概多长时间能到账？",
                ),
                (
                    "咨询{town}肉牛养殖贷款贴息",
                    "我在{town}{vil}养了{head}头肉牛，想再扩大规模，听说县里对养牛户有贷款贴息政策。想咨询一下贴息的标准是多少，需要养到多少头才能申请，到哪里报名？",
                ),
            ],
            suggestion: &[(
                "建议在{town}开展肉牛养殖技术培训",
                "我们{town}养牛的农户越来越多，我家也养了{head}头，但大部分人都是凭经验养，饲料搭配不合理，牛出栏慢、病也多。建议农牧局在农闲时组织畜牧技术员下村，开展青贮饲料制作和疫病防治培训。",
            )],
            request: &[
                (
                    "{town}{vil}{crop}种子出苗率低",
                    "我是{town}{vil}村民，{when}在{shang}的农资店买了{crop}种子，种了{mu}亩地，结果出苗率不到一半。店老板说是天旱的原因，可同样的地块种别的种子出苗都正常。请农牧局对这批种子进行鉴定，帮我们挽回损失。",
                    "已对该批种子取样送检，并组织种子经营者与诉求人协商，经营者已同意按出苗情况赔偿损失",
                ),
                (
                    "{town}{vil}基础母牛补贴未兑现",
                    "我在{town}{vil}养了{head}头肉牛，{when}按要求申报了基础母牛扩群补贴，村上和{shang}都审核通过了，到现在已经{mon}个月还没有兑现。请农牧局查一下补贴资金为什么没有发放，什么时候能到账。",
                    "经核实，该补贴资金已拨付到乡镇财政所，已督促于本月底前兑付到诉求人账户",
                ),
                (
                    "{town}{vil}羊只病死原因不明",
                    "我们{town}{vil}最近{days}天有好几户的羊出现不吃草、拉稀的症状，已经死了十几只，村里的防疫员来看了说不清楚是什么病。大家都很着急，请农牧局派兽医专家来诊断，指导防治。",
                    "派兽医技术人员到村里对发病羊只进行诊断，确诊为寄生虫病，已免费发放驱虫药并指导用药",
                ),
            ],
        },
        sections: &[
            "畜牧兽医站",
            "种子管理站",
            "农业技术推广中心",
            "农机服务中心",
        ],
    },
    Dept {
        name: "林业局",
        pool: Pool {
            inquiry: &[(
                "咨询{town}新一轮退耕还林政策",
                "我们{town}{vil}还有一些坡耕地，产量很低。想咨询一下今年还有没有新一轮退耕还林的指标，退耕后每亩补助多少钱，补助发放几年，种什么树由谁来定？",
            )],
            suggestion: &[(
                "建议{town}增加生态护林员岗位",
                "{town}的山林面积大，只有几个护林员，根本巡查不过来。村里有很多脱贫户有劳动能力但出不去打工，我就是其中一个。建议林业局增加生态护林员公益岗位，优先安排这些群众，既增加收入又能保护林子。",
            )],
            request: &[
                (
                    "{town}{vil}退耕还林补助停发",
                    "我是{town}{vil}村民，家里有{mu}亩地{when}纳入了退耕还林，按政策每年应该有补助，可是从去年开始就没有再发过。我问过村里和{xz}林业站，都说不清楚。请林业局查一下我家的退耕还林补助为什么停发了。",
                    "经核查，诉求人家退耕地补助因一卡通账号变更未能发放，已重新登记，补助资金已补发到位",
                ),
                (
                    "{town}{vil}退耕还林面积核算有误",
                    "我家在{town}{vil}有退耕地，实际退耕面积是{mu}亩，但补助只按一半面积发放。我拿着当年的合同去{shang}核对过{times}次，工作人员说以系统数据为准。请林业局重新核实我家的退耕面积，补发少发的补助。",
                    "组织乡镇林业站与诉求人重新丈量了退耕地块，按核实面积补发了少发的补助",
                ),
                (
                    "{town}{vil}后山有人偷伐林木",
                    "{town}{vil}后山上的生态林最近有人偷偷砍树，还有人在封山禁牧区放羊，刚种下{yrs}年的树苗被啃得差不多了。我们给护林员说过，但没有人管。请林业局派人巡查，依法处理毁林行为。",
                    "森林公安和护林员已到现场巡查，对盗伐林木人员立案调查，对在封山禁牧区违规放牧人员进行了批评教育并依法处罚",
                ),
            ],
        },
        sections: &["退耕还林办公室", "森林资源管理股", "乡镇林业站"],
    },
    Dept {
        name: "文广局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询{vil}农家书屋开放时间",
                    "我们{town}{vil}的村部有农家书屋，但好像一直锁着门。想咨询一下农家书屋平时是谁管理，有没有规定的开放时间，村民能不能把书借回家看？我家孩子放假想去看看书。",
                ),
                (
                    "咨询{town}文化站场地使用",
                    "我们{town}{vil}组织了一支秦腔自乐班，有十几个人，平时在村部院子里排练。想咨询一下能不能申请使用{xz}综合文化站的场地，县里对民间文艺团队有没有扶持，比如添置乐器和服装？",
                ),
            ],
            suggestion: &[(
                "建议组织文艺演出到{town}{vil}",
                "{town}{vil}离县城远，村民平时文化生活很单调，我们老人除了看电视没别的事干。建议文广局多组织秦腔、花儿等文艺演出和电影放映下乡，特别是在农闲和节日期间，丰富一下群众的生活。",
            )],
            request: &[
                (
                    "{town}{vil}户户通电视无信号",
                    "我家在{town}{vil}，前几年政府给装的户户通卫星电视，从{mon}个月前开始就收不到信号了，屏幕上一直显示需要授权。村里好几户都是这样，老人平时就靠看电视解闷。请文广局安排人员上门维修。",
                    "技术人员已上门重新授权机顶盒并调整了卫星天线方向，电视信号已恢复正常",
                ),
                (
                    "{road}广场舞音响噪音扰民",
                    "{road}文化广场每天晚上都有几支广场舞队，音响开得特别大，一直跳到{night}，周边小区的居民休息不了。我们去劝过，她们说广场是公共场所。请文广局对广场活动进行管理，规定时间和音量。",
                    "联合社区对广场舞队伍进行了约谈，规定活动时间至晚上9点半结束，并限定了音响音量",
                ),
                (
                    "{road}网吧接纳未成年人上网",
                    "{road}有一家网吧经常让未成年学生进去上网，我家孩子在{csch}上学，好几次放学后被我在网吧里找到，有时候还通宵。请文广局检查这家网吧，禁止接纳未成年人。",
                    "对该网吧进行了突击检查，发现接纳未成年人上网行为，已依法给予警告并处以罚款",
                ),
            ],
        },
        sections: &["广播电视服务中心", "文化市场综合执法大队", "公共文化服务股"],
    },
    Dept {
        name: "民政局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询农村低保申请条件",
                    "我是{town}{vil}村民，家里{age}岁的老父亲常年生病吃药，我在家照顾走不开，全家收入很低。想咨询一下农村低保的申请条件是什么，家庭收入怎么计算，需要准备哪些材料，向谁提出申请？",
                ),
                (
                    "咨询婚姻登记所需材料",
                    "我和对象准备下个月去登记结婚，我的户口在{town}，她的户口在外省。想咨询一下婚姻登记需要带哪些材料，户口本原件是不是必须带，在县民政局婚姻登记处办理需要预约吗？",
                ),
            ],
            suggestion: &[(
                "建议{town}{vil}建设老年饭桌",
                "现在{town}{vil}留在家里的多是老人，很多七八十岁的老人一个人生活，做饭都很困难，我家隔壁的老人就经常一天只吃一顿饭。建议民政局在有条件的村建设互助幸福院或老年饭桌，让老人能吃上一口热饭。",
            )],
            request: &[
                (
                    "{town}{vil}困难家庭低保申请未批",
                    "我是{town}{vil}村民，丈夫{when}因病去世，我一个人带着两个孩子，还要照顾{age}岁的婆婆，没有固定收入。{mon}个月前我向村里提交了低保申请，到现在还没有结果。请民政局帮我查一下申请审核到哪一步了。",
                    "经入户调查，诉求人家庭符合农村低保条件，已纳入低保保障，从下月起按月发放",
                ),
                (
                    "{town}{vil}火灾户临时救助无人受理",
                    "我家在{town}{vil}，{days}天前发生了一场火灾，烧毁了两间房，家里的粮食和衣物都没了。我去{xz}民政办申请临时救助，工作人员让我等通知，已经过去好多天了还没有人来看。请民政局尽快帮我们解决眼前的困难。",
                    "为诉求人发放临时救助金3000元，并联系乡镇送去了米面油和棉被",
                ),
                (
                    "{town}{vil}低保被取消不知原因",
                    "我家在{town}{vil}，一直享受农村低保，最近突然被取消了，没有人通知我们原因。家里{age}岁的老父亲常年卧床，孩子还在上学，生活确实困难。请民政局核查一下我家为什么被取消低保。",
                    "经核查，诉求人低保系动态调整时收入信息核算有误被取消，已重新审核恢复，并补发停发期间的低保金",
                ),
                (
                    "{oldage}岁老人高龄津贴停发",
                    "我母亲今年{oldage}岁了，按政策应该享受高龄津贴，可是从{when}开始就没有再收到。我去{shang}问，工作人员说要重新认证，我们认证完了{mon}个月，还是没到账。请民政局查一下原因。",
                    "诉求人母亲的高龄津贴因认证信息未同步而停发，已更正信息并补发",
                ),
            ],
        },
        sections: &["社会救助股", "养老服务股", "婚姻登记处", "乡镇民政办"],
    },
    Dept {
        name: "水务局",
        pool: Pool {
            inquiry: &[(
                "咨询{town}{vil}自来水入户申请",
                "我们家在{town}{vil}{grp}，今年新盖了房子，想接通自来水。请问农村自来水入户需要向哪里申请，要交多少开户费，从申请到接通大概需要多长时间？",
            )],
            suggestion: &[(
                "建议停水前提前通知{xq}居民",
                "县城经常因为管道维修临时停水，事先没有任何通知，我们{xq}的居民很多时候都是打开水龙头才发现没水。建议水务局在计划停水前至少提前一天通过短信、微信群或社区公告通知居民，方便大家提前储水。",
            )],
            request: &[
                (
                    "{town}{vil}自来水停水{days}天",
                    "我们{town}{vil}的自来水从{days}天前开始就停了，一直没有通知什么原因，也不说什么时候恢复。村里{hh}户人家只能去几里路外的水窖拉水，牲口也没水喝。请水务局尽快排查管道，恢复供水。",
                    "水务局维修队当日对破裂管道进行了抢修，已于当晚恢复供水",
                ),
                (
                    "{xq}自来水浑浊有异味",
                    "我家住在{xq}，最近{days}天自来水放出来发黄浑浊，烧开后壶底有一层沉淀，还有一股怪味。物业说是水厂的问题。家里老人孩子都不敢喝，只能买桶装水。请水务局检测水质，查明原因。",
                    "对该小区二次供水水箱进行了清洗消毒，并取样送检，水质检测结果符合国家标准",
                ),
                (
                    "{town}{vil}春灌用水分配不公",
                    "我是{town}{vil}村民，今年春灌时，管水员先给上游几个组放水，轮到我们{grp}时渠里已经没水了，我家{mu}亩地都没浇上。我们找管水员{times}次，他说水量就这么多。请水务局协调合理分配灌溉用水。",
                    "协调乡水管所重新制定了轮灌计划，已安排诉求人所在组优先灌溉",
                ),
                (
                    "{town}{vil}入户水管冻裂漏水",
                    "我家在{town}{vil}，入户的自来水管道去年冬天被冻裂了，一直在漏水，水表转得很快，一个月水费要{fee}元。我找村上的管水员说过好几次，说要等水务局安排。请水务局派人维修管道，并核减漏水期间的水费。",
                    "水务局维修队当日上门对冻裂的入户水管进行了更换，漏水已止住并恢复供水，并提醒诉求人对入户水管做好保温",
                ),
                (
                    "{town}{vil}河道倾倒垃圾影响行洪",
                    "{town}{vil}旁边的河道里被人倒了大量建筑垃圾和砂石，河道变窄了一半，夏天一下大雨河水就漫到村道上。我家就住在河边，担心汛期淹了村子。请水务局尽快清理河道，消除防汛隐患。",
                    "对河道内倾倒的建筑垃圾进行了清理，清运渣土约200方，并设立了禁止倾倒的警示牌",
                ),
            ],
        },
        sections: &[
            "供水管理站",
            "水政监察大队",
            "灌溉管理所",
            "农村饮水安全办公室",
        ],
    },
    Dept {
        name: "社保局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询城乡居民养老保险缴费档次",
                    "我今年{age3}岁，是{town}{vil}村民，想交城乡居民养老保险。请问缴费档次有哪几档，交得越多是不是以后领得越多，每年什么时候交，能不能在手机上缴费？",
                ),
                (
                    "咨询养老保险关系转移接续",
                    "我以前在银川打工时交了{yrs}年职工养老保险，现在回海原工作了。想咨询一下之前在银川交的养老保险怎么转回来，需要本人去银川办理吗，转移过程中会不会有损失？",
                ),
            ],
            suggestion: &[(
                "建议在{town}开展养老认证上门服务",
                "{town}有不少老人年纪大、不会用智能手机，每年做养老金资格认证都很困难，我父亲就得让我从外地赶回来帮忙。建议社保局组织工作人员定期下村，为行动不便的老人提供上门认证服务。",
            )],
            request: &[
                (
                    "{town}{vil}老人养老金停发",
                    "我母亲今年{age}岁，住在{town}{vil}，一直领取城乡居民基本养老金，可是从{mon}个月前开始就没有到账了。我们去{shang}问，说可能是资格认证没有通过，但我们已经做过认证了。请社保局查一下原因，补发停发的养老金。",
                    "经核查，诉求人母亲的养老金因资格认证数据未同步而暂停，已重新认证并补发暂停期间的养老金",
                ),
                (
                    "{co}未足额缴纳养老保险",
                    "我在{co}上班{yrs}年了，最近在手机上查社保缴费记录，发现公司有{mon}个月没有给我缴养老保险，但每个月工资里都扣了个人部分。我问公司财务，说是资金紧张。请社保局督促公司补缴。",
                    "向该公司下达补缴通知，公司已为诉求人补缴了欠缴期间的养老保险费",
                ),
                (
                    "第三代社保卡{mon}个月未领到",
                    "我{when}在{town}申请办理第三代社保卡，说一个月就能领取，到现在已经{mon}个月了还没拿到卡，看病买药都不方便。我打电话问过{times}次，每次都说在制卡。请社保局查一下我的社保卡现在是什么状态。",
                    "经查，诉求人的社保卡已制卡完成，已通知其到乡便民服务中心领取",
                ),
            ],
        },
        sections: &["城乡居民保险股", "社会保险稽核股", "社会保险经办中心"],
    },
    Dept {
        name: "就创局",
        pool: Pool {
            inquiry: &[(
                "咨询在{town}开农家乐创业贷款",
                "我今年{age3}岁，想在{town}开一家农家乐，听说有创业担保贷款，可以贴息。想咨询一下申请条件是什么，最多能贷多少，需要什么担保，到哪里申请？",
            )],
            suggestion: &[
                (
                    "建议每月定期举办招聘会",
                    "现在很多年轻人想在家门口找工作，但不知道县里哪些企业在招人，我找了几个月都没找到合适的。建议就创局每月定期举办招聘会，并把招聘信息发到各村的微信群里，方便群众就近就业。",
                ),
                (
                    "建议在{town}开展家政技能培训",
                    "我们{town}很多留守妇女想出去做家政、当月嫂，但没有技术和证书，我自己就想学。建议就创局联系培训机构到{shang}开班，培训合格后推荐到银川、中卫等地就业。",
                ),
            ],
            request: &[
                (
                    "创业担保贷款{mon}个月未审批",
                    "我是{town}{vil}人，准备在县城{road}开一家汽修店，{mon}个月前向就创局申请了创业担保贷款，材料都交齐了，到现在还没有审批下来。店面房租已经交了，每天都在损失。请就创局加快审批进度。",
                    "已加快审核诉求人的创业担保贷款申请，贷款已审批通过并于本周放款",
                ),
                (
                    "{town}公益性岗位补贴{mon}个月未发",
                    "我在{town}{vil}干公益性岗位，负责打扫村里卫生，按规定每月有补贴，可是已经{mon}个月没有发了。我们村里几个同样干公益岗位的人也都没领到。请就创局查一下补贴为什么没发。",
                    "经核实，公益性岗位补贴因资金拨付流程延误未按时发放，已于本月全部发放到位",
                ),
                (
                    "外出务工交通补贴未发放",
                    "我{when}通过{town}组织去外地务工，当时说可以领取一次性交通补贴，我们把车票和务工证明都交给了{xz}劳务站，已经{mon}个月了还没有发放。请就创局核实一下这项补贴的发放情况。",
                    "已核实诉求人的务工信息，一次性交通补贴已打入其一卡通账户",
                ),
            ],
        },
        sections: &["创业服务中心", "就业服务股", "劳务输出办公室"],
    },
    Dept {
        name: "商经局",
        pool: Pool {
            inquiry: &[
                (
                    "咨询小微企业扶持政策",
                    "我在县城开了一家小型清真食品加工厂，想扩大生产规模。想咨询一下县里对小微企业有没有扶持政策，比如贴息贷款或者设备补贴，需要满足什么条件，向哪个部门申报？",
                ),
                (
                    "咨询{town}开设农村电商服务站",
                    "我在{town}{vil}开了一家小超市，想兼做农村电商服务站，帮村民代收代发快递、网上卖农产品。想咨询一下开设服务站需要什么条件，县里有没有设备和场地补贴？",
                ),
            ],
            suggestion: &[(
                "建议扶持本地特色农产品销售",
                "我们海原的小杂粮、小茴香、牛羊肉品质都很好，但缺少品牌和销路，我家种的小茴香只能低价卖给贩子。建议商经局多组织本地特色产品参加展销会，帮助搭建线上销售平台。",
            )],
            request: &[
                (
                    "{town}电商扶持补贴未兑现",
                    "我在{town}开了一家农产品网店，{when}报名参加了电商进农村的扶持项目，说有场地和物流补贴，审核通过后到现在{mon}个月了，补贴一直没有兑现。请商经局核实一下补贴发放进度。",
                    "经核实，诉求人的电商扶持补贴已审核通过，资金已拨付到其账户",
                ),
                (
                    "{road}美容店办预付卡后关门",
                    "我{when}在{road}一家美容店办了一张{wage}元的预付卡，才用了几次，店铺突然关门，老板联系不上。和我一样办卡的有几十个人。请商经局牵头处理，帮助消费者挽回损失。",
                    "已联合市场监管、公安等部门对涉事美容店进行调查，组织办卡消费者登记，并督促经营者退还预付卡余额",
                ),
            ],
        },
        sections: &["商贸流通股", "电子商务服务中心", "中小企业服务股"],
    },
    Dept {
        name: "扶贫办",
        pool: Pool {
            inquiry: &[(
                "咨询{town}脱贫户小额信贷政策",
                "我家是{town}{vil}的脱贫户，想扩大养牛规模，听说脱贫户可以申请小额信贷。想咨询一下最多能贷多少，利息怎么算，期限是几年，需要到哪里申请？",
            )],
            suggestion: &[(
                "建议{town}扶贫车间增加岗位",
                "{town}的扶贫车间主要做手工编织，岗位不多，很多留守妇女想去干活都排不上，我报名三个月了还在等。建议扶贫办引进更多适合妇女在家门口干的项目，增加就业岗位。",
            )],
            request: &[
                (
                    "{town}{vil}产业奖补资金未到位",
                    "我家是{town}{vil}的脱贫户，{when}按照{shang}的要求发展养殖，买了{head}只羊，说好的产业奖补资金到现在已经{mon}个月了还没拿到。我问了村里的帮扶干部，说在走程序。请扶贫办查一下什么时候能发放。",
                    "经核实，诉求人的产业奖补资金已审核通过，已拨付至其一卡通账户",
                ),
                (
                    "{town}{vil}帮扶干部不入户",
                    "我家在{town}{vil}，是防返贫监测户，按规定帮扶干部要经常入户了解情况，但我们的帮扶干部一年来家里不到一次，家里有困难也找不到人。请扶贫办督促帮扶干部落实帮扶责任。",
                    "约谈了诉求人的帮扶责任人，要求其每月至少入户一次，帮扶责任人已上门了解诉求人家庭困难",
                ),
                (
                    "雨露计划补助{mon}个月未发放",
                    "我家孩子在外地读职业技术学院，家里是{town}{vil}的脱贫户，按政策可以享受雨露计划补助，今年的申请材料{mon}个月前就交到{shang}了，到现在还没有发放。请扶贫办核实一下补助进度。",
                    "雨露计划补助已审核通过，已发放至诉求人的一卡通账户",
                ),
            ],
        },
        sections: &["产业发展股", "监测帮扶股", "项目资金管理股"],
    },
    Dept {
        name: "电信公司",
        pool: Pool {
            inquiry: &[
                (
                    "咨询宽带套餐到期续约",
                    "我家电信宽带套餐下个月到期，想咨询一下到期后是自动续约还是需要重新办理，续约有没有优惠，如果不续约直接停用需要办什么手续，光猫要不要归还？",
                ),
                (
                    "咨询老人手机卡补登实名信息",
                    "我母亲今年{age}岁，她用的电信手机卡是好多年前别人帮忙办的，最近收到短信说要补登实名信息，不然会停机。想咨询一下老人行动不便能不能由子女代办，需要带哪些证件？",
                ),
            ],
            suggestion: &[
                (
                    "建议营业厅设老年人服务窗口",
                    "电信营业厅现在很多业务都要求在手机上自助办理，老年人不会操作，我陪母亲去办业务排了半天队。建议电信公司在营业厅设立老年人专门服务窗口，安排工作人员帮助老人办理业务。",
                ),
                (
                    "建议{town}{vil}尽快覆盖光纤",
                    "我们{town}{vil}离{shang}不远，可村里还没有通光纤，年轻人在外打工回来连个网都上不了，我开网店也很不方便。建议电信公司把{vil}纳入今年的宽带建设计划，尽快通光纤。",
                ),
            ],
            request: &[
                (
                    "{xq}电信宽带频繁断网",
                    "我家住{xq}{bld}号楼，装的是电信宽带，最近{days}天几乎每天晚上都断网，一断就是一两个小时。打客服电话报修了{times}次，师傅来看了一次说线路没问题，之后还是老样子。请电信公司彻底检修线路。",
                    "维修人员已上门排查，更换了老化的入户光缆，宽带已恢复稳定",
                ),
                (
                    "宽带销户后仍在扣费",
                    "我{when}在电信营业厅办理了宽带销户，当时工作人员说已经办好了，可是后面几个月手机话费里一直在扣宽带费，加起来有{fee}元。我去营业厅要求退费，他们说没有销户记录。请电信公司查明情况，退还多扣费用。",
                    "经核实，诉求人宽带销户系系统漏办，已补办销户手续并退还多扣的费用",
                ),
                (
                    "{town}{vil}{grp}未通光纤宽带",
                    "我们{town}{vil}{grp}一直没有通光纤宽带，孩子上网课只能用手机流量，一个月要花很多钱。我们向电信营业厅申请了{times}次，说要统计够户数才能拉线，可我们组已经有{hh}户报名了。请电信公司尽快安排施工。",
                    "已将该组纳入光纤建设计划，施工队已进场架设线路，预计本月底前开通",
                ),
            ],
        },
        sections: &["网络运维中心", "客户服务中心", "海原分公司营业部"],
    },
    Dept {
        name: "海城供电公司",
        pool: Pool {
            inquiry: &[(
                "咨询{town}{vil}新建住房报装用电",
                "我在{town}{vil}新盖了房子，想申请通电。请问农村新建住房报装用电需要准备哪些材料，到哪里申请，需要交费吗，从申请到通电大概要多长时间？",
            )],
            suggestion: &[(
                "建议{town}计划停电提前短信通知",
                "供电公司检修线路计划停电时，很多时候只在营业厅门口贴个通知，我们{town}的村民根本看不到。建议供电公司通过短信和村里的微信群提前通知停电时间和范围，方便群众提前做好准备。",
            )],
            request: &[
                (
                    "{town}{vil}频繁停电",
                    "我们{town}{vil}最近{days}天经常突然停电，一天停好几次，事先也没有通知，家里的冰箱、电视都烧坏了。村里{hh}户人家都受影响。请供电公司检修线路，查明频繁停电的原因。",
                    "供电所已对该线路进行检修，更换了老化的导线和跌落式开关，线路运行已恢复正常，近期未再发生停电",
                ),
                (
                    "{town}{vil}{grp}傍晚电压过低",
                    "我家在{town}{vil}{grp}，每到傍晚用电高峰时电压就特别低，灯泡发暗，电磁炉、水泵都用不了。这种情况已经持续{mon}个月了，村电工说是变压器容量不够。请供电公司给我们组增容改造变压器。",
                    "已对该台区变压器实施增容改造，由100千伏安更换为200千伏安，低电压问题已解决",
                ),
                (
                    "{xq}住户电费异常偏高",
                    "我家住{xq}{bld}号楼，家里只有两个老人，平时用电不多，可是上个月电费突然变成了{fee}元，是平时的好几倍。我怀疑是电表有问题，去营业厅反映过，工作人员说电表没问题。请供电公司派人上门检测电表。",
                    "对诉求人家的电能表进行了现场校验，电表计量准确，并向诉求人解释了阶梯电价计费方式",
                ),
                (
                    "{town}{vil}电线杆倾斜存在隐患",
                    "{town}{vil}村道旁边有一根电线杆严重倾斜，电线离地面很低，村里的孩子、牲口经常从下面经过，大车过去时都能挂到。我们给村电工说过{times}次，一直没人处理。请供电公司尽快扶正电杆，消除安全隐患。",
                    "已组织人员将倾斜电杆扶正加固，并调整了导线对地距离",
                ),
            ],
        },
        sections: &["城区供电所", "运维检修班", "客户服务中心"],
    },
];

/// Used for a department name that is not in [`DEPTS`].
static GENERIC_DEPT: Pool = Pool {
    inquiry: &[(
        "咨询{unit}办事所需材料",
        "我想到{unit}办理相关业务，但不清楚需要准备哪些材料、在哪个窗口办理、周末是否上班。我住在{town}{vil}，来一趟县城不容易，想提前问清楚，请{unit}给予答复，最好能一次性告知。",
    )],
    suggestion: &[(
        "建议{unit}公开办事指南",
        "我到{unit}办事时，经常因为不清楚流程来回跑，上个月前后跑了{times}趟。建议{unit}在政务服务网和微信公众号上公开办事指南、材料清单和咨询电话，让群众少跑腿。",
    )],
    request: &[(
        "反映{unit}办事效率低",
        "我{days}天前到{unit}办理业务，窗口工作人员让我补交材料，我补齐后再去，又说负责的人出差了，前后跑了{times}次都没办成。我住在{town}，来一趟县城很不容易。请{unit}简化办事流程，一次性告知所需材料。",
        "已对相关窗口工作人员进行了批评教育，并在办事大厅公示办事流程和时限，实行首问负责和一次性告知",
    )],
};

/// Shared pool for rural townships (villages).
static RURAL: Pool = Pool {
    inquiry: &[
        (
            "咨询{town}危房改造补助标准",
            "我家在{town}{vil}，住的土坯房已经很旧了，想咨询一下今年农村危房改造的补助标准是多少，哪些家庭可以申请，是先改造后补助还是先拨款，需要自己先垫多少钱？",
        ),
        (
            "咨询{town}分户宅基地申请条件",
            "我是{town}{vil}村民，家里兄弟两个都成家了，还挤在一个院子里。想咨询一下农村分户后申请宅基地需要什么条件，面积标准是多少，要经过哪些审批程序？",
        ),
        (
            "咨询{town}独居老人低保申请",
            "我是{town}{vil}村民，老伴去年去世了，我今年{age}岁，身体不好，两个儿子都在外地打工，家里条件也不好。想咨询一下像我这种情况能不能申请低保，需要到村里还是{shang}申请？",
        ),
        (
            "咨询{town}{vil}土地流转合同",
            "有人来我们{town}{vil}流转土地种植中药材，一亩地每年给{fee}元，要签十年的合同。想咨询一下土地流转合同签订时要注意什么，需不需要到{shang}备案，流转费不按时给怎么办？",
        ),
        (
            "咨询{town}高龄津贴申领手续",
            "我父亲今年{oldage}岁了，户口在{town}{vil}。听说八十岁以上老人有高龄津贴，想咨询一下每月能领多少，需要带什么材料到哪里申请，是不是每年都要认证？",
        ),
        (
            "咨询{town}耕地地力补贴发放时间",
            "我家在{town}{vil}有{mu}亩地，往年耕地地力保护补贴都是春耕前发放，今年到现在还没有收到。想咨询一下今年的补贴标准是多少，大概什么时候发放，在哪里能查到发放明细？",
        ),
    ],
    suggestion: &[
        (
            "建议{town}{vil}修建文化广场",
            "我们{town}{vil}有{hh}户人家，村里没有一块像样的活动场地，老人晒太阳、孩子玩耍都在路边，很不安全。建议{gov}把村部旁边的空地平整一下，修建一个小型文化广场，安装一些健身器材。",
        ),
        (
            "建议{town}集日规范摆摊秩序",
            "{town}每逢集日，街道两边的摊位都摆到了马路中间，车辆过不去，经常堵上一两个小时，也容易出事故，我上次赶集就被堵在半路。建议{gov}规划专门的集市场地，划定摊位，安排人员维持秩序。",
        ),
        (
            "建议{town}{vil}增设垃圾收集点",
            "{town}{vil}只有村口一个垃圾收集点，离我们{grp}有两里多路，很多村民图方便把垃圾倒在沟里。建议{gov}在各组增设几个垃圾箱，安排保洁员定期收集清运。",
        ),
        (
            "建议{town}便民服务中心周末服务",
            "我们在外地打工的人，只有周末或者农忙后回家，可是{town}便民服务中心周末不上班，很多事情只能请假回来办，我上次为了开个证明专门请了两天假。建议{town}便民服务中心实行周末轮班或预约服务。",
        ),
        (
            "建议{town}{vil}村道修建护坡",
            "{town}{vil}的村道一边是深沟，每年雨季都会被冲塌一段，今年又塌了十几米，现在只剩一半路面，我每天骑摩托车经过都提心吊胆。建议{gov}在这段路边修建挡土墙或护坡，彻底解决水毁问题。",
        ),
    ],
    request: &[
        (
            "{town}{vil}{grp}村道被冲毁无法通行",
            "我是{town}{vil}{grp}村民，我们组到村部的路是几年前修的砂石路，今年雨季被水冲出好几个大坑，三轮车和摩托车都过不去，娃娃上学只能绕远路。已经{mon}个月了，向村委会反映过{times}次，说没有资金。希望{shang}尽快安排修补。",
            "已组织包村干部和村委会对损毁路段进行了修补，回填砂石约50方，道路已恢复通行",
        ),
        (
            "{town}{vil}饮水管道破裂停水",
            "我们{town}{vil}{grp}的饮水管道{days}天前在沟边破裂了，全组{hh}户人家断水，现在只能开三轮车去邻村拉水。村上的管水员来看过一次，说要等材料。眼看天越来越热，人和牲口都离不开水，请{gov}尽快组织维修。",
            "水管员当日对破裂的饮水管道进行了抢修，已恢复供水，并对全组管道进行了排查",
        ),
        (
            "{town}{vil}承包地地界纠纷",
            "我家在{town}{vil}有一块承包地，和邻居家的地挨着。{when}邻居家把地界往我家地里挪了两米多，占了我家将近一亩地。我们找村委会调解了{times}次，邻居就是不认。请{gov}派人根据承包合同重新确定地界。",
            "司法所和村委会组织双方现场调解，依据承包合同重新确定了地界，双方签订了调解协议",
        ),
        (
            "{town}{vil}低保评定不公",
            "我们{town}{vil}今年评低保时，有几户家里有车有楼房的人评上了，而我们组一户老两口都七十多岁了、没有儿女照顾，却没有评上。村民意见很大。请{gov}对{vil}的低保评定情况进行核查，做到公平公正。",
            "对该村低保户进行了重新入户核查，取消不符合条件的2户，新纳入符合条件的困难户3户",
        ),
        (
            "{town}{vil}危房改造申请无回复",
            "我家在{town}{vil}{grp}，住的还是几十年前的土坯房，墙上裂了好几道缝，一下雨就漏。{mon}个月前我向村里提交了危房改造申请，村干部来拍过照片，之后就没有消息了。请{gov}尽快安排鉴定，帮我家纳入危房改造。",
            "已安排技术人员对诉求人的住房进行了鉴定，鉴定为C级危房，已纳入今年危房改造计划",
        ),
        (
            "{town}{vil}宅基地申请{mon}个月未批",
            "我是{town}{vil}村民，儿子结婚需要分户盖房，{mon}个月前向村里申请了宅基地，材料都交到{shang}了，到现在一直没有批下来。我们问过几次，说是要等统一审批。请{gov}告知审批进度，尽快给予答复。",
            "经核查，诉求人的宅基地申请符合条件，已完成村级公示和乡镇审核，审批手续已办结并通知诉求人领取",
        ),
        (
            "{town}{vil}太阳能路灯大多不亮",
            "{town}{vil}村道上前年安装的太阳能路灯，现在有一大半都不亮了，有的灯头也被风刮掉了。晚上村道上黑漆漆的，老人孩子走路不安全，前几天我邻居骑车摔进了沟里。请{gov}联系安装单位来维修。",
            "联系路灯安装单位对损坏的路灯进行了维修，更换灯头和蓄电池11套，路灯已全部恢复亮灯",
        ),
        (
            "{town}{vil}垃圾收集点{days}天未清运",
            "{town}{vil}村口的垃圾收集点已经{days}天没有人来清运了，垃圾堆得比墙还高，被风吹得到处都是，天一热就发臭。我们找过村上的保洁员，他说垃圾车坏了。请{gov}尽快安排清运，并定期清理。",
            "已安排垃圾清运车对该收集点的垃圾进行了清运，并要求保洁员每周清运两次",
        ),
        (
            "{town}安置房项目拖欠工资",
            "我是{town}{vil}村民，{when}跟着{boss}在{shang}的一个安置房项目干活，干了{mon}个月，还欠我们{ppl}个人工资{amt}元。我们找{boss}要了{times}次，他说{shang}工程款没拨下来。请{gov}帮我们协调解决。",
            "约谈了包工头和项目负责人，所欠农民工工资已全部结清，务工人员均已签字确认",
        ),
        (
            "{town}{vil}耕地地力补贴少发",
            "我家在{town}{vil}有{mu}亩承包地，今年的耕地地力保护补贴只发了一部分，比别人家同样面积的地少了一大截。我去{xz}财政所查，说面积登记有问题。请{gov}帮我核实承包面积，补发少发的补贴。",
            "组织村委会重新核对了诉求人家的耕地面积，少发的耕地地力补贴已补发到其一卡通账户",
        ),
        (
            "{town}{vil}{grp}村民建房占道",
            "我们{town}{vil}{grp}有一户村民盖新房时把院墙砌到了村道上，原来能过三轮车的路现在只剩不到一米宽，我家和后面几户人家的车都出不来。我们找村委会反映了{times}次，一直没人管。请{gov}依法处理。",
            "会同村委会到现场核查，责令建房户拆除占用村道的围墙，村道已恢复原宽度",
        ),
        (
            "{town}{vil}村中养牛场臭味扰民",
            "{town}{vil}有人在村子中间建了养牛场，养了几十头牛，粪便堆在路边也不处理，夏天臭气熏天，苍蝇多得没法开窗。这种情况已经{mon}个月了。请{gov}督促养殖户把粪便及时清运，或者把养殖场搬到村外。",
            "督促养牛场建设储粪池并定期清运粪污，已协调将养殖圈舍迁至村外的养殖园区",
        ),
        (
            "{town}{vil}修路占地补偿款未发",
            "{when}{shang}修{vil}到{vil2}的道路占用了我家一亩多承包地，当时说补偿款会尽快发放，可到现在已经{yrs}年了还没有拿到。我问过村干部，他们说要等{shang}。请{gov}查明情况，尽快兑付补偿款。",
            "经核实，诉求人家的修路占地补偿款因土地面积未确认而未发放，已重新丈量确认，补偿款已拨付到其一卡通账户",
        ),
        (
            "{town}{vil}独居老人取暖煤未发",
            "我是{town}{vil}的独居老人，今年{age}岁，身体不好，往年冬天{shang}会给困难户发一些取暖煤，今年入冬快一个月了还没有发。我家里烧的煤快用完了，请{gov}了解一下今年的取暖煤什么时候发放。",
            "已为诉求人发放取暖煤1吨，并安排包村干部定期上门看望",
        ),
        (
            "{town}{vil}村务财务不公开",
            "我们{town}{vil}这几年修路、建文化广场花了不少钱，但村务公开栏一直是空的，村民不知道钱是怎么花的。我们向村委会要求公开账目，村干部说不归我们管。请{gov}督促{vil}按规定公开村务和财务。",
            "督促村委会在村务公开栏公示了近三年的村级财务收支明细，并召开村民代表会议作了说明",
        ),
        (
            "{town}{vil}{grp}房后土崖开裂",
            "我家在{town}{vil}{grp}，房子后面是一面土崖，今年下了几场大雨后崖面出现了好几道大裂缝，还掉下来不少土块，我们全家晚上睡觉都不踏实。向村上反映过，说要报{shang}。请{gov}尽快派人查看，帮我们想办法搬迁或治理。",
            "已安排技术人员对诉求人房后的土崖进行了查看，在危险区域设置了警示标志，并协助诉求人一家临时搬到亲戚家居住，已申报地质灾害隐患治理",
        ),
        (
            "{town}集镇街道雨后积水严重",
            "{town}集镇主街道排水不畅，一下雨街面积水没过脚踝，我在街上开小卖部，门口全是泥水，顾客都进不来。这个问题已经{yrs}年了，每年雨季都这样，向{shang}反映过{times}次。请{gov}疏通排水沟，彻底解决积水问题。",
            "已组织人员对集镇街道的排水渠进行了清淤疏通，并新建排水管道120米，雨后积水问题已解决",
        ),
    ],
};

/// Shared pool for urban communities (海城镇, 街道办).
static URBAN: Pool = Pool {
    inquiry: &[
        (
            "咨询{com}居住证明开具",
            "我是外地户口，在{com}{xq}租房住了{yrs}年，孩子要在县城上学，学校要求提供居住证明。想咨询一下居住证明需要带哪些材料到社区开具，房东需不需要一起去？",
        ),
        (
            "咨询{com}城市低保申请条件",
            "我住在{com}，家里就我和老伴两个人，都没有固定收入，只靠打零工维持生活。想咨询一下城市低保的申请条件是什么，收入标准是多少，需要准备什么材料？",
        ),
        (
            "咨询{com}老年人优待证办理",
            "我母亲今年{age}岁，住在{com}。听说县里可以办理老年人优待证，坐公交、进公园有优惠，想咨询一下在哪里办理，需要带什么材料，能不能由子女代办？",
        ),
    ],
    suggestion: &[
        (
            "建议{com}沿街增设休闲座椅",
            "{com}{road}一带老年人很多，每天早晚都有很多老人出来散步，可是路边连一张能坐的椅子都没有，我母亲走累了只能坐在马路牙子上。建议在沿街绿化带旁边增设一些休闲座椅。",
        ),
        (
            "建议{com}建设社区食堂",
            "{com}独居老人和双职工家庭比较多，老人做饭不方便，孩子放学也没人管饭，我家就是这种情况。建议{town}在社区建设一个老年食堂或社区食堂，价格实惠一些，方便居民就餐。",
        ),
        (
            "建议{com}改造{road}旱厕",
            "{com}{road}附近只有一座旱厕，又脏又臭，夏天根本进不去，附近摆摊的和路过的群众上厕所很不方便，我在这里摆摊好几年了。建议{town}对这座公厕进行改造，改成水冲式厕所，并安排专人保洁。",
        ),
    ],
    request: &[
        (
            "{town}{com}{xq}路灯损坏",
            "我住在{com}{xq}，小区里和门口的路灯坏了快{mon}个月了，晚上一片漆黑，前几天有位老人下台阶摔倒了。我们找物业，物业说路灯归社区管；找社区，社区又说归物业管。请{town}协调尽快修好路灯。",
            "联系路灯维护单位更换了损坏的灯具，小区路灯已全部恢复照明",
        ),
        (
            "{com}{road}背街小巷垃圾堆积",
            "{com}{road}后面的背街小巷堆了很多生活垃圾和建筑垃圾，已经{days}天没有人清理，臭味很大，还招来很多老鼠。这条巷子住着几十户人家，我每天进出都要捂着鼻子。请尽快安排人员清理，并增设垃圾桶。",
            "协调环卫部门对背街小巷的垃圾进行了清运，并新增垃圾桶6个，安排保洁员每日清扫",
        ),
        (
            "{com}{xq}楼下废品站占道",
            "{com}{xq}楼下有人租了门面房开废品收购站，纸箱、塑料瓶堆满了人行道，有的还堆到了楼道口，既影响通行又有火灾隐患。我们向社区反映了{times}次，一直没有效果。请{town}依法处理。",
            "联合执法部门对占道经营的废品收购站下达整改通知，店主已将堆放物品全部清理",
        ),
        (
            "{com}{road}人行道井盖缺失",
            "{com}{road}人行道上有一个下水道井盖丢了，只用几根树枝挡着，晚上根本看不见，已经有{days}天了。这条路是我家孩子上学的必经之路，很危险。请尽快补装井盖。",
            "已补装井盖，并对辖区内其他井盖进行了排查，更换破损井盖4个",
        ),
        (
            "{com}困难居民低保申请无结果",
            "我住在{com}，{when}在工地上受伤后一直不能干重活，家里两个孩子上学，老伴身体也不好。我向社区申请了低保，社区说材料报到{town}了，已经{mon}个月还没有消息。请帮我问一下申请结果。",
            "社区已入户核查诉求人家庭收入情况，城市低保申请材料已报民政局审批，预计下月公示",
        ),
        (
            "{com}{xq}附近流浪狗伤人",
            "{com}{xq}附近最近有好几条流浪狗，成群结队地在小区周围转悠，{days}天前邻居家的孩子放学路上被咬伤了，打狂犬疫苗花了几百元。大家现在出门都提心吊胆。请{town}组织人员处置流浪犬。",
            "协调城管和公安部门对小区周边的流浪狗进行了集中收容，并提醒居民文明养犬",
        ),
        (
            "{xq}{bld}号楼楼道堆物堵塞",
            "{com}{xq}{bld}号楼楼道里被几户居民堆满了旧家具、纸箱和电动车，有的还在楼道里给电动车充电，消防通道完全堵死了。我们跟邻居和物业都说过，没人理会。请社区和{town}组织清理，消除火灾隐患。",
            "组织社区网格员和物业公司对楼道杂物进行了集中清理，清理杂物3车，并对居民进行了消防安全宣传",
        ),
        (
            "{com}居委会开证明来回跑",
            "我{days}天前到{com}居委会开具居住证明，工作人员说负责的人不在，让我改天再来，我跑了{times}次都没开出来。孩子上学报名急用这个证明。请{town}督促社区改进工作作风，及时为群众办事。",
            "约谈了社区居委会负责人，公示开具各类证明所需材料并实行一次性告知，已当日为诉求人开具所需证明",
        ),
    ],
};

static EXTRA_HAIXING: Pool = Pool {
    inquiry: &[(
        "咨询海兴开发区移民户口迁移",
        "我家是{when}搬迁到海兴开发区{vil}的生态移民，户口还在原来的乡镇，孩子上学和办事都不方便。想咨询一下移民户口迁到开发区需要什么手续，宅基地和原来的承包地会不会受影响？",
    )],
    suggestion: &[(
        "建议开通海兴开发区到县城公交",
        "海兴开发区离县城有几十公里，我们移民村的群众去县城看病、办事只能坐私家车，来回一趟要花不少钱。建议开发区协调开通到县城的公交车，每天固定发几趟车，方便群众出行。",
    )],
    request: &[
        (
            "海兴开发区{vil}移民安置房漏雨",
            "我家是{when}从南部山区搬迁到海兴开发区{vil}的生态移民，安置房住了几年，屋顶就开始漏雨，墙体也出现了裂缝。我们向开发区管委会反映了{times}次，说要统一维修，可到现在已经{mon}个月了还没动静。请尽快安排维修。",
            "已组织施工单位对安置房屋面防水层进行了维修，诉求人家漏雨问题已解决",
        ),
        (
            "海兴开发区加工企业拖欠工资",
            "我是海兴开发区{vil}的村民，在园区一家枸杞加工企业上班，干了{mon}个月，企业以效益不好为由拖欠我们{ppl}名工人工资共{amt}元。我们找过企业负责人和园区管委会，都说在想办法。请开发区尽快协调解决。",
            "约谈了企业负责人，督促其与务工人员核对工资，所欠工资已全部结清，务工人员均已签字确认",
        ),
    ],
};

static EXTRA_GANYANCHI: Pool = Pool {
    inquiry: &[(
        "咨询甘盐池草原生态补奖政策",
        "我是甘盐池{vil}的牧民，家里有承包草场。想咨询一下今年草原禁牧补助和草畜平衡奖励的标准是多少，什么时候发放，草场面积以哪一年的确权数据为准？",
    )],
    suggestion: &[(
        "建议甘盐池组织滩羊养殖技术培训",
        "甘盐池养滩羊的人家很多，但舍饲养殖技术跟不上，我家的羊今年病了好几只。建议管委会联系农牧部门的技术员，在冬春季节组织舍饲养殖和疫病防治培训。",
    )],
    request: &[
        (
            "甘盐池{vil}承包草场被人圈占",
            "我是甘盐池{vil}的牧民，家里承包的{mu}0亩草场{when}被邻村的人圈占放牧，对方说草场是他们的。我们拿着承包证去找了{times}次，一直没解决，我家的羊都没地方放了。请甘盐池尽快调处。",
            "组织村委会和双方现场核对草原承包证，确认了草场界线，圈占草场的围栏已拆除",
        ),
        (
            "甘盐池{vil}饮水井干涸",
            "甘盐池{vil}{grp}的饮水井从{mon}个月前开始出水越来越少，现在基本抽不上水了，全组{hh}户人家和几百只羊都要到几公里外去拉水。请尽快安排打新井或者接通自来水管道。",
            "已安排送水车每两日为该村送水一次，并将打深水井纳入今年的农村饮水安全项目",
        ),
    ],
};

static EXTRA_MARKET_TOWN: Pool = Pool {
    inquiry: &[(
        "咨询{town}集镇门面房经营手续",
        "我想在{town}集镇街道上租一间门面房开餐馆，想咨询一下除了营业执照，还需要办理哪些手续，门头招牌需不需要报批，镇上对餐饮店的排污和油烟有什么要求？",
    )],
    suggestion: &[(
        "建议{town}集镇修建公共停车场",
        "{town}是周边几个乡的集散地，逢集时来赶集的车特别多，全停在街道两边，我开车进出经常堵很久。建议镇上在集镇边上修建一个公共停车场，集日安排人员引导停车。",
    )],
    request: &[
        (
            "{town}农贸市场污水横流",
            "{town}农贸市场的排水沟堵了{days}天，卖肉和卖菜的摊位下面全是污水，气味很难闻，苍蝇很多。我在市场里租摊位卖菜，顾客都不愿意进来了。请镇上尽快疏通排水沟，加强市场卫生管理。",
            "已组织对农贸市场的排污沟进行了清淤和硬化，并安排保洁员每日清扫冲洗",
        ),
        (
            "{town}集镇夜市噪音扰民",
            "{town}集镇街道最近开了几家夜市烧烤，每天营业到{night}，喝酒划拳的声音很大，我家就住在旁边，老人孩子都睡不好。我们找摊主说过{times}次，没有效果。请镇上规范夜市经营时间。",
            "约谈了夜市经营户，规定夜市晚上10点前收摊并限定音响音量，安排人员每晚巡查",
        ),
    ],
};

static EXTRA_MOUNTAIN: Pool = Pool {
    inquiry: &[(
        "咨询{town}{vil}易地搬迁政策",
        "我家在{town}{vil}的山顶上，离村部有七八里山路，吃水、看病、孩子上学都很困难。想咨询一下像我们这样的分散户现在还有没有易地搬迁政策，搬迁需要什么条件，自己要出多少钱？",
    )],
    suggestion: &[(
        "建议{town}{vil}修建集中水窖",
        "{town}{vil}山大沟深，一到旱季好几个组就缺水，我家每年都要花钱买水。建议{gov}在村里选址修建几座集中蓄水池或水窖，配上过滤设施，解决旱季群众吃水难问题。",
    )],
    request: &[
        (
            "{town}{vil}山路塌方无人清理",
            "{town}{vil}通往{vil2}的山路{days}天前下雨塌方了，土石把路堵了一大半，摩托车勉强能过，三轮车和小车都过不去，我家的粮食拉不出去。我们向村上反映过{times}次，请{gov}尽快组织机械清理。",
            "已组织机械对塌方路段进行了清理，道路已恢复通行，并在塌方路段设置了警示标志",
        ),
        (
            "{town}{vil}{grp}水窖补助未兑现",
            "我家在{town}{vil}{grp}，{when}按照{shang}的要求自己打了一口水窖，说好有补助，验收也通过了，到现在已经{mon}个月了补助还没有发放。我问过村干部{times}次，都说在等资金。请{gov}核实兑现。",
            "经核实，诉求人家的水窖已通过验收，水窖补助已拨付到其一卡通账户",
        ),
    ],
};

// ---------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------

/// Vague replies, of the kind the office rejects.
const VAGUE_REPLIES: &[&str] = &[
    "正在办理中。",
    "已呈报领导，待领导批示后办理。",
    "该问题我单位已知悉，正在办理中。",
    "已转相关股室，正在办理中。",
    "已呈报领导，待领导批示后办理，请诉求人耐心等待。",
    "我单位高度重视，正在研究解决办法。",
    "已安排人员办理，请耐心等待。",
    "情况已知悉，将尽快处理。",
    "{unit}已收到该工单，正在积极协调中。",
    "正在办理中，办结后另行回复。",
];

const REPLY_WHEN: &[&str] = &["接单当日", "接单次日上午", "接单当天下午", "接单后第二天"];

/// Replies to a request (诉求): what was found and the measure taken.
const REPLY_TEMPLATES: &[&str] = &[
    "接到工单后，{unit}高度重视，{when}安排{sec}{staff}到现场核实情况。经核实，诉求人反映问题属实，{measure}。办结后已电话回访诉求人，诉求人对办理结果表示满意。联系人：{staff}，联系电话：{tel}。",
    "{unit}于{when}收到该工单，随即由{sec}负责人{staff}与诉求人电话联系，了解具体情况。经调查处理，{measure}。后续如有问题，诉求人可直接联系{staff}，电话：{tel}。",
    "经{sec}{staff}实地调查，{measure}。{unit}已将办理情况当面告知诉求人，并留下联系方式，诉求人表示认可。联系人：{staff}，电话：{tel}。",
    "关于诉求人反映的问题，{unit}{when}组织{sec}工作人员会同所在村（社区）进行了核查，{measure}。下一步将持续跟踪，确保问题不反弹。承办人：{staff}，电话：{tel}。",
];

/// Replies to an inquiry (咨询): the answer given, no measure.
const INQUIRY_REPLIES: &[&str] = &[
    "{sec}{staff}已于{when}电话联系诉求人，就其咨询的政策和办理流程进行了详细解答，并通过短信发送了所需材料清单和办理地点，诉求人表示已清楚。如仍有疑问，可拨打{tel}咨询。",
    "{unit}{sec}{staff}于{when}与诉求人电话联系，对其咨询的事项逐项作了解答，告知了办理条件、所需材料和办理地点，诉求人表示满意。咨询电话：{tel}。",
];

/// Replies to a suggestion (建议): how it will be taken up.
const SUGGESTION_REPLIES: &[&str] = &[
    "{unit}于{when}收到诉求人的建议，{sec}{staff}随即与诉求人电话沟通，听取了具体想法。经研究，该建议合理可行，已纳入我单位下一步工作计划，实施后将及时告知诉求人。感谢诉求人的关心和支持。联系人：{staff}，电话：{tel}。",
    "感谢诉求人对{unit}工作的关心。{sec}{staff}已于{when}与诉求人电话联系，就建议的内容作了沟通，我单位将结合实际研究落实，并在实施前征求周边群众意见。联系人：{staff}，电话：{tel}。",
];

const BUREAU_TITLES: &[&str] = &["科长", "主任", "股长", "副科长"];
const POLICE_TITLES: &[&str] = &["中队长", "副大队长", "警官"];
const OFFICE_TITLES: &[&str] = &["主任", "副主任", "科长"];
const COMPANY_TITLES: &[&str] = &["经理", "主任", "所长", "班长"];
const XIANG_TITLES: &[&str] = &["主任", "专干", "副书记", "副乡长"];
const ZHEN_TITLES: &[&str] = &["主任", "专干", "副书记", "副镇长"];
const ZONE_TITLES: &[&str] = &["主任", "专干", "副主任"];

const TOWN_SECTIONS: &[&str] = &[
    "包村工作组",
    "民政办",
    "农业农村服务中心",
    "综治中心",
    "村镇建设办",
    "社会事务办",
];

/// (sections, staff titles) for a unit's reply.
fn reply_material(rng: &mut Rng, unit: &str) -> (&'static [&'static str], &'static [&'static str]) {
    if let Some(dept) = DEPTS.iter().find(|d| d.name == unit) {
        let titles = if unit.ends_with("公司") {
            COMPANY_TITLES
        } else if unit.starts_with("公安局") {
            POLICE_TITLES
        } else if unit.ends_with('局') {
            BUREAU_TITLES
        } else {
            OFFICE_TITLES
        };
        return (dept.sections, titles);
    }
    if is_township(unit) || unit.ends_with('乡') || unit.ends_with('镇') {
        if unit == "海城镇" {
            // The draw that once chose between urban and rural measures, kept (see reply_text).
            let _ = rng.chance(50);
        }
        let titles = if unit.ends_with('乡') {
            XIANG_TITLES
        } else if unit.ends_with('镇') {
            ZHEN_TITLES
        } else {
            ZONE_TITLES
        };
        return (TOWN_SECTIONS, titles);
    }
    (&["办公室", "业务股"], OFFICE_TITLES)
}

// ---------------------------------------------------------------------------
// Returns, redos, urges, supervision
// ---------------------------------------------------------------------------

const RETURN_TEMPLATES: &[&str] = &[
    "经核实，该工单反映的问题属{owner}职责范围，不属于我单位职能，申请退回重新派发。",
    "该事项依据“三定”方案由{owner}负责，我单位无管理和执法权限，申请退回转{owner}办理。",
    "诉求人反映的事项不在我单位管辖范围，经现场核实应由{owner}办理，请退回后转{owner}。",
    "工单地址信息不详，多次拨打诉求人电话均无法接通，无法核实具体位置；经初步了解应由{owner}办理，申请退回。",
    "经查，诉求人反映的问题不属我单位职能，如涉及相关行政管理事项，应由{owner}办理，申请退回。",
];

const STILL_UNSOLVED: &[&str] = &[
    "路灯至今还是不亮",
    "工资至今一分钱也没拿到",
    "暖气温度仍然不达标",
    "停水问题反复出现",
    "补贴仍未到账",
    "路上的坑还在，没有人来修",
    "噪音问题没有任何改变",
    "承办单位只打了一个电话，没有人到现场",
];

const REDO_TEMPLATES: &[&str] = &[
    "回访诉求人，诉求人表示问题没有任何改变，承办单位未与其联系，要求重新办理。",
    "回复内容与诉求人反映的问题不符，未针对诉求作出答复，请重新办理。",
    "回复仅称“正在办理中”，未说明具体办理措施、责任人和办理时限，不符合回复要求，请重新办理。",
    "承办单位回复已解决，经回访诉求人表示{still}，对办理结果不满意，请重新核实办理。",
    "回复未提供联系人及联系电话，诉求人无法与承办单位对接，请补充完善后重新回复。",
    "承办单位答复的办理时限已过，诉求人反映{still}，请重新办理并明确完成时间。",
    "回复称“已呈报领导”，无实质性办理内容，请拿出具体措施后重新答复诉求人。",
];

// Urge and redo notes, like supervision notes below, state no number of days or calls: they
// are written without looking at the order's deadline, and must not contradict it.
const URGE_TEMPLATES: &[&str] = &[
    "该工单请抓紧办理，按办理时限要求及时回复。",
    "诉求人再次来电催办，情绪较为激动，请承办单位尽快与诉求人联系并办理。",
    "请加快办理进度，在办理时限内按时回复。",
    "请承办单位于今日下班前反馈办理进展，逾期未回复将纳入月度通报。",
    "诉求人再次来电反映问题仍未解决，请优先办理并电话告知诉求人办理进展。",
    "现予催办，请尽快办结并回复，逾期未办结将纳入月度通报。",
];

const SUPERVISE_TEMPLATES: &[&str] = &[
    "县12345热线办公室决定对该事项予以挂牌督办，请{unit}于{limit}个工作日内办结并书面报告办理情况。",
    "请{unit}主要负责人亲自过问，明确专人负责，限{limit}个工作日内解决并答复诉求人。",
    "鉴于该诉求涉及群众切身利益、反映集中，请{unit}高度重视，明确专人负责，于{limit}个工作日内将办理结果报县12345热线办公室，办理情况纳入年度考核。",
    "现予以督办：请{unit}于{limit}个工作日内拿出具体解决方案，办理结果报县12345热线办公室。",
];

#[cfg(test)]
mod tests {
    use super::*;

    const DEPARTMENTS: &[&str] = &[
        "住建局",
        "国环局",
        "残联",
        "市场监管局",
        "移动公司",
        "公安局（交警队）",
        "运管所",
        "人社局",
        "卫计局",
        "交通运输局",
        "教体局",
        "农牧局",
        "林业局",
        "文广局",
        "民政局",
        "水务局",
        "社保局",
        "就创局",
        "商经局",
        "扶贫办",
        "电信公司",
        "海城供电公司",
    ];

    const TOWNSHIP_UNITS: &[&str] = &[
        "海城镇",
        "红羊乡",
        "曹洼乡",
        "李俊乡",
        "树台乡",
        "西安镇",
        "甘盐池",
        "街道办",
        "海兴开发区",
        "郑旗乡",
        "贾塘乡",
        "史店乡",
        "甘城乡",
        "三河镇",
        "七营镇",
        "九彩乡",
        "高崖乡",
        "李旺镇",
        "关桥乡",
        "关庄乡",
    ];

    const CATEGORIES: &[&str] = &["inquiry", "suggestion", "request"];

    /// Phrases that mark a reply as vague.
    const VAGUE_MARKERS: &[&str] = &[
        "正在办理",
        "待领导批示",
        "已知悉",
        "耐心等待",
        "正在研究",
        "协调中",
    ];

    fn all_units() -> impl Iterator<Item = (&'static str, bool)> {
        DEPARTMENTS
            .iter()
            .map(|u| (*u, false))
            .chain(TOWNSHIP_UNITS.iter().map(|u| (*u, true)))
    }

    fn len(s: &str) -> usize {
        s.chars().count()
    }

    fn assert_clean(s: &str) {
        assert!(!s.is_empty());
        assert!(!s.chars().any(char::is_control), "control char in {s:?}");
        assert!(
            !s.contains('{') && !s.contains('}'),
            "unfilled slot in {s:?}"
        );
        for ascii in [',', ';', ':', '?', '!', '(', ')', '"'] {
            assert!(!s.contains(ascii), "half-width {ascii:?} in {s:?}");
        }
    }

    #[test]
    fn unit_lists_match_tables() {
        assert_eq!(DEPTS.len(), DEPARTMENTS.len());
        for d in DEPARTMENTS {
            assert!(DEPTS.iter().any(|x| x.name == *d), "{d} missing");
        }
        assert_eq!(TOWNSHIPS.len(), TOWNSHIP_UNITS.len());
        for t in TOWNSHIP_UNITS {
            assert!(township_info(t).is_some(), "{t} missing");
        }
    }

    #[test]
    fn rng_is_deterministic_and_bounded() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        // Known SplitMix64 output for seed 0.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut r = Rng::new(7);
        let mut seen = [false; 7];
        for _ in 0..2000 {
            let x = r.below(7);
            assert!(x < 7);
            seen[x as usize] = true;
        }
        assert!(seen.iter().all(|s| *s));
        assert_eq!(r.below(1), 0);
        assert!((0..100).all(|_| !r.chance(0)));
        assert!((0..100).all(|_| r.chance(100)));
        let items = ["a", "b", "c"];
        assert!(items.contains(r.pick(&items)));
    }

    #[test]
    #[should_panic]
    fn pick_from_empty_panics() {
        let empty: [u8; 0] = [];
        Rng::new(1).pick(&empty);
    }

    fn transcript(seed: u64) -> Vec<String> {
        let mut rng = Rng::new(seed);
        let mut out = Vec::new();
        for (unit, township) in all_units() {
            let c = citizen(&mut rng, unit, township);
            out.extend([c.name, c.phone, c.address]);
            for cat in CATEGORIES {
                let (t, b) = order_text(&mut rng, unit, township, cat);
                out.extend([t, b]);
            }
            let s = story(&mut rng, unit, township, "request");
            out.push(reply_text(&mut rng, unit, &s, false));
            out.push(reply_text(&mut rng, unit, &s, true));
            out.push(supervise_note(&mut rng, unit));
        }
        out.push(return_reason(&mut rng, "住建局"));
        out.push(redo_reason(&mut rng));
        out.push(urge_note(&mut rng));
        out
    }

    #[test]
    fn same_seed_same_output() {
        assert_eq!(transcript(2024), transcript(2024));
        assert_ne!(transcript(2024), transcript(2025));
    }

    #[test]
    fn every_unit_and_category_yields_fitting_text() {
        let mut rng = Rng::new(12345);
        for (unit, township) in all_units() {
            for cat in CATEGORIES {
                for _ in 0..40 {
                    let (title, content) = order_text(&mut rng, unit, township, cat);
                    assert!(len(&title) <= 30, "{unit}: title too long: {title}");
                    assert!(len(&title) >= 6, "{unit}: title too short: {title}");
                    let n = len(&content);
                    assert!(
                        (60..=250).contains(&n),
                        "{unit}: content {n} chars: {content}"
                    );
                    assert_clean(&title);
                    assert_clean(&content);
                    if *cat == "inquiry" {
                        assert!(title.starts_with("咨询"), "{title}");
                    }
                    if *cat == "suggestion" {
                        assert!(title.starts_with("建议"), "{title}");
                    }
                }
            }
        }
    }

    /// Fill every template directly (not only those the RNG happens to hit),
    /// with many slot draws, so no template can panic or break the limits.
    #[test]
    fn every_template_fits_limits() {
        let mut pools: Vec<(&str, bool, &Pool)> = Vec::new();
        for d in DEPTS {
            pools.push((d.name, false, &d.pool));
        }
        for t in TOWNSHIP_UNITS {
            pools.push((t, true, &RURAL));
            pools.push((t, true, &URBAN));
            if let Some(p) = township_extra(t) {
                pools.push((t, true, p));
            }
        }
        pools.push(("某某局", false, &GENERIC_DEPT));
        let mut rng = Rng::new(99);
        let mut count = 0;
        for (unit, township, pool) in pools {
            for tpl in pool
                .inquiry
                .iter()
                .chain(pool.suggestion)
                .copied()
                .chain(pool.request.iter().map(|r| (r.0, r.1)))
            {
                count += 1;
                for _ in 0..30 {
                    let slots = Slots::new(&mut rng, unit, township);
                    let title = slots.fill(tpl.0);
                    let content = slots.fill(tpl.1);
                    assert!(len(&title) <= 30, "title too long: {title}");
                    let n = len(&content);
                    assert!((60..=250).contains(&n), "content {n} chars: {content}");
                    assert_clean(&title);
                    assert_clean(&content);
                }
            }
        }
        assert!(count > 150, "only {count} templates");
    }

    #[test]
    fn pools_are_big_enough() {
        let zjj = &DEPTS.iter().find(|d| d.name == "住建局").unwrap().pool;
        assert!(zjj.request.len() >= 12);
        assert!(RURAL.request.len() >= 15);
        for d in DEPTS {
            let p = &d.pool;
            assert!(
                !p.inquiry.is_empty() && !p.suggestion.is_empty(),
                "{}",
                d.name
            );
            assert!(p.request.len() >= 2, "{}", d.name);
            assert!(
                !d.sections.is_empty() && d.pool.request.iter().all(|r| len(r.2) >= 10),
                "{}",
                d.name
            );
        }
    }

    #[test]
    fn citizens_look_right() {
        let mut rng = Rng::new(3);
        for (unit, township) in all_units() {
            for _ in 0..30 {
                let c = citizen(&mut rng, unit, township);
                assert_eq!(c.phone.len(), 11, "{}", c.phone);
                assert!(c.phone.bytes().all(|b| b.is_ascii_digit()), "{}", c.phone);
                assert!(
                    ["13", "15", "18"].iter().any(|p| c.phone.starts_with(p)),
                    "{}",
                    c.phone
                );
                let n = len(&c.name);
                assert!((2..=3).contains(&n), "{}", c.name);
                assert!(c.address.starts_with("海原县"), "{}", c.address);
                assert_clean(&c.address);
                if township {
                    if unit != "街道办" {
                        assert!(c.address.contains(unit), "{unit}: {}", c.address);
                    }
                    assert!(
                        c.address.contains('村') || c.address.contains("社区"),
                        "{}",
                        c.address
                    );
                } else {
                    assert!(c.address.starts_with("海原县海城镇"), "{}", c.address);
                }
            }
        }
    }

    #[test]
    fn vague_and_concrete_replies() {
        let mut rng = Rng::new(8);
        for (unit, township) in all_units() {
            for k in 0..30 {
                let s = story(&mut rng, unit, township, CATEGORIES[k % 3]);
                let v = reply_text(&mut rng, unit, &s, true);
                assert!(
                    VAGUE_MARKERS.iter().any(|m| v.contains(m)),
                    "not vague: {v}"
                );
                assert!(len(&v) <= 40, "vague reply too long: {v}");
                assert_clean(&v);

                let r = reply_text(&mut rng, unit, &s, false);
                assert!(!VAGUE_MARKERS.iter().any(|m| r.contains(m)), "vague: {r}");
                // A request's reply reports its own template's measure; an inquiry's answers,
                // a suggestion's takes it up.
                match s.category {
                    "request" => {
                        let m = s.measure.unwrap_or_default();
                        assert!(!m.is_empty() && r.contains(m), "{}: {r}", s.title);
                    }
                    "inquiry" => assert!(r.contains("咨询"), "{}: {r}", s.title),
                    _ => assert!(r.contains("建议"), "{}: {r}", s.title),
                }
                assert!(len(&r) >= 60, "concrete reply too short: {r}");
                assert!(r.contains("电话"), "no contact: {r}");
                assert_clean(&r);
            }
        }
        // Unknown units still get text.
        let s = story(&mut rng, "某某中心", false, "request");
        assert!(!reply_text(&mut rng, "某某中心", &s, false).is_empty());
        assert!(!reply_text(&mut rng, "某某中心", &s, true).is_empty());
    }

    #[test]
    fn notes_are_non_empty_and_clean() {
        let mut rng = Rng::new(11);
        for _ in 0..100 {
            for s in [
                return_reason(&mut rng, "贾塘乡"),
                redo_reason(&mut rng),
                urge_note(&mut rng),
            ] {
                assert!(len(&s) >= 15, "{s}");
                assert_clean(&s);
            }
        }
        for (unit, _) in all_units() {
            let s = supervise_note(&mut rng, unit);
            assert!(s.contains(unit), "{s}");
            assert_clean(&s);
        }
    }

    #[test]
    fn unknown_units_still_work() {
        let mut rng = Rng::new(5);
        for cat in CATEGORIES {
            let (t, b) = order_text(&mut rng, "某某管理中心", false, cat);
            assert!(len(&t) <= 30 && (60..=250).contains(&len(&b)), "{t} {b}");
            let (t, b) = order_text(&mut rng, "新设乡", true, cat);
            assert!(len(&t) <= 30 && (60..=250).contains(&len(&b)), "{t} {b}");
            assert!(t.contains("新设乡") || b.contains("新设乡"), "{t} {b}");
        }
        let c = citizen(&mut rng, "新设乡", true);
        assert!(c.address.contains("新设乡"));
        // A ridiculous unit name is clamped.
        let long = "很长很长很长很长很长很长很长很长很长很长的单位";
        let (t, b) = order_text(&mut rng, long, false, "request");
        assert!(len(&t) <= 30 && (60..=250).contains(&len(&b)), "{t} {b}");
    }

    #[test]
    fn orders_are_varied() {
        let mut rng = Rng::new(77);
        let mut titles = std::collections::BTreeSet::new();
        for i in 0..600 {
            let (unit, township) = all_units().nth(i % 42).unwrap();
            let cat = CATEGORIES[(i / 42) % 3];
            titles.insert(order_text(&mut rng, unit, township, cat).0);
        }
        assert!(titles.len() > 450, "only {} distinct titles", titles.len());
    }
}
