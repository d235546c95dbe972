//! Units (承办单位).

use super::Store;
use crate::domain::{Unit, UnitKind};
use crate::error::{Error, Result};
use rusqlite::OptionalExtension;

impl Store {
    /// All units in the bulletin's order (table 1, then table 2, by position).
    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, active FROM units
             ORDER BY CASE kind WHEN 'department' THEN 1 ELSE 2 END, position, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let mut t = super::text::Texts::new(r);
            let kind = t.get(2)?;
            let name = t.get(1)?;
            t.warn("a unit");
            Ok(Unit {
                id: r.get(0)?,
                name,
                kind: kind.parse().unwrap_or(UnitKind::Department),
                active: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A unit's id. Units are never renamed or deleted, so an id once seen is kept (a hot
    /// path: every event names its unit).
    pub(crate) fn unit_id(&self, name: &str) -> Result<Option<i64>> {
        if let Some(id) = self.unit_ids.borrow().get(name) {
            return Ok(Some(*id));
        }
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM units WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            self.unit_ids.borrow_mut().insert(name.to_string(), id);
        }
        Ok(id)
    }

    /// The unit with this exact name, or an error listing close matches.
    pub fn require_unit(&self, name: &str) -> Result<Unit> {
        let units = self.units()?;
        if let Some(u) = units.iter().find(|u| u.name == name) {
            return Ok(u.clone());
        }
        let near: Vec<&str> = units
            .iter()
            .filter(|_| !name.trim().is_empty())
            .filter(|u| u.name.contains(name) || name.contains(&u.name))
            .map(|u| u.name.as_str())
            .collect();
        let hint = if near.is_empty() {
            "see `hotline unit list`".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        Err(Error::NotFound(format!("unknown unit '{name}': {hint}")))
    }

    pub fn add_unit(&self, name: &str, kind: UnitKind) -> Result<Unit> {
        let typed = name;
        let name = crate::domain::units::clean_name(name);
        if name.is_empty() {
            return Err(Error::Input("a unit needs a name (--name)".into()));
        }
        self.write(|s| {
            let units = s.units()?;
            crate::domain::units::refuse_lookalike(
                typed.trim(),
                units.iter().map(|u| u.name.as_str()),
            )
            .map_err(|m| Error::Input(m.en))?;
            let pos: i64 = s.conn.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM units",
                [],
                |r| r.get(0),
            )?;
            s.conn.execute(
                "INSERT INTO units(name, kind, position) VALUES (?1, ?2, ?3)",
                rusqlite::params![name, kind.code(), pos],
            )?;
            Ok(Unit {
                id: s.conn.last_insert_rowid(),
                name: name.clone(),
                kind,
                active: true,
            })
        })
    }
}
