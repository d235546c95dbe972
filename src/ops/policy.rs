//! The one access policy. Every face asks these functions (the TUI before it opens a form,
//! the CLI and the importers before they start) and `ops` asks them again when it records, so
//! a rule cannot be checked in one face and forgotten in another. Every refusal is worded
//! here, once, in English and in Chinese. The rules themselves are `domain::role`.

use super::Ctx;
use crate::domain::{ActionName, Order, Role, Work};
use crate::error::{Error, Msg, Result};
use crate::store::Store;

/// The role of OS user `user` in this database: every right while no operator is registered
/// (a new or demo database), else what the operators table says; an unknown user gets nothing.
pub fn role_of(store: &Store, user: &str) -> Result<Role> {
    if !store.access_control_on()? {
        return Ok(Role::Admin);
    }
    store.role_of(user)?.ok_or_else(|| {
        Error::Denied(Msg::both(
            format!(
                "user '{user}' is not an operator of this database: ask an admin to run `hotline operator add {user} --role operator`"
            ),
            format!(
                "用户“{user}”不是本数据库的操作员：请管理员运行 `hotline operator add {user} --role operator`"
            ),
        ))
    })
}

/// The refusal of `work` to `role`, if it is refused (for a screen that asks before anything
/// is typed: the TUI greys the key and shows this).
pub fn work_refusal(operator: &str, role: &Role, work: Work) -> Option<Error> {
    if role.may_do(work) {
        return None;
    }
    Some(Error::Denied(if work.admin_only() {
        Msg::both(
            format!("{operator} ({role}) may not {}: ask an admin", work.en()),
            format!("{operator}（{}）不能{}：请找管理员", role.zh(), work.zh()),
        )
    } else {
        Msg::both(
            format!(
                "{operator} ({role}) may not {}: that is the office's work",
                work.en()
            ),
            format!(
                "{operator}（{}）不能{}：这是热线办的工作",
                role.zh(),
                work.zh()
            ),
        )
    }))
}

/// `work_refusal` as a result: what every operation calls before it starts.
pub fn require(ctx: &Ctx, work: Work) -> Result<()> {
    match work_refusal(&ctx.operator, &ctx.role, work) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Recording at a time other than the system clock's (`Ctx::clock_given`: `--now`,
/// `HOTLINE_NOW`, the database's clock) is a back-entry (补录): an admin's right where access
/// control is on. Reading as of another time stays open to all. Whoever records, the event
/// keeps the OS account and the wall-clock time of the recording beside the time it claims.
pub fn require_clock(ctx: &Ctx) -> Result<()> {
    if !ctx.clock_given || ctx.role == Role::Admin {
        return Ok(());
    }
    Err(Error::Denied(Msg::both(
        format!(
            "{} ({}) may not record at a time of their choosing (--now, HOTLINE_NOW or the database's clock): run without --now, the system clock dates it; back-entries (补录) are an admin's",
            ctx.operator, ctx.role
        ),
        format!(
            "{}（{}）不能以自定的时间记录（--now、HOTLINE_NOW 或数据库时钟）：请去掉 --now，由系统时钟记时；补录须由管理员进行",
            ctx.operator,
            ctx.role.zh()
        ),
    )))
}

/// The refusal of workflow action `action` on `order` to `role`, if it is refused.
pub fn action_refusal(
    operator: &str,
    role: &Role,
    action: ActionName,
    order: &Order,
) -> Option<Error> {
    let (why, why_zh) = role.refuses(action, order)?;
    Some(Error::Denied(Msg::both(
        format!(
            "{operator} ({role}) may not {} order {}: {why}",
            action.code(),
            order.order_no
        ),
        format!(
            "{operator}（{}）不能{}工单 {}：{why_zh}",
            role.zh(),
            action.zh(),
            order.order_no
        ),
    )))
}

/// `action_refusal` as a result.
pub fn require_action(ctx: &Ctx, order: &Order, action: ActionName) -> Result<()> {
    match action_refusal(&ctx.operator, &ctx.role, action, order) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// May the acting operator see `order`? (A unit account sees its own unit's orders only.)
pub fn require_see(ctx: &Ctx, order: &Order) -> Result<()> {
    if may_read(&ctx.role, order) {
        return Ok(());
    }
    Err(Error::Denied(Msg::both(
        format!(
            "{} ({}) may not see order {}",
            ctx.operator, ctx.role, order.order_no
        ),
        format!(
            "{}（{}）不能查看工单 {}",
            ctx.operator, ctx.role, order.order_no
        ),
    )))
}

/// The unit whose orders alone `role` may read, if it is limited to one (a unit account): what
/// every reader (the TUI's worker, the CLI's lists) filters by.
pub fn reads_only_unit(role: &Role) -> Option<&str> {
    role.only_unit()
}

/// May `role` read `order`? (The reading side of `require_see`, for a screen that skips what
/// it may not show rather than refusing.)
pub fn may_read(role: &Role, order: &Order) -> bool {
    role.may_see(order)
}

/// The unit a list of orders is limited to: the one asked for, or a unit account's own (a
/// unit account asking for another unit is refused).
pub fn list_scope(ctx: &Ctx, asked: Option<String>) -> Result<Option<String>> {
    match reads_only_unit(&ctx.role) {
        Some(own) if asked.as_deref().is_some_and(|u| u != own) => Err(Error::Denied(Msg::both(
            format!(
                "{} ({}) may see only {own}'s orders",
                ctx.operator, ctx.role
            ),
            format!("{}（{}）只能查看{own}的工单", ctx.operator, ctx.role.zh()),
        ))),
        Some(own) => Ok(Some(own.to_string())),
        None => Ok(asked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn ctx(role: Role) -> Ctx {
        let now = NaiveDateTime::parse_from_str("2017-12-01 09:00:00", "%Y-%m-%d %H:%M:%S")
            .unwrap_or_default();
        Ctx::new(now, "张三").with_role(role)
    }

    #[test]
    fn work_is_refused_in_both_languages() {
        let e = work_refusal("张三", &Role::Viewer, Work::Export).map(|e| (e.to_string(), e.zh()));
        let (en, zh) = e.unwrap_or_default();
        assert!(en.contains("may not export orders"), "{en}");
        assert!(zh.contains("不能导出工单"), "{zh}");
        assert!(require(&ctx(Role::Operator), Work::Export).is_ok());
        let admin = require(&ctx(Role::Operator), Work::ManageUnits);
        assert!(admin.is_err_and(|e| e.zh().contains("请找管理员")));
    }

    #[test]
    fn unit_accounts_list_their_own_unit() {
        let unit = ctx(Role::Unit("住建局".into()));
        assert_eq!(
            list_scope(&unit, None).ok().flatten().as_deref(),
            Some("住建局")
        );
        assert!(list_scope(&unit, Some("贾塘乡".into())).is_err());
        assert_eq!(
            list_scope(&ctx(Role::Viewer), Some("贾塘乡".into()))
                .ok()
                .flatten()
                .as_deref(),
            Some("贾塘乡")
        );
    }
}
