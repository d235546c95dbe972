//! Every string the UI shows, in Chinese (the default) and English, side by side in one
//! table. Templates use `{}` for arguments, filled in order by `fill`.

use crate::domain::Lang;
use crate::domain::{ActionName, CallbackResult, Category, EventKind, Status};

macro_rules! strings {
    ($($name:ident => $zh:expr, $en:expr;)*) => {
        /// A UI string; `get` gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum S { $($name,)* }
        impl S {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$name, Lang::Zh) => $zh, (S::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    // Tabs and screens.
    TabPending => "待办", "Pending";
    TabOverdue => "超期", "Overdue";
    TabUnits => "承办单位", "Units";
    TabActivity => "动态", "Activity";
    TabHotspots => "热点", "Hotspots";
    KTabHotspots => "热点：近30天同一问题3件以上的工单组，按热度排列（Enter 列出其工单并选中可批量处理的，U 一并处理）", "Hotspots: groups of 3+ orders about one problem in the last 30 days, hottest first (Enter lists its orders and marks those that may be urged; U urges them all)";
    HotspotsTitle => "近30天热点问题 {} 个（同一问题3件以上，按热度排列）", "{} hotspots in the last 30 days (3+ orders about one problem, hottest first)";
    HotspotsLoading => "正在计算热点…", "Computing the hotspots…";
    HotspotOrdersTitle => "热点：{}", "Hotspot: {}";
    HotspotMarked => "已标记本组可催办的 {} 件工单：U 一并催办，Esc 取消标记", "Marked the {} orders of the group that may be urged: U urges them all, Esc clears the marks";
    HotspotNoneUrgeable => "本组没有可催办的工单", "No order of the group may be urged";
    ColHeat => "热度", "Heat";
    ColCount => "件数", "Orders";
    ColCallers => "来电人", "Callers";
    ColOpenCount => "未办结", "Open";
    ColHotspot => "热点", "Hotspot";
    DetailTitle => "工单详情", "Order";
    UnitOrdersTitle => "{}的工单", "Orders of {}";
    FoundTitle => "全部工单（含已办结）", "All orders (closed included)";
    TooSmall => "终端太小：需要至少 {}×{}，当前 {}×{}。请放大窗口（在此之前按键不起作用，{} 退出）。", "Terminal too small: needs at least {}x{}, now {}x{}. Please enlarge the window (until then keys do nothing; {} quits).";
    TooSmallDialog => "终端太小：需要至少 {}×{}，当前 {}×{}。请放大窗口（在此之前按键不起作用，已输入的内容保留）。", "Terminal too small: needs at least {}x{}, now {}x{}. Please enlarge the window (until then keys do nothing; what you typed is kept).";
    Count => "{} 件", "{} orders";
    FilterShown => "筛选“{}”：{}/{}", "filter \"{}\": {}/{}";
    SortedBy => "排序：{}", "sort: {}";
    Marked => "已选 {} 件", "{} marked";
    Loading => "加载中…", "loading…";
    Demo => "演示", "demo";
    Colon => "：", ": ";
    Comma => "，", ", ";

    // Column headers.
    ColLeft => "剩余工日", "Days left";
    ColStatus => "状态", "Status";
    ColUnit => "承办单位", "Unit";
    ColCategory => "类别", "Category";
    ColOrderNo => "工单编号", "Order No.";
    ColTitle => "标题", "Title";
    ColDaysOver => "超期天数", "Days late";
    ColUrges => "催办", "Urges";
    ColDeadline => "办理时限", "Deadline";
    ColTime => "时间", "Time";
    ColOperator => "操作员", "Operator";
    ColEvent => "事项", "Event";
    ColText => "内容", "Details";
    ColAssigned => "承办量", "Assigned";
    ColClosed => "办结量", "Closed";
    ColClosure => "办结率", "Closed %";
    ColLateNow => "现超期", "Late now";
    ColOver30 => "超30天", "Late 30+";
    ColSupervisions => "督办", "Supervisions";
    ColRedos => "重办", "Redos";
    ColSatisfaction => "满意率", "Satisfied %";
    ColOnTime => "按时办结率", "On time %";
    ColReturns => "退单", "Returns";
    TotReceived => "受理", "Received";
    TotClosed => "办结", "Closed";
    TotClosure => "办结率", "Closed %";
    TotOver30 => "超期30天以上", "Late 30+";
    TotRedoRate => "重办率", "Redo rate";
    ColUnitName => "单位", "Unit";
    SortUrgency => "紧急程度", "urgency";
    SortReceived => "受理时间", "received";
    SortUnit => "承办单位", "unit";
    SortOrderNo => "工单编号", "order No.";
    SortDaysOver => "超期天数", "days late";
    SortBulletin => "通报顺序", "bulletin order";
    Total => "合计", "Total";
    Over30Mark => "30+", "30+";
    Table1 => "表1 县直单位", "Table 1 Departments";
    Table2 => "表2 乡镇区", "Table 2 Townships";
    ChartTitle => "超期30天以上工单（按单位）", "Orders late over 30 days, by unit";
    ChartNone => "没有超期30天以上的工单", "No order is late over 30 days";
    PeriodAll => "全部工单", "All orders";
    PeriodThis => "本月", "This month";
    PeriodLast => "上月", "Last month";
    PeriodCustom => "自定义", "Custom";
    PeriodShown => "{}：{} 至 {}，截至 {}", "{}: {} to {}, as of {}";
    PeriodDates => "{}：{} 至 {}", "{}: {} to {}";
    NoDeadline => "-", "-";
    LimitUsed => "已用{}%", "{}% used";
    HoursLeft => "剩{}小时", "{}h left";
    HoursOver => "超时{}小时", "{}h over";
    ScrollHint => "j/k 滚动{}第 {}/{} 行", "j/k scroll{}line {}/{}";
    ActivityTitle => "最近 {} 条动态（实时）", "Latest {} events (live)";
    WithOffice => "热线办", "office";

    // Assessment packs (the Units tab's P) and the explain screen.
    ColScore => "得分", "Score";
    ColRank => "名次", "Rank";
    ColAdjusted => "剔除后得分", "Adjusted score";
    ColFloor => "未达底线", "Below floor";
    ColPoints => "扣分", "Points";
    ColWhy => "扣分原因", "Why";
    PackShown => "考核：{}", "pack: {}";
    PackCurrent => "（当前）", " (current)";
    PackChosen => "考核规则包：{}", "Pack: {}";
    PackNotInForce => "注意：{} 自 {} 起施行，统计期不在其施行期内", "note: {} is in force from {}, the period is outside it";
    PackUnknown => "视图文件中的考核规则包“{}”不存在：仍按 seed-2017（通报口径）", "The views file names pack \"{}\", which does not exist: seed-2017 (the bulletin's basis) instead";
    ExplainTitle => "{}的扣分明细", "What cost {} points";
    ExplainScore => "得分 {} · 组内第 {} 名", "score {} · rank {} in its tier";
    ExplainNoScore => "无得分（无承办或无有效回访）", "no score (nothing assigned or no valid callback)";
    ExplainAdjusted => "剔除后得分（不计入：{}）", "adjusted score (left out: {})";
    ExplainFloors => "未达底线：{}", "below the floor: {}";
    ExplainNone => "没有扣分的工单", "No order cost it points";

    // Detail.
    FOrderNo => "工单编号", "Order No.";
    FTitle => "标题", "Title";
    FCategory => "类别", "Category";
    FStatus => "状态", "Status";
    FUnit => "承办单位", "Unit";
    FReceived => "受理时间", "Received";
    FAssigned => "转办时间", "Dispatched";
    FDeadline => "办理时限", "Deadline";
    FAccepted => "签收时间", "Accepted";
    FCitizen => "诉求人", "Citizen";
    FAddress => "地址", "Address";
    FDuplicate => "可能重复", "Possible duplicate";
    FCounts => "次数", "Counts";
    FExtension => "延期申请", "Extension asked";
    FReturnAsked => "退单申请", "Return asked";
    ReturnAskedValue => "{}（{} 申请{}，待办公室审核）", "{} (asked {}{}, awaiting the office)";
    ReturnLateMark => "，迟退单", ", late";
    ReturnAskedLate => "迟退单：期限已过才申请", "late: asked after the deadline day";
    FExemption => "剔除", "Exempted";
    ExemptionValue => "{}：{}（{}）", "{}: {} ({})";
    ReturnPendingMark => "待退单", "return?";
    FCallback => "回访结果", "Callback";
    FClosed => "办结时间", "Closed";
    FContent => "诉求内容", "Request";
    FReply => "回复内容", "Reply";
    FHistory => "办理过程（{} 条）", "History ({} events)";
    BackEntry => "补录", "back-entry";
    FAllowed => "现在可以", "Allowed now";
    LeftDays => "剩余 {} 个工作日", "{} working days left";
    DueToday => "今天到期", "due today";
    OverdueDays => "超期 {} 天", "{} days overdue";
    ExtensionUntil => "延至 {}：{}", "to {}: {}";
    VagueWarn => "回复可能不具体：{}", "The reply looks vague: {}";

    // Hint bar and help.
    KHelp => "帮助", "help";
    KOpen => "打开", "open";
    KFilter => "筛选", "filter";
    KCommand => "命令（:unit 单位、:order 编号、:find 查询、:q）", "command (:unit NAME, :order NO, :find QUERY, :q)";
    KDispatch => "转办", "dispatch";
    MDispatch => "选择承办单位（可输入拼音首字母，如 zjj＝住建局；名称完全相同或只有一个匹配时才预选），再定办理时限（工作日数、紧急件小时数或日期，默认按类别）", "pick the unit (type to filter, pinyin initials work: zjj = 住建局; preselected only when the name is exact or the only match), then the time limit (working days, an urgent order's hours, or a date; default by category)";
    KReassign => "改派", "reassign";
    MReassign => "改派：把工单从现承办单位直接转给另一单位（选单位、定时限、写理由）；不算原单位退单", "reassign: move the order from the unit holding it straight to another (pick the unit, the limit, a reason); not a return of the old unit";
    KMerge => "并单", "merge";
    MMerge => "并单：把工单并入同一事项的主单（输入主单编号）；已并单的工单按此键取消并单", "merge: join the order to a lead order on the same matter (type the lead's number); on a merged order the key unmerges it";
    KIntake => "受理", "intake";
    MIntake => "受理新工单：选类别，填写标题、内容、来电人等，记录后直接转办", "take in a new order: choose its category, fill in title, content, citizen…, then dispatch it";
    KAccept => "签收", "accept";
    KReply => "回复", "reply";
    MReply => "多行编辑回复；工单须为“办理中”（待签收的先按 a 签收）", "write the reply (multi-line); the order must be handling (accept a dispatched one first with a)";
    KUrge => "催办", "urge";
    KBulkUrge => "批量催办", "bulk urge";
    MBulkUrge => "催办已选工单；未选时催办该单位全部超期工单", "urge the marked orders, or else all overdue orders of this unit";
    KReview => "审核", "review";
    MReview => "审核回复：通过或退回（不具体的回复会提示）", "review the reply: accept or reject (vague replies are flagged)";
    KCallback => "回访", "callback";
    KClose => "办结", "close";
    KSupervise => "督办", "supervise";
    MSupervise => "督办本工单，可选现场督办（地点、参加人员、措施、时限）", "supervise this order, optionally on site (place, participants, measures, due date)";
    KReturn => "退单", "return";
    MReturn => "单位申请退单（办公室审核前仍由单位办理）；有待审核的申请时，办公室同意或不同意", "a unit asks to return the order (it keeps it until the office decides); on a pending request, the office approves or refuses";
    KExempt => "剔除", "exempt";
    MExempt => "管理员：剔除工单，不计入考核（选类别、填理由）；已剔除的取消剔除", "admin: exempt the order from assessment (choose the kind, give a reason), or lift its exemption";
    KExtension => "延期", "extension";
    MExtension => "申请延期；已有申请时同意或不同意", "request an extension, or approve / refuse the pending one";
    KRedo => "重办", "redo";
    KMark => "选择", "mark";
    MMark => "选中/取消选中工单：其后的催办、督办、签收等一次办理全部已选工单", "mark / unmark an order: the next urge, supervise, accept … acts on every marked order";
    KMarkAll => "选中列表中的全部工单", "mark every order listed";
    KMarkRange => "选中一段", "mark a range";
    MMarkRange => "从上一件选中的工单到光标处全部选中", "mark every order from the last one marked to the cursor";
    KInvertMarks => "反选", "invert the marks";
    MarkTooLong => "列表过长（超过 {} 件），不能一次全部选中：请先筛选，或逐件选中", "The list is too long to mark at once (over {} orders): filter it first, or mark orders one by one";
    NoLastMark => "请先用 Space 选中一件工单，再按 V 选中从它到光标处的工单", "Mark an order with Space first; V then marks every order from it to the cursor";
    ViewSaved => "已保存视图“{}”", "View \"{}\" saved";
    ViewDeleted => "已删除视图“{}”", "View \"{}\" deleted";
    ViewUnknown => "没有视图“{}”。已有：{}", "No view \"{}\". Saved views: {}";
    ViewsNone => "还没有保存的视图：在待办、超期或 :find 列表中用 :view save 名称 保存当前筛选和排序", "No saved views yet: in Pending, Overdue or a :find list, :view save NAME keeps its filter and sort";
    ViewsList => "视图（件数）：{}", "Views (orders): {}";
    ViewNeedList => "视图保存的是待办、超期或 :find 列表的筛选和排序：请先切换到这些列表", "A view keeps the filter and sort of Pending, Overdue or a :find list: go to one of them first";
    ViewBadQuery => "视图“{}”的查询有误：{}", "View \"{}\" has a bad query: {}";
    LastMarkGone => "上一件选中的工单不在当前列表中", "The order marked last is not in this list";
    KUrgeUnit => "催办超期", "urge overdue";
    MUrgeUnit => "催办该单位全部超期工单", "urge every overdue order of this unit";
    KSuperviseUnit => "督办单位", "supervise unit";
    KPeriod => "统计期", "period";
    MPeriod => "全部工单、本月、上月或自定义", "all orders, this month, last month, or custom";
    KPack => "考核规则包", "pack";
    MPack => "选择考核规则包（seed-2017 通报口径、beijing、zhungeer、shanghai、deduction）：表格的列、得分、组内名次和未达底线随之改变；本次会话内保持（并存入 views.toml）", "choose the assessment pack (seed-2017 the bulletin's basis, beijing, zhungeer, shanghai, deduction): the columns, score, rank in the tier and floors follow it; kept for the session (and in views.toml)";
    MExplain => "在有得分或底线的规则包下：该单位扣分的工单，扣分多的在前，及其原因（同 hotline explain），Enter 打开工单；通报口径下：该单位的工单", "under a pack with a score or floors: the orders that cost the unit points, largest first, and why (as hotline explain), Enter opens one; under the bulletin's basis: the unit's orders";
    KChart => "图表", "chart";
    MChart => "窄屏时在表格与超期柱状图之间切换（宽屏时并排显示）", "on narrow screens, switch between the tables and the overdue bar chart (wide screens show both)";
    KSort => "排序", "sort";
    MSort => "下一排序列，回到第一行（▲ 由小到大，▼ 由大到小；标题和列标题上标出）", "next sort column, back to the first row (▲ smallest first, ▼ largest first; shown in the title and the column header)";
    KSortReverse => "反向排序", "reverse the sort";
    KNextTab => "下一标签", "next tab";
    KPrevTab => "上一标签", "previous tab";
    KBack => "返回", "back";
    MBack => "关闭详情、清除筛选或选择", "leave the detail, clear the filter or marks";
    KQuit => "退出", "quit";
    KDown => "下移", "down";
    KUp => "上移", "up";
    KTop => "到顶", "top";
    KBottom => "到底", "bottom";
    KPageDown => "下一页", "page down";
    KPageUp => "上一页", "page up";
    KHalfDown => "下半页", "half page down";
    KHalfUp => "上半页", "half page up";
    KClose2 => "关闭", "close";
    KInputDone => "完成", "done";
    MInputDone => "筛选：保留筛选并回到列表；命令：执行", "filter: keep it and go back to the list; command: run it";
    KInputCancel => "取消", "cancel";
    MInputCancel => "筛选：清除筛选", "filter: clear it";
    KFormEnter => "下一项/确认", "next / confirm";
    MFormEnter => "在最后一项按 Enter 即提交", "Enter on the last field submits";
    KSubmitNow => "立即提交", "submit now";
    KNextField => "下一项", "next field";
    KPrevField => "上一项", "previous field";
    KToggle => "勾选", "toggle";
    MToggle => "在勾选项上切换；在文字项中输入空格", "on a check box toggles it; in a text field types a space";
    KCancel => "取消", "cancel";
    KSubmit => "提交", "submit";
    KNewline => "换行", "new line";
    MEditorSubmit => "提交回复（Enter 换行）", "submit the reply (Enter starts a new line)";
    MEditorCancel => "放弃（有内容时需再按一次）", "discard (press twice when there is text)";
    KChoose => "选择", "choose";
    KPick => "按序号选择", "choose by number";
    KYes => "确认", "yes";
    KNoBack => "返回修改", "back";
    MNoBack => "回到表单，已输入的内容保留", "back to the form, with what was typed kept";
    KNextCallback => "下一件待回访", "next callback";
    MNextCallback => "选中列表中下一件待回访（尚未记录回访结果）的工单，打开回访", "select the next order in the list awaiting a callback (none recorded yet) and open its callback";
    KPickAnswer => "按序号回答", "answer by number";
    MPickAnswer => "回答当前问题：诉求是否解决（1 已解决、2 解释说明、3 未解决）或是否满意（1 满意、2 基本满意、3 不满意）；答完第三问即到确认", "answer the question asked: is it solved (1 solved, 2 explained, 3 not solved) or satisfied (1 satisfied, 2 basically, 3 unsatisfied); the third answer leads to the confirmation";
    KCbYes => "已联系", "contacted";
    MCbYes => "第一问“单位是否联系过您”：是（n 为否）；随时可改", "the first question, did the unit contact you: yes (n: no); can be changed any time";
    KCbNo => "未联系", "not contacted";
    KUnreachable => "未接通", "unreachable";
    MUnreachable => "未接通或联系不上：不是有效回访，不记答案（确认后记录）", "not reached: not a valid callback, no answers are recorded (asked once first)";
    KCbDone => "确认答案", "confirm the answers";
    MCbDone => "三问都已回答时到确认；否则转到尚未回答的问题", "with all three answered, on to the confirmation; else to the question not answered yet";
    KContact => "先行联系", "first contact";
    MContact => "承办单位记录已联系上诉求人（先行联系），可填联系情况；记入工单历史", "the unit records that it reached the citizen (first contact), with an optional note; recorded in the history";
    KReveal => "显示电话", "show phone";
    MReveal => "显示诉求人的完整姓名和电话；这会记入工单历史（与 order show --reveal 相同）", "show the citizen's full name and phone; recorded in the order's history (as order show --reveal is)";
    CtxGlobal => "通用", "Everywhere";
    CtxMove => "移动", "Moving";
    CtxLists => "列表", "Lists";
    CtxSortable => "排序", "Sorting";
    CtxOrders => "工单操作（待办、超期、单位工单、详情）", "Order actions (pending, overdue, unit orders, detail)";
    CtxMarks => "选择工单（各工单列表）", "marking orders (every order list)";
    CtxUnits => "承办单位", "Units tab";
    CtxHelp => "帮助", "This help";
    CtxInput => "筛选 / 命令行", "Filter / command line";
    CtxForm => "表单", "Forms";
    CtxEditor => "回复编辑器", "Reply editor";
    CtxPicker => "单位选择", "Unit picker";
    CtxChoice => "选项", "Choices";
    CtxCallback => "回访", "Callback";
    CtxConfirm => "确认（不可撤销的操作）", "Confirmation (what cannot be undone)";
    HelpTitle => "按键帮助", "Keys";
    HelpIntro => "灰色的操作键表示当前工单状态不允许。超期=过了办理时限仍未办结；剩余工日按法定工作日计算。", "Greyed action keys are not allowed in the order's current state. Overdue = past the deadline and not closed; days left count working days.";
    HelpCommands => "命令：:unit 单位名或拼音首字母　:order 工单编号　:find 查询（全部工单，含已办结）　:view 名称｜save 名称｜delete 名称　:views 视图及件数　:period all|this|last|起 止　:forecast 日期 选中预计超期30天的工单　:q 退出", "Commands: :unit NAME (or pinyin initials)  :order NO  :find QUERY (all orders, closed included)  :view NAME|save NAME|delete NAME  :views (with counts)  :period all|this|last|FROM TO  :forecast DATE (mark the orders that will be over 30 days late)  :q quit";
    HelpQuery => "查询（/ 筛选与 :find）：词语全部匹配（编号、标题、内容、单位、状态名、拼音 ld/zhujianju）；字段 unit:住建局 status:办理中 late:>30 cat:诉求", "Queries (/ filter and :find): every word matches (number, title, content, unit, status name, pinyin ld/zhujianju); fields unit:NAME status:办理中|handling late:>30 cat:诉求|request";

    // keys.toml (README, "Custom keys").
    KmRead => "无法读取按键配置 {}：{}", "cannot read the key bindings file {}: {}";
    KmAt => "按键配置 {} 第 {} 行：{}", "key bindings {} line {}: {}";
    KmSyntax => "TOML 语法错误：{}（格式见 README“自定义按键”）", "TOML syntax error: {} (README, Custom keys, shows the format)";
    KmNotSection => "“{}”不在节内：动作须写在节下，例如 [orders] 下一行写 urge = \"x\"；可用的节：{}", "'{}' is not in a section: write actions under one, e.g. urge = \"x\" on a line after [orders]; sections: {}";
    KmUnknownContext => "没有 [{}] 这一节；可用的节：{}", "there is no section [{}]; sections: {}";
    KmUnknownAction => "[{}] 中没有“{}”这个动作；该节的动作：{}", "[{}] has no action '{}'; its actions: {}";
    KmNotKeys => "[{}] {} 的值须是一个键（\"x\"）或键的列表（[\"x\", \"C-x\"]）", "[{}] {}: the value must be a key (\"x\") or a list of keys ([\"x\", \"C-x\"])";
    KmBadKey => "[{}] {}：认不出键“{}”；可写一个字符（x、X、?）、C-x（Ctrl）、A-x（Alt）、Enter、Esc、Tab、S-Tab、Space、Up、Down、Left、Right、PgUp、PgDn、Home、End、BS、Del、F1…F12", "[{}] {}: '{}' is not a key; write one character (x, X, ?), C-x (Ctrl), A-x (Alt), Enter, Esc, Tab, S-Tab, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, BS, Del or F1…F12";
    KmTyped => "[{}] {}：这里的普通字符“{}”要用来输入文字，请改用 C-x、A-x 或 Enter 这类键", "[{}] {}: a plain '{}' is typed as text there; use C-x, A-x or a named key such as Enter";
    KmConflict => "[{}] 中的键 {} 同时给了 {} 和 {}；请只留给其中一个（或在同一节里给 {} 另换键）", "[{}]: the key {} is given to both {} and {}; keep it for one of them (or give {} another key in the same section)";

    // Dialogs.
    DlgUrge => "催办 {}", "Urge {}";
    DlgBulkUrge => "批量催办：{} 件工单（{}）", "Bulk urge: {} orders ({})";
    DlgBulkMarked => "已选工单", "marked orders";
    DlgBulkUnit => "{}的全部超期工单", "every overdue order of {}";
    DlgNoteOptional => "催办说明（可不填）", "Note (optional)";
    DlgReturn => "退单 {}", "Return {}";
    DlgReturnNote => "退单是申请：办公室审核前工单仍由本单位办理，时限照常计算", "A return is a request: until the office decides, the unit keeps the order and its deadline runs";
    DlgDecideReturn => "退单申请 {}：{}", "Return asked for {}: {}";
    DlgApproveReturn => "同意退单（工单退回办公室）", "Approve (back to the office)";
    DlgRefuseReturn => "不同意退单（需填原因）", "Refuse (with a reason)";
    DlgRefuseReturnTitle => "不同意退单 {}（仍由单位办理）", "Refuse the return of {} (the unit keeps it)";
    DlgExemptKind => "剔除 {}：类别（不计入考核）", "Exempt {} from assessment: kind";
    DlgExempt => "剔除 {}：{}", "Exempt {}: {}";
    DlgUnexempt => "取消剔除 {}（现为 {}：{}）", "Lift the exemption of {} (now {}: {})";
    DlgReason => "原因", "Reason";
    DlgReasonOptional => "原因（可不填）", "Reason (optional)";
    DlgExtension => "延期申请 {}（现时限 {}）", "Extension for {} (deadline {})";
    DlgUntil => "延至（日期）", "New deadline (date)";
    DlgDecideExt => "延期申请 {}：延至 {}，理由：{}", "Extension for {}: to {}, because: {}";
    DlgApprove => "同意延期", "Approve";
    DlgRefuse => "不同意（可填原因）", "Refuse (with a reason)";
    DlgRefuseTitle => "不同意延期 {}", "Refuse the extension of {}";
    DlgReply => "回复 {}：{}", "Reply to {}: {}";
    DlgDiscard => "再按 Esc 放弃已输入的回复", "Press Esc again to discard the reply";
    DlgReview => "审核 {} 的回复", "Review the reply to {}";
    DlgReviewAccept => "通过", "Accept";
    DlgReviewReject => "退回重办（需填原因）", "Reject (with a reason)";
    DlgRejectTitle => "退回 {} 的回复", "Reject the reply to {}";
    DlgVagueReason => "回复不具体：{}", "The reply is not concrete: {}";
    DlgSupervise => "督办 {}", "Supervise {}";
    DlgSuperviseUnit => "督办单位 {}", "Supervise unit {}";
    DlgNote => "督办意见", "Note";
    DlgOnSite => "现场督办", "On site";
    DlgPlace => "地点", "Place";
    DlgParticipants => "参加人员", "Participants";
    DlgMeasures => "措施", "Measures";
    DlgDue => "时限（日期）", "Due (date)";
    DlgCallback => "回访 {}：三个问题", "Callback {}: three questions";
    DlgContact => "先行联系 {}", "First contact {}";
    DlgContactNote => "联系情况（可不填）", "What was said (optional)";
    DlgContactBefore => "已于 {} 先行联系过；可再次记录", "First contact already recorded at {}; you may record another";
    DlgRedo => "重办 {}", "Redo {}";
    DlgDays => "办理时限（工作日）", "Time limit (working days)";
    DlgClose => "办结 {}（不可撤销）", "Close {} (cannot be undone)";
    DlgDispatch => "转办 {}：选择承办单位", "Dispatch {}: choose the unit";
    DlgDispatchHint => "输入名称或拼音首字母筛选（如 zjj），↓/↑ 选定", "Type a name or pinyin initials (e.g. zjj), ↓/↑ to choose";
    DlgDuplicate => "可能重复：{}", "Possible duplicate: {}";
    DlgSuggest => "建议：{} {}%（{}）", "Suggested: {} {}% ({})";
    DlgSuggestBare => "建议：{} {}%", "Suggested: {} {}%";
    WordSep => "、", ", ";
    DlgReturnedBy => "{}退回了此工单：列在最后", "{} returned this order: listed last";
    DlgMerge => "并单 {}：并入主单", "Merge {} into a lead order";
    DlgLead => "主单编号", "Lead order number";
    DlgMergeNote => "并入后不再计入承办单位，主单答复审核通过后随之待回访；可取消并单", "Once merged it counts for no unit; when the lead's reply is accepted it awaits its own callback; it can be unmerged";
    DlgUnmerge => "取消并单 {}（现并入 {}）", "Unmerge {} (merged into {})";
    DlgReassign => "改派 {}：选择新的承办单位", "Reassign {}: choose the new unit";
    DlgHeldBy => "现由{}承办：列在最后", "{} holds it now: listed last";
    DlgReassignLimit => "改派 {} 至 {}：办理时限与理由", "Reassign {} to {}: time limit and reason";
    DoneReassign => "已改派 {} 至 {}，时限 {}", "Reassigned {} to {}, deadline {}";
    DlgChooseUnit => "有 {} 个单位匹配：请用 ↓/↑ 选定一个（或输入更完整的名称）", "{} units match: choose one with ↓/↑ (or type more of the name)";
    DlgDispatchLimit => "转办 {} 至 {}：办理时限", "Dispatch {} to {}: time limit";
    DlgLimit => "办理时限", "Time limit";
    DlgLimitHint => "填工作日数（如 15）、紧急件的小时数（如 2小时、24h）或日期（如 2017-12-31）；“{}”类默认 {} 个工作日", "Working days (e.g. 15), an urgent order's hours (e.g. 2h, 24h) or a date (e.g. 2017-12-31); {} default: {} working days";
    DlgLimitDays => "截止日期：{}（{} 个工作日）", "Deadline: {} ({} working days)";
    DlgLimitDate => "截止日期：{}", "Deadline: {}";
    DlgLimitHours => "到期时间：{}（{} 小时）", "Due: {} ({} hours)";
    DlgLimitUnknown => "截止日期：（时限无效）", "Deadline: (not a valid time limit)";
    DlgIntakeCategory => "受理新工单：类别", "New order: category";
    DlgIntake => "受理新工单（{}）", "New order ({})";
    DlgTitle => "标题", "Title";
    DlgContent => "内容", "Content";
    DlgCitizen => "来电人", "Citizen";
    DlgPhone => "联系电话", "Phone";
    DlgAddress => "地址", "Address";
    DlgReceived => "受理时间", "Received";
    DlgOrderNo => "工单编号（不填则分配）", "Order no (empty: assigned)";
    BadReceived => "受理时间“{}”无效：应为 YYYY-MM-DD HH:MM（如 2017-12-31 09:30），且不晚于现在", "Received time '{}' is not valid: give YYYY-MM-DD HH:MM (e.g. 2017-12-31 09:30), not later than now";
    DlgPeriod => "统计期", "Report period";
    DlgPack => "考核规则包", "Assessment pack";
    DlgCustomPeriod => "自定义统计期", "Custom period";
    DlgFrom => "起（日期）", "From (date)";
    DlgTo => "止（日期）", "To (date)";
    DlgCannotUndo => "此操作会记入工单历史，不可撤销。", "This is recorded in the order's history and cannot be undone.";
    DlgNoMatch => "没有匹配的单位", "No unit matches";
    ConfirmTitle => "确认{}：{}", "Confirm {}: {}";
    ConfirmWill => "将记录：", "Will record:";
    ConfirmAction => "操作", "Action";
    ConfirmOrders => "{} 件工单", "{} orders";
    ConfirmSkipped => "不能办理、不记录", "cannot take it, left out";
    ConfirmEachLimit => "各工单类别的期限", "each order's category's limit";
    MarkedOrders => "已选的 {} 件工单", "the {} marked orders";
    MarkedAll => "将对已选的 {} 件工单一次办理", "For all {} marked orders at once";
    MarkedSome => "将对已选工单中的 {} 件一次办理（另 {} 件不能办理，不记录）", "For {} of the marked orders at once ({} others cannot take it and are left out)";
    MarkedOneByOne => "此操作须对每件工单分别填写（答复、回访、退单、延期），不能对已选工单一次办理：按 Esc 清除选择，再对单件办理", "This operation needs each order's own text (reply, callback, return, extension): it cannot act on the marked orders at once. Esc clears the marks; then act on one order";
    MarkedNoneCan => "已选的 {} 件工单都不能{}", "None of the {} marked orders can be given this: {}";
    DoneMany => "已{}：{} 件工单", "{}: {} orders";
    ManyRefused => "工单 {} 不能办理，已选工单一件也未记录：{}", "Order {} was refused, so none of the marked orders was recorded: {}";
    ConfirmResult => "回访结果", "Callback";
    ConfirmUnreachable => "未接通（不是有效回访，不记答案）", "unreachable (not a valid callback, no answers)";
    ConfirmReason => "原因", "Reason";
    ConfirmNote => "说明", "Note";
    ConfirmLimit => "办理时限", "Time limit";
    ConfirmDays => "{} 个工作日（至 {}）", "{} working days (to {})";
    ConfirmNone => "（未填）", "(none)";
    ConfirmExtTo => "延至 {}", "to {}";
    ConfirmUntil => "至 {}", "until {}";
    ConfirmHours => "{} 小时（至 {}）", "{} hours (due {})";
    ConfirmAssigned => "（自动分配）", "(assigned)";
    ConfirmAsk => "确认记录吗？", "Record it?";
    ConfirmPass => "通过", "accept";
    ConfirmReject => "退回重办", "reject";
    ConfirmApprove => "同意延期", "approve";
    ConfirmRefuse => "不同意延期", "refuse";
    ConfirmApproveReturn => "同意退单", "approve";
    ConfirmRefuseReturn => "不同意退单", "refuse";
    ConfirmKind => "剔除类别", "Kind";
    ActUnexempt => "取消剔除", "lift exemption";
    CbCitizen => "诉求人", "Citizen";
    CbPhone => "电话", "Phone";
    CbMasked => "（按 {} 显示完整电话，会记入工单历史）", "(press {} to show it in full; recorded in the history)";
    CbNoContact => "（未留联系方式）", "(no contact given)";
    CbShown => "（已显示，已记入工单历史）", "(shown; recorded in the history)";
    CbReply => "单位答复", "Reply";
    CbNoReply => "（无答复）", "(no reply)";
    CbDeadline => "办理时限", "Deadline";
    CbOnTime => "{}，按时答复（{}）", "{}, replied on time ({})";
    CbLate => "{}，超期答复（{}）", "{}, replied late ({})";
    CbAsk => "依次问诉求人（{} 未接通）：", "Ask the citizen in turn ({} unreachable):";
    CbQContacted => "单位是否联系过您", "Unit contacted?";
    CbQSolved => "诉求是否解决", "Solved?";
    CbQSatisfied => "您是否满意", "Satisfied?";
    CbNotYet => "—", "—";
    CbYes => "是", "yes";
    CbNo => "否", "no";
    CbAnswerYn => "第一问请按 y（是）或 n（否）回答", "Answer the first question with y (yes) or n (no)";
    CbUnanswered => "尚未回答：{}", "Not answered yet: {}";
    FFirstContact => "先行联系", "First contact";
    Required => "请填写“{}”", "\"{}\" is required";
    BadNumber => "“{}”须为 1–365 的整数", "\"{}\" must be a whole number from 1 to 365";
    Checkbox => "[x]", "[x]";
    CheckboxOff => "[ ]", "[ ]";

    // Messages.
    Done => "已{}：{}（{}）", "Done: {} {} ({})";
    DoneDispatch => "已转办 {} 至 {}，时限 {}", "Dispatched {} to {}, deadline {}";
    DoneIntake => "已受理 {}：请选择承办单位", "Took in {}: choose the unit";
    DoneUrgeMany => "已催办 {} 件工单", "Urged {} orders";
    DoneSuperviseUnit => "已督办单位 {}", "Supervised unit {}";
    NoOrder => "没有选中的工单", "No order selected";
    NoUnit => "没有选中的单位", "No unit selected";
    NothingOverdue => "{} 没有超期工单", "{} has no overdue order";
    AllowedKeys => "可按：{}", "Keys: {}";
    NothingForYou => "您现在对它没有可做的操作", "Nothing for you to do on it now";
    UnknownCommand => "未知命令“{}”。可用：:unit 单位、:order 编号、:find 查询、:view 名称、:views、:period …、:forecast 日期、:q", "Unknown command \"{}\". Try :unit NAME, :order NO, :find QUERY, :view NAME, :views, :period …, :forecast DATE, :q";
    LockWaiting => "数据库正被其他程序占用，正在等待…（{} 秒，最多 {} 秒；Esc 放弃，其他按键不起作用）", "The database is being used by another program, waiting… ({} s of at most {} s; Esc gives up, other keys do nothing)";
    LockGaveUp => "已放弃：未记录任何内容（数据库正被其他程序占用）。输入的内容保留，可再次提交", "Given up: nothing was recorded (the database is being used by another program). What you typed is kept: submit again when you like";
    ReadOnlyDiskFull => "数据库所在磁盘已满：只能查看，不能记录（清理空间后重新打开 hotline）", "The disk holding the database is full: you can look, not record (free some space, then open hotline again)";
    OrderNotFound => "没有工单“{}”", "No order \"{}\"";
    NeedArg => "命令 :{} 需要参数", "Command :{} needs an argument";
    BadPeriod => "统计期写法：:period all | this | last | 起 止（YYYY-MM-DD）", "Period: :period all | this | last | FROM TO (YYYY-MM-DD)";
    BadDate => "“{}”不是日期（应为 YYYY-MM-DD，如 2017-12-31）", "'{}' is not a date (expected YYYY-MM-DD, e.g. 2017-12-31)";
    BadYear => "“{}”的年份超出范围（{}–{}）", "'{}': the year is out of range ({}–{})";
    BadPeriodDate => "{}：{}", "{}: {}";
    FromAfterTo => "起始日期 {} 晚于截止日期 {}", "The start {} is after the end {}";
    ForecastMarked => "到 {} 日终将有 {} 件工单超期30天以上，已选中其中可催办的 {} 件（{} 件尚未超期，不在本列表中；{} 件下一步在本中心，不能催办）：按 U 一次催办", "By the end of {} {} orders will be overdue more than 30 days; marked the {} that can be urged ({} not late yet, so not in this list; {} wait for the office's next step, not urged): U urges them all";
    ForecastNone => "到 {} 日终没有新超期30天以上的工单", "No order will newly be overdue more than 30 days by the end of {}";
    ForecastTooLong => "未结工单过多（超过 {} 件），不能在此标记预警工单：请用命令行 hotline forecast --by {} 查看", "Too many open orders (over {}) to mark the forecast here: see it with the command line, hotline forecast --by {}";
    MarkedCleared => "已清除选择", "Marks cleared";
    NextCallbackHint => "按 {} 打开下一件待回访", "{} opens the next order awaiting a callback";
    NoMoreCallbacks => "列表中没有其他待回访的工单", "No other order in this list awaits a callback";
    FilterCleared => "已清除筛选", "Filter cleared";
}

/// Fill `{}` placeholders in order.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// A typed date (`YYYY-MM-DD` or `YYYY/MM/DD`), read by the domain's own parser; its refusal
/// is said here in the UI's language (the domain's words are English only).
pub fn date(lang: Lang, s: &str) -> Result<chrono::NaiveDate, String> {
    use crate::domain::time::{MAX_YEAR, MIN_YEAR, parse_date};
    parse_date(s).map_err(|_| {
        let t = s.trim();
        let shown = crate::domain::text::quote(t);
        let is_date = ["%Y-%m-%d", "%Y/%m/%d"]
            .iter()
            .any(|f| chrono::NaiveDate::parse_from_str(t, f).is_ok());
        if is_date {
            fill(S::BadYear.get(lang), &[&shown, &MIN_YEAR, &MAX_YEAR])
        } else {
            fill(S::BadDate.get(lang), &[&shown])
        }
    })
}

/// The domain's own names, in the UI language.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.en(),
    }
}
pub fn category(lang: Lang, c: Category) -> &'static str {
    match lang {
        Lang::Zh => c.zh(),
        Lang::En => c.code(),
    }
}
pub fn event(lang: Lang, e: &EventKind) -> &'static str {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.en(),
    }
}
pub fn action(lang: Lang, a: ActionName) -> &'static str {
    match lang {
        Lang::Zh => a.zh(),
        Lang::En => match a {
            ActionName::RequestExtension => "request extension",
            ActionName::DecideExtension => "decide extension",
            ActionName::DecideReturn => "decide return",
            ActionName::Exempt => "exempt",
            other => other.code(),
        },
    }
}
/// An action as done, for `S::Done` (已…): 已申请延期, not 已延期申请.
pub fn done(lang: Lang, a: ActionName) -> &'static str {
    match (lang, a) {
        (Lang::Zh, ActionName::RequestExtension) => "申请延期",
        (Lang::Zh, ActionName::DecideExtension) => "审批延期申请",
        (Lang::Zh, ActionName::Return) => "申请退单",
        (Lang::En, ActionName::Return) => "return request",
        (Lang::Zh, ActionName::DecideReturn) => "审核退单申请",
        _ => action(lang, a),
    }
}
/// An action as done (`done`), lifting an exemption named as such.
pub fn done_action(lang: Lang, a: &crate::domain::Action) -> &'static str {
    match a {
        crate::domain::Action::Unexempt { .. } => S::ActUnexempt.get(lang),
        _ => done(lang, a.name()),
    }
}
/// An exemption's kind in the UI's language.
pub fn exemption(lang: Lang, k: crate::domain::order::ExemptionKind) -> &'static str {
    match lang {
        Lang::Zh => k.zh(),
        Lang::En => k.code(),
    }
}
/// A callback's second answer (诉求是否解决).
pub fn solved(lang: Lang, s: crate::domain::order::Solved) -> &'static str {
    use crate::domain::order::Solved;
    match (lang, s) {
        (Lang::Zh, s) => s.zh(),
        (Lang::En, Solved::Yes) => "solved",
        (Lang::En, Solved::Explained) => "explained",
        (Lang::En, Solved::No) => "not solved",
    }
}
/// A callback's first answer (单位是否联系过您).
pub fn contacted(lang: Lang, c: bool) -> &'static str {
    match (lang, c) {
        (Lang::Zh, true) => "已联系",
        (Lang::Zh, false) => "未联系",
        (Lang::En, true) => "contacted",
        (Lang::En, false) => "not contacted",
    }
}
/// The callback console's short forms of the first and third answers (its questions say
/// the rest): 已联系 / yes, 基本满意 / basically.
pub fn contacted_short(lang: Lang, c: bool) -> &'static str {
    match (lang, c) {
        (Lang::Zh, c) => contacted(Lang::Zh, c),
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
    }
}
pub fn satisfaction_short(lang: Lang, r: CallbackResult) -> &'static str {
    match (lang, r) {
        (Lang::En, CallbackResult::BasicallySatisfied) => "basically",
        (lang, r) => callback(lang, r),
    }
}
/// A callback's answers in one line: 已联系，已解决，满意 (an older callback: its satisfaction).
pub fn callback_answers(
    lang: Lang,
    result: CallbackResult,
    answers: &crate::domain::order::Answers,
) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(c) = answers.contacted {
        parts.push(contacted(lang, c));
    }
    if let Some(s) = answers.solved {
        parts.push(solved(lang, s));
    }
    parts.push(callback(lang, result));
    parts.join(S::Comma.get(lang))
}
pub fn callback(lang: Lang, c: CallbackResult) -> &'static str {
    match lang {
        Lang::Zh => c.zh(),
        Lang::En => c.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_order() {
        assert_eq!(fill("{} of {}", &[&1, &"x"]), "1 of x");
        assert_eq!(fill("{} {}", &[&1]), "1 {}");
    }

    #[test]
    fn a_done_message_reads_as_chinese() {
        let m = |a| {
            fill(
                S::Done.get(Lang::Zh),
                &[&done(Lang::Zh, a), &"201710270002", &"办理中"],
            )
        };
        assert_eq!(m(ActionName::Urge), "已催办：201710270002（办理中）");
        assert_eq!(
            m(ActionName::RequestExtension),
            "已申请延期：201710270002（办理中）"
        );
    }

    /// Chinese sentences use full-width brackets, colons and commas; what stays ASCII is
    /// what the user types (`:unit`, keys, TOML).
    #[test]
    fn chinese_strings_have_no_half_width_punctuation_in_sentences() {
        let src = include_str!("i18n.rs");
        let typed = [
            "KCommand",
            "HelpCommands",
            "KmNotKeys",
            "UnknownCommand",
            "NeedArg",
            "BadPeriod",
            "ForecastTooLong",
        ];
        for line in src.lines() {
            let Some((name, rest)) = line.trim().split_once(" => \"") else {
                continue;
            };
            let Some((zh, _)) = rest.split_once("\", \"") else {
                continue;
            };
            let cjk = zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            // A colon touching an ASCII letter or digit is typed syntax: `:find`, `unit:住建局`, `HH:MM`.
            let chars: Vec<char> = zh.chars().collect();
            let sentence_colon = chars.iter().enumerate().any(|(i, c)| {
                *c == ':'
                    && !(i > 0 && chars[i - 1].is_ascii_alphanumeric())
                    && !chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
            });
            if cjk && !typed.contains(&name) {
                assert!(
                    !zh.contains(['(', ')', ',']) && !sentence_colon,
                    "{name}: half-width punctuation in “{zh}”"
                );
            }
        }
    }
}
