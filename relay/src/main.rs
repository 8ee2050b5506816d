//! `lotse-relay`: run the relay, or set up an organisation on it.
//!
//!   lotse-relay serve [--listen 127.0.0.1:5984] [--data lotse-relay.sqlite] [--app dist]
//!                     [--behind-proxy] [--quota-mb 1024]
//!   lotse-relay create-org <name> [--data lotse-relay.sqlite]

use lotse_relay::store::{Store, DEFAULT_QUOTA_BYTES};
use lotse_relay::{ConnectionLimits, Proxy};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage:
  lotse-relay serve [--listen 127.0.0.1:5984] [--data lotse-relay.sqlite] [--app dist]
                    [--behind-proxy] [--quota-mb 1024]
  lotse-relay create-org <name> [--data lotse-relay.sqlite]

  --behind-proxy  take the client's address from X-Forwarded-For (set by your reverse proxy)
  --quota-mb      how many MB of sealed changes one organisation may keep";

struct Options {
    listen: String,
    data: PathBuf,
    app: Option<PathBuf>,
    proxy: Proxy,
    quota_bytes: i64,
    rest: Vec<String>,
}

fn options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        listen: "127.0.0.1:5984".into(),
        data: PathBuf::from("lotse-relay.sqlite"),
        app: None,
        proxy: Proxy::None,
        quota_bytes: DEFAULT_QUOTA_BYTES,
        rest: Vec::new(),
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--listen" => options.listen = value("--listen")?,
            "--data" => options.data = PathBuf::from(value("--data")?),
            "--app" => options.app = Some(PathBuf::from(value("--app")?)),
            "--behind-proxy" => options.proxy = Proxy::ForwardedFor,
            "--quota-mb" => {
                let megabytes: i64 = value("--quota-mb")?
                    .parse()
                    .map_err(|_| "--quota-mb needs a whole number".to_owned())?;
                options.quota_bytes = megabytes.saturating_mul(1024 * 1024);
            }
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
    // Asking for help opens (and so creates) no data file.
    if !matches!(command.as_str(), "serve" | "create-org") {
        let asked = matches!(command.as_str(), "--help" | "-h" | "help");
        eprintln!("{USAGE}");
        return if asked {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        };
    }
    let options = match options(args) {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let store = match Store::open(&options.data) {
        Ok(store) => Arc::new(store.with_quota(options.quota_bytes)),
        Err(err) => {
            eprintln!("cannot open {}: {err}", options.data.display());
            return ExitCode::FAILURE;
        }
    };
    match command.as_str() {
        "create-org" => create_org(&store, &options.rest),
        _ => serve(store, &options),
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
    let app = lotse_relay::app(store, options.app.as_deref(), options.proxy);
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address).await?;
        // One write for the whole line: scripts wait for it, and eprintln! with arguments
        // writes every piece of the address separately.
        let ready = format!(
            "lotse-relay listening on http://{}\n",
            listener.local_addr()?
        );
        eprint!("{ready}");
        lotse_relay::serve(listener, app, ConnectionLimits::default(), async {
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
