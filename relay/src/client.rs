//! Who is asking, as far as the join rate limit needs to know: the client's address from the
//! connection, or – behind a reverse proxy, where every connection comes from the proxy – the
//! address the proxy put last into `X-Forwarded-For`.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::SocketAddr;

/// Whether requests come through a reverse proxy that sets `X-Forwarded-For`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Proxy {
    #[default]
    None,
    /// Trust the last address of `X-Forwarded-For` (the one the proxy added).
    ForwardedFor,
}

/// The client's address as text ("unknown" when neither the connection nor a proxy says).
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let proxy = parts.extensions.get::<Proxy>().copied().unwrap_or_default();
        if proxy == Proxy::ForwardedFor {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .map(str::trim)
                .rfind(|part| !part.is_empty());
            if let Some(address) = forwarded {
                return Ok(ClientAddress(address.to_owned()));
            }
        }
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(ClientAddress(address))
    }
}
