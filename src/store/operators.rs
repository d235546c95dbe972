//! Operators (操作员) and their roles.

use super::Store;
use crate::domain::Role;
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Whether any operator is registered; without one, access control is off.
    pub fn access_control_on(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM operators", [], |r| r.get(0))?;
        Ok(n > 0)
    }

    pub fn role_of(&self, user: &str) -> Result<Option<Role>> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT o.role, u.name FROM operators o LEFT JOIN units u ON u.id = o.unit_id
                 WHERE o.user = ?1",
                [user],
                |r| {
                    let mut t = super::text::Texts::new(r);
                    Ok((t.get(0)?, t.opt(1)?))
                },
            )
            .optional()?;
        row.map(|(role, unit)| Role::parse(&role, unit.as_deref()).map_err(Error::Store))
            .transpose()
    }

    pub fn operators(&self) -> Result<Vec<(String, Role)>> {
        let mut stmt = self.conn.prepare(
            "SELECT o.user, o.role, u.name FROM operators o LEFT JOIN units u ON u.id = o.unit_id
             ORDER BY o.user",
        )?;
        let rows = stmt.query_map([], |r| {
            let mut t = super::text::Texts::new(r);
            Ok((t.get(0)?, t.get(1)?, t.opt(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (user, role, unit) = row?;
            out.push((
                user,
                Role::parse(&role, unit.as_deref()).map_err(Error::Store)?,
            ));
        }
        Ok(out)
    }

    /// Add or change an operator.
    pub fn set_operator(&self, user: &str, role: &Role) -> Result<()> {
        let user = crate::domain::text::one_line(user);
        if user.is_empty() {
            return Err(Error::Input("an operator needs a user name".into()));
        }
        self.write(|s| {
            let unit_id = match role.only_unit() {
                Some(u) => Some(s.require_unit(u)?.id),
                None => None,
            };
            s.conn.execute(
                "INSERT INTO operators(user, role, unit_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(user) DO UPDATE SET role = excluded.role, unit_id = excluded.unit_id",
                params![user, role.code(), unit_id],
            )?;
            Ok(())
        })
    }

    pub fn remove_operator(&self, user: &str) -> Result<()> {
        self.write(|s| {
            let admins: i64 = s.conn.query_row(
                "SELECT count(*) FROM operators WHERE role = 'admin' AND user <> ?1",
                [user],
                |r| r.get(0),
            )?;
            if admins == 0 {
                return Err(Error::Input(format!(
                    "{user} is the last admin: add another admin first"
                )));
            }
            let n = s
                .conn
                .execute("DELETE FROM operators WHERE user = ?1", [user])?;
            if n == 0 {
                return Err(Error::NotFound(format!("no operator '{user}'")));
            }
            Ok(())
        })
    }
}
