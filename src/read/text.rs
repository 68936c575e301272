//! Turning a file's bytes into text, whatever Chinese Windows saved it as, and turning byte
//! offsets back into lines and columns for messages.

/// Decodes a data file: UTF-8 with or without a byte-order mark, else GB18030 (which
/// includes GBK, the default of Excel and WPS on Chinese Windows). The encoding is worked
/// out from the bytes; the user never names it.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(
            "this is a spreadsheet workbook (XLSX or similar), not a text file; \
                    save it from Excel or WPS as CSV"
                .to_string(),
        );
    }
    if bytes.contains(&0) {
        return Err("this is not a text file (it holds NUL bytes)".to_string());
    }

    // Taken by value so that a large UTF-8 file becomes text without a copy.
    let bytes = match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            return Ok(text);
        }
        Err(error) => error.into_bytes(),
    };

    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| "this file is neither UTF-8 nor GB18030/GBK text".to_string())
}

/// Maps byte offsets in a text to 1-based lines and character columns.
pub struct LineIndex {
    /// The byte offset where each line starts.
    pub starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The line and column of a byte offset.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let column = text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// The byte range of the line holding `offset`, without its line break.
pub fn line_span(text: &str, offset: usize) -> std::ops::Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_accepted_encoding() {
        let text = "机构编号,设立单位类型\n";
        assert_eq!(decode(text.as_bytes().to_vec()).unwrap(), text);

        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(with_bom).unwrap(), text);

        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_ne!(gb.as_ref(), text.as_bytes());
        assert_eq!(decode(gb.into_owned()).unwrap(), text);
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(
            decode(b"PK\x03\x04\x14\x00".to_vec())
                .unwrap_err()
                .contains("CSV")
        );
        assert!(decode(b"a,b\n\0\0".to_vec()).is_err());
    }

    #[test]
    fn locates_offsets() {
        let text = "ab\n机构x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(index.locate(text, 3), (2, 1));
        assert_eq!(index.locate(text, 3 + "机构".len()), (2, 3));
    }
}
