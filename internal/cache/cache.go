// Package cache lets a run skip the work whose inputs did not change
// since an earlier run: it fingerprints files (sha256 of the content, size
// and modification time of the catalogs healthloc wrote itself), walks
// folders as the project does, and keeps what commands record (extract's
// index, the checks' answers, status and check reports, render's index)
// in the cache folder. The cache is never needed for correctness: a
// missing, corrupt or outdated cache only means the work is done again.
package cache

// Dir is the cache folder, beside healthloc.toml. It is safe to delete.
const Dir = ".healthloc-cache"
