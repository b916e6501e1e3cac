//! Reminders from the duties iop computes: which are due on a day, for whom,
//! under which key, which planned ones a moved or met duty cancels, and the
//! words of the mail (Swedish first, English by choice; plain text and HTML).
//!
//! Pure: no I/O and no clock. The caller passes the day, the duties, what is
//! met and the recipients; an outbox, a worker and SMTP live elsewhere.

mod duty;
mod message;
mod plan;
mod words;

pub use duty::{AgreementDuties, Clause, Duty, PartyRef};
pub use message::{Links, Mail, Rendered, block, digest, render};
pub use plan::{
    Cancel, CancelReason, Delivery, DutyClass, Lang, Planned, Recipient, Reminder, ReminderKey,
    Role, Settings, cancelled, plan, plan_window, reminded,
};
