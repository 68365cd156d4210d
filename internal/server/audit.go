package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/healthloc/healthloc/internal/config"
)

// auditName is the audit log, in the work area's top folder.
const auditName = "audit.log"

// auditEntry is one line of the audit log: one write made through the
// workspace. Old and New are text hashes (project.TextHash) of the
// entry's translation before and after; for a review, of the text judged.
type auditEntry struct {
	Time     string `json:"time"`
	User     string `json:"user"`
	Role     Role   `json:"role"`
	Action   string `json:"action"`
	Locale   string `json:"locale"`
	Document string `json:"document"`
	ID       string `json:"id"`
	Old      string `json:"old"`
	New      string `json:"new"`
	Note     string `json:"note,omitempty"`
}

// AuditPath is the project-relative path of the audit log.
func AuditPath(cfg *config.Config) string { return path.Join(path.Clean(cfg.WorkRoot), auditName) }

// appendAudit adds one line to the audit log and makes it durable. The
// log is append-only JSON Lines; unlike catalogs it holds times, since it
// is a log. It is opened through an os.Root of the work root, so no link
// takes it elsewhere.
func appendAudit(cfg *config.Config, e auditEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	dir := cfg.Abs(cfg.WorkRoot)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if info, err := root.Lstat(auditName); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file: refused", AuditPath(cfg))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := root.OpenFile(auditName, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(append(line, '\n'))
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return fmt.Errorf("%s: %w", AuditPath(cfg), err)
	}
	return nil
}

// lastWrite says who last wrote an entry through the workspace, and
// when, from the audit log ("" when it has no such line): a conflict
// names the other person.
func lastWrite(cfg *config.Config, loc, id string) string {
	root, err := os.OpenRoot(cfg.Abs(cfg.WorkRoot))
	if err != nil {
		return ""
	}
	defer root.Close()
	f, err := root.Open(auditName)
	if err != nil {
		return ""
	}
	defer f.Close()
	var last auditEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	needle := []byte(`"id":` + strconv.Quote(id))
	for sc.Scan() {
		if !bytes.Contains(sc.Bytes(), needle) {
			continue
		}
		var e auditEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Locale == loc && e.ID == id && e.Action == "save" {
			last = e
		}
	}
	if last.User == "" {
		return ""
	}
	return last.User + ", " + strings.Replace(strings.TrimSuffix(last.Time, "Z"), "T", " ", 1) + " UTC"
}
