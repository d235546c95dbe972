//! Operators and roles: who may do what. The rules are here; the store keeps the table and
//! `ops` applies the check to every action.

use super::order::Order;
use super::workflow::ActionName;
use std::fmt;

/// What an operator may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Units, settings, operators, and every action.
    Admin,
    /// Every action on every order.
    Operator,
    /// Read only (e.g. county leaders).
    Viewer,
    /// A unit's own account: sees only that unit's orders and may accept, return, ask for an
    /// extension and reply.
    Unit(String),
}

impl Role {
    pub fn code(&self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Operator => "operator",
            Role::Viewer => "viewer",
            Role::Unit(_) => "unit",
        }
    }

    /// The role as a Chinese sentence names it (管理员, 操作员, 只读, 住建局账号).
    pub fn zh(&self) -> String {
        match self {
            Role::Admin => "管理员".into(),
            Role::Operator => "操作员".into(),
            Role::Viewer => "只读".into(),
            Role::Unit(u) => format!("{u}账号"),
        }
    }

    /// Parse `admin | operator | viewer | unit` (a unit role needs the unit's name).
    pub fn parse(code: &str, unit: Option<&str>) -> Result<Role, String> {
        match (code.trim(), unit) {
            ("admin", _) => Ok(Role::Admin),
            ("operator", _) => Ok(Role::Operator),
            ("viewer", _) => Ok(Role::Viewer),
            ("unit", Some(u)) if !u.trim().is_empty() => Ok(Role::Unit(u.trim().to_string())),
            ("unit", _) => Err("a unit account needs --unit NAME".into()),
            (other, _) => Err(format!(
                "unknown role '{other}' (expected admin, operator, viewer or unit)"
            )),
        }
    }

    /// The unit whose orders alone this role may see, if it is restricted.
    pub fn only_unit(&self) -> Option<&str> {
        match self {
            Role::Unit(u) => Some(u),
            _ => None,
        }
    }

    pub fn may_write(&self) -> bool {
        !matches!(self, Role::Viewer)
    }

    /// May this role see the order?
    pub fn may_see(&self, order: &Order) -> bool {
        match self {
            Role::Unit(u) => order.unit.as_deref() == Some(u.as_str()),
            _ => true,
        }
    }

    /// Why this role may not take `action` on `order`, if it may not: in English and in
    /// Chinese.
    pub fn refuses(&self, action: ActionName, order: &Order) -> Option<(String, String)> {
        match self {
            Role::Admin => None,
            Role::Operator if action == ActionName::Exempt => Some((
                "only an admin may exempt an order from assessment".into(),
                "只有管理员可以剔除工单或取消剔除".into(),
            )),
            Role::Operator => None,
            Role::Viewer => Some((
                "a viewer account is read-only".into(),
                "查看账号只能查看，不能办理".into(),
            )),
            Role::Unit(u) => {
                if order.unit.as_deref() != Some(u.as_str()) {
                    Some((
                        format!("the account of {u} may act only on {u}'s orders"),
                        format!("{u}的账号只能办理{u}的工单"),
                    ))
                } else if matches!(
                    action,
                    ActionName::Accept
                        | ActionName::Return
                        | ActionName::RequestExtension
                        | ActionName::Reply
                        | ActionName::Contact
                ) {
                    None
                } else {
                    Some((
                        format!(
                            "a unit account may accept, return, record its first contact, ask for an extension and reply, not {}",
                            action.code()
                        ),
                        format!(
                            "承办单位账号只能签收、退单、先行联系、申请延期和回复，不能{}",
                            action.zh()
                        ),
                    ))
                }
            }
        }
    }

    /// Office-only work that is not an action on one order (intake, unit supervision, reports
    /// are open to all): intake and unit-level supervision.
    pub fn may_run_office(&self) -> bool {
        matches!(self, Role::Admin | Role::Operator)
    }

    /// May this role do `work` (work that is not one action on one order)?
    pub fn may_do(&self, work: Work) -> bool {
        if work.admin_only() {
            *self == Role::Admin
        } else {
            self.may_run_office()
        }
    }
}

/// Work that is not one workflow action on one order: what the access policy asks about
/// besides actions (`ops::policy`). Reading reports and the bulletin is open to every role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Work {
    /// 受理: take in a new order.
    Intake,
    /// Import orders from a file.
    Import,
    /// Export orders with the citizens' contacts.
    Export,
    /// Back up the database (it holds every citizen's phone number).
    Backup,
    /// 督办 a unit as a whole.
    SuperviseUnit,
    /// 催办 many orders at once.
    BulkUrge,
    /// Add units (also `import --create-units`).
    ManageUnits,
    /// Add, change or remove operators.
    ManageOperators,
    /// Replace the demo database by a new one (`demo --force`).
    ReplaceDemo,
}

impl Work {
    /// Only an admin may do it (else the office: admins and operators).
    pub fn admin_only(self) -> bool {
        matches!(
            self,
            Work::ManageUnits | Work::ManageOperators | Work::ReplaceDemo
        )
    }
    /// "may not {en}" / "不能{zh}".
    pub fn en(self) -> &'static str {
        match self {
            Work::Intake => "take in orders",
            Work::Import => "import orders",
            Work::Export => "export orders",
            Work::Backup => "back up the database",
            Work::SuperviseUnit => "supervise a unit",
            Work::BulkUrge => "urge many orders at once",
            Work::ManageUnits => "add units",
            Work::ManageOperators => "manage operators",
            Work::ReplaceDemo => "replace the demo database",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Work::Intake => "受理工单",
            Work::Import => "导入工单",
            Work::Export => "导出工单",
            Work::Backup => "备份数据库",
            Work::SuperviseUnit => "督办承办单位",
            Work::BulkUrge => "批量催办",
            Work::ManageUnits => "添加承办单位",
            Work::ManageOperators => "管理操作员",
            Work::ReplaceDemo => "替换演示数据库",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Unit(u) => write!(f, "unit ({u})"),
            other => f.write_str(other.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;
    use crate::domain::order::{Category, Intake};
    use crate::domain::{Event, workflow};
    use chrono::NaiveDateTime;

    fn order(unit: Option<&str>) -> Order {
        let at = NaiveDateTime::parse_from_str("2017-11-01 09:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        let mut o = workflow::replay(
            "1",
            &[Event {
                at,
                operator: "x".into(),
                unit: None,
                kind: EventKind::Received {
                    intake: Intake {
                        category: Some(Category::Request),
                        title: "t".into(),
                        ..Default::default()
                    },
                    received_at: at,
                },
            }],
        )
        .unwrap();
        o.unit = unit.map(str::to_string);
        o
    }

    #[test]
    fn roles_in_chinese() {
        assert_eq!(Role::Admin.zh(), "管理员");
        assert_eq!(Role::Unit("住建局".into()).zh(), "住建局账号");
        assert_eq!(Role::Unit("住建局".into()).to_string(), "unit (住建局)");
    }

    #[test]
    fn each_role() {
        let mine = order(Some("住建局"));
        let theirs = order(Some("贾塘乡"));
        assert!(Role::Admin.refuses(ActionName::Close, &mine).is_none());
        assert!(Role::Operator.refuses(ActionName::Urge, &mine).is_none());
        assert!(Role::Viewer.refuses(ActionName::Urge, &mine).is_some());
        let unit = Role::Unit("住建局".into());
        assert!(unit.refuses(ActionName::Reply, &mine).is_none());
        assert!(unit.refuses(ActionName::Accept, &mine).is_none());
        assert!(
            unit.refuses(ActionName::Urge, &mine)
                .unwrap()
                .0
                .contains("not urge")
        );
        assert!(
            unit.refuses(ActionName::Reply, &theirs)
                .unwrap()
                .1
                .contains("只能办理住建局的工单")
        );
        assert!(unit.may_see(&mine) && !unit.may_see(&theirs));
        assert!(!Role::Viewer.may_write() && !Role::Viewer.may_run_office());
        assert!(Role::Operator.may_do(Work::Export) && !Role::Operator.may_do(Work::ManageUnits));
        assert!(Role::Admin.may_do(Work::ManageOperators));
        assert!(!Role::Unit("住建局".into()).may_do(Work::Intake));
        assert!(!Role::Viewer.may_do(Work::Backup));
        assert_eq!(Role::parse("unit", Some("住建局")), Ok(unit));
        assert!(Role::parse("unit", None).is_err());
        assert!(
            Role::parse("boss", None)
                .unwrap_err()
                .contains("unknown role")
        );
    }
}
