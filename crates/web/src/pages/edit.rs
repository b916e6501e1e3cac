//! Change an agreement: edit its file text and save a new version. After
//! signing a change is an amendment and needs a reason.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use domain::format::Syntax;

use super::records::{ErrorLink, Field, RecordForm};
use super::{Base, Ctx, PageResult, render, render_status};
use crate::AppState;

#[derive(Template)]
#[template(path = "edit.html")]
pub(crate) struct EditPage {
    pub base: Base,
    pub form: RecordForm,
    pub version: i64,
}

/// Line and column of a byte offset, 1-based.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn page(
    ctx: &Ctx,
    id: &str,
    title: &str,
    version: i64,
    values: &HashMap<String, String>,
    errors: Vec<ErrorLink>,
) -> EditPage {
    let mut text = Field::new_pub("text", ctx.t("ui-edit-text"), "textarea")
        .hint_pub(ctx.t("ui-edit-text-hint"));
    text.value = values.get("text").cloned().unwrap_or_default();
    let mut reason = Field::new_pub("reason", ctx.t("ui-edit-reason"), "text")
        .hint_pub(ctx.t("ui-edit-reason-hint"));
    reason.value = values.get("reason").cloned().unwrap_or_default();
    for f in [&mut text, &mut reason] {
        let messages: Vec<&str> = errors
            .iter()
            .filter(|e| e.field == f.id)
            .map(|e| e.message.as_str())
            .collect();
        if !messages.is_empty() {
            f.error = Some(messages.join(" "));
        }
    }
    let heading = ctx.t("ui-edit-title");
    let mut base = ctx.base(heading.clone(), "agreements");
    base.errors = !errors.is_empty();
    EditPage {
        form: RecordForm {
            base: base.clone(),
            id: id.to_owned(),
            agreement_title: title.to_owned(),
            heading,
            intro: ctx.t("ui-edit-intro"),
            action: format!("/avtal/{id}/andra"),
            fields: vec![reason, text],
            errors,
            submit: ctx.t("ui-edit-submit"),
            multipart: false,
        },
        base,
        version,
    }
}

pub(crate) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    let may = state.app.edit_agreement(&ctx.caller, &id).await?;
    let view = state.app.get(may.see()).await?;
    let text = domain::format::to_toml(&view.agreement).map_err(|_| app::AppError::NotFound)?;
    let values = HashMap::from([("text".to_owned(), text)]);
    Ok(render(&page(
        &ctx,
        &id,
        &view.agreement.title,
        view.version,
        &values,
        Vec::new(),
    )))
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::Form(values): axum::Form<HashMap<String, String>>,
) -> PageResult {
    let may = state.app.edit_agreement(&ctx.caller, &id).await?;
    let view = state.app.get(may.see()).await?;
    let text = values.get("text").cloned().unwrap_or_default();
    // Without the version the form was made from, the change is stale (no
    // version 0 exists), like the API's missing If-Match: never overwrite.
    let base_version = values
        .get("base_version")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let reason = values.get("reason").map(String::as_str);
    let actor = ctx.caller.actor(&app::stamp(state.now()));
    let result = state
        .app
        .update(
            &may,
            app::Update {
                text: &text,
                syntax: Syntax::Toml,
                base_version,
                reason,
            },
            &actor,
        )
        .await;
    let errors = match result {
        Ok(_) => return Ok(super::redirect(&format!("/avtal/{id}?sparad=version")).into_response()),
        Err(app::AppError::Invalid { diagnostics, .. }) => diagnostics
            .iter()
            .map(|d| ErrorLink {
                field: "text".into(),
                message: diagnostic_at(&ctx, &text, d),
            })
            .collect(),
        Err(app::AppError::Field { field, message }) if field == "reason" => vec![ErrorLink {
            field: "reason".into(),
            message: format!(
                "{} ({})",
                ctx.t("ui-edit-reason-missing"),
                message.text(ctx.lang)
            ),
        }],
        Err(app::AppError::Field { message, .. }) => vec![ErrorLink {
            field: "text".into(),
            message: format!(
                "{} ({})",
                ctx.t("ui-error-not-accepted"),
                message.text(ctx.lang)
            ),
        }],
        Err(app::AppError::Stale { current, .. }) => vec![ErrorLink {
            field: "text".into(),
            message: ctx.ta("ui-edit-stale", &[("n", &current.to_string())]),
        }],
        Err(e) => return Err(e.into()),
    };
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &page(
            &ctx,
            &id,
            &view.agreement.title,
            base_version,
            &values,
            errors,
        ),
    ))
}

/// A check's message, with the line and column it points at in `text`.
fn diagnostic_at(ctx: &Ctx, text: &str, d: &domain::diagnostic::Diagnostic) -> String {
    let message = locale::message(ctx.lang, d.code, &d.args);
    match &d.span {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            ctx.ta(
                "ui-edit-at",
                &[
                    ("line", &line.to_string()),
                    ("col", &col.to_string()),
                    ("message", &message),
                ],
            )
        }
        None => message,
    }
}
