//! Sessions and passwords over time: the clock is an argument, so a session
//! can be walked through hours in a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)] // tests

use app::{App, AppError, Caller, NewUser};
use jiff::{SignedDuration, Timestamp};
use store::{Blobs, DatabaseUrl, Store};

async fn app_with_user(name: &str) -> App {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let store = Store::open(&DatabaseUrl::parse(&db.display().to_string()).unwrap())
        .await
        .unwrap();
    let app = App::new(store, Blobs::open(dir.join("files")).unwrap());
    let op = Caller::operator("test");
    let admin = op.administer().unwrap();
    let user = NewUser {
        email: None,
        username: "anna",
        display_name: "Anna",
        password: "correct horse battery",
        admin: false,
    };
    app.add_user(&admin, &op, user, start()).await.unwrap();
    app
}

fn start() -> Timestamp {
    "2026-11-23T08:00:00Z".parse().unwrap()
}

fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

#[tokio::test]
async fn a_session_ends_after_an_idle_hour_and_after_twelve_hours_at_most() {
    let app = app_with_user("expiry").await;
    let t0 = start();
    let s = app
        .sign_in("anna", "correct horse battery", "192.0.2.1", None, t0)
        .await
        .unwrap();
    // Used now and then, it lives on…
    let mut now = t0;
    for _ in 0..14 {
        now += mins(50);
        let live = app.session(&s.token, now).await.unwrap();
        assert!(live.is_some(), "alive at {now}");
    }
    // …but not past twelve hours after signing in (t0 + 11 h 40 min now).
    now += mins(50);
    assert!(
        app.session(&s.token, now).await.unwrap().is_none(),
        "ended at 12 h"
    );
    // Left alone for an hour, a new session ends.
    let s = app
        .sign_in("anna", "correct horse battery", "192.0.2.1", None, t0)
        .await
        .unwrap();
    assert!(
        app.session(&s.token, t0 + mins(59))
            .await
            .unwrap()
            .is_some()
    );
    let s = app
        .sign_in("anna", "correct horse battery", "192.0.2.1", None, t0)
        .await
        .unwrap();
    assert!(
        app.session(&s.token, t0 + mins(61))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_changed_password_ends_every_session_and_the_old_one_stops_working() {
    let app = app_with_user("password").await;
    let t0 = start();
    let first = app
        .sign_in("anna", "correct horse battery", "192.0.2.1", None, t0)
        .await
        .unwrap();
    let second = app
        .sign_in("anna", "correct horse battery", "192.0.2.1", None, t0)
        .await
        .unwrap();
    let me = app
        .session(&first.token, t0)
        .await
        .unwrap()
        .unwrap()
        .caller
        .own_account()
        .unwrap();
    let wrong = app
        .change_password(&me, "not it", "a new long password", t0)
        .await;
    assert!(matches!(wrong, Err(AppError::Field { .. })), "{wrong:?}");
    let short = app
        .change_password(&me, "correct horse battery", "short", t0)
        .await;
    assert!(matches!(short, Err(AppError::Field { .. })), "{short:?}");
    app.change_password(&me, "correct horse battery", "a new long password", t0)
        .await
        .unwrap();
    for s in [&first, &second] {
        assert!(app.session(&s.token, t0).await.unwrap().is_none());
    }
    let old = app
        .sign_in("anna", "correct horse battery", "192.0.2.1", None, t0)
        .await;
    assert!(matches!(old, Err(AppError::Unauthenticated)), "{old:?}");
    assert!(
        app.sign_in("anna", "a new long password", "192.0.2.1", None, t0)
            .await
            .is_ok()
    );
}
