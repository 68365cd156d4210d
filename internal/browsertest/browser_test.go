package browsertest

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium is Debian's browser, which .ci/run installs.
const chromium = "/usr/bin/chromium"

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	stopTeam()
	if browserCancel != nil {
		browserCancel()
	}
	os.Exit(code)
}

// tab opens a new tab in the shared headless browser, started on first
// use, with a 1024×768 viewport and a per-test time limit. It skips the
// test when Chromium is not installed.
func tab(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("browser tests need %s (apt-get install chromium; .ci/run installs it): %v", chromium, err)
	}
	browserOnce.Do(func() {
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(chromium),
			chromedp.NoSandbox,
			chromedp.Headless,
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.Flag("force-color-profile", "srgb"),
			chromedp.Flag("lang", "en-US"),
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		// The first Run starts the browser; it must not carry a timeout.
		browserErr = chromedp.Do(ctx)
		browserCtx = ctx
		browserCancel = func() { cancelCtx(); cancelAlloc() }
	})
	if browserErr != nil {
		t.Fatalf("starting %s: %v", chromium, browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(tcancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 768)); err != nil {
		t.Fatal(err)
	}
	return tctx
}

// record is what a tab saw: console messages and exceptions, every
// request, and every JavaScript dialog.
type record struct {
	mu       sync.Mutex
	console  []string
	requests []string
	dialogs  []string
}

func (r *record) snapshot() (console, requests, dialogs []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.console...), append([]string(nil), r.requests...), append([]string(nil), r.dialogs...)
}

// watch records the tab's console, requests and dialogs from now on.
// Dialogs are dismissed so that a page that manages to call alert() fails
// the test instead of hanging it.
func watch(t *testing.T, ctx context.Context) *record {
	t.Helper()
	r := &record{}
	dismiss := make(chan struct{}, 8)
	err := chromedp.Listen(ctx, func(ev any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			r.console = append(r.console, string(e.Type)+": "+strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			r.console = append(r.console, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			r.console = append(r.console, string(e.Entry.Level)+": "+e.Entry.Text+" "+e.Entry.URL)
		case *network.EventRequestWillBeSent:
			r.requests = append(r.requests, e.Request.URL)
		case *page.EventJavascriptDialogOpening:
			r.dialogs = append(r.dialogs, string(e.Type)+": "+e.Message)
			select {
			case dismiss <- struct{}{}:
			default:
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-dismiss:
				_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
					return err
				}))
			}
		}
	}()
	return r
}

// serve serves files (paths without a leading slash) on 127.0.0.1.
func serve(t *testing.T, files map[string][]byte) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	srv := httptest.NewServer(http.FileServerFS(fsys))
	t.Cleanup(srv.Close)
	return srv.URL
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
}

// settle makes sure every console event the page caused so far has been
// recorded: it logs a marker and waits until the listener has seen it.
func settle(t *testing.T, ctx context.Context, r *record) {
	t.Helper()
	eval[any](t, ctx, `console.debug("settled"), null`)
	for range 100 {
		c, _, _ := r.snapshot()
		for _, m := range c {
			if strings.Contains(m, "settled") {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the console listener never saw the marker")
}

// noProblems waits for the page to settle and fails t, naming what, if
// it has any problems.
func noProblems(t *testing.T, ctx context.Context, r *record, origin, what string) {
	t.Helper()
	settle(t, ctx, r)
	if p := problems(r, origin); len(p) > 0 {
		t.Errorf("%s: %v", what, p)
	}
}

// problems returns the console entries that are errors or warnings, and
// the requests that left the test server.
func problems(r *record, origin string) []string {
	console, requests, dialogs := r.snapshot()
	var out []string
	for _, m := range console {
		if strings.HasPrefix(m, "error") || strings.HasPrefix(m, "exception") || strings.HasPrefix(m, "warning") {
			out = append(out, m)
		}
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") {
			out = append(out, "request outside the bundle: "+u)
		}
	}
	for _, d := range dialogs {
		out = append(out, "dialog: "+d)
	}
	return out
}
