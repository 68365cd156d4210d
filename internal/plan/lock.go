package plan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrLocked reports that another run holds the lock.
var ErrLocked = errors.New("locked by another healthloc run")

// Lock takes the lock file at path, which stops two runs from writing the
// same catalogs at once. It waits up to timeout for another run to finish.
// A lock whose process is dead (same host, no such PID) is stale and is
// taken over. The returned function releases the lock.
func Lock(path string, timeout time.Duration) (func() error, error) {
	return LockContext(context.Background(), path, timeout)
}

// LockContext is Lock that stops waiting, and returns the context's
// cause, once ctx is done.
func LockContext(ctx context.Context, path string, timeout time.Duration) (func() error, error) {
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	host, _ := os.Hostname()
	me := fmt.Sprintf("%d %s\n", os.Getpid(), host)
	deadline := time.Now().Add(timeout)
	wait := 10 * time.Millisecond
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(me)
			cerr := f.Close()
			if werr != nil || cerr != nil {
				os.Remove(path)
				return nil, fmt.Errorf("%s: %w", path, errors.Join(werr, cerr))
			}
			return func() error {
				if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("%s: %w", path, err)
				}
				return nil
			}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if staleLock(path, host) {
			// Rename first so that two runs taking over the same stale
			// lock cannot both remove a lock the other just created.
			tmp := fmt.Sprintf("%s.stale-%d", path, os.Getpid())
			if os.Rename(path, tmp) == nil {
				os.Remove(tmp)
			}
			continue
		}
		if time.Now().After(deadline) {
			owner, _ := os.ReadFile(path)
			return nil, fmt.Errorf("%s: %w (%s); waited %s; if no other run is active, delete the file",
				path, ErrLocked, describeOwner(owner), timeout)
		}
		select {
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		case <-time.After(wait):
		}
		if wait < 200*time.Millisecond {
			wait *= 2
		}
	}
}

// staleLock reports whether the lock at path was left by a process of
// this host that no longer exists.
func staleLock(path, host string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	pid, owner, ok := parseOwner(data)
	if !ok {
		// A lock file with no owner line yet is being written; an old
		// one was left by a run killed mid-write.
		info, err := os.Stat(path)
		return err == nil && time.Since(info.ModTime()) > 5*time.Second
	}
	if owner != host {
		return false
	}
	err = syscall.Kill(pid, 0)
	return errors.Is(err, syscall.ESRCH)
}

func parseOwner(data []byte) (int, string, bool) {
	pidText, host, ok := strings.Cut(strings.TrimSpace(string(data)), " ")
	if !ok {
		return 0, "", false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return 0, "", false
	}
	return pid, host, true
}

func describeOwner(data []byte) string {
	if pid, host, ok := parseOwner(data); ok {
		return fmt.Sprintf("process %d on %s", pid, host)
	}
	return "owner unknown"
}
