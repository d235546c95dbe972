//! The command line, declared with clap. `--help` on every command comes from these doc
//! comments.

use crate::bulletin::BulletinFormat;
use crate::export::ExportFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "hotline",
    version,
    about = "县“12345”政务服务热线工单工作台 — keyboard-first workbench for a county 12345 hotline office",
    long_about = "Without a command, opens the terminal UI on the database.\n\
                  Try `hotline --demo` for the built-in demo (the 2017 Haiyuan bulletin)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the built-in demo database (created on first use in the user's data directory).
    #[arg(long, global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug, Clone)]
pub struct Global {
    /// The database file [env: HOTLINE_DB] [default: ./hotline.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The time every action and figure uses, e.g. 2017-12-31T23:59:59 [env: HOTLINE_NOW]
    /// [default: the database's own clock (demo), else the system clock]. Reading as of
    /// another time is open to all; recording at one is an admin's back-entry (补录)
    #[arg(long, global = true, value_name = "DATETIME")]
    pub now: Option<String>,
    /// The name shown for who is acting [default: the OS account]; every event also records
    /// the OS account itself, which no option changes
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
    /// Language: of the terminal UI [default: zh], and of the command line's messages
    /// [default: en, for scripts]
    #[arg(long, global = true, value_enum, env = "HOTLINE_LANG")]
    pub lang: Option<LangArg>,
}

impl Global {
    /// The language of the command line's messages: English unless asked for.
    pub fn message_lang(&self) -> crate::domain::Lang {
        match self.lang {
            Some(LangArg::Zh) => crate::domain::Lang::Zh,
            _ => crate::domain::Lang::En,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangArg {
    Zh,
    En,
}

impl From<Global> for crate::context::Options {
    fn from(g: Global) -> Self {
        crate::context::Options {
            db: g.db,
            now: g.now,
            operator: g.operator,
            lang: match g.lang {
                Some(LangArg::En) => crate::domain::Lang::En,
                _ => crate::domain::Lang::Zh,
            },
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create an empty database with the county's units (Haiyuan, from data/units-haiyuan.csv).
    Init,
    /// Build the demo database: the 2017 Haiyuan bulletin, order by order.
    Demo {
        /// Replace the database if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Units (承办单位).
    #[command(subcommand)]
    Unit(UnitCmd),
    /// Orders (工单): add, show, list.
    #[command(subcommand)]
    Order(OrderCmd),
    /// 转办: send an order to a unit with a deadline in working days.
    Dispatch {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// The unit's exact name (see `hotline unit list`).
        #[arg(long)]
        unit: String,
        /// Working days allowed [default: the category's limit from data/time-limits.toml]
        #[arg(long, conflicts_with_all = ["deadline", "hours"])]
        days: Option<u32>,
        /// A fixed deadline date (YYYY-MM-DD).
        #[arg(long, conflicts_with = "hours")]
        deadline: Option<String>,
        /// An urgent order's limit in clock hours from now (1 to 168; e.g. 2 for an
        /// emergency, 24 for water, power, gas or heating): due at that time, not the day's end.
        #[arg(long)]
        hours: Option<u32>,
    },
    /// 改派 (the office): move an order from the unit holding it straight to another unit,
    /// with a new limit (as dispatch takes it) and a reason; not a return (退单).
    Reassign {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// The new unit (as for dispatch: its name, the start of it or its pinyin).
        #[arg(long)]
        unit: String,
        /// Why it is moved (改派理由), required.
        #[arg(long)]
        reason: String,
        /// Working days allowed [default: the category's limit from data/time-limits.toml]
        #[arg(long, conflicts_with_all = ["deadline", "hours"])]
        days: Option<u32>,
        /// A fixed deadline date (YYYY-MM-DD).
        #[arg(long, conflicts_with = "hours")]
        deadline: Option<String>,
        /// A limit in clock hours from now (1 to 168).
        #[arg(long)]
        hours: Option<u32>,
    },
    /// 并单 (the office): merge an order into a lead order on the same matter. It leaves its
    /// unit's queue (counted for no unit), keeps its citizen, and when the lead's reply is
    /// accepted takes that reply and waits for its own callback.
    Merge {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// The lead order (主单) it is merged into.
        #[arg(long)]
        into: String,
    },
    /// 取消并单 (the office): a merged order gets its own state back, as before the merge.
    Unmerge {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Why [default: none]
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 签收: the unit signs for the order.
    Accept {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
    },
    /// 退单: a unit asks to send the order back (--reason; it keeps the order and its deadline
    /// runs until the office decides), or the office approves (--approve) or refuses
    /// (--refuse --reason) the pending request.
    Return {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Why the unit sends it back (退单理由), e.g. not its responsibility; with --refuse,
        /// why the office refuses (required).
        #[arg(long)]
        reason: Option<String>,
        /// The office approves the pending request: the order goes back to the office (已退单).
        #[arg(long, conflicts_with_all = ["refuse", "reason"])]
        approve: bool,
        /// The office refuses the pending request (give --reason): the unit keeps the order.
        #[arg(long)]
        refuse: bool,
    },
    /// 剔除 (admin): exclude the order from its unit's assessment, with the kind and a reason.
    Exempt {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Why it is exempted: unreasonable (无理诉求), litigation (涉诉), arbitration (仲裁),
        /// reconsideration (行政复议) or petition (信访); the Chinese name works too.
        #[arg(long)]
        kind: String,
        /// The reason (剔除理由), required.
        #[arg(long)]
        reason: String,
    },
    /// 取消剔除 (admin): the order counts in its unit's assessment again.
    Unexempt {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Why the exemption is lifted [default: none]
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 延期: request an extension (--until, --reason), or approve / refuse the pending one.
    Extend {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// The requested new deadline (YYYY-MM-DD).
        #[arg(long, requires = "reason", conflicts_with_all = ["approve", "refuse"])]
        until: Option<String>,
        /// Why more time is needed (with --until), or why it is refused (with --refuse).
        #[arg(long)]
        reason: Option<String>,
        /// Approve the pending request: its date becomes the deadline.
        #[arg(long, conflicts_with = "refuse")]
        approve: bool,
        /// Refuse the pending request (give --reason); the deadline stays.
        #[arg(long)]
        refuse: bool,
    },
    /// 回复: the unit's reply (or the office's answer to an inquiry).
    Reply {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// The reply's text (办理结果), as the citizen will hear it.
        #[arg(long)]
        text: String,
    },
    /// 审核: accept the reply, or reject it with a reason.
    Review {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Accept the reply: the order waits for the callback (待回访).
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        accept: bool,
        /// Reject the reply (give --reason): back to the unit (办理中).
        #[arg(long, requires = "reason")]
        reject: bool,
        /// Why the reply is rejected (with --reject).
        #[arg(long)]
        reason: Option<String>,
    },
    /// 催办: remind the unit about an order.
    Urge {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// A note for the unit (催办内容), e.g. 请尽快办理 [default: none]
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 督办: supervise an order, or a unit as a whole (--unit); --on-site for 现场督办.
    Supervise {
        /// The order (omit with --unit).
        #[arg(required_unless_present = "unit", conflicts_with = "unit")]
        order_no: Option<String>,
        /// Supervise this unit as a whole instead of one order.
        #[arg(long)]
        unit: Option<String>,
        /// A note for the unit (督办内容) [default: none]
        #[arg(long, default_value = "")]
        note: String,
        /// 现场督办: needs --place, --measures and --due.
        #[arg(long, requires_all = ["place", "measures", "due"])]
        on_site: bool,
        /// 现场督办: where the meeting took place.
        #[arg(long)]
        place: Option<String>,
        /// 现场督办: who took part.
        #[arg(long)]
        participants: Option<String>,
        /// 现场督办: the measures agreed.
        #[arg(long)]
        measures: Option<String>,
        /// 现场督办: the date (YYYY-MM-DD) the measures are due.
        #[arg(long)]
        due: Option<String>,
    },
    /// 回访: record the citizen's three answers (--contacted, --solved, --satisfaction, all
    /// three), or --unreachable (未接通: not a valid callback, no answers).
    Callback {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// 单位是否联系过您: yes (已联系) or no (未联系).
        #[arg(long, value_name = "yes|no")]
        contacted: Option<String>,
        /// 诉求是否解决: yes (已解决), explained (解释说明: why it cannot be solved) or no (未解决).
        #[arg(long, value_name = "yes|explained|no")]
        solved: Option<String>,
        /// 是否满意: satisfied (满意), basic (基本满意) or unsatisfied (不满意).
        #[arg(long, value_name = "satisfied|basic|unsatisfied")]
        satisfaction: Option<String>,
        /// 未接通 / 联系不上: the citizen was not reached; takes no answers.
        #[arg(long)]
        unreachable: bool,
        /// The older single answer, satisfaction only: satisfied (满意), basically-satisfied
        /// (基本满意), unsatisfied (不满意) or unreachable (未接通).
        #[arg(long, value_name = "RESULT")]
        result: Option<String>,
    },
    /// 先行联系: the unit records that it reached the citizen (while it holds the order).
    Contact {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// What was said (联系情况) [default: none]
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 重办: back to the unit with a new deadline.
    Redo {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Why the order is redone (重办理由).
        #[arg(long)]
        reason: String,
        /// Working days allowed [default: the category's limit from data/time-limits.toml]
        #[arg(long, conflicts_with_all = ["deadline", "hours"])]
        days: Option<u32>,
        /// A fixed deadline date (YYYY-MM-DD).
        #[arg(long, conflicts_with = "hours")]
        deadline: Option<String>,
        /// An urgent order's limit in clock hours from now (1 to 168; e.g. 2 for an
        /// emergency, 24 for water, power, gas or heating): due at that time, not the day's end.
        #[arg(long)]
        hours: Option<u32>,
    },
    /// 办结: close the order (after a callback; a reason is needed if the citizen was unsatisfied).
    Close {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// Why it is closed; required after an unsatisfied callback [default: none]
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// The scorecard (承办单位办件情况表) for a period.
    Report {
        /// First day (YYYY-MM-DD) [default: the earliest order]
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD) [default: today]
        #[arg(long)]
        to: Option<String>,
        /// Count as things stood at this time [default: now]
        #[arg(long, value_name = "DATETIME")]
        as_of: Option<String>,
        /// md, csv, json or xlsx.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// The assessment pack: seed-2017 (the default: the bulletin's own columns), beijing,
        /// zhungeer, shanghai, deduction, or a pack's TOML file.
        #[arg(long, value_name = "NAME|FILE")]
        pack: Option<String>,
        /// Write to this file instead of standard output (required for xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 超期预警: the open orders that will be overdue more than 30 days by DATE if nothing
    /// happens (not yet now), to urge them before the bulletin's cutoff; and how many per unit.
    Forecast {
        /// The date to look at (YYYY-MM-DD, today or later): the end of that day.
        #[arg(long, value_name = "DATE")]
        by: String,
        /// Only orders held by this unit (name, initials or spelling).
        #[arg(long)]
        unit: Option<String>,
        /// The assessment pack whose floors to forecast (a shipped name or a TOML file)
        /// [default: seed-2017, which has no floors].
        #[arg(long, value_name = "NAME|FILE")]
        pack: Option<String>,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// 可能重复: the orders most likely about the same problem as NO — received within the
    /// window before or after it, or still open — each with its score and reasons (same
    /// phone, same place, similar text; see the README's definitions).
    Similar {
        /// The order's number (工单编号).
        order_no: String,
        /// Orders received within this many days of NO (and older open ones) are compared.
        #[arg(long, default_value_t = crate::domain::similar::WINDOW_DAYS)]
        days: i64,
        /// The same phone counts within this many days.
        #[arg(long, default_value_t = crate::domain::similar::PHONE_DAYS)]
        phone_days: i64,
        /// How many candidates at most.
        #[arg(long, default_value_t = crate::domain::similar::TOP)]
        top: usize,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// 热点问题: groups of orders about one problem received in the window, by heat index.
    Hotspots {
        /// The window's first day (YYYY-MM-DD) [default: --window days before --to].
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The window's last day (YYYY-MM-DD) [default: today].
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The window in days (ignored with --from).
        #[arg(long, default_value_t = crate::domain::similar::WINDOW_DAYS)]
        window: i64,
        /// Groups of at least this many orders.
        #[arg(long, default_value_t = 2)]
        min: usize,
        /// How many hotspots at most.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// table or json.
        #[arg(long, value_enum, default_value_t = HotspotFormat::Table)]
        format: HotspotFormat,
    },
    /// 派单建议: the units the office's own history suggests for NO, each with its score and
    /// the words that decided it.
    Suggest {
        /// The order's number (工单编号).
        order_no: String,
        /// How many units.
        #[arg(long, default_value_t = crate::domain::suggest::TOP)]
        top: usize,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Measure duplicate candidates and hotspots against labelled pairs (QUALITY.md).
    Quality {
        /// A CSV of labelled pairs: a,b,label (order numbers; 1 = same problem, 0 = not).
        #[arg(long, value_name = "FILE")]
        pairs: PathBuf,
    },
    /// Explain a unit's score under a pack: the orders that cost it points, largest first,
    /// with the answers or lateness that cost them (as things stand now).
    Explain {
        /// The unit (name, initials or spelling).
        #[arg(long)]
        unit: String,
        /// The assessment pack (a shipped name or a TOML file) [default: seed-2017].
        #[arg(long, value_name = "NAME|FILE")]
        pack: Option<String>,
        /// First day (YYYY-MM-DD) [default: the earliest order]
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD) [default: today]
        #[arg(long)]
        to: Option<String>,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Operators and their roles (admin only): admin, operator, viewer, or a unit's account.
    #[command(subcommand)]
    Operator(OperatorCmd),
    /// Run many commands from a file (or - for standard input), one per line, each in its own
    /// transaction, e.g. `urge 201711020001 --note "请尽快办理"`. Stops at the first error
    /// (with its line number) unless --keep-going.
    Batch {
        /// The file of commands, or - for standard input.
        file: PathBuf,
        /// Run every line, report each failure, and exit non-zero if any failed.
        #[arg(long)]
        keep_going: bool,
    },
    /// Generate a realistic synthetic database (for benchmarks and trying the program at scale).
    Gen {
        /// How many orders to generate.
        #[arg(long, default_value_t = 100_000)]
        orders: u64,
        /// How many units.
        #[arg(long, default_value_t = 42)]
        units: usize,
        /// Over how many years the orders are received.
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// The random seed (the same seed gives the same database).
        #[arg(long, default_value_t = 12345)]
        seed: u64,
    },
    /// Measure the performance targets on generated databases (see PERFORMANCE.md).
    Bench(BenchArgs),
    /// Prove the database is sound: integrity, and every order's state = the replay of its events.
    Check,
    /// A consistent copy of the database while others keep working.
    Backup {
        /// Where to write the copy (must not exist).
        file: PathBuf,
    },
    /// Import orders from a CSV or XLSX export (the city platform's, or our own).
    Import(ImportArgs),
    /// Import mappings (导入映射): list the shipped ones, or print one to copy and edit.
    #[command(subcommand)]
    Mapping(MappingCmd),
    /// Export orders with their current state (CSV or XLSX; re-importable).
    Export(ExportArgs),
    /// Write the monthly bulletin (通报) from the data (Markdown or DOCX).
    Bulletin(BulletinArgs),
    /// Run the terminal UI (also the default without a command); --keys runs a key script.
    Tui(TuiArgs),
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
    Xlsx,
}

#[derive(Subcommand, Debug)]
pub enum MappingCmd {
    /// The shipped mappings: each name and the columns that identify its layout.
    List,
    /// Print a shipped mapping's file, to copy and edit (`… > my-layout.toml`).
    Show {
        /// The mapping's name, as `hotline mapping list` shows it.
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UnitCmd {
    /// List the units.
    List,
    /// Add a unit.
    Add {
        /// The unit's full name, e.g. 住建局 or 海城镇.
        #[arg(long)]
        name: String,
        /// department (部门) or township (乡镇).
        #[arg(long, value_parser = ["department", "township"])]
        kind: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum OperatorCmd {
    /// List the operators.
    List,
    /// Add an operator, or change one's role.
    Add {
        /// The OS user name.
        user: String,
        /// admin, operator, viewer, or unit (with --unit).
        #[arg(long, value_parser = ["admin", "operator", "viewer", "unit"])]
        role: String,
        /// The unit of a unit account.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Remove an operator.
    Remove {
        /// The OS user name.
        user: String,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HotspotFormat {
    Table,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum OrderCmd {
    /// 受理: record a new order; prints its number.
    Add {
        /// inquiry (咨询), suggestion (建议) or request (诉求); sets the default time limit.
        #[arg(long, value_parser = ["inquiry", "suggestion", "request"])]
        category: String,
        /// A short title (标题), e.g. 路灯不亮.
        #[arg(long)]
        title: String,
        /// What the citizen said (内容).
        #[arg(long, default_value = "")]
        content: String,
        /// The citizen's name (来电人); masked in lists.
        #[arg(long, default_value = "")]
        citizen: String,
        /// The citizen's phone (联系电话); masked in lists.
        #[arg(long, default_value = "")]
        phone: String,
        /// Where the problem is (地址).
        #[arg(long, default_value = "")]
        address: String,
        /// The city call center's number [default: assigned, YYYYMMDD + 4 digits]
        #[arg(long)]
        order_no: Option<String>,
        /// When the call center received it [default: now]
        #[arg(long, value_name = "DATETIME")]
        received_at: Option<String>,
    },
    /// One order with its full history.
    Show {
        /// The order's number (工单编号), e.g. 201710270002.
        order_no: String,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Show the citizen's full name and phone (recorded in the order's history).
        #[arg(long)]
        reveal: bool,
    },
    /// Orders, most urgent first.
    List {
        /// received, dispatched, handling, returned, replied, awaiting_callback, closed
        #[arg(long)]
        status: Option<String>,
        /// Only orders held by this unit (name, initials or spelling).
        #[arg(long)]
        unit: Option<String>,
        /// Only open orders past their deadline.
        #[arg(long)]
        overdue: bool,
        /// Only orders with a unit's return request awaiting the office's decision (退单待审核;
        /// the query field `return:pending` in the TUI).
        #[arg(long)]
        return_pending: bool,
        /// table, csv or json.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The CSV or XLSX file.
    pub file: PathBuf,
    /// A shipped mapping's name (`hotline mapping list`) or a mapping file (TOML) naming the
    /// file's columns [default: detected from the header: our own export, or the
    /// message-board layout; see data/mappings/]
    #[arg(long, value_name = "NAME|FILE")]
    pub mapping: Option<PathBuf>,
    /// The workbook's sheet to read [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The CSV file's encoding [default: detected: UTF-8 (with or without BOM), else GB18030]
    #[arg(long, value_name = "utf-8|gb18030")]
    pub encoding: Option<String>,
    /// Check everything and report, but record nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record the good rows and write the bad ones, with a `reason` column, to this CSV file
    /// [default: nothing is recorded if any row is bad]
    #[arg(long, value_name = "REJECTS.csv")]
    pub skip_bad: Option<PathBuf>,
    /// Add units the file names that the database lacks (townships by their names: …乡, …镇,
    /// …街道办, …开发区; the others as the mapping says, else departments).
    #[arg(long)]
    pub create_units: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// Orders received from this day (YYYY-MM-DD) [default: the first]
    #[arg(long)]
    pub from: Option<String>,
    /// Orders received up to this day (YYYY-MM-DD) [default: the last]
    #[arg(long)]
    pub to: Option<String>,
    /// csv (UTF-8 with BOM) or xlsx [default: from the file name's extension]
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Mask the citizens' names and phone numbers (马**, 138****5678); such a file does not
    /// round-trip those two columns.
    #[arg(long)]
    pub mask: bool,
    /// Where to write.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct BulletinArgs {
    /// The month to report (YYYY-MM): its first to last day, counted at its end (or now, if
    /// sooner) [default: --from/--to, else from the first order to today]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// First day (YYYY-MM-DD) [default: the earliest order]
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD) [default: today]
    #[arg(long)]
    pub to: Option<String>,
    /// Count as things stood at this time [default: now, or the month's end]
    #[arg(long, value_name = "DATETIME")]
    pub as_of: Option<String>,
    /// md or docx [default: from the file name's extension]
    #[arg(long, value_enum)]
    pub format: Option<BulletinFormat>,
    /// The bulletin's wording with {{placeholders}} [default: data/bulletin-template.md,
    /// compiled in]
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// The document number, e.g. 〔2018〕2号 [default: 〔year〕 号 with the number left blank]
    #[arg(long, value_name = "TEXT")]
    pub doc_no: Option<String>,
    /// The assessment pack: its columns in the appendix tables, and 红黑榜 (the best and worst
    /// N of each tier) in the text — seed-2017 (the default: the bulletin's own columns),
    /// beijing, zhungeer, shanghai, deduction, or a pack's TOML file.
    #[arg(long, value_name = "NAME|FILE")]
    pub pack: Option<String>,
    /// Add the section 重复诉求和热点问题 (repeated requests and hotspots): the period's top 5
    /// groups of 3 orders or more, as `hotline hotspots` finds them, hottest first.
    #[arg(long)]
    pub hotspots: bool,
    /// Where to write.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Database sizes, in orders (comma-separated).
    #[arg(long, default_value = "100000,1000000", value_delimiter = ',')]
    pub sizes: Vec<u64>,
    /// Where generated databases are kept between runs.
    #[arg(long, default_value = "bench-cache")]
    pub cache: PathBuf,
    /// Runs per measurement (the median is reported).
    #[arg(long, default_value_t = 7)]
    pub runs: usize,
    /// Skip the sqlite3 CLI comparison.
    #[arg(long)]
    pub no_sqlite3: bool,
    /// Orders in the import benchmark's CSV file (0: no import benchmark). Each run imports
    /// the whole file into a new database.
    #[arg(long, default_value_t = 1_000_000)]
    pub import_orders: u64,
}

#[derive(Args, Debug, Default, Clone)]
pub struct TuiArgs {
    /// Run a key script headless (keys in Vim notation separated by white space, e.g.
    /// `j 3 <Enter> "已安排维修" <Esc>`), drawing a frame after every key. `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Terminal size for --keys, e.g. 120x40.
    #[arg(long, default_value = "120x40")]
    pub size: String,
    /// Print the final screen as plain text (with --keys).
    #[arg(long)]
    pub dump: bool,
    /// ASCII borders and symbols, for terminals that draw box-drawing characters two columns
    /// wide [env: HOTLINE_ASCII=1]
    #[arg(long)]
    pub ascii: bool,
}

impl From<ImportArgs> for crate::import::Request {
    fn from(a: ImportArgs) -> Self {
        crate::import::Request {
            file: a.file,
            mapping: a.mapping,
            sheet: a.sheet,
            encoding: a.encoding,
            dry_run: a.dry_run,
            skip_bad: a.skip_bad,
            create_units: a.create_units,
        }
    }
}

impl From<ExportArgs> for crate::export::Request {
    fn from(a: ExportArgs) -> Self {
        crate::export::Request {
            from: a.from,
            to: a.to,
            format: a.format,
            mask: a.mask,
            out: a.out,
        }
    }
}

impl From<BulletinArgs> for crate::bulletin::Request {
    fn from(a: BulletinArgs) -> Self {
        crate::bulletin::Request {
            month: a.month,
            from: a.from,
            to: a.to,
            as_of: a.as_of,
            format: a.format,
            template: a.template,
            doc_no: a.doc_no,
            pack: a.pack,
            hotspots: a.hotspots,
            out: a.out,
        }
    }
}

impl From<BenchArgs> for crate::bench::Options {
    fn from(a: BenchArgs) -> Self {
        crate::bench::Options {
            sizes: a.sizes,
            cache: a.cache,
            runs: a.runs,
            no_sqlite3: a.no_sqlite3,
            import_orders: a.import_orders,
        }
    }
}

impl From<TuiArgs> for crate::tui::Options {
    fn from(a: TuiArgs) -> Self {
        crate::tui::Options {
            keys: a.keys,
            size: a.size,
            dump: a.dump,
            ascii: a.ascii,
        }
    }
}
