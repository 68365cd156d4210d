// Command server is the reference app for the l10n package: it serves a
// healthloc project's articles, localized per request, from the project's
// catalogs at run time.
//
//	go run ./examples/server                      # the repository's example project
//	go run ./examples/server -project DIR -addr 127.0.0.1:8080
//
// Each request gets the locale that best matches its Accept-Language
// header, or the one named by ?lang= (which links then keep). Every page
// says its language in Content-Language and <html lang dir>, answers
// Vary: Accept-Language, and marks each block whose text fell back to
// another locale with that locale's lang (and dir when it differs).
// Outdated translations are never served: l10n refuses them at load.
//
// It uses only the public package github.com/healthloc/healthloc/l10n.
// An app shipping one binary would embed the project instead of reading
// it from disk:
//
//	//go:embed healthloc.toml all:content all:locales
//	var project embed.FS
//	c, err := l10n.LoadProject(project)
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/healthloc/healthloc/l10n"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("project", ".", "folder holding healthloc.toml, the content and the catalogs")
	flag.Parse()
	c, err := l10n.LoadProject(os.DirFS(*dir))
	if err != nil {
		log.Fatalf("server: %v", err)
	}
	for _, r := range c.Refused() {
		log.Printf("refused %s %s (%s): %s", r.Locale, r.ID, r.File, r.Reason)
	}
	fmt.Fprintf(os.Stderr, "serving %d articles in %v on http://%s/\n", len(c.Documents()), c.Locales(), *addr)
	srv := &http.Server{Addr: *addr, Handler: newHandler(c), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
