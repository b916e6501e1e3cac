//! `iop user …`: the operator's commands, run by
//! whoever holds the database. They act as the operator ("system" in the
//! audit log), which may do anything.

use app::{App, Caller, Role, Scope};

use locale::Lang;

use super::{Failure, emit, open_app, t};
use crate::cli::{DbArgs, RoleArg, ScopeArg, SetEmailArgs, UserCommand};

/// The operator: the one place outside the access module that makes a
/// caller with every right (clippy.toml bans it elsewhere).
#[allow(clippy::disallowed_methods)]
pub(super) fn operator() -> Caller {
    Caller::operator("system")
}

pub(super) fn with_app<T>(
    db: &DbArgs,
    work: impl AsyncFnOnce(&App) -> Result<T, Failure>,
) -> Result<T, Failure> {
    open_app(db, "iop-cli-files", work)
}

pub(super) fn failed(e: app::AppError) -> Failure {
    let code = match e {
        app::AppError::Store(_) | app::AppError::Internal(_) => 2,
        _ => 1,
    };
    Failure::new(code, e.to_string())
}

/// A password from standard input's first line, or a new random one
/// (printed, since nobody else knows it).
fn password(from_stdin: bool) -> Result<(String, bool), Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| Failure::new(2, format!("stdin: {e}")))?;
        let line = line.trim_end_matches(['\n', '\r']).to_owned();
        return Ok((line, false));
    }
    // 20 characters from a 32-letter alphabet: 100 bits.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789-";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| Failure::new(2, format!("randomness: {e}")))?;
    let generated = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    Ok((generated, true))
}

fn role(r: RoleArg) -> Role {
    match r {
        RoleArg::Official => Role::Official,
        RoleArg::Partner => Role::Partner,
        RoleArg::Reader => Role::Reader,
    }
}

/// "official", "partner", "reader" in the user's language.
fn role_word(lang: Lang, role: Role) -> String {
    t(lang, &format!("role-{}", role.as_str()), &[])
}

/// A generated password is shown once, since nobody else knows it.
fn say_password(lang: Lang, password: &str, generated: bool) -> Result<(), Failure> {
    if generated {
        emit(&format!(
            "{}\n",
            t(lang, "user-password-once", &[("password", password)])
        ))?;
    }
    Ok(())
}

/// A line of `iop user list`: name, display name, organisations and roles.
fn user_line(u: &app::UserView, lang: Lang) -> String {
    let roles: Vec<String> = u
        .memberships
        .iter()
        .map(|m| format!("{}: {}", m.org_id, role_word(lang, m.role)))
        .collect();
    let admin = if u.admin {
        format!(" ({})", t(lang, "user-admin-mark", &[]))
    } else {
        String::new()
    };
    // The address reminders go to, last; "-" when there is none.
    format!(
        "{}\t{}{admin}\t{}\t{}\n",
        u.username,
        u.display_name,
        roles.join(", "),
        u.email.as_deref().unwrap_or("-")
    )
}

pub fn run(command: &UserCommand, lang: Lang, now: jiff::Timestamp) -> Result<(), Failure> {
    let op = operator();
    let admin = op.administer().map_err(failed)?;
    match command {
        UserCommand::Add(args) => {
            let (password, generated) = password(args.password_stdin)?;
            with_app(&args.db, async |app| {
                let user = app
                    .add_user(
                        &admin,
                        &op,
                        app::NewUser {
                            username: &args.username,
                            display_name: &args.name,
                            password: &password,
                            admin: args.admin,
                            email: args.email.as_deref(),
                        },
                        now,
                    )
                    .await
                    .map_err(failed)?;
                let key = if user.admin {
                    "user-added-admin"
                } else {
                    "user-added"
                };
                emit(&format!("{}\n", t(lang, key, &[("user", &user.username)])))?;
                say_password(lang, &password, generated)
            })
        }
        UserCommand::Grant(args) => with_app(&args.db, async |app| {
            if let Some(name) = &args.org_name {
                match app.add_org(&admin, &op, &args.org, name, now).await {
                    Ok(_) | Err(app::AppError::Exists) => {}
                    Err(e) => return Err(failed(e)),
                }
            }
            app.grant(&admin, &op, &args.username, &args.org, role(args.role), now)
                .await
                .map_err(failed)?;
            let role = role_word(lang, role(args.role));
            let words: [(&str, &str); 3] = [
                ("user", &args.username),
                ("role", &role),
                ("org", &args.org),
            ];
            emit(&format!("{}\n", t(lang, "user-granted", &words)))
        }),
        UserCommand::Revoke(args) => with_app(&args.db, async |app| {
            app.revoke(&admin, &op, &args.username, &args.org, now)
                .await
                .map_err(failed)?;
            emit(&format!(
                "{}\n",
                t(
                    lang,
                    "user-revoked",
                    &[("user", &args.username), ("org", &args.org)]
                )
            ))
        }),
        UserCommand::ResetPassword(args) => {
            let (password, generated) = password(args.password_stdin)?;
            with_app(&args.db, async |app| {
                app.reset_password(&admin, &op, &args.username, &password, now)
                    .await
                    .map_err(failed)?;
                emit(&format!(
                    "{}\n",
                    t(lang, "user-password-reset", &[("user", &args.username)])
                ))?;
                say_password(lang, &password, generated)
            })
        }
        UserCommand::Token(args) => with_app(&args.db, async |app| {
            let scope = match args.scope {
                ScopeArg::Read => Scope::Read,
                ScopeArg::Write => Scope::Write,
            };
            let (_, secret) = app
                .create_token_for(&admin, &args.username, &args.name, scope, args.days, now)
                .await
                .map_err(failed)?;
            emit(&format!("{secret}\n"))
        }),
        UserCommand::SetEmail(args) => set_email(args, lang, now),
        UserCommand::List(db) => with_app(db, async |app| {
            let users = app.users(&admin).await.map_err(failed)?;
            let out: String = users.iter().map(|u| user_line(u, lang)).collect();
            emit(&out)
        }),
    }
}

/// `iop user set-email NAME ADDR` / `--clear`.
fn set_email(args: &SetEmailArgs, lang: Lang, now: jiff::Timestamp) -> Result<(), Failure> {
    let op = operator();
    let admin = op.administer().map_err(failed)?;
    with_app(&args.db, async |app| {
        let email = if args.clear {
            None
        } else {
            args.email.as_deref()
        };
        app.set_email(&admin, &op, &args.username, email, now)
            .await
            .map_err(failed)?;
        let line = match email {
            Some(e) => t(
                lang,
                "user-email-set",
                &[("user", &args.username), ("email", e.trim())],
            ),
            None => t(lang, "user-email-cleared", &[("user", &args.username)]),
        };
        emit(&format!("{line}\n"))
    })
}
