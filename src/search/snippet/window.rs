//! Where a snippet is cut: a window of the text around the marked spans, on word
//! boundaries, with whitespace collapsed and the spans moved along.

/// The end of a part of `text` that starts before `at`: `at` moved on to whitespace (so
/// no word is cut), on a char boundary; the end of the text if that comes first.
pub(super) fn part_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    text[i..].find(char::is_whitespace).map_or(text.len(), |ws| i + ws)
}

/// The byte window `[from, to)` of about `max_len` bytes holding the most matches,
/// widened to whitespace so no word is cut.
pub(super) fn window(text: &str, spans: &[(usize, usize)], max_len: usize) -> (usize, usize) {
    if text.len() <= max_len {
        return (0, text.len());
    }
    let lead = max_len / 5;
    let mut best = (0usize, 0usize);
    for (i, &(s, _)) in spans.iter().enumerate() {
        let from = s.saturating_sub(lead);
        let count = spans[i..].iter().take_while(|&&(_, e)| e <= from + max_len).count();
        if count > best.1 {
            best = (from, count);
        }
    }
    let from = if best.0 == 0 { 0 } else { word_start(text, best.0) };
    let to = word_end(text, (from + max_len).min(text.len()));
    (from, to.max(from))
}

/// Moves `i` forward to the start of a word (after whitespace), staying on char boundaries.
pub(super) fn word_start(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..].find(char::is_whitespace) {
        Some(ws) if ws < 40 => {
            let j = i + ws;
            j + text[j..].find(|c: char| !c.is_whitespace()).unwrap_or(0)
        }
        _ => i,
    }
}

/// Moves `i` back to the end of a word (before whitespace), staying on char boundaries.
pub(super) fn word_end(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i -= 1;
    }
    if i >= text.len() {
        return text.len();
    }
    match text[..i].rfind(char::is_whitespace) {
        Some(ws) if i - ws < 40 => text[..ws].trim_end().len(),
        _ => i,
    }
}

/// Collapses each run of whitespace to one space and trims the ends, moving the
/// highlight ranges along.
pub(super) fn collapse_whitespace(text: &str, spans: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0usize; text.len() + 1];
    let mut in_space = true; // drops leading whitespace
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            map[i] = out.len();
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            map[i] = out.len();
            out.push(c);
            in_space = false;
            // Bytes inside the character map to its end, so no range splits it.
            map[i + 1..i + c.len_utf8()].fill(out.len());
        }
    }
    map[text.len()] = out.len();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let highlights = spans.iter().map(|&(s, e)| (map[s].min(trimmed), map[e].min(trimmed))).filter(|(s, e)| s < e).collect();
    (out, highlights)
}
