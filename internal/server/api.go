package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
)

// entryRequest is the body of every entry action.
type entryRequest struct {
	Locale   string `json:"locale"`
	Document string `json:"document"`
	ID       string `json:"id"`
	// Base is the hash of the translation the editor loaded (a save);
	// Hash the hash of the text a reviewer judged (the review actions).
	Base string `json:"base"`
	Hash string `json:"hash"`
	// Parts are the editor's text (a save, a check).
	Parts    []Part `json:"parts"`
	Override string `json:"override"`
	Comment  string `json:"comment"`
	Check    string `json:"check"`
	Reason   string `json:"reason"`
}

// target is an entry named in a request, checked.
type target struct {
	snap  *snapshot
	entry edit.Entry
	seg   content.Segment
	codes codes
}

// readTarget reads and checks the entry a request names: a target
// locale the user works on, a document of the project, a message of the
// document. Only names found in the project are used.
func (s *Server) readTarget(w http.ResponseWriter, r *http.Request, loc, doc, id string) (target, bool) {
	for _, v := range []string{loc, doc, id} {
		if !validName(v) {
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("%q is not a valid locale, document or message name", v))
			return target{}, false
		}
	}
	snap, tag, d, ok := s.docParams(w, r, loc, doc)
	if !ok {
		return target{}, false
	}
	for i, mid := range d.IDs {
		if mid == id {
			_, cs := sourceParts(d.Segments[i])
			return target{snap: snap, entry: edit.Entry{Loc: tag, Doc: d, ID: id}, seg: d.Segments[i], codes: cs}, true
		}
	}
	s.fail(w, r, http.StatusNotFound, fmt.Sprintf("no message %q in %s", id, d.Path))
	return target{}, false
}

// readBody decodes a JSON entry request and its entry.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) (entryRequest, target, bool) {
	var req entryRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.fail(w, r, http.StatusBadRequest, "the request is not valid JSON: "+err.Error())
		return req, target{}, false
	}
	t, ok := s.readTarget(w, r, req.Locale, req.Document, req.ID)
	return req, t, ok
}

func (s *Server) apiEntry(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	t, ok := s.readTarget(w, r, q.Get("locale"), q.Get("document"), q.Get("id"))
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"html": s.fragment("row", s.view(r, t, s.rowOf(t)))})
}

// view is the row template's data for an entry.
func (s *Server) view(r *http.Request, t target, rw row) rowView {
	return rowView{R: rw, Source: infoOf(t.snap.cfg.Source()), Locale: infoOf(t.entry.Loc),
		Review: sessionOf(r).user.CanReview(t.entry.Loc)}
}

// rowOf is the editor's entry of t as the snapshot has it.
func (s *Server) rowOf(t target) row {
	return rowOf(t.snap, s.checks, t.entry, t.seg, t.n())
}

// n is the index of the entry's first segment, which numbers its row.
func (t target) n() int {
	return max(slices.Index(t.entry.Doc.IDs, t.entry.ID), 0)
}

func (s *Server) apiOverview(w http.ResponseWriter, r *http.Request) {
	snap, err := s.store.snapshot(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	u := sessionOf(r).user
	etag := fmt.Sprintf("%q", snap.key+"-"+u.Login)
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ov := s.overviewFor(snap, u)
	data := map[string]any{"Overview": ov, "Show": map[string]bool{}}
	writeJSON(w, http.StatusOK, map[string]any{"key": ov.Key, "overview": ov,
		"tbody": s.fragment("ovbody", data), "tfoot": s.fragment("ovfoot", data)})
}

// readText reads a request that carries an entry's text, and the text
// with the entry's protected tokens put back.
func (s *Server) readText(w http.ResponseWriter, r *http.Request) (entryRequest, target, string, bool) {
	req, t, ok := s.readBody(w, r)
	if !ok {
		return req, t, "", false
	}
	text, err := join(req.Parts, t.codes)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return req, t, "", false
	}
	return req, t, text, true
}

// apiCheck runs the checks on the editor's text as the translator types.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	_, t, text, ok := s.readText(w, r)
	if !ok {
		return
	}
	text = edit.Clean(text)
	found := edit.Mark(t.snap.p, t.entry, text, s.checks.check(t.snap, t.entry, text))
	if found == nil {
		found = []edit.Finding{}
	}
	rw := row{N: t.n(), Findings: found}
	blocking := slices.ContainsFunc(found, edit.Blocks)
	writeJSON(w, http.StatusOK, map[string]any{"findings": found, "blocking": blocking, "html": s.fragment("findings", s.view(r, t, rw))})
}

func (s *Server) apiSave(w http.ResponseWriter, r *http.Request) {
	req, t, text, ok := s.readText(w, r)
	if !ok {
		return
	}
	s.act(w, r, t, req.Parts, func(p *project.Project, e edit.Entry) (edit.Change, error) {
		return edit.Save(p, e, req.Base, text)
	})
}

// reviewer is a review action on an entry: approve, reject, accept.
type reviewer func(p *project.Project, rules *qa.Rules, e edit.Entry, req entryRequest, login string) (edit.Change, error)

func approve(p *project.Project, rules *qa.Rules, e edit.Entry, req entryRequest, login string) (edit.Change, error) {
	return edit.Approve(p, rules, e, req.Hash, login, req.Override)
}

func reject(p *project.Project, _ *qa.Rules, e edit.Entry, req entryRequest, login string) (edit.Change, error) {
	return edit.Reject(p, e, req.Hash, login, req.Comment)
}

func accept(p *project.Project, rules *qa.Rules, e edit.Entry, req entryRequest, login string) (edit.Change, error) {
	return edit.Accept(p, rules, e, req.Hash, req.Check, login, req.Reason)
}

// review handles a review action, for reviewers of the locale only; the
// account name is recorded as the reviewer.
func (s *Server) review(do reviewer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req, t, ok := s.reviewBody(w, r)
		if !ok {
			return
		}
		login := sessionOf(r).user.Login
		s.act(w, r, t, nil, func(p *project.Project, e edit.Entry) (edit.Change, error) {
			return do(p, qa.RulesOf(p.Config), e, req, login)
		})
	}
}

// reviewBody reads a review action and refuses it to anyone who is not
// a reviewer of the locale.
func (s *Server) reviewBody(w http.ResponseWriter, r *http.Request) (entryRequest, target, bool) {
	req, t, ok := s.readBody(w, r)
	if !ok {
		return req, t, false
	}
	if u := sessionOf(r).user; !u.CanReview(t.entry.Loc) {
		s.fail(w, r, http.StatusForbidden, fmt.Sprintf("your account (%s, %s) cannot approve, reject or accept findings in %s: a reviewer must",
			u.Login, u.Role, t.entry.Loc))
		return req, t, false
	}
	return req, t, true
}

// act runs one change on the project read afresh under the lock, writes
// it, logs it in the audit log and answers with the entry as it is now.
// A change refused for a conflict answers 409 with the entry as it is,
// so that the editor can show both versions.
func (s *Server) act(w http.ResponseWriter, r *http.Request, t target, yours []Part, change func(*project.Project, edit.Entry) (edit.Change, error)) {
	u := sessionOf(r).user
	// a write once begun is finished, even if the browser goes away
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), s.opts.LockTimeout+time.Minute)
	defer cancel()
	var ch edit.Change
	err := s.store.write(ctx, func(p *project.Project) (plan.Plan, error) {
		e, err := edit.Find(p, t.entry.Loc, t.entry.Doc.Slug, t.entry.ID)
		if err != nil {
			return plan.Plan{}, err
		}
		ch, err = change(p, e)
		return ch.Plan, err
	}, func(p *project.Project) error {
		if ch.Unchanged {
			return nil
		}
		return appendAudit(p.Config, auditEntry{
			Time: s.opts.Now().UTC().Format(time.RFC3339), User: u.Login, Role: u.Role, Action: ch.Action,
			Locale: t.entry.Loc.String(), Document: t.entry.Doc.Path, ID: t.entry.ID, Old: ch.Old, New: ch.New, Note: ch.Note,
		})
	})
	var (
		conflict *edit.Conflict
		invalid  *edit.Invalid
		refused  *edit.Refused
	)
	switch {
	case err == nil:
	case errors.As(err, &conflict):
		data := map[string]any{"State": conflict.State.String(), "Text": translationParts(t.seg, conflict.Text, t.codes),
			"Yours": yours, "Hash": conflict.Hash, "Locale": infoOf(t.entry.Loc), "By": lastWrite(t.snap.cfg, t.entry.Loc.String(), t.entry.ID)}
		writeJSON(w, http.StatusConflict, map[string]any{"error": conflict.Error(), "hash": conflict.Hash,
			"html": s.fragment("conflict", data), "row": s.freshRow(r, t)})
		return
	case errors.As(err, &refused):
		rw := row{N: t.n(), Findings: refused.Findings}
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": refused.Error(), "findings": refused.Findings,
			"findings_html": s.fragment("findings", s.view(r, t, rw))})
		return
	case errors.As(err, &invalid):
		s.fail(w, r, http.StatusUnprocessableEntity, invalid.Error())
		return
	case errors.Is(err, edit.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, err.Error())
		return
	case errors.Is(err, plan.ErrLocked):
		s.fail(w, r, http.StatusServiceUnavailable, "another healthloc run is writing the project; try again in a moment ("+err.Error()+")")
		return
	default:
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"action": ch.Action, "unchanged": ch.Unchanged, "note": ch.Note, "row": s.freshRow(r, t)})
}

// freshRow is the editor's HTML of t's entry as the project on disk has
// it now.
func (s *Server) freshRow(r *http.Request, t target) string {
	snap, err := s.store.snapshot(r.Context())
	if err != nil {
		return ""
	}
	for _, d := range snap.p.Docs {
		if d.Slug != t.entry.Doc.Slug {
			continue
		}
		for i, id := range d.IDs {
			if id == t.entry.ID {
				ft := target{snap: snap, entry: edit.Entry{Loc: t.entry.Loc, Doc: d, ID: id}, seg: d.Segments[i], codes: t.codes}
				return s.fragment("row", s.view(r, ft, s.rowOf(ft)))
			}
		}
	}
	return ""
}
