//! A full disk and a read-only index directory, on small tmpfs mounts. Mounting needs
//! root and a kernel that allows it in this sandbox; where `mount` is refused the test
//! says so on stderr and checks nothing (`scripts/` runs are where this is measured).

use std::path::PathBuf;
use std::process::Command;

use super::*;

struct Mount(PathBuf);

impl Mount {
    /// A tmpfs of `size` for `test`; `None`, recorded as a skipped test, where
    /// `mount` is refused.
    fn tmpfs(test: &str, size: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(&dir).status();
        if ok.is_ok_and(|s| s.success()) {
            Some(Mount(dir))
        } else {
            util::skipped(test, "cannot mount a tmpfs here (needs root and a kernel that allows it)");
            None
        }
    }

    fn read_only(&self) {
        let ok = Command::new("mount").args(["-o", "remount,ro"]).arg(&self.0).status().expect("mount runs");
        assert!(ok.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_last_commit_stays() {
    let Some(mount) = Mount::tmpfs("storage::a_full_disk_is_a_clear_error_and_the_last_commit_stays", "300k") else { return };
    let index = mount.0.join("index");
    // Far more text than 300 KiB of index can hold: the seed letters, many times.
    let letters = tempfile::tempdir().expect("temp dir");
    let seed = std::fs::read_to_string(util::corpus().join(format!("{L001}.txt"))).expect("seed");
    std::fs::write(letters.path().join("big.txt"), seed.repeat(100)).expect("write");
    let run = kamerzoek(&[std::ffi::OsStr::new("index"), "--index".as_ref(), index.as_os_str(), letters.path().as_os_str()]);
    run.expect_code(2).says("cannot write to the index").says("free disk space");
    kamerzoek(&[std::ffi::OsStr::new("stats"), "--index".as_ref(), index.as_os_str()]).expect_code(0);
}

#[test]
fn a_read_only_index_is_a_clear_error() {
    let Some(mount) = Mount::tmpfs("storage::a_read_only_index_is_a_clear_error", "10m") else { return };
    let index = mount.0.join("index");
    kamerzoek(&[std::ffi::OsStr::new("index"), "--index".as_ref(), index.as_os_str(), util::corpus().as_os_str()]).expect_code(0);
    mount.read_only();
    for args in [vec!["index", "--index"], vec!["search", "--index"]] {
        let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        all.push(index.as_os_str());
        all.push(if args[0] == "index" { util::corpus().into_os_string().leak() } else { "remotie".as_ref() });
        kamerzoek(&all).expect_code(2).says("Read-only file system").says("the last commit is intact");
    }
}
