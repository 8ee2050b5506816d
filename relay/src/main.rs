//! `lotse-relay`: run the relay, or set up an organisation on it.
//!
//!   lotse-relay serve [--listen 127.0.0.1:5984] [--data lotse-relay.sqlite] [--app dist]
//!   lotse-relay create-org <name> [--data lotse-relay.sqlite]

use lotse_relay::store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage:
  lotse-relay serve [--listen 127.0.0.1:5984] [--data lotse-relay.sqlite] [--app dist]
  lotse-relay create-org <name> [--data lotse-relay.sqlite]";

struct Options {
    listen: String,
    data: PathBuf,
    app: Option<PathBuf>,
    rest: Vec<String>,
}

fn options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        listen: "127.0.0.1:5984".into(),
        data: PathBuf::from("lotse-relay.sqlite"),
        app: None,
        rest: Vec::new(),
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--listen" => options.listen = value("--listen")?,
            "--data" => options.data = PathBuf::from(value("--data")?),
            "--app" => options.app = Some(PathBuf::from(value("--app")?)),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => options.rest.push(arg),
        }
    }
    Ok(options)
}

/// CouchDB's rule for database names, so the same name works on a CouchDB server.
fn valid_database_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let options = match options(args) {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let store = match Store::open(&options.data) {
        Ok(store) => Arc::new(store),
        Err(err) => {
            eprintln!("cannot open {}: {err}", options.data.display());
            return ExitCode::FAILURE;
        }
    };
    match command.as_str() {
        "create-org" => create_org(&store, &options.rest),
        "serve" => serve(store, &options),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn create_org(store: &Store, rest: &[String]) -> ExitCode {
    let Some(name) = rest.first() else {
        eprintln!("create-org needs the organisation's database name\n{USAGE}");
        return ExitCode::from(2);
    };
    if !valid_database_name(name) {
        eprintln!("\"{name}\": use lowercase letters, digits and _$()+-/, starting with a letter");
        return ExitCode::from(2);
    }
    let created = store
        .create_database(name)
        .and_then(|()| store.add_device(name, "first device"));
    match created {
        Ok(token) => {
            println!("organisation database: {name}\nfirst device token (shown once): {token}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot create {name}: {err}");
            ExitCode::FAILURE
        }
    }
}

fn serve(store: Arc<Store>, options: &Options) -> ExitCode {
    let address: SocketAddr = match options.listen.parse() {
        Ok(address) => address,
        Err(_) => {
            eprintln!(
                "--listen: \"{}\" is not an address like 127.0.0.1:5984",
                options.listen
            );
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    let app = lotse_relay::app(store, options.app.as_deref());
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address).await?;
        // One write for the whole line: scripts wait for it, and eprintln! with arguments
        // writes every piece of the address separately.
        let ready = format!(
            "lotse-relay listening on http://{}\n",
            listener.local_addr()?
        );
        eprint!("{ready}");
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lotse-relay stopped: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_follow_couchdb() {
        assert!(valid_database_name("bruecke_ev"));
        assert!(!valid_database_name("Brücke"));
        assert!(!valid_database_name("_users"));
        assert!(!valid_database_name(""));
    }
}
