//! The one iCalendar (RFC 5545) writer: a feed of duties, each an all-day
//! event or a to-do with reminders. The agreement page's calendar file and
//! `iop calendar` both write through it, so the same duty has the same UID
//! wherever it comes from and a calendar that imports both sees it once.
//! No library: the few properties a duty needs are simpler written than
//! mapped onto one (and a library would bring a second date crate).

use domain::value::Date;

/// Identifies this program in every feed (PRODID).
const PRODUCT: &str = "-//iop//IOP//SV";

/// A calendar: its properties and its duties.
#[derive(Debug, Clone)]
pub struct Feed {
    /// The calendar's name (NAME and X-WR-CALNAME); none writes none.
    pub name: Option<String>,
    /// When the feed was made (DTSTAMP of every entry).
    pub stamp: jiff::Timestamp,
    /// For a subscribed calendar: how often a client should fetch it again,
    /// in hours (REFRESH-INTERVAL of RFC 7986, and Outlook's X-PUBLISHED-TTL).
    /// None for a file imported once.
    pub refresh_hours: Option<u16>,
    pub duties: Vec<Duty>,
}

/// One duty of an agreement.
#[derive(Debug, Clone)]
pub struct Duty {
    /// From [`uid`]: the same duty keeps it from one feed to the next.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub due: Date,
    pub shape: Shape,
    /// The duty is met. A to-do says so (STATUS:COMPLETED, no reminders);
    /// an event has no such status in RFC 5545 (only TENTATIVE, CONFIRMED,
    /// CANCELLED, and a met duty is none of them), so the caller words it
    /// in the summary.
    pub done: bool,
}

/// How a duty stands in a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// An all-day event on the due date (VEVENT), not blocking time.
    Day,
    /// A to-do due on the due date (VTODO), open from `start` when the
    /// duty has a window, reminding the given numbers of days before.
    Task {
        start: Option<Date>,
        reminders: Vec<u16>,
    },
}

/// The UID of a duty: the agreement and the duty's stable key.
pub fn uid(agreement: &str, key: &str) -> String {
    format!("{agreement}.{key}@iop")
}

impl Feed {
    /// The feed as iCalendar text (CRLF line ends, lines folded at 75 octets).
    pub fn write(&self) -> String {
        let mut out = String::new();
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            &format!("PRODID:{PRODUCT}"),
            "CALSCALE:GREGORIAN",
        ] {
            fold(line, &mut out);
        }
        if let Some(name) = &self.name {
            fold(&format!("NAME:{}", escape(name)), &mut out);
            fold(&format!("X-WR-CALNAME:{}", escape(name)), &mut out);
        }
        if let Some(hours) = self.refresh_hours {
            fold(
                &format!("REFRESH-INTERVAL;VALUE=DURATION:PT{hours}H"),
                &mut out,
            );
            fold(&format!("X-PUBLISHED-TTL:PT{hours}H"), &mut out);
        }
        let stamp = self.stamp.strftime("%Y%m%dT%H%M%SZ").to_string();
        for duty in &self.duties {
            duty.write(&stamp, &mut out);
        }
        fold("END:VCALENDAR", &mut out);
        out
    }
}

impl Duty {
    fn write(&self, stamp: &str, out: &mut String) {
        let component = match self.shape {
            Shape::Day => "VEVENT",
            Shape::Task { .. } => "VTODO",
        };
        fold(&format!("BEGIN:{component}"), out);
        fold(&format!("UID:{}", self.uid), out);
        fold(&format!("DTSTAMP:{stamp}"), out);
        match &self.shape {
            Shape::Day => {
                fold(&date_line("DTSTART", self.due), out);
                if let Some(next) = domain::rules::calendar::next_day(self.due) {
                    fold(&date_line("DTEND", next), out);
                }
            }
            Shape::Task { start, .. } => {
                if let Some(start) = start {
                    fold(&date_line("DTSTART", *start), out);
                }
                fold(&date_line("DUE", self.due), out);
            }
        }
        fold(&format!("SUMMARY:{}", escape(&self.summary)), out);
        fold(&format!("DESCRIPTION:{}", escape(&self.description)), out);
        match &self.shape {
            Shape::Day => fold("TRANSP:TRANSPARENT", out),
            Shape::Task { .. } if self.done => {
                fold("STATUS:COMPLETED", out);
                fold("PERCENT-COMPLETE:100", out);
            }
            Shape::Task { reminders, .. } => {
                for days in reminders {
                    self.write_reminder(*days, stamp, out);
                }
            }
        }
        fold(&format!("END:{component}"), out);
    }

    /// A display alarm `days` before the due date. Its UID and stamp are
    /// fixed, so the same duty gives the same text every time.
    fn write_reminder(&self, days: u16, stamp: &str, out: &mut String) {
        let uid = self.uid.replace("@iop", &format!(".alarm-{days}d@iop"));
        fold("BEGIN:VALARM", out);
        fold(&format!("UID:{uid}"), out);
        fold(&format!("DTSTAMP:{stamp}"), out);
        fold("ACTION:DISPLAY", out);
        fold(&format!("DESCRIPTION:{}", escape(&self.summary)), out);
        fold(&format!("TRIGGER;RELATED=END:-P{days}D"), out);
        fold("END:VALARM", out);
    }
}

/// "DTSTART;VALUE=DATE:20260331".
fn date_line(name: &str, date: Date) -> String {
    format!("{name};VALUE=DATE:{}", date.get().strftime("%Y%m%d"))
}

/// Escape a text value (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(iso: &str) -> Date {
        iso.parse().unwrap()
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "å".repeat(60)), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "å".repeat(60))
        );
        assert_eq!(escape("a;b,c\nd\\"), "a\\;b\\,c\\nd\\\\");
    }

    #[test]
    fn a_feed_holds_events_and_tasks_with_reminders() {
        let feed = Feed {
            name: Some("Vi Ses!".into()),
            stamp: "2026-03-01T08:00:00Z".parse().unwrap(),
            duties: vec![
                Duty {
                    uid: uid("vi-ses", "term-end"),
                    summary: "Slut".into(),
                    description: "a, b".into(),
                    due: date("2026-12-31"),
                    shape: Shape::Day,
                    done: false,
                },
                Duty {
                    uid: uid("vi-ses", "report.2026"),
                    summary: "Rapport".into(),
                    description: "c".into(),
                    due: date("2026-03-31"),
                    shape: Shape::Task {
                        start: Some(date("2026-03-01")),
                        reminders: vec![14, 1],
                    },
                    done: false,
                },
            ],
            refresh_hours: None,
        };
        let text = feed.write();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in [
            "X-WR-CALNAME:Vi Ses!",
            "UID:vi-ses.term-end@iop",
            "DTSTAMP:20260301T080000Z",
            "DTSTART;VALUE=DATE:20261231",
            "DTEND;VALUE=DATE:20270101",
            "DESCRIPTION:a\\, b",
            "DUE;VALUE=DATE:20260331",
            "DTSTART;VALUE=DATE:20260301",
            "UID:vi-ses.report.2026.alarm-14d@iop",
            "TRIGGER;RELATED=END:-P1D",
        ] {
            assert!(text.contains(&format!("{line}\r\n")), "{line}: {text}");
        }
        assert_eq!(text.matches("BEGIN:VALARM").count(), 2);
    }

    #[test]
    fn a_subscribed_feed_says_how_often_to_refresh_and_a_met_task_is_completed() {
        let task = |done| Duty {
            uid: uid("vi-ses", "report.2026"),
            summary: "Rapport".into(),
            description: "c".into(),
            due: date("2026-03-31"),
            shape: Shape::Task {
                start: None,
                reminders: vec![14],
            },
            done,
        };
        let feed = Feed {
            name: None,
            stamp: "2026-03-01T08:00:00Z".parse().unwrap(),
            refresh_hours: Some(1),
            duties: vec![task(true)],
        };
        let text = feed.write();
        for line in [
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
            "X-PUBLISHED-TTL:PT1H",
            "STATUS:COMPLETED",
        ] {
            assert!(text.contains(&format!("{line}\r\n")), "{line}: {text}");
        }
        assert!(!text.contains("BEGIN:VALARM"), "a met duty reminds no more");
        let open = Feed {
            refresh_hours: None,
            duties: vec![task(false)],
            ..feed
        }
        .write();
        assert!(!open.contains("STATUS:") && !open.contains("REFRESH-INTERVAL"));
        assert!(open.contains("BEGIN:VALARM"));
    }
}
