//! `iop serve`: the application over HTTP, on SQLite or PostgreSQL.

use std::net::SocketAddr;
use std::sync::Arc;

use app::{Actor, App, NewAgreement, RecordInput};
use domain::format::Syntax;
use store::{DatabaseUrl, Store};

use super::Failure;
use crate::cli::{LogFormat, ServeArgs};

pub fn run(args: &ServeArgs, now: fn() -> jiff::Timestamp) -> Result<(), Failure> {
    init_logs(args.log_format);
    let url = DatabaseUrl::parse(&args.db).map_err(|e| Failure::new(2, e.to_string()))?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| Failure::new(2, format!("runtime: {e}")))?;
    runtime.block_on(serve(args, url, now))
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("IOP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

async fn serve(
    args: &ServeArgs,
    url: DatabaseUrl,
    now: fn() -> jiff::Timestamp,
) -> Result<(), Failure> {
    let store = Store::open(&url)
        .await
        .map_err(|e| Failure::new(2, format!("database: {e}")))?;
    let blobs = store::Blobs::open(&args.files)
        .map_err(|e| Failure::new(2, format!("files directory {}: {e}", args.files.display())))?;
    let app = App::new(store.clone(), blobs);
    let clock: Arc<dyn Fn() -> jiff::Timestamp + Send + Sync> = match args.today {
        // A fixed day, for demonstrations and tests: noon that day in Sweden.
        Some(day) => {
            let fixed = day
                .get()
                .at(12, 0, 0, 0)
                .in_tz("Europe/Stockholm")
                .map(|z| z.timestamp())
                .unwrap_or_else(|_| now());
            Arc::new(move || fixed)
        }
        None => Arc::new(now),
    };
    if args.demo {
        let at = clock().to_string();
        load_demo(
            &app,
            &Actor {
                name: "demo".into(),
                at,
            },
        )
        .await?;
    }
    let shutdown = shutdown_signal()?;
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| Failure::new(2, format!("cannot listen on {}: {e}", args.listen)))?;
    let address: SocketAddr = listener
        .local_addr()
        .map_err(|e| Failure::new(2, e.to_string()))?;
    // The first line on standard output says where to go; tests read it.
    println!("iop lyssnar på http://{address}/ (listening)");
    tracing::info!(%address, database = ?url.backend(), "serving");
    let router = web::router(web::AppState { app, clock });
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Failure::new(2, format!("server: {e}")))?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C (SIGINT) or SIGTERM: stop taking requests, finish those under
/// way. The handlers are installed at once, before the address is printed,
/// so a signal that comes right after start is not fatal.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, Failure> {
    use tokio::signal::unix::{SignalKind, signal};
    let listen = |kind| signal(kind).map_err(|e| Failure::new(2, format!("signal handler: {e}")));
    let (mut interrupt, mut terminate) = (
        listen(SignalKind::interrupt())?,
        listen(SignalKind::terminate())?,
    );
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down");
    })
}

/// Follow-up examples for the demo: what has happened under the seed agreements.
const DEMO_RECORDS: &[(&str, &str)] = &[(
    "gotland-rkg-2025",
    r#"{"kind":"decision","date":"2024-05-06","body":"Regionstyrelsens arbetsutskott","case_number":"RS 2024/947","paragraph":"RS AU § 114","outcome":"referred-back"}"#,
)];

/// The seed agreements and their follow-up examples, once.
async fn load_demo(app: &App, actor: &Actor) -> Result<(), Failure> {
    for (name, text) in domain::generate::SEED_FILES {
        match app
            .create(
                NewAgreement {
                    text,
                    syntax: Syntax::Toml,
                },
                actor,
            )
            .await
        {
            Ok(_) => tracing::info!(file = name, "demo agreement loaded"),
            Err(app::AppError::Exists) => {}
            Err(e) => return Err(Failure::new(2, format!("demo data {name}: {e}"))),
        }
    }
    for (id, json) in DEMO_RECORDS {
        let input: RecordInput =
            serde_json::from_str(json).map_err(|e| Failure::new(2, format!("demo record: {e}")))?;
        let already = app
            .records(id)
            .await
            .map(|r| !r.is_empty())
            .unwrap_or(false);
        if !already {
            app.add_record(id, input, actor)
                .await
                .map_err(|e| Failure::new(2, format!("demo record {id}: {e}")))?;
        }
    }
    Ok(())
}
