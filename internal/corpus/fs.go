package corpus

import (
	"testing/fstest"
)

// MapFS generates a corpus in memory, for benchmarks that measure the
// work rather than the disk. It also returns the content's size in bytes.
func MapFS(o Options) (fstest.MapFS, int64, error) {
	fsys := fstest.MapFS{}
	var size int64
	err := Generate(o, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		if len(name) > 8 && name[:8] == "content/" {
			size += int64(len(data))
		}
		return nil
	})
	return fsys, size, err
}
