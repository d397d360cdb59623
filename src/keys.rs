//! The official keys of parliamentary papers, as zoek.officielebekendmakingen.nl
//! names them in its addresses: a letter's own Kamerstuk (read while parsing) and the
//! papers it cites (read by `cite`) meet on the same key.

/// The key of a Kamerstuk: `kst-DOSSIER[-SUFFIX]-NR`, e.g. `kst-33763-38`, `kst-36800-X-43`.
pub(crate) fn kamerstuk_key(dossier: &str, suffix: Option<&str>, nr: &str) -> String {
    match suffix {
        Some(s) => format!("kst-{dossier}-{s}-{nr}"),
        None => format!("kst-{dossier}-{nr}"),
    }
}
