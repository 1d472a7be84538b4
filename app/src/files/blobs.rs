//! Content-addressed storage of file bytes (server only). The local-disk implementation writes a
//! temporary file in the target directory, fsyncs it, renames it into place and fsyncs the
//! directory, so an acknowledged upload survives a crash. An S3-compatible store can implement
//! `BlobStore` instead.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use sha2::{Digest, Sha256};

pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

pub trait BlobStore: Send + Sync {
    /// Stores `bytes` and returns their SHA-256 (hex). Storing the same bytes twice is a no-op.
    fn put<'a>(&'a self, bytes: &'a [u8]) -> BlobFuture<'a, String>;
    fn get<'a>(&'a self, sha256: &'a str) -> BlobFuture<'a, Vec<u8>>;
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
            if !tokio::fs::try_exists(&path).await? {
                let owned = bytes.to_vec();
                tokio::task::spawn_blocking(move || write_durably(&path, &owned)).await.map_err(io::Error::other)??;
            }
            Ok(sha)
        })
    }

    fn get<'a>(&'a self, sha256: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(async move {
            let path = self.path(sha256).ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "bad digest"))?;
            tokio::fs::read(path).await
        })
    }
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
}
