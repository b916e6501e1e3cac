//! `iop user …` and `iop audit verify`: the operator's commands, run by
//! whoever holds the database. They act as the operator ("system" in the
//! audit log), which may do anything.

use app::{App, Caller, Role, Scope};
use store::{DatabaseUrl, Store};

use super::{Failure, emit};
use crate::cli::{AuditCommand, DbArgs, RoleArg, ScopeArg, UserCommand};

/// The operator: the one place outside the access module that makes a
/// caller with every right (clippy.toml bans it elsewhere).
#[allow(clippy::disallowed_methods)]
fn operator() -> Caller {
    Caller::operator("system")
}

fn with_app<T>(
    db: &DbArgs,
    work: impl AsyncFnOnce(&App) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let url = DatabaseUrl::parse(&db.db).map_err(|e| Failure::new(2, e.to_string()))?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| Failure::new(2, format!("runtime: {e}")))?;
    runtime.block_on(async {
        let store = Store::open(&url)
            .await
            .map_err(|e| Failure::new(2, format!("database: {e}")))?;
        let blobs = store::Blobs::open(std::env::temp_dir().join("iop-cli-files"))
            .map_err(|e| Failure::new(2, e.to_string()))?;
        let app = App::new(store.clone(), blobs);
        let result = work(&app).await;
        store.close().await;
        result
    })
}

fn failed(e: app::AppError) -> Failure {
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

pub fn run(command: &UserCommand, now: jiff::Timestamp) -> Result<(), Failure> {
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
                        },
                        now,
                    )
                    .await
                    .map_err(failed)?;
                let kind = if user.admin { " (administratör)" } else { "" };
                emit(&format!("Användaren {}{kind} är skapad.\n", user.username))?;
                if generated {
                    emit(&format!("Lösenord (visas bara nu): {password}\n"))?;
                }
                Ok(())
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
            emit(&format!(
                "{} är nu {} i {}.\n",
                args.username,
                role(args.role).as_str(),
                args.org
            ))
        }),
        UserCommand::Revoke(args) => with_app(&args.db, async |app| {
            app.revoke(&admin, &op, &args.username, &args.org, now)
                .await
                .map_err(failed)?;
            emit(&format!(
                "{} har inte längre någon roll i {}.\n",
                args.username, args.org
            ))
        }),
        UserCommand::ResetPassword(args) => {
            let (password, generated) = password(args.password_stdin)?;
            with_app(&args.db, async |app| {
                app.reset_password(&admin, &op, &args.username, &password, now)
                    .await
                    .map_err(failed)?;
                emit(&format!("Nytt lösenord satt för {}.\n", args.username))?;
                if generated {
                    emit(&format!("Lösenord (visas bara nu): {password}\n"))?;
                }
                Ok(())
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
        UserCommand::List(db) => with_app(db, async |app| {
            let mut out = String::new();
            for u in app.users(&admin).await.map_err(failed)? {
                let roles: Vec<String> = u
                    .memberships
                    .iter()
                    .map(|m| format!("{} i {}", m.role.as_str(), m.org_id))
                    .collect();
                out.push_str(&format!(
                    "{}\t{}{}\t{}\n",
                    u.username,
                    u.display_name,
                    if u.admin { " (administratör)" } else { "" },
                    roles.join(", ")
                ));
            }
            emit(&out)
        }),
    }
}

pub fn audit(command: &AuditCommand) -> Result<(), Failure> {
    let AuditCommand::Verify(db) = command;
    let op = operator();
    let admin = op.administer().map_err(failed)?;
    with_app(db, async |app| {
        let report = app
            .verify_audit(&admin, |n| eprintln!("{n} händelser kontrollerade …"))
            .await
            .map_err(failed)?;
        match report.broken {
            None => emit(&format!(
                "Granskningsloggen är obruten: {} händelser, senaste hash {}.\n",
                report.events, report.head_hash
            )),
            Some(b) => {
                let what = match b {
                    store::ChainBreak::Altered { seq } => {
                        format!("händelse {seq} är ändrad (dess hash stämmer inte)")
                    }
                    store::ChainBreak::Relinked { seq } => {
                        format!("händelse {seq} pekar inte på händelsen före den")
                    }
                    store::ChainBreak::Missing { expected, found } => {
                        format!("händelse {expected} saknas (nästa är {found})")
                    }
                    store::ChainBreak::Truncated { head_seq, last_seq } => format!(
                        "loggen slutar vid händelse {last_seq} men ska ha {head_seq} händelser"
                    ),
                };
                Err(Failure::new(
                    1,
                    format!("Granskningsloggen är bruten: {what}."),
                ))
            }
        }
    })
}
