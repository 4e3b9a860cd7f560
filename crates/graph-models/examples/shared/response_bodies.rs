//! The JSON bodies of a response file or a docs page, shared by the examples
//! (`#[path]`-included: a file in a folder without `main.rs` is no example of its own).

/// The JSON bodies in `text`: the text itself if it is JSON, else the object after each
/// `HTTP/1.1 2xx` status line's blank line.
pub fn response_bodies(text: &str) -> Vec<&str> {
    if text.trim_start().starts_with('{') {
        return vec![text];
    }
    let mut bodies = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("HTTP/1.1 2") {
        rest = &rest[at..];
        let Some(start) = rest.find('{') else { break };
        let end = object_end(&rest[start..]).map_or(rest.len(), |len| start + len);
        bodies.push(&rest[start..end]);
        rest = &rest[end..];
    }
    bodies
}

/// Length of the JSON object at the start of `text` (braces balanced outside strings).
fn object_end(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '{') => depth += 1,
            (false, _, '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}
