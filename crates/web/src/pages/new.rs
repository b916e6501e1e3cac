//! Start a new agreement from a file (TOML or JSON), uploaded or pasted.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::format::Syntax;

use super::records::{ErrorLink, Field, RecordForm};
use super::{Base, Ctx, PageResult, render, render_status};
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

pub(crate) async fn form(ctx: Ctx) -> PageResult {
    ctx.caller.create_agreements()?;
    Ok(render(&page(&ctx, "", Vec::new())))
}

/// What the form sent: its text fields and the uploaded file (name, bytes).
type Sent = (HashMap<String, String>, Option<(String, Vec<u8>)>);

async fn read_sent(
    mut multipart: Multipart,
) -> Result<Sent, axum::extract::multipart::MultipartError> {
    let mut values: HashMap<String, String> = HashMap::new();
    let mut upload: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await? {
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
    Ok((values, upload))
}

/// The agreement's text, its syntax and the field it came from; or the
/// message key saying why there is none.
fn chosen_text(
    upload: Option<(String, Vec<u8>)>,
    pasted: &str,
) -> Result<(String, Syntax, &'static str), &'static str> {
    match upload {
        Some((name, bytes)) => {
            let text = String::from_utf8(bytes).map_err(|_| "ui-new-error-utf8")?;
            let syntax = if name.ends_with(".json") {
                Syntax::Json
            } else {
                Syntax::Toml
            };
            Ok((text, syntax, "file"))
        }
        None if pasted.trim().is_empty() => Err("ui-new-error-empty"),
        None => {
            let syntax = if pasted.trim_start().starts_with('{') {
                Syntax::Json
            } else {
                Syntax::Toml
            };
            Ok((pasted.to_owned(), syntax, "text"))
        }
    }
}

/// The form again with one message at the file field.
fn refused(ctx: &Ctx, status: StatusCode, text: &str, key: &str) -> Response {
    render_status(
        status,
        &page(
            ctx,
            text,
            vec![ErrorLink {
                field: "file".into(),
                message: ctx.t(key),
            }],
        ),
    )
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    multipart: Multipart,
) -> PageResult {
    let may = ctx.caller.create_agreements()?;
    let Ok((values, upload)) = read_sent(multipart).await else {
        return Ok(refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "",
            "ui-new-error-read",
        ));
    };
    let pasted = values.get("text").cloned().unwrap_or_default();
    let (text, syntax, field) = match chosen_text(upload, &pasted) {
        Ok(chosen) => chosen,
        // An unreadable file keeps what was pasted; an empty form is empty.
        Err(key @ "ui-new-error-utf8") => {
            return Ok(refused(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &pasted,
                key,
            ));
        }
        Err(key) => return Ok(refused(&ctx, StatusCode::UNPROCESSABLE_ENTITY, "", key)),
    };
    let actor = ctx.caller.actor(&app::stamp(state.now()));
    let errors = match state
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
            return Ok(
                super::redirect(&format!("/avtal/{}?sparad=version", view.agreement.id))
                    .into_response(),
            );
        }
        Err(app::AppError::Invalid { diagnostics, .. }) => diagnostics
            .iter()
            .map(|d| ErrorLink {
                field: field.into(),
                message: locale::message(ctx.lang, d.code, &d.args),
            })
            .collect(),
        Err(other) => return Err(other.into()),
    };
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &page(&ctx, &pasted, errors),
    ))
}
