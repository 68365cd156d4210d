package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/locale"
)

// Checks is the [checks] table: which checks a locale does without.
type Checks struct {
	// Off switches checks off per locale, with the reason, which reports
	// repeat: locale → check name → reason.
	Off map[string]map[string]string `toml:"off"`
}

// CheckNames are the checks a project may switch off by name (the names
// check reports; internal/qa holds a test that they match).
var CheckNames = []string{"numbers", "units", "links", "markup", "placeholders", "glossary", "untranslated", "length"}

// validate checks [checks.off]: real locales, known checks, a reason.
func (c Checks) validate() error {
	for _, loc := range slices.Sorted(maps.Keys(c.Off)) {
		if _, err := locale.Parse(loc); err != nil {
			return fmt.Errorf("checks.off: %w", err)
		}
		for _, name := range slices.Sorted(maps.Keys(c.Off[loc])) {
			if !slices.Contains(CheckNames, name) {
				return fmt.Errorf("checks.off.%s: unknown check %q (one of %s)", loc, name, strings.Join(CheckNames, ", "))
			}
			if strings.TrimSpace(c.Off[loc][name]) == "" {
				return fmt.Errorf("checks.off.%s.%s: give the reason the check is off, as its value", loc, name)
			}
		}
	}
	return nil
}

// CheckOff is the reason check is switched off for loc, or "" when it is
// on. A locale's setting covers the locales under it (ko for ko-KR).
func (c *Config) CheckOff(loc, check string) string {
	if len(c.Checks.Off) == 0 {
		return ""
	}
	t, err := locale.Parse(loc)
	for err == nil && !t.IsRoot() {
		if r := c.Checks.Off[t.String()][check]; r != "" {
			return r
		}
		t = t.Parent()
	}
	return ""
}
