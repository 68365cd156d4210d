package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/healthloc/healthloc/internal/cache"
)

// A command that only reads the project (status, check) says the same
// thing again when nothing it reads changed. replay keeps its last report
// in the cache folder, under a fingerprint of the configuration, the
// command's options, the program, and the size and modification time of
// every file under the content root, the catalog root and the work area.
// When the fingerprint matches, the stored stdout, stderr, warnings and
// exit status are given back without reading the project. A report is
// stored only for a run that ended well or failed its gate (exit 0 or 1),
// when every file is older than the racy window (a file changed within it
// could change again without a new size or time), and never when stderr
// is a terminal (a progress bar would be part of it).

// replay runs cmd, or answers for it from the cache. opts are the
// command's options, which go into the fingerprint.
func (g *globalOptions) replay(stdio *IO, name string, opts any, cmd func(stdio *IO) error) error {
	if g.NoCache || stdio.ErrTTY {
		return cmd(stdio)
	}
	cfg, err := g.config()
	if err != nil {
		return cmd(stdio)
	}
	what := fmt.Sprintf("%s %#v quiet=%t color=%t,%t,%t,%t", name, opts, g.Quiet,
		stdio.OutTTY, stdio.ErrTTY, stdio.NoColor, stdio.ForceColor)
	scope, ok := g.cacheScope(cfg, what)
	if !ok {
		return cmd(stdio)
	}
	// the files' sizes and times, not their bytes: a report is only
	// stored when every file is older than the racy window (see
	// cache.Tree.Settled), so a later change always shows
	h := sha256.New()
	fmt.Fprintf(h, "%q\n", scope)
	trees, err := g.projectTrees(cfg)
	if err != nil {
		return cmd(stdio)
	}
	settled := true
	now := time.Now().UnixNano()
	for i, root := range []string{cfg.ContentRoot, cfg.CatalogRoot, cfg.WorkRoot} {
		fmt.Fprintf(h, "root %q\n", root)
		trees[i].Fingerprint(h)
		settled = settled && trees[i].Settled(now)
	}
	sum := sha256.Sum256([]byte(what))
	file := filepath.Join(cfg.Dir, cache.Dir, "report-"+name+"-"+hex.EncodeToString(sum[:8]))
	key := hex.EncodeToString(h.Sum(nil)) + "\n"
	if r, ok := readReport(file, key); ok {
		if _, err := stdio.Out.Write(r.out); err != nil {
			return err
		}
		if _, err := stdio.ErrOut.Write(r.errOut); err != nil {
			return err
		}
		g.notes = append(g.notes, r.warnings...)
		if r.code == exitGate {
			return &exitError{code: exitGate, err: errors.New(r.msg)}
		}
		return nil
	}
	if !settled {
		return cmd(stdio) // its report would not be kept
	}
	var outBuf, errBuf bytes.Buffer
	tee := *stdio
	tee.Out = io.MultiWriter(stdio.Out, &outBuf)
	tee.ErrOut = io.MultiWriter(stdio.ErrOut, &errBuf)
	err = cmd(&tee)
	r := report{out: outBuf.Bytes(), errOut: errBuf.Bytes(), warnings: g.warnings()}
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.code == exitGate:
		r.code, r.msg = exitGate, err.Error()
	default:
		return err
	}
	// a report that cannot be kept is only a slower next run
	_ = writeReport(file, key, r)
	return err
}

// report is what a command said.
type report struct {
	out, errOut []byte
	warnings    []string
	code        int
	msg         string
}

// writeReport stores r under key: the key's line, then each part
// length-prefixed.
func writeReport(file, key string, r report) error {
	var b bytes.Buffer
	b.WriteString(key)
	put := func(p []byte) {
		b.Write(binary.AppendUvarint(nil, uint64(len(p))))
		b.Write(p)
	}
	put(r.out)
	put(r.errOut)
	put([]byte(fmt.Sprint(r.code)))
	put([]byte(r.msg))
	for _, w := range r.warnings {
		put([]byte(w))
	}
	return cache.WriteFile(file, b.Bytes())
}

// readReport reads the report stored under key; ok is false when there
// is none, it is for another key, or it is corrupt.
func readReport(file, key string) (report, bool) {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(key)) {
		return report{}, false
	}
	rest := data[len(key):]
	var parts [][]byte
	for len(rest) > 0 {
		n, w := binary.Uvarint(rest)
		if w <= 0 || uint64(len(rest)-w) < n {
			return report{}, false
		}
		parts = append(parts, rest[w:w+int(n)])
		rest = rest[w+int(n):]
	}
	if len(parts) < 4 {
		return report{}, false
	}
	r := report{out: parts[0], errOut: parts[1], msg: string(parts[3])}
	if _, err := fmt.Sscan(string(parts[2]), &r.code); err != nil || (r.code != exitOK && r.code != exitGate) {
		return report{}, false
	}
	for _, w := range parts[4:] {
		r.warnings = append(r.warnings, string(w))
	}
	return r, true
}
