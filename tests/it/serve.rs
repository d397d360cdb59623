//! `kamerzoek serve` as a client meets it: the binary started on an ephemeral port over
//! the bundled letters, spoken to with plain HTTP/1.1 over a socket. Every endpoint,
//! every error status, escaping, attempts to read outside the page's files, and
//! searches while an index run commits. The web page itself is driven in Chromium
//! by `tests/browser/web.mjs` (see [`the_web_page_works_in_a_real_browser`]).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{corpus, kamerzoek, path_str, skipped, Indexed, L000, L001};

/// A running `kamerzoek serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Serves the index in `dir` on a port the system picks.
    pub fn start(dir: &Path) -> Server {
        Server::start_with(dir, &[])
    }

    /// The same, with more options for `kamerzoek serve`.
    pub fn start_with(dir: &Path, options: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kamerzoek"))
            .args(["serve", "--index", path_str(dir), "--bind", "127.0.0.1:0"])
            .args(options)
            .env_remove("KAMERZOEK_INDEX")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("kamerzoek serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let addr = loop {
            let line = lines.next().expect("serve says where it listens").expect("stderr line");
            if let Some(rest) = line.split("serving http://").nth(1) {
                break rest.split('/').next().expect("address").parse().expect("a socket address");
            }
        };
        // Keep reading stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    /// `GET path`: the status, the headers (lower-cased names) and the body.
    pub fn get(&self, path: &str) -> Response {
        self.request(&format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
    }

    /// `POST path` with a JSON body.
    pub fn post(&self, path: &str, body: &str) -> Response {
        self.request(&format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ))
    }

    fn request(&self, raw: &str) -> Response {
        let mut stream = TcpStream::connect(self.addr).expect("connects");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
        stream.write_all(raw.as_bytes()).expect("request sent");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("response read");
        Response::parse(&bytes)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).expect("a status line");
        let headers = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string())).collect();
        let chunked = text.to_lowercase().contains("transfer-encoding: chunked");
        let body = if chunked { dechunk(body) } else { body.to_string() };
        Response { status, headers, body }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

/// The bundled letters plus a copy of letter 000 with markup in its text, as a hostile
/// PDF extraction could leave it: the page must show it as text.
pub fn letters_with_markup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(corpus()).expect("corpus") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copied");
    }
    let original = std::fs::read_to_string(corpus().join(format!("{L000}.txt"))).expect("letter 000");
    let hostile = format!("{original}\n\nBijlage <script>window.pwned = 1</script> en <img src=x onerror=\"window.pwned = 2\"> kazernes.\n");
    std::fs::write(dir.path().join("markup_000.txt"), hostile).expect("written");
    dir
}

fn indexed(letters: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = kamerzoek(&["index", "--index", path_str(dir.path()), path_str(letters)]);
    assert!(out.status.success(), "indexing failed: {}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn every_endpoint_answers_on_the_bundled_letters() {
    let index = Indexed::corpus();
    let server = Server::start(index.path());

    // A search: the hits as `search --json` has them, a total, and facets that count
    // every match.
    let r = server.get("/api/search?q=reservisten&limit=5");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.header("content-type").is_some_and(|t| t.starts_with("application/json")));
    let answer = r.json();
    let hits = answer["hits"].as_array().expect("hits");
    assert_eq!(hits[0]["letter"], L001);
    let cli = index.search_json(&["reservisten", "--limit", "5"]);
    assert_eq!(hits.len(), cli.len());
    for (api, cli) in hits.iter().zip(&cli) {
        for key in ["letter", "title", "date", "section", "snippet", "highlights", "rank"] {
            assert_eq!(api[key], cli[key], "{key} differs from search --json");
        }
    }
    let snippet = hits[0]["snippet"].as_str().expect("snippet");
    for h in hits[0]["highlights"].as_array().expect("highlights") {
        let (s, e) = (h[0].as_u64().expect("start") as usize, h[1].as_u64().expect("end") as usize);
        assert!(snippet[s..e].to_lowercase().starts_with("reservist"), "{:?}", &snippet[s..e]);
    }
    let total = answer["total"].as_u64().expect("total");
    let facets = &answer["facets"];
    let by_year: u64 = facets["years"].as_array().expect("years").iter().map(|y| y["count"].as_u64().expect("count")).sum();
    assert_eq!(by_year + facets["undated"].as_u64().expect("undated"), total);
    let by_type: u64 = facets["types"].as_array().expect("types").iter().map(|y| y["count"].as_u64().expect("count")).sum();
    assert_eq!(by_type, total);
    assert!(facets["senders"].as_array().expect("senders").iter().any(|s| s["value"] == "Staatssecretaris van Defensie"));
    assert!(facets["cited"].as_array().expect("cited").iter().any(|s| s["value"] == "motie"));

    // Pages: the second page starts where the first ended.
    let all = server.get("/api/search?q=defensie&scope=sections&limit=6").json();
    let page2 = server.get("/api/search?q=defensie&scope=sections&limit=3&offset=3").json();
    assert_eq!(all["hits"][3]["snippet"], page2["hits"][0]["snippet"]);
    assert_eq!(all["total"], page2["total"]);

    // A year filter narrows the facets and the hits.
    let in_2026 = server.get("/api/search?q=defensie&from=2026-01-01&to=2026-12-31&dated=true").json();
    for hit in in_2026["hits"].as_array().expect("hits") {
        assert!(hit["date"].as_str().expect("date").starts_with("2026"));
    }

    // Cited papers.
    let cited = server.get("/api/search?q=Ellian&scope=citations").json();
    assert!(cited["cited"].as_array().expect("cited").iter().any(|c| c["key"] == "kst-33763-171"), "{cited}");

    // A letter: what `show --json` prints.
    let letter = server.get(&format!("/api/letters/{L001}"));
    assert_eq!(letter.status, 200);
    let shown = index.run("show", &["--json", L001]);
    let shown: Value = serde_json::from_slice(&shown.stdout).expect("show --json");
    assert_eq!(letter.json(), shown);

    // Its text, whole and one section, marked for a query.
    let whole = server.get(&format!("/api/letters/{L001}/text?q=reservisten")).json();
    let text = whole["text"].as_str().expect("text");
    let marks = whole["highlights"].as_array().expect("highlights");
    assert!(marks.len() >= 2);
    for m in marks {
        let (s, e) = (m[0].as_u64().expect("s") as usize, m[1].as_u64().expect("e") as usize);
        assert!(text[s..e].to_lowercase().starts_with("reservist"), "{:?}", &text[s..e]);
    }
    let sections = shown["sections"].as_array().expect("sections");
    let one = server.get(&format!("/api/letters/{L001}/text?section=1")).json();
    let (s, e) = (sections[1]["start"].as_u64().expect("start") as usize, sections[1]["end"].as_u64().expect("end") as usize);
    assert_eq!(one["text"].as_str().expect("text"), &text[s..e]);
    assert_eq!(one["heading"], sections[1]["heading"]);
    let cli_text = index.run("show", &["--text", "--section", "1", L001]);
    assert_eq!(String::from_utf8_lossy(&cli_text.stdout).trim_end(), text[s..e].trim_end(), "show --text prints what the API serves");

    // A cited paper, pasted however it is written, and the most cited.
    let paper = server.get("/api/citations/Kamerstuk%2033%20763%2C%20nr.%20171");
    assert_eq!(paper.status, 200, "{}", paper.body);
    let paper = paper.json();
    assert_eq!(paper["key"], "kst-33763-171");
    let citing = &paper["citing"][0];
    assert_eq!(citing["letter"], L001);
    assert_eq!(citing["answers"], true);
    assert!(citing["sentences"][0].as_str().expect("sentence").contains("Ellian"));
    let top = server.get("/api/citations?top=3").json();
    let counts: Vec<u64> = top.as_array().expect("top").iter().map(|c| c["count"].as_u64().expect("count")).collect();
    assert_eq!(counts.len(), 3);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    let stats = server.get("/api/stats").json();
    assert_eq!(stats["letters"], 5);

    let tokens = server.post("/api/analyze", r#"{"text": "De militairen van de krijgsmacht"}"#).json();
    assert!(tokens.as_array().expect("tokens").iter().any(|t| t["text"] == "militair"), "{tokens}");
    let found = server.post("/api/analyze", r#"{"text": "zie Kamerstuk 33 763, nr. 38", "what": "citations"}"#).json();
    assert_eq!(found[0]["id"], "kst-33763-38");

    // The page and its files.
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("/assets/app.js"));
    for asset in ["/assets/app.js", "/assets/app.css"] {
        assert_eq!(server.get(asset).status, 200, "{asset}");
    }
}

#[test]
fn every_bad_request_gets_its_status_and_a_json_reason() {
    let index = Indexed::corpus();
    let server = Server::start(index.path());
    let long = "a".repeat(1_001);
    let cases: Vec<(String, u16, &str)> = vec![
        ("/api/search?q=defensie%20AND".into(), 400, "AND"),
        ("/api/search?q=".into(), 400, "empty"),
        ("/api/search".into(), 400, "empty"),
        (format!("/api/search?q={long}"), 400, "bytes"),
        ("/api/search?q=a&limit=0".into(), 400, "limit"),
        ("/api/search?q=a&limit=101".into(), 400, "limit"),
        ("/api/search?q=a&limit=ten".into(), 400, "limit"),
        ("/api/search?q=a&offset=10001".into(), 400, "offset"),
        ("/api/search?q=a&scope=everything".into(), 400, "scope"),
        ("/api/search?q=a&sort=oldest".into(), 400, "sort"),
        ("/api/search?q=a&from=1-2-2020".into(), 400, "YYYY-MM-DD"),
        ("/api/letters/no-such-letter".into(), 404, "no letter"),
        ("/api/letters/no-such-letter/text".into(), 404, "no letter"),
        (format!("/api/letters/{L001}/text?section=99"), 404, "section"),
        ("/api/citations/kst-99999-1".into(), 404, "kst-99999-1"),
        ("/api/citations/not%20a%20key".into(), 400, "no citation key"),
        ("/api/citations?top=0".into(), 400, "top"),
        ("/api/citations?top=5000".into(), 400, "top"),
        ("/api/nothing".into(), 404, "nothing at"),
    ];
    for (path, status, says) in &cases {
        let r = server.get(path);
        assert_eq!(r.status, *status, "{path}: {}", r.body);
        let error = &r.json()["error"];
        assert_eq!(error["status"], *status);
        assert!(error["message"].as_str().expect("message").contains(says), "{path}: {}", r.body);
    }
    // A query error says where, as the command line does.
    let r = server.get("/api/search?q=title%3A%28remotie");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"]["position"].is_u64(), "{}", r.body);

    let big = format!(r#"{{"text": "{}"}}"#, "x".repeat(70_000));
    assert_eq!(server.post("/api/analyze", &big).status, 413);
    assert_eq!(server.post("/api/analyze", "{not json").status, 400);
    assert_eq!(server.post("/api/analyze", r#"{"text": "a", "what": "everything"}"#).status, 400);
}

#[test]
fn no_path_reaches_outside_the_page_files() {
    let index = Indexed::corpus();
    let server = Server::start(index.path());
    for path in [
        "/../Cargo.toml",
        "/assets/../Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/%252e%252e%252fCargo.toml",
        "/assets/..\\..\\Cargo.toml",
        "/assets//etc/passwd",
        "/assets/%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/app.js/../../src/main.rs",
        "/src/main.rs",
        "/corpus/000_7103214013612ba8.txt",
    ] {
        let r = server.get(path);
        // 404, or 400 where the HTTP layer refuses the request line itself.
        assert!(r.status == 404 || r.status == 400, "{path}: {} {}", r.status, r.body);
        for leaked in ["[package]", "root:x:", "fn main", "Den Haag"] {
            assert!(!r.body.contains(leaked), "{path} leaked {leaked:?}");
        }
    }
}

#[test]
fn a_client_that_trickles_its_headers_is_dropped_and_others_are_served() {
    let index = Indexed::corpus();
    let server = Server::start_with(index.path(), &["--header-timeout", "1"]);
    let mut slow = TcpStream::connect(server.addr).expect("connects");
    slow.write_all(b"GET /api/stats HTTP/1.1\r\nHost: loc").expect("half a request");
    slow.set_read_timeout(Some(Duration::from_secs(8))).expect("timeout");
    assert_eq!(server.get("/api/stats").status, 200, "another client is served meanwhile");
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = slow.read_to_end(&mut answer);
    assert!(read.is_ok(), "the server kept the trickling connection open: {read:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "dropped after {:?}", started.elapsed());
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[test]
fn markup_in_a_letter_comes_back_as_text_with_safe_headers() {
    let letters = letters_with_markup();
    let index = indexed(letters.path());
    let server = Server::start(index.path());
    let text = server.get("/api/letters/markup_000/text?q=kazernes");
    assert_eq!(text.status, 200, "{}", text.body);
    assert!(text.header("content-type").is_some_and(|t| t.starts_with("application/json")));
    assert_eq!(text.header("x-content-type-options"), Some("nosniff"));
    assert!(text.json()["text"].as_str().expect("text").contains("<script>window.pwned = 1</script>"));
    let page = server.get("/");
    let policy = page.header("content-security-policy").expect("a content security policy");
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
}

#[test]
fn searches_keep_answering_while_an_index_run_commits_and_then_see_it() {
    let letters = letters_with_markup();
    let index = indexed(&corpus());
    let server = Server::start(index.path());
    let before = server.get("/api/stats").json()["letters"].as_u64().expect("letters");
    let dir: PathBuf = index.path().to_path_buf();
    let more = letters.path().to_path_buf();
    let indexing = std::thread::spawn(move || kamerzoek(&["index", "--index", path_str(&dir), path_str(&more)]));
    let mut answered = 0;
    while !indexing.is_finished() || answered < 20 {
        let r = server.get("/api/search?q=defensie&limit=3");
        assert_eq!(r.status, 200, "{}", r.body);
        answered += 1;
    }
    let out = indexing.join().expect("index run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The server reloads every second.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = server.get("/api/stats").json()["letters"].as_u64().expect("letters");
        if now == before + 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the server still serves {now} letters, not {}", before + 1);
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(server.get("/api/letters/markup_000").status, 200);
}

/// The page in headless Chromium: search, open a letter, follow a citation, filter by
/// year, page, and markup shown as text (`tests/browser/web.mjs`). Needs Debian's
/// `chromium`, Node.js and `npm ci` in `tests/browser` (`.ci/run` installs them);
/// without them it is skipped, loudly. Screenshots go to `target/browser`.
#[test]
fn the_web_page_works_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/web.mjs");
    let missing = [
        (Path::new("/usr/bin/chromium").exists(), "Debian's chromium (/usr/bin/chromium)"),
        (Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()), "node"),
        (root.join("tests/browser/node_modules/playwright-core").is_dir(), "playwright-core (npm ci in tests/browser)"),
    ];
    if let Some((_, what)) = missing.iter().find(|(present, _)| !present) {
        skipped("serve::the_web_page_works_in_a_real_browser", &format!("{what} is not installed"));
        return;
    }
    let letters = letters_with_markup();
    let index = indexed(letters.path());
    let server = Server::start(index.path());
    let shots = root.join("target/browser");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let out = Command::new("node").arg(&script).arg(format!("http://{}/", server.addr)).arg(&shots).output().expect("node runs");
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{log}");
    assert!(out.status.success(), "the browser test failed:\n{log}");
}

/// Every path `docs/openapi.yaml` documents is served, and every API path the server
/// serves is documented.
#[test]
fn the_openapi_file_describes_the_served_paths() {
    let spec = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.yaml")).expect("docs/openapi.yaml");
    let documented: Vec<&str> = spec.lines().filter_map(|l| l.strip_prefix("  /api").map(|_| l.trim().trim_end_matches(':'))).collect();
    let served = ["/api/search", "/api/letters/{id}", "/api/letters/{id}/text", "/api/citations", "/api/citations/{key}", "/api/stats", "/api/analyze"];
    assert_eq!(documented, served);
    let index = Indexed::corpus();
    let server = Server::start(index.path());
    for path in documented {
        let path = path.replace("{id}", L001).replace("{key}", "kst-33763-171");
        let r = match path.as_str() {
            "/api/analyze" => server.post(&path, r#"{"text": "Awb"}"#),
            "/api/search" => server.get("/api/search?q=defensie"),
            _ => server.get(&path),
        };
        assert_eq!(r.status, 200, "{path}: {}", r.body);
    }
}
