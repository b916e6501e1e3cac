//! Uploaded files on disk, under names the server generates: a client's
//! file name never becomes a path.

use std::io::Write as _;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// A directory of stored files.
#[derive(Debug, Clone)]
pub struct Blobs {
    dir: PathBuf,
}

impl Blobs {
    /// Use (and create if missing) a directory.
    pub fn open(dir: impl Into<PathBuf>) -> std::io::Result<Blobs> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)?;
        Ok(Blobs { dir })
    }

    /// Store bytes durably under a new id; returns the id and the SHA-256.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<(String, String)> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let tmp = self.dir.join(format!("{id}.tmp"));
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, self.path(&id))?;
        let hash = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok((id, hash))
    }

    /// The bytes stored under `id`; `None` for an id that is not one of ours.
    pub fn get(&self, id: &str) -> std::io::Result<Option<Vec<u8>>> {
        if !is_id(id) {
            return Ok(None);
        }
        match std::fs::read(self.path(id)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Remove a stored file (when its row could not be written).
    pub fn remove(&self, id: &str) {
        if is_id(id) {
            let _ = std::fs::remove_file(self.path(id));
        }
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }
}

/// Only the ids `put` makes: 32 lower-case hex digits.
fn is_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_under_generated_names_and_refuses_paths() {
        let dir = std::env::temp_dir().join(format!("iop-blobs-{}", std::process::id()));
        let blobs = Blobs::open(&dir).unwrap();
        let (id, hash) = blobs.put(b"%PDF-1.7 test").unwrap();
        assert_eq!(
            blobs.get(&id).unwrap().as_deref(),
            Some(&b"%PDF-1.7 test"[..])
        );
        assert_eq!(hash.len(), 64);
        for evil in ["../../x", "/etc/passwd", "..", "", &id.to_uppercase()] {
            assert_eq!(blobs.get(evil).unwrap(), None, "{evil}");
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
