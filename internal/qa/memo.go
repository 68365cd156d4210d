package qa

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/project"
)

// The checks of a pair are pure: the same texts, syntax, locales and
// rules give the same issues. A project may carry a cache of them
// (project.SetFindings) that outlives the run; its entries are keyed by
// the pair and by what the caller salted the cache with (the program and
// the configuration, from which the Rules come: see RulesOf). What
// depends on the project's state, whether a reviewer accepted a finding
// and whether a check is off, is applied after, on every run.

// checkVersion changes whenever a check may answer differently, so that
// no cache trusts an answer of older checks (the CLI also salts the cache
// with the program's own hash).
const checkVersion = "1"

// memoIssues is what check (the errors alone for "errors", every check for
// "pair") says of pr, from p's cache when it knows.
func memoIssues(p *project.Project, kind string, pr Pair, check func() []Issue) []Issue {
	fc := p.Findings()
	if fc == nil {
		return check()
	}
	// the kind, the checks' version, both locales and the syntax make
	// the "locale" part of the key: entries of the gate (gateErrors)
	// never meet these
	k := cache.FindingsKey{Locale: strings.Join([]string{kind, checkVersion, pr.From.String(), pr.To.String(),
		strconv.FormatBool(pr.Markdown), strconv.FormatBool(pr.HTMLTags)}, " "), Source: pr.Source, Translation: pr.Translation}
	if v, ok := fc.Get(k); ok {
		if out, err := decodeIssues(v); err == nil {
			return out
		}
	}
	out := check()
	if v, err := encodeIssues(out); err == nil {
		fc.Put(k, v)
	}
	return out
}

// storedIssue is an Issue as the cache keeps it (JSON writes a severity
// by name, and reads it back by number here).
type storedIssue struct {
	Issue
	Severity int `json:"severity"`
}

// encodeIssues is the cache's value of issues: nothing for none.
func encodeIssues(issues []Issue) ([]byte, error) {
	if len(issues) == 0 {
		return nil, nil
	}
	out := make([]storedIssue, len(issues))
	for i, is := range issues {
		out[i] = storedIssue{Issue: is, Severity: int(is.Severity)}
	}
	return json.Marshal(out)
}

func decodeIssues(v []byte) ([]Issue, error) {
	if len(v) == 0 {
		return nil, nil
	}
	var in []storedIssue
	if err := json.Unmarshal(v, &in); err != nil {
		return nil, err
	}
	out := make([]Issue, len(in))
	for i, s := range in {
		out[i] = s.Issue
		out[i].Severity = Severity(s.Severity)
	}
	return out, nil
}
