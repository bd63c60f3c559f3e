//! TLS for PostgreSQL, as libpq means it: the `sslmode` and `sslrootcert` parameters of a
//! connection string read (and taken out of it, since the client crate knows neither
//! `verify-ca`, `verify-full` nor `sslrootcert`), a rustls connector made for them, and a
//! refused handshake said in words. Connecting is [`super::postgres`]'s; nothing here opens a
//! socket.
//!
//! | `sslmode` | encrypted | certificate checked |
//! |---|---|---|
//! | `disable` | never | — |
//! | `prefer` (the default, as libpq's) | when the server offers it, else plain (also after a failed handshake) | no |
//! | `require` | always (refused when the server does not offer it) | no (with `sslrootcert=`, as `verify-ca`, as libpq does) |
//! | `verify-ca` | always | signed by a trusted CA |
//! | `verify-full` | always | signed by a trusted CA, and for the host connected to |
//!
//! The trusted CAs are this machine's own (`rustls-native-certs`: the system's store, or the
//! files `SSL_CERT_FILE` / `SSL_CERT_DIR` name); `sslrootcert=FILE` trusts the CAs of that PEM
//! file instead (a private CA), and `sslrootcert=system` the machine's, as libpq.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rustls::DigitallySignedStruct;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How much TLS a connection asks for: libpq's `sslmode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    /// Plain text only.
    Disable,
    /// TLS when the server offers it, plain text when not; the certificate is not checked.
    Prefer,
    /// TLS or no connection; the certificate is not checked.
    Require,
    /// TLS, with a certificate signed by a trusted CA.
    VerifyCa,
    /// TLS, with a certificate signed by a trusted CA and made out for the host connected to.
    VerifyFull,
}

impl SslMode {
    /// The mode as written in a connection string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Disable => "disable",
            Self::Prefer => "prefer",
            Self::Require => "require",
            Self::VerifyCa => "verify-ca",
            Self::VerifyFull => "verify-full",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        Ok(match text {
            "disable" => Self::Disable,
            "prefer" => Self::Prefer,
            "require" => Self::Require,
            "verify-ca" => Self::VerifyCa,
            "verify-full" => Self::VerifyFull,
            other => {
                return Err(format!(
                    "sslmode={other} is not a mode Swimline knows: write disable, prefer, \
                     require, verify-ca or verify-full"
                ));
            }
        })
    }
}

/// The TLS a connection string asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsSettings {
    /// `sslmode`, `prefer` when the string says nothing (libpq's default); `require` with an
    /// `sslrootcert` is taken as `verify-ca`, as libpq does.
    pub mode: SslMode,
    /// `sslrootcert`: the PEM file of the CAs to trust instead of the machine's; `None` for the
    /// machine's own (also when written `sslrootcert=system`).
    pub root_cert: Option<PathBuf>,
}

/// Reads `sslmode` and `sslrootcert` from the query of the connection string `url`; returns
/// the string without them (for the client crate, which refuses both) and what they ask.
pub fn settings_of(url: &str) -> Result<(String, TlsSettings), String> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut mode = None;
    let mut root_cert = None;
    let mut others = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => mode = Some(SslMode::parse(&super::spec::percent_decoded(value))?),
            "sslrootcert" => {
                let value = super::spec::percent_decoded(value);
                root_cert = (value != "system").then(|| PathBuf::from(value));
            }
            _ => others.push(pair),
        }
    }
    let mode = match (mode.unwrap_or(SslMode::Prefer), &root_cert) {
        (SslMode::Require, Some(_)) => SslMode::VerifyCa,
        (mode, _) => mode,
    };
    let rest = if others.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", others.join("&"))
    };
    Ok((rest, TlsSettings { mode, root_cert }))
}

/// A connector made for some [`TlsSettings`], and what its certificate check refused.
pub struct Tls {
    /// The connector the client crate takes (for the connection and its cancel requests).
    pub connector: MakeRustlsConnect,
    /// Why the server's certificate was refused, when it was.
    refused: Arc<Mutex<Option<rustls::Error>>>,
}

impl TlsSettings {
    /// The client crate's mode: it knows only whether TLS is off, tried or required (the checks
    /// of `verify-ca` and `verify-full` are the connector's).
    pub fn client_mode(&self) -> postgres::config::SslMode {
        match self.mode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                postgres::config::SslMode::Require
            }
        }
    }

    /// The connector: rustls with ring's cryptography, checking the certificate as the mode
    /// asks, against the CAs of `sslrootcert` or the machine's.
    pub fn connector(&self) -> Result<Tls, String> {
        let provider = Arc::new(ring_provider());
        let checked = match self.mode {
            SslMode::VerifyCa | SslMode::VerifyFull => Some(
                WebPkiServerVerifier::builder_with_provider(
                    Arc::new(self.trusted_roots()?),
                    provider.clone(),
                )
                .build()
                .map_err(|e| format!("cannot check the server's certificate: {e}"))?,
            ),
            SslMode::Disable | SslMode::Prefer | SslMode::Require => None,
        };
        let refused = Arc::new(Mutex::new(None));
        let verifier = Verifier {
            checked,
            names_checked: self.mode == SslMode::VerifyFull,
            provider: provider.clone(),
            refused: refused.clone(),
        };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("cannot set TLS up: {e}"))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(Tls {
            connector: MakeRustlsConnect::new(config),
            refused,
        })
    }

    /// The CAs to trust: those of `sslrootcert`, or the machine's.
    fn trusted_roots(&self) -> Result<rustls::RootCertStore, String> {
        let mut roots = rustls::RootCertStore::empty();
        match &self.root_cert {
            Some(file) => {
                let shown = file.display();
                let bytes = std::fs::read(file)
                    .map_err(|e| format!("cannot read sslrootcert={shown}: {e}"))?;
                let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("sslrootcert={shown} is not a PEM file: {e}"))?;
                let (added, _) = roots.add_parsable_certificates(certs);
                if added == 0 {
                    return Err(format!(
                        "sslrootcert={shown} holds no CA certificate (expected PEM blocks \
                         \"BEGIN CERTIFICATE\")"
                    ));
                }
            }
            None => {
                let found = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(found.certs);
                if roots.is_empty() {
                    return Err(format!(
                        "sslmode={} checks the server's certificate, but this machine has no \
                         trusted CA certificates (install Debian's ca-certificates, or name \
                         the server's CA with sslrootcert=FILE)",
                        self.mode.as_str()
                    ));
                }
            }
        }
        Ok(roots)
    }
}

impl Tls {
    /// A refused connection said in words, when TLS is why: the server does not offer it, or
    /// its certificate was refused. `place` is `host:port`; `host` what was connected to.
    pub fn words(
        &self,
        error: &postgres::Error,
        settings: &TlsSettings,
        place: &str,
        host: &str,
    ) -> Option<String> {
        let refused = self.refused.lock().ok().and_then(|mut r| r.take());
        if let Some(refused) = refused {
            return Some(certificate_words(&refused, settings, place, host));
        }
        let cause = std::error::Error::source(error).map(ToString::to_string);
        (cause.as_deref() == Some("server does not support TLS")).then(|| {
            format!(
                "the server at {place} does not offer TLS and sslmode={} asks for it (the \
                 server needs ssl=on and a certificate; or connect with sslmode=prefer)",
                settings.mode.as_str()
            )
        })
    }
}

/// Why a certificate was refused, in words.
fn certificate_words(
    refused: &rustls::Error,
    settings: &TlsSettings,
    place: &str,
    host: &str,
) -> String {
    use rustls::CertificateError as C;
    let trusted = match &settings.root_cert {
        Some(file) => format!("the CAs of sslrootcert={}", file.display()),
        None => "a CA this machine trusts (sslrootcert= names a private one)".to_owned(),
    };
    let rustls::Error::InvalidCertificate(why) = refused else {
        return format!(
            "the server at {place} sent a certificate that cannot be checked: {refused}"
        );
    };
    match why {
        C::UnknownIssuer | C::BadSignature => {
            format!("the server's certificate at {place} is not signed by {trusted}")
        }
        C::NotValidForNameContext { presented, .. } => format!(
            "the server's certificate at {place} is for {}, not {host} (sslmode=verify-full \
             checks the name: connect by a name the certificate carries, or use \
             sslmode=verify-ca)",
            if presented.is_empty() {
                "no host name".to_owned()
            } else {
                presented
                    .iter()
                    .map(|name| plain_name(name))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
        C::NotValidForName => format!(
            "the server's certificate at {place} is not for {host} (sslmode=verify-full checks \
             the name: connect by a name the certificate carries, or use sslmode=verify-ca)"
        ),
        C::Expired | C::ExpiredContext { .. } => {
            format!("the server's certificate at {place} has expired")
        }
        C::NotValidYet | C::NotValidYetContext { .. } => {
            format!(
                "the server's certificate at {place} is not valid yet (is this machine's clock right?)"
            )
        }
        other => format!("the server's certificate at {place} was refused: {other:?}"),
    }
}

/// rustls with ring's cryptography: it builds with a C compiler alone (aws-lc-rs, rustls's
/// other provider, wants much more), and PostgreSQL servers do not offer post-quantum key
/// exchange, which is what rustls 0.23.48 deprecated ring's provider for lacking.
#[expect(
    deprecated,
    reason = "ring's provider lacks only post-quantum key exchange, which PostgreSQL servers do not offer"
)]
fn ring_provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// A name a certificate presents, as webpki writes it (`DnsName("db.example")`), plainly.
fn plain_name(presented: &str) -> &str {
    match (presented.find('"'), presented.rfind('"')) {
        (Some(a), Some(b)) if b > a => &presented[a + 1..b],
        _ => presented,
    }
}

/// The certificate check of a connection: none (`prefer`, `require`: the signatures of the
/// handshake are still checked), the chain (`verify-ca`), or the chain and the name
/// (`verify-full`). Notes why it refused, for [`Tls::words`].
#[derive(Debug)]
struct Verifier {
    /// The chain's check; `None` when the certificate is not checked.
    checked: Option<Arc<WebPkiServerVerifier>>,
    /// Whether the certificate must be for the host connected to.
    names_checked: bool,
    provider: Arc<CryptoProvider>,
    refused: Arc<Mutex<Option<rustls::Error>>>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(checked) = &self.checked else {
            return Ok(ServerCertVerified::assertion());
        };
        match checked.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Ok(fine) => Ok(fine),
            // webpki checks the name after the chain: a wrong name means the chain was good.
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) if !self.names_checked => Ok(ServerCertVerified::assertion()),
            Err(e) => {
                if let Ok(mut slot) = self.refused.lock() {
                    *slot = Some(e.clone());
                }
                Err(e)
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::{SslMode, TlsSettings, settings_of};

    #[test]
    fn sslmode_and_sslrootcert_are_read_and_taken_out() {
        let (rest, settings) =
            settings_of("postgresql://ana@h:5432/db").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rest, "postgresql://ana@h:5432/db");
        assert_eq!(
            settings,
            TlsSettings {
                mode: SslMode::Prefer,
                root_cert: None
            }
        );
        let (rest, settings) = settings_of(
            "postgresql://ana@h/db?connect_timeout=3&sslmode=verify-full&sslrootcert=%2Fca%20x.pem",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rest, "postgresql://ana@h/db?connect_timeout=3");
        assert_eq!(settings.mode, SslMode::VerifyFull);
        assert_eq!(settings.root_cert, Some("/ca x.pem".into()));
        // As libpq: require with a CA file checks the chain; `system` is the machine's CAs.
        let (_, settings) = settings_of("postgresql://h/db?sslmode=require&sslrootcert=ca.pem")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(settings.mode, SslMode::VerifyCa);
        let (_, settings) = settings_of("postgresql://h/db?sslmode=verify-ca&sslrootcert=system")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (settings.mode, settings.root_cert),
            (SslMode::VerifyCa, None)
        );
        let err = settings_of("postgresql://h/db?sslmode=allow").expect_err("not a mode");
        assert!(
            err.contains("sslmode=allow") && err.contains("verify-full"),
            "{err}"
        );
    }

    #[test]
    fn a_root_cert_file_that_is_not_one_is_said_in_words() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("ca.pem");
        std::fs::write(&file, "not a certificate\n").unwrap_or_else(|e| panic!("{e}"));
        let settings = TlsSettings {
            mode: SslMode::VerifyFull,
            root_cert: Some(file.clone()),
        };
        let Err(err) = settings.connector() else {
            panic!("a file with no certificate was taken");
        };
        assert!(err.contains("holds no CA certificate"), "{err}");
        let missing = TlsSettings {
            mode: SslMode::VerifyCa,
            root_cert: Some(dir.path().join("nope.pem")),
        };
        let Err(err) = missing.connector() else {
            panic!("a missing file was taken");
        };
        assert!(err.contains("cannot read sslrootcert="), "{err}");
        // Without a check, no file is read.
        assert!(
            TlsSettings {
                mode: SslMode::Require,
                root_cert: None
            }
            .connector()
            .is_ok()
        );
    }
}
