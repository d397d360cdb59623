//! Citations: references to other parliamentary papers, found in letter text and
//! normalised to one key per cited document.

/// The key of a Kamerstuk: `kst-DOSSIER[-SUFFIX]-NR`, e.g. `kst-33763-38`, `kst-36800-X-43`.
pub fn kamerstuk_key(dossier: &str, suffix: Option<&str>, nr: &str) -> String {
    match suffix {
        Some(s) => format!("kst-{dossier}-{s}-{nr}"),
        None => format!("kst-{dossier}-{nr}"),
    }
}
