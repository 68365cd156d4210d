package plan

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "locales", ".healthloc.lock")
	unlock, err := Lock(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(path, 50*time.Millisecond)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("second lock: %v, want ErrLocked naming %s", err, path)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	unlock2, err := Lock(path, time.Second)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	unlock2()
}

func TestLockWaitsForRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".healthloc.lock")
	unlock, err := Lock(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		unlock()
	}()
	unlock2, err := Lock(path, 5*time.Second)
	if err != nil {
		t.Fatalf("waiting run: %v", err)
	}
	unlock2()
}

func TestLockTakesOverDeadOwner(t *testing.T) {
	// a process that has exited: its PID is free
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	host, _ := os.Hostname()
	path := filepath.Join(t.TempDir(), ".healthloc.lock")
	if err := os.WriteFile(path, []byte(strings.Join([]string{itoa(cmd.Process.Pid), host}, " ")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err := Lock(path, 100*time.Millisecond)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), itoa(os.Getpid())+" ") {
		t.Errorf("lock file holds %q", data)
	}
	unlock()
}

func TestLockKeepsLiveOwnerOnOtherHost(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".healthloc.lock")
	if err := os.WriteFile(path, []byte("1 some-other-host\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(path, 50*time.Millisecond); !errors.Is(err, ErrLocked) {
		t.Fatalf("lock of another host taken: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestLockContext stops waiting for a lock when the context is done.
func TestLockContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".healthloc.lock")
	unlock, err := Lock(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	stop := errors.New("interrupted")
	ctx, cancel := context.WithCancelCause(context.Background())
	go func() {
		time.Sleep(50 * time.Millisecond)
		cancel(stop)
	}()
	if _, err := LockContext(ctx, path, time.Minute); !errors.Is(err, stop) {
		t.Fatalf("LockContext: %v, want the cause", err)
	}
}
