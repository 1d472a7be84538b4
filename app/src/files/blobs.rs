//! Content-addressed storage of file bytes (server only). The local-disk implementation writes a
//! temporary file in the target directory, fsyncs it, renames it into place and fsyncs the
//! directory, so an acknowledged upload survives a crash. An S3-compatible store can implement
//! `BlobStore` instead.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

pub trait BlobStore: Send + Sync {
    /// Stores `bytes` and returns their SHA-256 (hex). Storing the same bytes twice is a no-op.
    fn put<'a>(&'a self, bytes: &'a [u8]) -> BlobFuture<'a, String>;
    fn get<'a>(&'a self, sha256: &'a str) -> BlobFuture<'a, Vec<u8>>;
    /// The blobs last stored (or stored again) before `cutoff`: candidates for collection.
    fn stored_before(&self, cutoff: SystemTime) -> BlobFuture<'_, Vec<String>>;
    /// Removes a blob if it still was last stored before `cutoff` (a `put` of the same bytes since
    /// then keeps it). Returns whether it went.
    fn remove_if_stored_before<'a>(&'a self, sha256: &'a str, cutoff: SystemTime) -> BlobFuture<'a, bool>;
}

pub struct LocalBlobs {
    root: PathBuf,
}

impl LocalBlobs {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `root/ab/cd/abcd…`: two levels of fan-out keep directories small.
    fn path(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        valid.then(|| self.root.join(&sha256[..2]).join(&sha256[2..4]).join(sha256))
    }
}

fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().ok_or_else(|| io::Error::other("blob path has no parent"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".tmp-{}", crate::store::new_id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl BlobStore for LocalBlobs {
    fn put<'a>(&'a self, bytes: &'a [u8]) -> BlobFuture<'a, String> {
        Box::pin(async move {
            let sha = hex::encode(Sha256::digest(bytes));
            let path = self.path(&sha).ok_or_else(|| io::Error::other("bad digest"))?;
            let owned = bytes.to_vec();
            tokio::task::spawn_blocking(move || {
                // the same bytes stored again: mark them as stored now, so a collection running
                // at this moment keeps them (`remove_if_stored_before`); gone meanwhile: write them
                match touch(&path) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => write_durably(&path, &owned),
                    Err(e) => Err(e),
                }
            })
            .await
            .map_err(io::Error::other)??;
            Ok(sha)
        })
    }

    fn get<'a>(&'a self, sha256: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(async move {
            let path = self.path(sha256).ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "bad digest"))?;
            tokio::fs::read(path).await
        })
    }

    fn stored_before(&self, cutoff: SystemTime) -> BlobFuture<'_, Vec<String>> {
        let root = self.root.clone();
        Box::pin(async move { tokio::task::spawn_blocking(move || list_before(&root, cutoff)).await.map_err(io::Error::other)? })
    }

    fn remove_if_stored_before<'a>(&'a self, sha256: &'a str, cutoff: SystemTime) -> BlobFuture<'a, bool> {
        Box::pin(async move {
            let path = self.path(sha256).ok_or_else(|| io::Error::other("bad digest"))?;
            match tokio::fs::metadata(&path).await {
                Ok(m) if m.modified()? < cutoff => {
                    tokio::fs::remove_file(&path).await?;
                    Ok(true)
                }
                Ok(_) => Ok(false),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
                Err(e) => Err(e),
            }
        })
    }
}

fn touch(path: &Path) -> io::Result<()> {
    std::fs::File::options().append(true).open(path)?.set_modified(SystemTime::now())
}

/// The digests under `root/ab/cd/` whose files were last written before `cutoff`.
fn list_before(root: &Path, cutoff: SystemTime) -> io::Result<Vec<String>> {
    let mut found = vec![];
    let dirs = |p: &Path| -> io::Result<Vec<PathBuf>> {
        match std::fs::read_dir(p) {
            Ok(entries) => Ok(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(vec![]),
            Err(e) => Err(e),
        }
    };
    for first in dirs(root)? {
        for second in dirs(&first)? {
            for entry in std::fs::read_dir(&second)?.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let is_blob = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
                if is_blob && entry.metadata()?.modified()? < cutoff {
                    found.push(name);
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_same_bytes_are_stored_once_under_their_hash() {
        let root = std::env::temp_dir().join(format!("zhiping-blobs-{}", crate::store::new_id()));
        let blobs = LocalBlobs::new(&root);
        let a = blobs.put(b"%PDF-1.4 test").await.unwrap();
        let b = blobs.put(b"%PDF-1.4 test").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(a, hex::encode(Sha256::digest(b"%PDF-1.4 test")));
        assert_eq!(blobs.get(&a).await.unwrap(), b"%PDF-1.4 test");
        assert!(blobs.get("../../etc/passwd").await.is_err(), "only digests name files");
        let leftovers: Vec<_> = std::fs::read_dir(root.join(&a[..2]).join(&a[2..4])).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn only_blobs_not_stored_since_the_cutoff_are_collected() {
        let root = std::env::temp_dir().join(format!("zhiping-blobs-{}", crate::store::new_id()));
        let blobs = LocalBlobs::new(&root);
        let old = blobs.put(b"old").await.unwrap();
        let again = blobs.put(b"stored again").await.unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let cutoff = SystemTime::now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let new = blobs.put(b"new").await.unwrap();
        let mut before = blobs.stored_before(cutoff).await.unwrap();
        before.sort();
        let mut expected = vec![old.clone(), again.clone()];
        expected.sort();
        assert_eq!(before, expected);
        // the same bytes uploaded again after the listing: kept
        blobs.put(b"stored again").await.unwrap();
        assert!(!blobs.remove_if_stored_before(&again, cutoff).await.unwrap());
        assert!(blobs.remove_if_stored_before(&old, cutoff).await.unwrap());
        assert!(!blobs.remove_if_stored_before(&new, cutoff).await.unwrap());
        assert!(blobs.get(&old).await.is_err() && blobs.get(&again).await.is_ok() && blobs.get(&new).await.is_ok());
        // a blob collected and then uploaded again is written again
        assert_eq!(blobs.put(b"old").await.unwrap(), old);
        assert_eq!(blobs.get(&old).await.unwrap(), b"old");
        std::fs::remove_dir_all(root).unwrap();
    }
}
