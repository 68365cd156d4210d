package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/healthloc/healthloc/internal/server"
)

type serveOptions struct {
	Addr        string
	AllowRemote bool
	Users       string
	Name        string
	TLSCert     string
	TLSKey      string
	BehindHTTPS bool
	LockTimeout time.Duration
	// HashPassword reads a password on stdin and prints its hash for a
	// users file.
	HashPassword bool
}

func (o *serveOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "`host:port` to listen on; only this computer (127.0.0.1, ::1, localhost) unless --allow-remote")
	f.BoolVar(&o.AllowRemote, "allow-remote", false, "allow an --addr other computers can reach (serve it over HTTPS: --tls-cert, or a proxy and --behind-https)")
	f.StringVar(&o.Users, "users", "", "accounts `file` (TOML: [user.NAME] with name, role, locales, password hash); without it, access is by a token printed at start")
	f.StringVar(&o.Name, "name", "", "account `name` the token's holder is recorded under in reviews and the audit log (default: your user name)")
	f.StringVar(&o.TLSCert, "tls-cert", "", "serve HTTPS with this certificate `file` (PEM)")
	f.StringVar(&o.TLSKey, "tls-key", "", "the certificate's private key `file` (PEM)")
	f.BoolVar(&o.BehindHTTPS, "behind-https", false, "the workspace is reached through an HTTPS proxy: mark cookies Secure")
	f.DurationVar(&o.LockTimeout, "lock-timeout", 10*time.Second, "how long a save waits for another healthloc run's lock on the catalogs")
	f.BoolVar(&o.HashPassword, "hash-password", false, "read a password on stdin, print its argon2id hash for a users file, and exit")
}

func newServeCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &serveOptions{}
	return command(&cobra.Command{
		Use:   "serve",
		Short: "Start the browser workspace for translators and reviewers",
		Long: `Start the browser workspace: an overview of every document's coverage in
every locale, an editor for translators, review actions for medical
reviewers (approve, approve with an override reason, reject a candidate,
accept a finding) and previews of the rendered pages.

It listens on 127.0.0.1:8080 by default, reachable from this computer
only; any other address needs --allow-remote. Without --users, it prints an
address with a random access token: open it in a browser. With --users,
people sign in with the accounts of the file, whose roles are translator
(for the locales listed), reviewer and admin.

Saves take the same lock and write the same files atomically as the
command line, so both may run at once; a save is refused, with both
versions shown, if the entry changed since the page loaded. Every write is
recorded in <work_root>/audit.log. Stop it with Ctrl-C (or SIGTERM):
requests in progress, saves among them, finish first, and it exits 0.
The users file is read at start; restart to apply a change to it.

` + exitCodesHelp,
		Args: noArgs,
	}, o, func(ctx context.Context, _ []string) error { return runServe(ctx, io, g, o) })
}

func runServe(ctx context.Context, io *IO, g *globalOptions, o *serveOptions) error {
	if o.HashPassword {
		return hashPassword(io)
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	loopback, err := server.CheckAddr(o.Addr, o.AllowRemote)
	if err != nil {
		return usageError(err)
	}
	cfg, err := g.config()
	if err != nil {
		return err
	}
	// behind a proxy the Host is the public name, which the proxy vouches
	// for; on its own, the workspace answers only to a loopback name
	opts := server.Options{Dir: g.Dir, Encoding: g.Encoding, LockTimeout: o.LockTimeout, Loopback: loopback && !o.BehindHTTPS,
		SecureCookies: o.BehindHTTPS || o.TLSCert != "",
		Logf:          func(format string, args ...any) { fmt.Fprintf(io.ErrOut, "healthloc serve: "+format+"\n", args...) }}
	if o.Users != "" {
		if opts.Users, err = server.LoadUsers(o.Users, cfg.Targets()); err != nil {
			return err
		}
	} else {
		opts.Token, opts.TokenUser = server.NewToken(), tokenHolder(o.Name)
	}
	srv, err := server.New(ctx, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if o.TLSCert != "" {
		scheme = "https"
	}
	addr := ln.Addr().String()
	if host, port, err := net.SplitHostPort(o.Addr); err == nil && host == "localhost" {
		_, real, _ := net.SplitHostPort(addr)
		addr = net.JoinHostPort(host, cmpOr(real, port))
	}
	url := scheme + "://" + addr + "/"
	if opts.Token != "" {
		fmt.Fprintf(io.Out, "healthloc workspace: %s?token=%s\n", url, opts.Token)
		fmt.Fprintf(io.Out, "open it in a browser; anyone with this address can edit the translations as %s\n", opts.TokenUser)
	} else {
		fmt.Fprintf(io.Out, "healthloc workspace: %s (%d accounts from %s)\n", url, len(opts.Users), o.Users)
	}
	if !loopback && o.TLSCert == "" && !o.BehindHTTPS {
		fmt.Fprintln(io.ErrOut, "healthloc serve: warning: other computers can reach this address over plain HTTP; serve it behind HTTPS")
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: log.New(io.ErrOut, "healthloc serve: ", 0)}
	if err := serveUntil(ctx, hs, ln, o); err != nil {
		return err
	}
	if !g.Quiet {
		fmt.Fprintln(io.ErrOut, "healthloc serve: stopped")
	}
	return nil
}

// serveUntil serves on ln until ctx is done (a signal), then shuts the
// server down: requests under way, a save among them, finish first.
func serveUntil(ctx context.Context, hs *http.Server, ln net.Listener, o *serveOptions) error {
	done := make(chan error, 1)
	go func() {
		if o.TLSCert != "" {
			done <- hs.ServeTLS(ln, o.TLSCert, o.TLSKey)
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// writes under way finish; new requests are refused
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.LockTimeout+time.Minute)
	defer cancel()
	if err := hs.Shutdown(stop); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" && a != "0" {
		return a
	}
	return b
}

// tokenHolder is the account name of the token's holder: --name, else
// the user running healthloc.
func tokenHolder(name string) string {
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "owner"
}

// hashPassword reads one line from stdin, without echo on a terminal,
// and prints its argon2id hash.
func hashPassword(io *IO) error {
	if f, ok := io.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(io.ErrOut, "password: ")
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.ErrOut)
		if err != nil {
			return err
		}
		h, err := server.HashPassword(string(pw))
		if err != nil {
			return usageError(err)
		}
		fmt.Fprintln(io.Out, h)
		return nil
	}
	line, err := bufio.NewReader(io.In).ReadString('\n')
	if err != nil && line == "" {
		return usagef("--hash-password reads the password on stdin: got nothing")
	}
	h, err := server.HashPassword(strings.TrimRight(line, "\r\n"))
	if err != nil {
		return usageError(err)
	}
	fmt.Fprintln(io.Out, h)
	return nil
}
