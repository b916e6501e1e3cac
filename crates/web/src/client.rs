//! Which client address a request comes from, for sign-in throttling: the
//! peer of the connection; or, when that peer is a proxy the operator named
//! (`--trusted-proxy`), the address the proxy appended last to
//! `X-Forwarded-For`. A client can write anything into that header, so it
//! is never believed from any other peer. IPv6 clients are counted by
//! their /64 network, which one subscriber usually holds whole.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;

/// The client's address as the throttle counts it.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .next_back();
        Ok(ClientAddress(client_address(
            peer,
            forwarded,
            &state.trusted_proxies,
        )))
    }
}

/// The address to count: see the module's description. Without a peer
/// (a router driven in a test) every request is one client, `unknown`.
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[IpAddr],
) -> String {
    let Some(peer) = peer.map(canonical) else {
        return "unknown".to_owned();
    };
    let from_proxy = trusted.iter().any(|t| canonical(*t) == peer);
    let forwarded = forwarded_for
        .filter(|_| from_proxy)
        .and_then(|list| list.rsplit(',').next())
        .and_then(|last| last.trim().parse::<IpAddr>().ok())
        .map(canonical);
    network(forwarded.unwrap_or(peer))
}

/// An IPv4 address written as IPv6 (`::ffff:a.b.c.d`) as the IPv4 one.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn network(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", Ipv6Addr::from(bits))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse()
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxy = [ip("10.0.0.1")];
        let xff = Some("203.0.113.9, 198.51.100.7");
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), xff, &proxy),
            "198.51.100.7"
        );
        assert_eq!(
            client_address(Some(ip("10.0.0.2")), xff, &proxy),
            "10.0.0.2"
        );
        assert_eq!(client_address(Some(ip("10.0.0.1")), xff, &[]), "10.0.0.1");
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), Some("garbage"), &proxy),
            "10.0.0.1"
        );
        assert_eq!(client_address(None, xff, &proxy), "unknown");
    }

    #[test]
    fn ipv6_clients_are_counted_by_network() {
        assert_eq!(
            client_address(Some(ip("2001:db8:1:2:3:4:5:6")), None, &[]),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            client_address(Some(ip("::ffff:192.0.2.4")), None, &[]),
            "192.0.2.4"
        );
    }
}
