package cache

import (
	"bufio"
	"encoding/gob"
	"os"
	"path/filepath"
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

// WriteGob writes v as the cache file name, atomically: a reader sees the
// old file or the new one. Like Save, a failure is for the caller to
// report as a warning: the cache is never needed.
func WriteGob(projectDir, name string, version int, v any) error {
	dir := filepath.Join(projectDir, Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+name+"-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	enc := gob.NewEncoder(w)
	if err = enc.Encode(version); err == nil {
		if err = enc.Encode(v); err == nil {
			err = w.Flush()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
