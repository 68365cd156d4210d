package cache

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"

	"github.com/healthloc/healthloc/internal/plan"
)

// ReadGob decodes the cache file name into v, which must be a pointer to
// a struct whose first field is a format version: ok is false when the
// file is missing, corrupt or written by another format (version differs),
// and v is then to be thrown away.
func ReadGob(projectDir, name string, version int, v any) (ok bool) {
	f, err := os.Open(filepath.Join(projectDir, Dir, name))
	if err != nil {
		return false
	}
	defer f.Close()
	defer func() {
		if recover() != nil { // a corrupt file may make gob panic
			ok = false
		}
	}()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	var got int
	if dec.Decode(&got) != nil || got != version {
		return false
	}
	return dec.Decode(v) == nil
}

// WriteGob writes v as the cache file name, through plan like Save: a
// reader sees the old file or the new one. Like Save, a failure is for
// the caller to report as a warning: the cache is never needed.
func WriteGob(projectDir, name string, version int, v any) error {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	if err := enc.Encode(version); err != nil {
		return err
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := plan.Apply(plan.Plan{Files: []plan.File{{Path: filepath.Join(projectDir, Dir, name), Data: buf.Bytes()}}})
	return err
}

// WriteFile writes data as the file path in the cache folder, through
// plan like Save.
func WriteFile(path string, data []byte) error {
	_, err := plan.Apply(plan.Plan{Files: []plan.File{{Path: path, Data: data}}})
	return err
}
