//! A small zip reader for .docx and .odt: the central directory, stored and
//! deflated entries, and hard limits on entry count and expanded size, so a
//! zip bomb costs at most the limits.

use std::io::Read;

use crate::error::ImportError;
use crate::read::Limits;

struct Entry {
    name: String,
    method: u16,
    flags: u16,
    compressed: u64,
    uncompressed: u64,
    local_offset: u64,
}

pub(super) struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    budget: u64,
}

fn corrupt(reason: &str) -> ImportError {
    ImportError::Corrupt {
        reason: format!("zip: {reason}"),
    }
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, ImportError> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| corrupt("truncated"))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, ImportError> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| corrupt("truncated"))
}

impl<'a> Archive<'a> {
    pub(super) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, ImportError> {
        let eocd = find_end_of_directory(bytes)?;
        let count = usize::from(u16_at(bytes, eocd + 10)?);
        if count > limits.max_entries {
            return Err(ImportError::ZipLimit {
                reason: format!("{count} entries (at most {})", limits.max_entries),
            });
        }
        let mut at = u32_at(bytes, eocd + 16)? as usize;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            if u32_at(bytes, at)? != 0x0201_4b50 {
                return Err(corrupt("bad central directory"));
            }
            let name_len = usize::from(u16_at(bytes, at + 28)?);
            let extra_len = usize::from(u16_at(bytes, at + 30)?);
            let comment_len = usize::from(u16_at(bytes, at + 32)?);
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or_else(|| corrupt("truncated name"))?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                flags: u16_at(bytes, at + 8)?,
                method: u16_at(bytes, at + 10)?,
                compressed: u64::from(u32_at(bytes, at + 20)?),
                uncompressed: u64::from(u32_at(bytes, at + 24)?),
                local_offset: u64::from(u32_at(bytes, at + 42)?),
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive {
            bytes,
            entries,
            budget: limits.max_unzipped,
        })
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name)
    }

    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The bytes of an entry, if the archive has it; every byte counts against the budget.
    pub(super) fn read_optional(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(entry) = self.entries.iter().find(|e| e.name == name) else {
            return Ok(None);
        };
        if entry.flags & 1 != 0 {
            return Err(ImportError::Encrypted);
        }
        if entry.uncompressed > self.budget {
            return Err(ImportError::ZipLimit {
                reason: format!("{name} expands to {} bytes", entry.uncompressed),
            });
        }
        let local = usize::try_from(entry.local_offset).map_err(|_| corrupt("offset"))?;
        if u32_at(self.bytes, local)? != 0x0403_4b50 {
            return Err(corrupt("bad local header"));
        }
        let start = local
            + 30
            + usize::from(u16_at(self.bytes, local + 26)?)
            + usize::from(u16_at(self.bytes, local + 28)?);
        let len = usize::try_from(entry.compressed).map_err(|_| corrupt("size"))?;
        let data = self
            .bytes
            .get(start..start.saturating_add(len))
            .ok_or_else(|| corrupt("entry past the end"))?;
        // The declared size is not trusted: reading stops one byte past the budget.
        let cap = self.budget.saturating_add(1);
        let mut out = Vec::new();
        match entry.method {
            0 => data.take(cap).read_to_end(&mut out),
            8 => flate2::read::DeflateDecoder::new(data)
                .take(cap)
                .read_to_end(&mut out),
            m => {
                return Err(ImportError::Unsupported {
                    kind: format!("zip compression method {m}"),
                });
            }
        }
        .map_err(|e| corrupt(&format!("{name}: {e}")))?;
        let used = out.len() as u64;
        if used > self.budget {
            return Err(ImportError::ZipLimit {
                reason: "the uncompressed content is over the limit".into(),
            });
        }
        self.budget -= used;
        Ok(Some(out))
    }

    pub(super) fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        self.read_optional(name)?
            .ok_or_else(|| corrupt(&format!("{name} is missing")))
    }
}

fn find_end_of_directory(bytes: &[u8]) -> Result<usize, ImportError> {
    // The record is 22 bytes plus a comment of at most 65535 bytes, at the end.
    let lowest = bytes.len().saturating_sub(22 + 65_535);
    let last = bytes
        .len()
        .checked_sub(22)
        .ok_or_else(|| corrupt("too short"))?;
    (lowest..=last)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| corrupt("no central directory"))
}
