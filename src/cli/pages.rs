//! Transparent huge pages off while indexing.
//!
//! mimalloc asks the kernel for huge pages (2 MiB) on its arenas, and the kernel zeroes
//! a whole huge page on the first touch of any byte of it. Indexing touches fresh memory
//! all the time (a letter's text and terms, tantivy's postings arena, memory returned
//! and taken again), and on the regulations benchmark zeroing pages was a tenth of the
//! CPU (`clear_page_erms` 9.6 % of the samples; 0.1 % without huge pages). Six runs in
//! turns: 18.8–24.3 s (median 22.4) → 18.3–21.7 s (19.5), system time 4.4–6.0 →
//! 1.5–1.7 s. Searching keeps them: free-text queries were as fast or faster with.

/// Huge pages are off for the process until this is dropped, then as they were.
pub(crate) struct SmallPages {
    #[cfg(target_os = "linux")]
    was_disabled: Option<bool>,
}

/// Turns transparent huge pages off for the whole process (all threads), where the
/// system allows it; nothing happens elsewhere or when the kernel refuses.
pub(crate) fn small_pages() -> SmallPages {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: prctl with these options reads or sets one flag of the process and
        // touches no memory of ours.
        let was = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        let set = was >= 0 && unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) } == 0;
        SmallPages { was_disabled: set.then_some(was == 1) }
    }
    #[cfg(not(target_os = "linux"))]
    SmallPages {}
}

impl Drop for SmallPages {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        if let Some(false) = self.was_disabled {
            // SAFETY: as above.
            unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0) };
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The flag as the kernel reports it.
    fn disabled() -> i32 {
        // SAFETY: reads one flag of the process.
        unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) }
    }

    #[test]
    fn huge_pages_are_off_while_the_guard_lives_and_as_before_after() {
        let before = disabled();
        {
            let _guard = super::small_pages();
            assert_eq!(disabled(), 1);
        }
        assert_eq!(disabled(), before);
    }
}
