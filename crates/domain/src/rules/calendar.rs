//! The Swedish calendar for deadlines: public holidays (lag 1989:253) and the
//! rules of lag 1930:173 om beräkning av lagstadgad tid.
//!
//! 1 §: adding months clamps to the month's last day (31 March + 1 month = 30 April).
//! 2 §: a deadline that falls on a Saturday, Sunday, public holiday,
//! midsommarafton, julafton or nyårsafton moves to the next working day.

use jiff::civil::{Date as CivilDate, Weekday};

use crate::value::{CalendarLength, Date};

/// Why a day is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayOff {
    Saturday,
    Sunday,
    /// Nyårsdagen, 1 January.
    NewYearsDay,
    /// Trettondedag jul, 6 January.
    Epiphany,
    /// Långfredagen.
    GoodFriday,
    /// Påskdagen.
    EasterSunday,
    /// Annandag påsk.
    EasterMonday,
    /// Första maj.
    MayDay,
    /// Kristi himmelsfärdsdag.
    Ascension,
    /// Pingstdagen.
    Whitsunday,
    /// Sveriges nationaldag, 6 June.
    NationalDay,
    /// Midsommarafton (Friday before midsommardagen).
    MidsummerEve,
    /// Midsommardagen (the Saturday 20–26 June).
    MidsummerDay,
    /// Alla helgons dag (the Saturday 31 October – 6 November).
    AllSaintsDay,
    /// Julafton, 24 December.
    ChristmasEve,
    /// Juldagen, 25 December.
    ChristmasDay,
    /// Annandag jul, 26 December.
    BoxingDay,
    /// Nyårsafton, 31 December.
    NewYearsEve,
}

/// Easter Sunday of a year (Gregorian computus, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i16) -> Option<CivilDate> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    CivilDate::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The first Saturday on or after `month`/`day` of `year`.
fn saturday_from(year: i16, month: i8, day: i8) -> Option<CivilDate> {
    let start = CivilDate::new(year, month, day).ok()?;
    let ahead = (Weekday::Saturday.to_monday_zero_offset()
        - start.weekday().to_monday_zero_offset())
    .rem_euclid(7);
    start
        .checked_add(jiff::Span::new().days(i64::from(ahead)))
        .ok()
}

/// Why `date` is not a working day, or `None` if it is one.
pub fn day_off(date: Date) -> Option<DayOff> {
    let d = date.get();
    let (year, month, day) = (d.year(), d.month(), d.day());
    let fixed = match (month, day) {
        (1, 1) => Some(DayOff::NewYearsDay),
        (1, 6) => Some(DayOff::Epiphany),
        (5, 1) => Some(DayOff::MayDay),
        (6, 6) => Some(DayOff::NationalDay),
        (12, 24) => Some(DayOff::ChristmasEve),
        (12, 25) => Some(DayOff::ChristmasDay),
        (12, 26) => Some(DayOff::BoxingDay),
        (12, 31) => Some(DayOff::NewYearsEve),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if (3..=6).contains(&month)
        && let Some(easter) = easter_sunday(year)
    {
        let offset = (d - easter).get_days();
        let moving = match offset {
            -2 => Some(DayOff::GoodFriday),
            0 => Some(DayOff::EasterSunday),
            1 => Some(DayOff::EasterMonday),
            39 => Some(DayOff::Ascension),
            49 => Some(DayOff::Whitsunday),
            _ => None,
        };
        if moving.is_some() {
            return moving;
        }
    }
    if month == 6
        && let Some(midsummer) = saturday_from(year, 6, 20)
    {
        if d == midsummer {
            return Some(DayOff::MidsummerDay);
        }
        if midsummer.yesterday().ok() == Some(d) {
            return Some(DayOff::MidsummerEve);
        }
    }
    if ((month == 10 && day == 31) || (month == 11 && day <= 6))
        && saturday_from(year, 10, 31) == Some(d)
    {
        return Some(DayOff::AllSaintsDay);
    }
    match d.weekday() {
        Weekday::Saturday => Some(DayOff::Saturday),
        Weekday::Sunday => Some(DayOff::Sunday),
        _ => None,
    }
}

/// The deadline itself if it is a working day, else the next working day
/// (lag 1930:173 2 §). `None` only at the end of the calendar.
pub fn next_working_day(date: Date) -> Option<Date> {
    let mut d = date;
    while day_off(d).is_some() {
        d = Date::new(d.get().tomorrow().ok()?);
    }
    Some(d)
}

/// A deadline as shown everywhere: the day it falls due after the move to a
/// working day, and the day the rule gives when that moved. Every surface
/// (schedule, duties, documents, pages) takes its date from here.
pub fn deadline(date: Date) -> Option<(Date, Option<Date>)> {
    let due = next_working_day(date)?;
    Some((due, (due != date).then_some(date)))
}

/// `date` plus a length, months clamping to the last day of the month (1 §).
pub fn add(date: Date, length: CalendarLength) -> Option<Date> {
    date.get().checked_add(length.to_span()).ok().map(Date::new)
}

/// `date` minus a length, months clamping likewise.
pub fn subtract(date: Date, length: CalendarLength) -> Option<Date> {
    date.get().checked_sub(length.to_span()).ok().map(Date::new)
}

/// The day after `date`.
pub fn next_day(date: Date) -> Option<Date> {
    date.get().tomorrow().ok().map(Date::new)
}

/// The day before `date`.
pub fn previous_day(date: Date) -> Option<Date> {
    date.get().yesterday().ok().map(Date::new)
}

/// The last day of a month.
pub fn last_day_of_month(year: i16, month: u8) -> Option<Date> {
    let first = CivilDate::new(year, i8::try_from(month).ok()?, 1).ok()?;
    Some(Date::new(first.last_of_month()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn easter_matches_the_almanac() {
        // Påskdagen, from the Swedish almanac.
        for (year, day) in [
            (2021, "2021-04-04"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(
                easter_sunday(year).map(Date::new),
                Some(date(day)),
                "{year}"
            );
        }
    }

    #[test]
    fn the_holidays_of_2024() {
        let expected = [
            ("2024-01-01", DayOff::NewYearsDay),
            ("2024-01-06", DayOff::Epiphany),
            ("2024-03-29", DayOff::GoodFriday),
            ("2024-03-31", DayOff::EasterSunday),
            ("2024-04-01", DayOff::EasterMonday),
            ("2024-05-01", DayOff::MayDay),
            ("2024-05-09", DayOff::Ascension),
            ("2024-05-19", DayOff::Whitsunday),
            ("2024-06-06", DayOff::NationalDay),
            ("2024-06-21", DayOff::MidsummerEve),
            ("2024-06-22", DayOff::MidsummerDay),
            ("2024-11-02", DayOff::AllSaintsDay),
            ("2024-12-24", DayOff::ChristmasEve),
            ("2024-12-25", DayOff::ChristmasDay),
            ("2024-12-26", DayOff::BoxingDay),
            ("2024-12-31", DayOff::NewYearsEve),
        ];
        for (day, what) in expected {
            assert_eq!(day_off(date(day)), Some(what), "{day}");
        }
        // Ordinary weekdays, and the eves the law does not name.
        for day in [
            "2024-03-28",
            "2024-04-02",
            "2024-04-30",
            "2024-06-20",
            "2024-11-01",
            "2024-12-23",
        ] {
            assert_eq!(day_off(date(day)), None, "{day}");
        }
        // Count: 365 days in 2024 ... 262 weekdays, 11 weekday holidays and eves.
        let mut d = date("2024-01-01");
        let mut working = 0;
        while d.year() == 2024 {
            if day_off(d).is_none() {
                working += 1;
            }
            d = next_day(d).unwrap();
        }
        // Weekday days off in 2024: 1/1, 29/3, 1/4, 1/5, 9/5, 6/6, 21/6, 24/12, 25/12, 26/12, 31/12.
        assert_eq!(working, 262 - 11);
    }

    #[test]
    fn midsummer_and_all_saints_move_with_the_weekday() {
        assert_eq!(day_off(date("2025-06-21")), Some(DayOff::MidsummerDay));
        assert_eq!(day_off(date("2025-06-20")), Some(DayOff::MidsummerEve));
        assert_eq!(day_off(date("2026-06-20")), Some(DayOff::MidsummerDay));
        assert_eq!(day_off(date("2025-11-01")), Some(DayOff::AllSaintsDay));
        assert_eq!(day_off(date("2026-10-31")), Some(DayOff::AllSaintsDay));
    }

    #[test]
    fn deadlines_move_to_the_next_working_day() {
        // Easter 2024: Sunday 31 March, Monday 1 April off: Tuesday 2 April.
        assert_eq!(
            next_working_day(date("2024-03-31")),
            Some(date("2024-04-02"))
        );
        // Nyårsafton 2025 (Wednesday), nyårsdagen: Friday 2 January 2026.
        assert_eq!(
            next_working_day(date("2025-12-31")),
            Some(date("2026-01-02"))
        );
        // 31 March 2029 is a Saturday; Easter Monday is 2 April: Tuesday 3 April.
        assert_eq!(
            next_working_day(date("2029-03-31")),
            Some(date("2029-04-03"))
        );
        assert_eq!(
            next_working_day(date("2028-03-31")),
            Some(date("2028-03-31"))
        );
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(
            add(date("2025-03-31"), CalendarLength::months(1)),
            Some(date("2025-04-30"))
        );
        assert_eq!(
            add(date("2024-11-30"), CalendarLength::months(3)),
            Some(date("2025-02-28"))
        );
        assert_eq!(
            subtract(date("2025-01-01"), CalendarLength::months(9)),
            Some(date("2024-04-01"))
        );
        assert_eq!(last_day_of_month(2028, 2), Some(date("2028-02-29")));
    }
}
