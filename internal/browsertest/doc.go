// Package browsertest drives rendered article pages and the status
// dashboard in headless Chromium (Debian's /usr/bin/chromium) through the
// DevTools protocol, and checks what a reader's browser actually does with
// them: language and direction, fallback languages, layout, that untrusted
// translations cannot run script, and that nothing logs an error. The
// tests skip when Chromium is not installed; CI installs it.
package browsertest
