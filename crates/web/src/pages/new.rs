//! Start a new agreement from a file (TOML or JSON), uploaded or pasted.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::format::Syntax;

use super::records::{ErrorLink, Field, RecordForm};
use super::{Base, Ctx, render, render_status};
use crate::AppState;

#[derive(Template)]
#[template(path = "new.html")]
pub(crate) struct NewPage {
    pub base: Base,
    pub form: RecordForm,
}

fn page(ctx: &Ctx, text: &str, errors: Vec<ErrorLink>) -> NewPage {
    let mut file =
        Field::new_pub("file", ctx.t("ui-new-file"), "file").hint_pub(ctx.t("ui-new-file-hint"));
    let mut pasted = Field::new_pub("text", ctx.t("ui-new-text"), "textarea")
        .hint_pub(ctx.t("ui-new-text-hint"));
    pasted.value = text.to_owned();
    for f in [&mut file, &mut pasted] {
        f.error = errors
            .iter()
            .find(|e| e.field == f.id)
            .map(|e| e.message.clone());
    }
    let heading = ctx.t("ui-new-title");
    let mut base = ctx.base(heading.clone(), "new");
    base.errors = !errors.is_empty();
    NewPage {
        form: RecordForm {
            base: base.clone(),
            id: String::new(),
            agreement_title: String::new(),
            heading,
            intro: ctx.t("ui-new-intro"),
            action: "/avtal/ny".into(),
            fields: vec![file, pasted],
            errors,
            submit: ctx.t("ui-new-submit"),
            multipart: true,
        },
        base,
    }
}

pub(crate) async fn form(ctx: Ctx) -> Response {
    if let Err(e) = ctx.caller.create_agreements() {
        return super::problem(&ctx, &e);
    }
    render(&page(&ctx, "", Vec::new()))
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> Response {
    let may = match ctx.caller.create_agreements() {
        Ok(may) => may,
        Err(e) => return super::problem(&ctx, &e),
    };
    let mut values: HashMap<String, String> = HashMap::new();
    let mut upload: Option<(String, Vec<u8>)> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if let Some(file_name) = field.file_name().map(str::to_owned) {
                    if let Ok(bytes) = field.bytes().await
                        && !bytes.is_empty()
                    {
                        upload = Some((file_name, bytes.to_vec()));
                    }
                } else if let Ok(text) = field.text().await {
                    values.insert(name, text);
                }
            }
            Ok(None) => break,
            Err(_) => {
                return render_status(
                    StatusCode::BAD_REQUEST,
                    &page(
                        &ctx,
                        "",
                        vec![ErrorLink {
                            field: "file".into(),
                            message: ctx.t("ui-new-error-read"),
                        }],
                    ),
                );
            }
        }
    }
    let pasted = values.get("text").cloned().unwrap_or_default();
    let (text, syntax, field) = match upload {
        Some((name, bytes)) => match String::from_utf8(bytes) {
            Ok(t) => {
                let syntax = if name.ends_with(".json") {
                    Syntax::Json
                } else {
                    Syntax::Toml
                };
                (t, syntax, "file")
            }
            Err(_) => {
                return render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &page(
                        &ctx,
                        &pasted,
                        vec![ErrorLink {
                            field: "file".into(),
                            message: ctx.t("ui-new-error-utf8"),
                        }],
                    ),
                );
            }
        },
        None if pasted.trim().is_empty() => {
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(
                    &ctx,
                    "",
                    vec![ErrorLink {
                        field: "file".into(),
                        message: ctx.t("ui-new-error-empty"),
                    }],
                ),
            );
        }
        None => {
            let syntax = if pasted.trim_start().starts_with('{') {
                Syntax::Json
            } else {
                Syntax::Toml
            };
            (pasted.clone(), syntax, "text")
        }
    };
    let actor = ctx.caller.actor(&app::stamp(state.now()));
    match state
        .app
        .create(
            &may,
            app::NewAgreement {
                text: &text,
                syntax,
            },
            &actor,
        )
        .await
    {
        Ok(view) => {
            Redirect::to(&format!("/avtal/{}?sparad=version", view.agreement.id)).into_response()
        }
        Err(e) => {
            let errors = match e {
                app::AppError::Invalid { diagnostics, .. } => diagnostics
                    .iter()
                    .map(|d| ErrorLink {
                        field: field.into(),
                        message: locale::message(ctx.lang, d.code, &d.args),
                    })
                    .collect(),
                app::AppError::Exists => vec![ErrorLink {
                    field: field.into(),
                    message: ctx.t("ui-new-error-exists"),
                }],
                other => return super::problem(&ctx, &other),
            };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&ctx, &pasted, errors),
            )
        }
    }
}
