package cli

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeLoopbackAndStop starts serve on a free port: it listens on
// 127.0.0.1 only, answers with the token it printed, and a cancelled
// context (a signal) stops it cleanly with exit 0.
func TestServeLoopbackAndStop(t *testing.T) {
	dir := esProject(t, "Drink water.\n")
	if f := newServeCmd(&IO{}, &globalOptions{}).Flags().Lookup("addr"); f.DefValue != "127.0.0.1:8080" {
		t.Errorf("--addr defaults to %q", f.DefValue)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	var errOut syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &IO{In: strings.NewReader(""), Out: outW, ErrOut: &errOut}, []string{"-C", dir, "serve", "--addr", "127.0.0.1:0", "--name", "kim"})
		outW.Close()
	}()
	line := make([]byte, 256)
	n, err := outR.Read(line)
	if err != nil {
		t.Fatalf("no address printed: %v; stderr %s", err, errOut.String())
	}
	go io.Copy(io.Discard, outR)
	m := regexp.MustCompile(`http://(127\.0\.0\.1:[0-9]+)/\?token=([A-Za-z0-9_-]{43})`).FindStringSubmatch(string(line[:n]))
	if m == nil {
		t.Fatalf("printed %q", line[:n])
	}
	host, _, _ := net.SplitHostPort(m[1])
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Errorf("listening on %s", m[1])
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Timeout: 10 * time.Second, Jar: jar}
	res, err := c.Get("http://" + m[1] + "/?token=" + m[2])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Signed in as <strong>kim</strong>") {
		t.Errorf("the workspace answered %s:\n%s", res.Status, body)
	}
	cancel()
	select {
	case got := <-code:
		if got != 0 {
			t.Errorf("stopped with exit %d; stderr %s", got, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop when its context was cancelled")
	}
	if _, err := c.Get("http://" + m[1] + "/"); err == nil {
		t.Error("still listening after it stopped")
	}
	if _, err := os.Stat(filepath.Join(dir, ".healthloc.lock")); err == nil {
		t.Error("a lock was left behind")
	}
}
