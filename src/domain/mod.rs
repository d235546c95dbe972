//! Pure types and rules: no I/O. Orders and their events, the workflow's transitions, the
//! working-day calendar, time limits, the scorecard's definitions, and text rules.

pub mod assessment;
pub mod calendar;
pub mod event;
pub mod forecast;
pub mod lang;
pub mod limits;
pub mod order;
pub mod query;
pub mod role;
pub mod scorecard;
pub mod similar;
pub mod suggest;
pub mod text;
pub mod time;
pub mod units;
pub mod workflow;

pub use calendar::Calendar;
pub use event::{Event, EventKind, OnSite};
pub use lang::Lang;
pub use limits::TimeLimits;
pub use order::{CallbackResult, Category, Intake, Order, Status, Unit, UnitKind};
pub use role::{Role, Work};
pub use workflow::{Action, ActionName, WorkflowError};
