package cli

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/healthloc/healthloc/internal/corpus"
)

// TestWithSignals checks the signal handling in-process: the first
// signal cancels the context with a cause that names it and gives the
// exit code, and a second one exits at once.
func TestWithSignals(t *testing.T) {
	var errOut syncBuffer
	exited := make(chan int, 1)
	ctx, stop := withSignals(context.Background(), &errOut, func(code int) { exited <- code })
	defer stop()
	must(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	var in *interrupted
	if !errors.As(context.Cause(ctx), &in) || in.code() != 143 || in.Error() != "interrupted by SIGTERM" {
		t.Fatalf("cause %v", context.Cause(ctx))
	}
	must(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("second signal: exit %d, want 130", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second signal did not exit")
	}
	if got := errOut.String(); got != "healthloc: interrupted by SIGINT again: stopped at once; the next run takes over its lock\n" {
		t.Errorf("stderr %q", got)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestInterruptExtract sends SIGTERM to an extract run on a generated
// project once it has written temporary files: it exits with 128 + the
// signal's number and one line, leaves no lock and no temporary file,
// and the catalogs are byte for byte what they were.
func TestInterruptExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("runs extract on a generated project")
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGTERM, 143, "SIGTERM"}} { // SIGINT: extract_interrupt.txtar
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			must(t, corpus.Generate(corpus.Options{Docs: 300, Locales: []string{"es", "fr"}, Seed: 2, Translated: 0.6, Stale: 0.1}, corpusWriter(dir)))
			before := readTree(t, dir)
			cmd := exec.Command(os.Args[0], "-C", dir, "extract")
			cmd.Env = append(os.Environ(), "HEALTHLOC_AS_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			must(t, cmd.Start())
			for !hasTemp(dir) {
				time.Sleep(2 * time.Millisecond)
			}
			must(t, cmd.Process.Signal(tc.sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit %v, want %d; stderr: %s", err, tc.code, stderr.String())
			}
			if want := "healthloc: interrupted by " + tc.name + ": stopped before changing any file\n"; stderr.String() != want {
				t.Errorf("stderr %q, want %q", stderr.String(), want)
			}
			after := readTree(t, dir)
			for name, data := range before {
				if after[name] != data {
					t.Errorf("%s changed", name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("%s left behind", name)
				}
			}
		})
	}
}

// hasTemp reports whether a temporary catalog exists under dir/locales.
func hasTemp(dir string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(filepath.Join(dir, "locales"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			return found
		}
		return nil
	})
	return err == found
}
