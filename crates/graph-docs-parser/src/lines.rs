//! Byte offset -> 1-based line and character column, computed once per page.

/// Line lookups for one text. Pages are asked about few offsets, mostly in increasing order,
/// so a lookup counts newlines (vectorised) from the previous one; only when lookups go
/// backwards several times is the index of line starts built (each lookup then a binary search).
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: std::cell::OnceCell<Vec<usize>>,
    /// The last counted offset and its line.
    cursor: std::cell::Cell<(usize, u32)>,
    /// Lookups that went backwards.
    rewinds: std::cell::Cell<u32>,
}

/// Backward lookups answered by counting before the index is built.
const REWINDS_BEFORE_INDEX: u32 = 2;

impl<'a> LineIndex<'a> {
    /// Line lookups over `text` (nothing is computed yet).
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: std::cell::OnceCell::new(),
            cursor: std::cell::Cell::new((0, 1)),
            rewinds: std::cell::Cell::new(0),
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let text = self.text;
            let mut starts = Vec::with_capacity(text.len() / 40 + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        if let Some(starts) = self.starts.get() {
            return (starts.partition_point(|&s| s <= offset).max(1)) as u32;
        }
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let (mut from, mut line) = self.cursor.get();
        if offset < from {
            let rewinds = self.rewinds.get() + 1;
            self.rewinds.set(rewinds);
            if rewinds > REWINDS_BEFORE_INDEX {
                let starts = self.starts();
                return (starts.partition_point(|&s| s <= offset).max(1)) as u32;
            }
            (from, line) = (0, 1);
        }
        line += count_newlines(&bytes[from..offset]) as u32;
        self.cursor.set((offset, line));
        line
    }

    /// 1-based line and character column of byte `offset` in `text` (the indexed text).
    pub fn line_column(&self, text: &str, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = match self.starts.get() {
            Some(starts) => starts[line as usize - 1],
            None => memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |i| i + 1),
        };
        let column = text[start..offset].chars().count() + 1;
        (line, column as u32)
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> usize {
        self.starts()
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0)
    }
}

/// Number of `\n` bytes in `bytes`, eight at a time (SWAR: no per-byte branch).
fn count_newlines(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut total = 0;
    for chunk in &mut chunks {
        let word =
            u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ (ONES * u64::from(b'\n'));
        // A byte of `word` is zero exactly where the input byte is `\n`; mark those bytes'
        // high bits without carries between bytes.
        let low7 = (word & !HIGHS).wrapping_add(!HIGHS);
        let zero = !(low7 | word | !HIGHS);
        total += zero.count_ones() as usize;
    }
    total + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_ir_helper() {
        let text = "ab\ncé\u{202f}x\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_column(text, offset),
                graph_ir::diagnostic::line_column(text, offset),
                "offset {offset}"
            );
        }
        // Again through the index of line starts.
        let long = text.repeat(40);
        let index = LineIndex::new(&long);
        for offset in 0..=long.len() + 2 {
            assert_eq!(
                index.line_column(&long, offset),
                graph_ir::diagnostic::line_column(&long, offset),
                "offset {offset}"
            );
        }
    }
}
