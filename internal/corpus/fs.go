package corpus

import (
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/config"
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

// DropDocs deletes every n-th document of a generated project, as if
// they had been deleted since the last extract: their catalogs stay, with
// no document.
func DropDocs(fsys fstest.MapFS, o Options, n int) {
	for i := 0; i < o.Docs; i += n {
		delete(fsys, "content/"+Slug(i)+".md")
	}
}

// Project generates a corpus in memory with its configuration parsed.
func Project(o Options) (fstest.MapFS, *config.Config, error) {
	fsys, _, err := MapFS(o)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := config.Parse("healthloc.toml", []byte(Config(o.Locales)))
	return fsys, cfg, err
}
